package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"hallq/server/config"
)

// ErrNotEmpty is returned by Start with Init on a data folder that already
// holds a hall.
var ErrNotEmpty = errors.New("app: data folder not empty")

// notEmpty says which file stops -init.
type notEmpty string

func (n notEmpty) Error() string {
	return "không chạy -init: đã có " + string(n) + "; -init chỉ dùng cho thư mục dữ liệu mới " +
		"(refusing -init: " + string(n) + " exists; -init is for a new data folder)"
}

func (n notEmpty) Unwrap() error { return ErrNotEmpty }

// initHall writes the empty hall of -init and prints the admin's one-time
// password, once. It refuses a folder that has a hall.toml or a hall.db.
func initHall(o Options) error {
	for _, p := range []string{o.Config, filepath.Join(o.Data, "hall.db")} {
		if _, err := os.Stat(p); err == nil {
			return notEmpty(p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	pw, err := config.WriteInit(o.Config, time.Now())
	if errors.Is(err, config.ErrExists) {
		return notEmpty(o.Config)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Stdout, `Đã tạo sảnh mới (new hall written): %s
  Tài khoản quản trị (admin account): %s
  Mật khẩu dùng một lần (one-time password): %s
Mật khẩu này chỉ in ra một lần. Hãy đăng nhập ở địa chỉ bên dưới, đổi mật khẩu
ở trang quản trị, rồi đặt tên sảnh, thêm dịch vụ, quầy, thiết bị và công chức.
(Shown only once: sign in at the address below, change the password on the
admin pages, then name the hall and add services, counters, devices, clerks.)
`, o.Config, config.InitAdmin, pw)
	return nil
}

// Init writes the empty hall of -init (the config file with one admin
// account, its one-time password printed to o.Stdout) without starting the
// server: the Linux package's postinst and the Windows service's install
// run it once for a new hall.
func Init(o Options) error {
	o.defaults()
	if err := os.MkdirAll(o.Data, 0o750); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	return initHall(o)
}

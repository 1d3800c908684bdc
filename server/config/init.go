package config

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"
)

// Placeholders of the empty hall that WriteInit writes; an admin renames
// them on the /admin pages.
const (
	InitHallName    = "Bộ phận Một cửa"
	InitServiceName = "Dịch vụ chung (đổi tên ở trang quản trị)"
	InitAdmin       = "admin"
	// InitPasswordLength is the length of the admin's one-time password.
	InitPasswordLength = 14
)

// passwordAlphabet leaves out characters that are easily misread (0/O,
// 1/l/I) when a password is copied from a screen.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// ErrExists is returned by WriteInit when a file is already at its path.
var ErrExists = errors.New("config: hall.toml already exists")

// WriteInit writes an empty hall to path (server -init): the placeholder
// name and the default hours, one placeholder service (a hall.toml needs
// one), no counter, device or clerk, and one admin account "admin" with a
// random password, which it returns for printing once. It never replaces a
// file: one already at path gives ErrExists.
func WriteInit(path string, at time.Time) (password string, err error) {
	return writeInit(path, at, HashCost)
}

func writeInit(path string, at time.Time, cost int) (string, error) {
	password := randomPassword(InitPasswordLength)
	hash, err := hashWithCost(password, cost)
	if err != nil {
		return "", err
	}
	c := &Config{
		Hall:     Hall{Name: InitHallName}.withDefaults(),
		Services: []Service{{ID: "A", Name: InitServiceName}},
		Supervisors: []Supervisor{{Username: InitAdmin, Name: "Quản trị viên",
			PasswordHash: hash, Role: RoleAdmin}},
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `# hall.toml: cấu hình Bộ phận Một cửa (hall configuration), UTF-8.
# Tạo bằng server -init lúc %s (written by server -init): một sảnh trống.
# Máy chủ chỉ đọc tệp này khi khởi động lần đầu trên một thư mục dữ liệu mới;
# sau đó cấu hình được quản lý ở trang /admin (read only to seed a new hall).
# Bảng [tls] (nếu có) được đọc ở mỗi lần khởi động (read at every start).

`, at.Format("02/01/2006 15:04"))
	if err := toml.NewEncoder(&b).Encode(c); err != nil {
		return "", fmt.Errorf("config: init: %w", err)
	}
	if _, err := parse(path, b.Bytes()); err != nil {
		return "", fmt.Errorf("config: init: %w", err) // a bug: the empty hall breaks a rule
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("config: init: %w", err)
	}
	created, err := writeNew(path, b.Bytes())
	if err != nil {
		return "", err
	}
	if !created {
		return "", ErrExists
	}
	return password, nil
}

// randomPassword returns n characters drawn at random (crypto/rand) from
// passwordAlphabet.
func randomPassword(n int) string {
	b := make([]byte, n)
	limit := 256 - 256%len(passwordAlphabet) // no modulo bias
	for i := 0; i < n; {
		var c [1]byte
		rand.Read(c[:])
		if int(c[0]) >= limit {
			continue
		}
		b[i] = passwordAlphabet[int(c[0])%len(passwordAlphabet)]
		i++
	}
	return string(b)
}

package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"hallq/server/config"
	"hallq/server/store"
)

// ExportConfig returns the configuration stored in the data folder's
// hall.db as a hall.toml (config.Export) that config.Load reads back to the
// same configuration: PINs and passwords as bcrypt hashes only. It opens
// the database read-only; while a server runs on the folder it holds the
// database's lock and ExportConfig fails with a message that says so.
func ExportConfig(data string, at time.Time) ([]byte, error) {
	path := filepath.Join(data, "hall.db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("không có %s: máy chủ chưa từng chạy trên thư mục dữ liệu này (no database: the server never ran on this data folder)", path)
	}
	st, err := store.OpenReadOnly(path)
	if errors.Is(err, store.ErrInUse) {
		return nil, fmt.Errorf("máy chủ đang chạy và giữ tệp %s; hãy dừng máy chủ rồi chạy lại lệnh này "+
			"(the server is running and holds the database: stop it, then export)", path)
	}
	if err != nil {
		return nil, err
	}
	defer st.Close()
	raw, _, ok, err := st.Config()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s chưa có cấu hình lưu trữ (no stored configuration yet)", path)
	}
	var c config.Config
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("cấu hình lưu trữ bị hỏng (stored configuration unreadable): %w", err)
	}
	return config.Export(&c, at)
}

package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/BurntSushi/toml"
)

// Validate checks an in-memory config, such as one an admin has just
// changed, by the rules of SPEC section 2 that Load applies to a file. It
// returns nil or every problem, each naming its table, index and key.
func Validate(c *Config) []*Error {
	p := &problems{}
	validate(c, indexLines(""), p)
	return p.list
}

// Join joins problems into one error, nil when there is none.
func Join(list []*Error) error {
	errs := make([]error, len(list))
	for i, e := range list {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// Clone returns a deep copy of c.
func (c *Config) Clone() *Config {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	var out Config
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	out.Path = c.Path
	return &out
}

// Export writes c as a hall.toml that Load reads back to the same config:
// hashes, never a plain PIN or password. at is the time written in its
// heading.
func Export(c *Config, at time.Time) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# hall.toml: cấu hình Bộ phận Một cửa (hall configuration), UTF-8.
# Xuất từ cấu hình đang dùng lúc %s (exported from the stored configuration).
# Máy chủ chỉ đọc tệp này khi khởi động lần đầu trên một thư mục dữ liệu mới;
# sau đó cấu hình được quản lý ở trang /admin (read only to seed a new hall).
# PIN và mật khẩu chỉ có ở dạng mã băm bcrypt (hashes only).

`, at.Format("02/01/2006 15:04"))
	if err := toml.NewEncoder(&b).Encode(c); err != nil {
		return nil, fmt.Errorf("config: export: %w", err)
	}
	return b.Bytes(), nil
}

package app

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"hallq/server/config"
)

var passwordLine = regexp.MustCompile(`one-time password\): (\S+)`)

// TestInit: -init on a new folder prints a password that signs in as the
// admin; on a folder with a hall it is refused.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var out bytes.Buffer
	s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, Init: true, Stdout: &out,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("-init: %v", err)
	}
	defer s.Close()
	m := passwordLine.FindStringSubmatch(out.String())
	if m == nil || len(m[1]) < 12 || !strings.Contains(out.String(), "Mật khẩu này chỉ in ra một lần") {
		t.Fatalf("-init output has no password of 12+ characters:\n%s", out.String())
	}
	cfg := s.Hall.Config()
	if cfg.Hall.Name != config.InitHallName || len(cfg.Devices)+len(cfg.Clerks)+len(cfg.Counters) != 0 {
		t.Errorf("init hall: %+v", cfg)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "http://" + s.Addr
	for _, tc := range []struct {
		password string
		want     int
	}{{"wrong-password", http.StatusUnauthorized}, {m[1], http.StatusSeeOther}} {
		resp, err := c.PostForm(base+"/login", url.Values{"csrf": {csrfOf(t, c, base+"/login")},
			"username": {"admin"}, "password": {tc.password}, "next": {"/admin/tls"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("sign in as admin with %q: %d, want %d", tc.password, resp.StatusCode, tc.want)
		}
	}
	if resp, err := c.Get(base + "/admin/tls"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("admin page after -init sign-in: %v %v", resp, err)
	}
	s.Close()

	// Again on the same folder: refused, nothing changed.
	before, _ := os.ReadFile(filepath.Join(dir, "hall.toml"))
	_, err = Start(Options{Addr: "127.0.0.1:0", Data: dir, Init: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "không chạy -init") {
		t.Errorf("-init on a used folder: err %v, want ErrNotEmpty", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "hall.toml")); !bytes.Equal(before, after) {
		t.Errorf("refused -init changed hall.toml")
	}
	// A folder with only a hall.db is not empty either.
	only := t.TempDir()
	os.WriteFile(filepath.Join(only, "hall.db"), nil, 0o600)
	if _, err := Start(Options{Data: only, Init: true}); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("-init beside a hall.db: err %v", err)
	}
}

// TestExportConfig: the stored configuration exports as a hall.toml that
// loads back to it, with no plain PIN or password; while the server runs
// the export says so.
func TestExportConfig(t *testing.T) {
	dir := t.TempDir()
	s := startServer(t, dir, nil)
	// A change only the stored configuration has.
	err := s.Hall.UpdateConfig("giamsat", "hall.edit", "hall", func(c *config.Config) error {
		c.Hall.Name = "Sở Công Thương (đã đổi)"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stored := s.Hall.Config()
	if _, err := ExportConfig(dir, time.Now()); err == nil || !strings.Contains(err.Error(), "máy chủ đang chạy") {
		t.Errorf("export while the server runs: err %v, want it to say the server holds the database", err)
	}
	s.Close()

	text, err := ExportConfig(dir, time.Date(2026, 12, 2, 9, 0, 0, 0, ict))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hall.toml")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	back, err := config.Load(path)
	if err != nil {
		t.Fatalf("config.Load(export): %v\n%s", err, text)
	}
	back.Path, stored.Path = "", ""
	if !reflect.DeepEqual(back, stored) {
		t.Errorf("export loads back as\n%+v\nwant\n%+v", back, stored)
	}
	// The test hall's published secrets: PINs 1111… and the password.
	for _, secret := range []string{"giamsat2026", "1111", "2222", "pin ="} {
		if strings.Contains(string(text), secret) {
			t.Errorf("export holds %q", secret)
		}
	}
	if _, err := ExportConfig(t.TempDir(), time.Now()); err == nil || !strings.Contains(err.Error(), "chưa từng chạy") {
		t.Errorf("export of an empty folder: err %v", err)
	}
}

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestTLSTable(t *testing.T) {
	tests := []struct {
		name    string
		table   string
		wantErr string // empty: loads
	}{
		{"absent", "", ""},
		{"enabled", "[tls]\nenabled = true\n", ""},
		{"own certificate", "[tls]\nenabled = true\ncert = \"certs/hall.pem\"\nkey = \"/etc/hall/key.pem\"\n", ""},
		{"cert without key", "[tls]\nenabled = true\ncert = \"hall.pem\"\n", "key is required with cert"},
		{"key without cert", "[tls]\nkey = \"hall-key.pem\"\n", "cert is required with key"},
		{"unknown key", "[tls]\nenable = true\n", `unknown key "enable"`},
		{"wrong type", "[tls]\nenabled = \"yes\"\n", "enabled must be true or false"},
		{"not a table", "tls = true\n", "must be a table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := baseConfig(t)
			if strings.HasPrefix(tt.table, "tls =") {
				text = tt.table + text
			} else {
				text += "\n" + tt.table
			}
			_, err := Load(writeConfig(t, text))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Load error = %v, want one containing %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), "hall.toml:") {
				t.Errorf("error %q names no file and line", err)
			}
		})
	}
}

func TestTLSFilesAndStoredConfig(t *testing.T) {
	text := baseConfig(t) + "\n[tls]\nenabled = true\ncert = \"certs/hall.pem\"\nkey = \"/etc/hall/key.pem\"\n"
	path := writeConfig(t, text)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	cert, key := c.TLSFiles()
	if want := filepath.Join(filepath.Dir(path), "certs", "hall.pem"); cert != want || key != "/etc/hall/key.pem" {
		t.Errorf("TLSFiles = %q, %q; want %q, /etc/hall/key.pem", cert, key, want)
	}
	// [tls] is the file's, not the stored configuration's.
	if cl := c.Clone(); cl.TLS != (TLS{}) {
		t.Errorf("Clone kept [tls]: %+v", cl.TLS)
	}
	out, err := Export(c.Clone(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "[tls]") {
		t.Errorf("export of the stored config writes [tls]:\n%s", out)
	}
}

func TestWriteInit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "hall.toml")
	pw, err := writeInit(path, time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if len(pw) < 12 || strings.ContainsAny(pw, "0O1lI") {
		t.Errorf("password %q: want 12 or more unambiguous characters", pw)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load(init): %v", err)
	}
	admin, ok := c.Supervisor(InitAdmin)
	switch {
	case c.Hall.Name != InitHallName || c.Hall.Open != DefaultOpen || c.Hall.Close != DefaultClose:
		t.Errorf("hall = %+v, want the placeholder name and default hours", c.Hall)
	case len(c.Services) != 1 || len(c.Counters)+len(c.Devices)+len(c.Clerks) != 0 || len(c.Supervisors) != 1:
		t.Errorf("init hall has %d services, %d counters, %d devices, %d clerks, %d supervisors; want 1, 0, 0, 0, 1",
			len(c.Services), len(c.Counters), len(c.Devices), len(c.Clerks), len(c.Supervisors))
	case !ok || !admin.IsAdmin() || !CheckHash(admin.PasswordHash, pw):
		t.Errorf("admin %+v does not sign in with the printed password", admin)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), pw) {
		t.Errorf("hall.toml holds the plain password")
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("hall.toml mode %v, want 0600", st.Mode().Perm())
	}
	if _, err := writeInit(path, time.Now(), bcrypt.MinCost); err != ErrExists {
		t.Errorf("second init: err %v, want ErrExists", err)
	}
	if again, _ := os.ReadFile(path); string(again) != string(data) {
		t.Errorf("second init changed the file")
	}
	if p2 := randomPassword(InitPasswordLength); p2 == pw {
		t.Errorf("two random passwords are equal: %q", pw)
	}
}

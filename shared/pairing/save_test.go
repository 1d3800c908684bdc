package pairing

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cfg", "hallq", "kiosk.json")
	want := Creds{Server: "ws://10.0.0.2:8080/ws", Device: "kiosk-2", Token: "abcdefghijklmnopqrstuvwxyz012345", Role: "kiosk", CAPEM: "-----BEGIN CERTIFICATE-----\n"}
	if err := Save(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil || got != want {
		t.Fatalf("Load: got %+v, %v, want %+v", got, err, want)
	}
	if runtime.GOOS != "windows" {
		for p, mode := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			st, err := os.Stat(p)
			if err != nil || st.Mode().Perm() != mode {
				t.Errorf("%s: got mode %v (%v), want %v", p, st.Mode().Perm(), err, mode)
			}
		}
	}
	want.Token = "another-token-0123456789abcdefgh"
	if err := Save(path, want); err != nil {
		t.Fatal(err)
	}
	if got, _ := Load(path); got.Token != want.Token {
		t.Fatalf("after a second save: got %q", got.Token)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want 1 (no temporary file left)", len(entries))
	}
	if err := Forget(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load after Forget: got %v, want not exist", err)
	}
	if err := Forget(path); err != nil {
		t.Fatalf("Forget twice: %v", err)
	}
}

func TestLoadIncomplete(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.json")
	os.WriteFile(path, []byte(`{"server":"ws://h/ws","device":"kiosk-1"}`), 0o600)
	if _, err := Load(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a file without a token: got %v, want not exist", err)
	}
}

func TestPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/tmp/x")
	t.Setenv("HOME", "/tmp/h")
	p, err := Path("display")
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" && p != "/tmp/x/hallq/display.json" {
		t.Fatalf("got %s", p)
	}
}

func TestHTTPBase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ws://10.0.0.2:8080/ws", "http://10.0.0.2:8080"},
		{"wss://hall.local/ws", "https://hall.local"},
		{"ftp://x/ws", ""},
		{"10.0.0.2:8080", ""},
	}
	for _, tt := range tests {
		got, err := HTTPBase(tt.in)
		if got != tt.want || (tt.want == "") != (err != nil) {
			t.Errorf("HTTPBase(%q): got %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

package xtest

import (
	"bytes"
	"image/png"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// NoLocaleErrors starts the calling package's test binary (so that main's
// imports initialize as in the app) with no language in the environment,
// then with LANG=C, C.UTF-8 and LC_ALL=POSIX, and fails if any run logs a
// locale error.
func NoLocaleErrors(t *testing.T) {
	t.Helper()
	var base []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LANG") && !strings.HasPrefix(kv, "LC_") {
			base = append(base, kv)
		}
	}
	for _, env := range []string{"", "LANG=C", "LANG=C.UTF-8", "LC_ALL=POSIX"} {
		t.Run("env "+env, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(base[:len(base):len(base)], env)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("run: %v\n%s", err, out)
			}
			if strings.Contains(strings.ToLower(string(out)), "locale") {
				t.Errorf("output: got %q, want no locale error", out)
			}
		})
	}
}

// FlagErrorsVietnameseFirst checks an app's flag parsing: a wrong flag or a
// flag without its value gives an error whose first line is Vietnamese and
// second English (after the "prog: " prefix), and usage, written to out,
// that holds "Cách dùng (usage): prog" and each of usage.
func FlagErrorsVietnameseFirst(t *testing.T, prog string, parse func(args []string, out io.Writer) error, usage ...string) {
	t.Helper()
	tests := []struct {
		name           string
		args           []string
		wantVi, wantEn string
	}{
		{"unknown flag", []string{"-fullscren"}, "Không có cờ -fullscren", "flag provided but not defined: -fullscren"},
		{"missing value", []string{"-server"}, "Cờ -server cần một giá trị", "flag needs an argument: -server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := parse(tt.args, &out)
			if err == nil {
				t.Fatalf("err: got nil, want an error")
			}
			lines := strings.Split(strings.TrimPrefix(err.Error(), prog+": "), "\n")
			if len(lines) < 2 || lines[0] != tt.wantVi || lines[1] != tt.wantEn {
				t.Errorf("error lines: got %q, want %q then %q", lines, tt.wantVi, tt.wantEn)
			}
			for _, want := range append([]string{"Cách dùng (usage): " + prog}, usage...) {
				if !strings.Contains(out.String(), want) {
					t.Errorf("usage: got %q, want it to contain %q", out.String(), want)
				}
			}
		})
	}
}

// maxIcon is the most an app's Icon.png may weigh: it is embedded in the
// binary and kept in git.
const maxIcon = 30 << 10

// AppIcon checks an app's Icon.png: a 512x512 PNG (what `fyne package`
// and the desktops want) of at most maxIcon bytes.
func AppIcon(t *testing.T, icon []byte) {
	t.Helper()
	cfg, err := png.DecodeConfig(bytes.NewReader(icon))
	if err != nil {
		t.Fatalf("Icon.png: %v", err)
	}
	if cfg.Width != 512 || cfg.Height != 512 {
		t.Errorf("Icon.png: got %dx%d, want 512x512", cfg.Width, cfg.Height)
	}
	if len(icon) > maxIcon {
		t.Errorf("Icon.png: got %d bytes, want at most %d", len(icon), maxIcon)
	}
}

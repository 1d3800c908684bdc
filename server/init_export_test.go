package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/config"
)

// TestInitRefusedExitsOne: -init on a folder with a hall exits 1 with a
// Vietnamese message; -init with -demo is a flag error (2).
func TestInitRefusedExitsOne(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hall.toml"), []byte("# a hall\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code, _, stderr := runServer(ctx, t, "-init", "-addr", "127.0.0.1:0", "-data", dir)
	if code != 1 || !strings.Contains(stderr, "không chạy -init: đã có") {
		t.Errorf("-init on a used folder: exit %d, stderr %q; want 1 and the reason", code, stderr)
	}
	code, _, stderr = runServer(ctx, t, "-init", "-demo", "-data", t.TempDir())
	if code != 2 || !strings.HasPrefix(stderr, "Cách dùng") || !strings.Contains(stderr, "không dùng -init cùng -demo") {
		t.Errorf("-init -demo: exit %d, stderr %q; want 2", code, stderr)
	}
}

// TestExportConfigCommand: `server export-config -data DIR -o FILE` writes
// a hall.toml that loads; a running server makes it exit 1 saying so.
func TestExportConfigCommand(t *testing.T) {
	dir := t.TempDir()
	s, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	// Three runs of the binary (each opens hall.db); room for a loaded
	// machine under -race.
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	code, _, stderr := runServer(ctx, t, "export-config", "-data", dir)
	if code != 1 || !strings.Contains(stderr, "máy chủ đang chạy") {
		t.Errorf("export-config beside a running server: exit %d, stderr %q", code, stderr)
	}
	s.Close()
	out := filepath.Join(t.TempDir(), "export.toml")
	code, _, stderr = runServer(ctx, t, "export-config", "-data", dir, "-o", out)
	if code != 0 {
		t.Fatalf("export-config: exit %d, stderr %q", code, stderr)
	}
	if _, err := config.Load(out); err != nil {
		t.Errorf("exported file does not load: %v", err)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("exported file mode: %v %v, want 0600", st, err)
	}
	code, stdout, _ := runServer(ctx, t, "export-config", "-data", dir)
	if code != 0 || !strings.Contains(stdout, "[hall]") {
		t.Errorf("export-config to stdout: exit %d, %d bytes", code, len(stdout))
	}
}

package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/server/app"
)

// TestRestoreCommand: "server restore" refuses while the server runs, puts
// a backup in place when it is stopped (the state it held comes back), and
// keeps the database it replaced.
func TestRestoreCommand(t *testing.T) {
	dir := t.TempDir()
	s, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	backup, err := s.Hall.Backup(filepath.Join(t.TempDir(), "b"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	code, _, stderr := runServer(ctx, t, "restore", "-data", dir, backup)
	if code != 1 || !strings.Contains(stderr, "hãy dừng máy chủ trước khi khôi phục") {
		t.Errorf("restore while running: exit %d, %q; want 1 and stop the server first", code, stderr)
	}
	s.Close()

	code, _, stderr = runServer(ctx, t, "restore", "-data", dir)
	if code != 1 || !strings.Contains(stderr, "cần đúng một tệp sao lưu") {
		t.Errorf("restore without a file: exit %d, %q", code, stderr)
	}
	code, _, stderr = runServer(ctx, t, "restore", "-data", dir, filepath.Join(dir, "hall.toml"))
	if code != 1 || !strings.Contains(stderr, "không phải cơ sở dữ liệu") {
		t.Errorf("restore from hall.toml: exit %d, %q", code, stderr)
	}
	code, stdout, stderr := runServer(ctx, t, "restore", "-data", dir, backup)
	if code != 0 || !strings.Contains(stdout, "Đã khôi phục") || !strings.Contains(stdout, "hall-before-restore-") {
		t.Fatalf("restore: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	s2, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir})
	if err != nil {
		t.Fatalf("start on the restored data: %v", err)
	}
	s2.Close()
}

func TestVersionFlag(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code, stdout, _ := runServer(ctx, t, "-version")
	if code != 0 || strings.TrimSpace(stdout) != "hallq server dev" {
		t.Errorf("-version: exit %d, %q", code, stdout)
	}
}

package app

import (
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// TestDemoSecretsWarning: with the published demo secrets the server warns
// on standard output and in the log, and every signed-in page shows a red
// banner; with every secret replaced it does neither.
func TestDemoSecretsWarning(t *testing.T) {
	t.Parallel()
	start := func(dir string) (*Server, *syncBuffer, *syncBuffer) {
		var out, logs syncBuffer
		s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, Now: time.Now,
			Logger: slog.New(slog.NewTextHandler(&logs, nil)), Stdout: &out})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s, &out, &logs
	}
	banner := func(s *Server) bool {
		_, page, _ := get(t, "http://"+s.Addr+"/", "giamsat", "giamsat2026")
		return strings.Contains(page, `id="demo-secrets"`)
	}

	demo := t.TempDir()
	writeTestConfig(t, demo)
	s, out, logs := start(demo)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "CẢNH BÁO") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "thiết bị kiosk-1") || !strings.Contains(out.String(), "mật khẩu của giamsat") {
		t.Fatalf("stdout %q, want the demo secrets named", out.String())
	}
	if !strings.Contains(logs.String(), "published demo secrets in use") {
		t.Error("no warning in the log")
	}
	if !banner(s) {
		t.Error("no red banner on the hall page")
	}

	// Every secret replaced (the supervisor's too, so sign in with it).
	real := t.TempDir()
	raw, _ := os.ReadFile(filepath.Join(demo, "hall.toml"))
	text := regexp.MustCompile(`token = "demo-`).ReplaceAllString(string(raw), `token = "real-x7-`)
	// A cheap hash: at the real cost, ten checks under -race on a busy
	// 2-core machine outlast the wait below.
	pinHash, _ := bcrypt.GenerateFromPassword([]byte("8264"), bcrypt.MinCost)
	pin := string(pinHash)
	text = regexp.MustCompile(`pin_hash = "[^"]*"`).ReplaceAllLiteralString(text, `pin_hash = "`+pin+`"`)
	os.WriteFile(filepath.Join(real, "hall.toml"), []byte(text), 0o600)
	s2, out2, _ := start(real)
	// The check runs in the background.
	deadline = time.Now().Add(20 * time.Second)
	for !strings.Contains(out2.String(), "CẢNH BÁO") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !banner(s2) || !strings.Contains(out2.String(), "mật khẩu của giamsat") {
		t.Errorf("the supervisor's demo password alone is not reported: %q", out2.String())
	}
	if strings.Contains(out2.String(), "thiết bị kiosk") || strings.Contains(out2.String(), "cán bộ hang") {
		t.Errorf("replaced tokens or PINs still reported: %q", out2.String())
	}
}

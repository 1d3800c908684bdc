package province

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hallq/server/certs"
	"hallq/server/province/pgtest"
)

// apiStatus is the status of the ranking API for user and password.
func apiStatus(t *testing.T, base, user, password string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/province/ranking", nil)
	req.SetBasicAuth(user, password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestCommand: "server province" registers a hall and prints its key,
// creates an account and prints its one-time password (which then signs
// in once replaced by one of the account's own), migrates, and refuses bad arguments in Vietnamese first.
func TestCommand(t *testing.T) {
	dbURL := pgtest.DB(t)
	run := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := Command(append([]string{"-pg", dbURL}, args...), &out, &errb)
		return out.String() + errb.String(), err
	}
	out, err := run("add-hall", "-id", "ubnd-tan-hiep", "-name", "UBND xã Tân Hiệp", "-deadline", "7")
	if err != nil {
		t.Fatalf("add-hall: %v\n%s", err, out)
	}
	key := regexp.MustCompile(`key\), đặt vào \[province\] key của sảnh: ([0-9a-f]{64})`).FindStringSubmatch(out)
	if key == nil {
		t.Fatalf("add-hall printed no key:\n%s", out)
	}
	out, err = run("add-account", "-user", "tinh.admin")
	if err != nil {
		t.Fatalf("add-account: %v\n%s", err, out)
	}
	pass := regexp.MustCompile(`one-time password\): (\S+)`).FindStringSubmatch(out)
	if pass == nil {
		t.Fatalf("add-account printed no password:\n%s", out)
	}
	if out, err = run("migrate"); err != nil || !strings.Contains(out, "phiên bản") {
		t.Fatalf("migrate: %v\n%s", err, out)
	}

	st := openStore(t, dbURL)
	h, err := st.Hall(context.Background(), "ubnd-tan-hiep")
	if err != nil || h.Key != key[1] || h.DeadlineDays != 7 || h.Name != "UBND xã Tân Hiệp" {
		t.Fatalf("stored hall: %+v %v", h, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, st, "127.0.0.1:0", TLSFiles{}, slog.New(slog.NewTextHandler(io.Discard, nil)), pw)
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(regexp.MustCompile(`http://\S+/`).FindString(line), "/")
	// The one-time password opens nothing but the page that replaces it.
	if got := apiStatus(t, base, "tinh.admin", pass[1]); got != http.StatusForbidden {
		t.Errorf("API with the one-time password: got %d, want 403", got)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"tinh.admin"}, "password": {pass[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/account/password" {
		t.Fatalf("after signing in with the one-time password: at %s, want /account/password", resp.Request.URL.Path)
	}
	resp, _ = c.PostForm(base+"/account/password", url.Values{"password": {"ngắn"}, "again": {"ngắn"}})
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), "ít nhất 10 ký tự") {
		t.Errorf("short password: got %d, want 400 saying at least 10 characters", resp.StatusCode)
	}
	const mine = "mật khẩu riêng 2026"
	resp, _ = c.PostForm(base+"/account/password", url.Values{"password": {mine}, "again": {mine}})
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/province" {
		t.Errorf("after choosing a password: got %d at %s, want the ranking", resp.StatusCode, resp.Request.URL.Path)
	}
	if got := apiStatus(t, base, "tinh.admin", mine); got != http.StatusOK {
		t.Errorf("API with the chosen password: got %d, want 200", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}

	bad := []struct {
		name string
		args []string
		want string
	}{
		{"no -pg", []string{"add-hall"}, "cần -pg"},
		{"bad id", []string{"-pg", dbURL, "add-hall", "-id", "a b", "-name", "x"}, "mã sảnh"},
		{"no name", []string{"-pg", dbURL, "add-hall", "-id", "x"}, "cần -name"},
		{"bad deadline", []string{"-pg", dbURL, "add-hall", "-id", "x", "-name", "x", "-deadline", "0"}, "ngày làm việc"},
		{"bad hours", []string{"-pg", dbURL, "add-hall", "-id", "x", "-name", "x", "-open", "7h"}, "HH:MM"},
		{"unknown command", []string{"-pg", dbURL, "drop-all"}, "lệnh không rõ"},
		{"unreachable database", []string{"-pg", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2", "migrate"}, "không kết nối được"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			err := Command(c.args, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error with %q", err, c.want)
			}
		})
	}
}

// TestServeTLS: with -tls-cert and -tls-key the service speaks HTTPS only,
// with that certificate.
func TestServeTLS(t *testing.T) {
	st := openStore(t, pgtest.DB(t))
	dir := t.TempDir()
	own, err := certs.Ensure(dir, certs.LocalNames(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, st, "127.0.0.1:0", TLSFiles{Cert: filepath.Join(dir, certs.ServerFile), Key: filepath.Join(dir, certs.ServerKeyFile)},
			slog.New(slog.NewTextHandler(io.Discard, nil)), pw)
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(regexp.MustCompile(`https://\S+/`).FindString(line), "/")
	if base == "" {
		t.Fatalf("no https address in %q", line)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(own.CAPEM)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := c.Get(base + "/healthz")
	if err != nil {
		t.Fatalf("https: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz over https: %d", resp.StatusCode)
	}
	if resp, err := http.Get("http" + strings.TrimPrefix(base, "https") + "/healthz"); err == nil && resp.StatusCode == 200 {
		resp.Body.Close()
		t.Error("plain HTTP answered on the TLS port")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

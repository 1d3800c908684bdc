package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"hallq/server/app"
)

// TestMain runs main itself when the test binary is started as the server
// (runServer), so that exit codes and output are those of the real command.
func TestMain(m *testing.M) {
	if os.Getenv("HALLQ_TEST_RUN_SERVER") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runServer runs the server command with args until it exits or ctx ends,
// and returns its exit code, stdout and stderr.
func runServer(ctx context.Context, t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HALLQ_TEST_RUN_SERVER=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run server: %v", err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

// TestSecondServerOnSameData: a second server on a data folder in use says
// so in Vietnamese and English and exits non-zero within a few seconds.
func TestSecondServerOnSameData(t *testing.T) {
	dir := t.TempDir()
	first, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir, Demo: true})
	if err != nil {
		t.Fatalf("first server: %v", err)
	}
	defer first.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	code, _, stderr := runServer(ctx, t, "-addr", "127.0.0.1:0", "-data", dir)
	if code == 0 || ctx.Err() != nil {
		t.Fatalf("second server: got exit %d (ctx %v), want a non-zero exit", code, ctx.Err())
	}
	for _, want := range []string{
		"Thư mục dữ liệu " + dir + " đang được một máy chủ khác sử dụng",
		"The data folder " + dir + " is in use by another server",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr: got %q, want it to contain %q", stderr, want)
		}
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second server took %v to give up, want a few seconds", d)
	}
}

// TestFlagErrorsVietnameseFirst: a wrong flag exits 2 with a Vietnamese
// line, then the English one, and the usage with Vietnamese descriptions;
// -h exits 0 with the usage.
func TestFlagErrorsVietnameseFirst(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code, _, stderr := runServer(ctx, t, "-dmeo")
	if code != 2 {
		t.Errorf("exit: got %d, want 2", code)
	}
	for _, want := range []string{
		"Không có cờ -dmeo\nflag provided but not defined: -dmeo",
		"Cách dùng (usage): server",
		"thư mục dữ liệu",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr: got %q, want it to contain %q", stderr, want)
		}
	}
	if code, _, stderr := runServer(ctx, t, "-h"); code != 0 || !strings.Contains(stderr, "Cách dùng (usage): server") {
		t.Errorf("-h: got exit %d and %q, want 0 and the usage", code, stderr)
	}
}

// TestPrintsPageURL: the server prints the supervisor pages' address at
// start, and that address answers.
func TestPrintsPageURL(t *testing.T) {
	line := pageLine(t, serverLines(t, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-demo"), nil)
	url, en, _ := strings.Cut(line, " ")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || en != "(Open the supervisor pages)" {
		t.Fatalf("line: got %q, want http://127.0.0.1:PORT/ (Open the supervisor pages)", line)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: got %d, want 200 (the sign-in page)", url, resp.StatusCode)
	}
}

// serverLines starts the server binary (this test binary, see TestMain)
// with args and returns its standard output's lines; the server is
// interrupted and waited for when t ends.
func serverLines(t *testing.T, args ...string) <-chan string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HALLQ_TEST_RUN_SERVER=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return lines
}

// pageLine reads lines until the server's "Mở trang giám sát: …" line and
// returns what follows the colon; seen, when not nil, gets every line
// before it. -demo hashes six PINs at bcrypt cost 10 before that line:
// seconds under -race on a busy 2-core machine, so it waits 60 s.
func pageLine(t *testing.T, lines <-chan string, seen func(string)) string {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the server ended before printing its address")
			}
			if rest, ok := strings.CutPrefix(l, "Mở trang giám sát: "); ok {
				return rest
			}
			if seen != nil {
				seen(l)
			}
		case <-timeout:
			t.Fatal("no \"Mở trang giám sát: …\" line in 60 s")
		}
	}
}

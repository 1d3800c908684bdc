package xtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// alive reports whether the process pid exists and is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// pid (comm) S ...: the state follows the last ')'.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && i+2 < len(s) && s[i+2] != 'Z'
}

func waitGone(t *testing.T, pid int, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("%s (pid %d) still running 10s later", what, pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pidFrom waits until the file path holds a pid and returns it.
func pidFrom(path string) (int, error) {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(path)
		if s := string(b); strings.HasSuffix(s, "\n") {
			pid, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || pid <= 0 {
				return 0, fmt.Errorf("pid file: %q", s)
			}
			return pid, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return 0, errors.New("the command did not write its pid within 30s")
}

// TestRunGroupKillsTheGroup: when the context ends, the command and what
// it started (a grandchild in the same group, as go build's compilers and
// gcc are) are killed.
func TestRunGroupKillsTheGroup(t *testing.T) {
	pidFile := t.TempDir() + "/pid"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		pid int
		err error
	}
	got := make(chan result, 1)
	go func() {
		pid, err := pidFrom(pidFile)
		got <- result{pid, err}
		cancel()
	}()
	_, err := runGroup(ctx, "", os.Environ(), "sh", "-c", "sleep 60 & echo $! > "+pidFile+"; wait")
	if err == nil {
		t.Fatal("runGroup: got no error from a command killed when its context ended")
	}
	r := <-got
	if r.err != nil {
		t.Fatal(r.err)
	}
	waitGone(t, r.pid, "the grandchild sleep 60")
}

// TestRunGroupOutput: a command that ends by itself gives its output and
// exit status.
func TestRunGroupOutput(t *testing.T) {
	out, err := runGroup(context.Background(), "", os.Environ(), "sh", "-c", "echo out; echo err >&2; exit 3")
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("runGroup: got error %v, want exit status 3", err)
	}
	if got := string(out); got != "out\nerr\n" {
		t.Fatalf("runGroup output: got %q, want %q", got, "out\nerr\n")
	}
}

// TestRunGroupDiesWithTheTestProcess: a test process killed outright
// (as go test does past -timeout) takes its build command with it.
func TestRunGroupDiesWithTheTestProcess(t *testing.T) {
	if f := os.Getenv("XTEST_RUNGROUP_PIDFILE"); f != "" {
		// The helper process: start a long command and wait for it.
		runGroup(context.Background(), "", os.Environ(), "sh", "-c", "echo $$ > "+f+"; exec sleep 60")
		return
	}
	pidFile := t.TempDir() + "/pid"
	helper := exec.Command(os.Args[0], "-test.run=^TestRunGroupDiesWithTheTestProcess$")
	helper.Env = append(os.Environ(), "XTEST_RUNGROUP_PIDFILE="+pidFile)
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer helper.Wait()
	defer helper.Process.Kill()
	pid, err := pidFrom(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	if !alive(pid) {
		t.Fatalf("the helper's command (pid %d) is not running", pid)
	}
	helper.Process.Kill()
	waitGone(t, pid, "the command of a killed test process")
}

// TestLockFileTakesTurns: a second taker waits for the first and gives
// up when its context ends.
func TestLockFileTakesTurns(t *testing.T) {
	name := fmt.Sprintf("hallq-xtest-locktest-%d.lock", os.Getpid())
	t.Cleanup(func() { os.Remove(os.TempDir() + "/" + name) })
	unlock, err := lockFile(context.Background(), name, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 600*time.Millisecond)
	defer cancel()
	if _, err := lockFile(ctx, name, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second lockFile while held: got %v, want the context's deadline", err)
	}
	go func() { time.Sleep(500 * time.Millisecond); unlock() }()
	var waited time.Duration
	unlock2, err := lockFile(context.Background(), name, func(d time.Duration) { waited = d })
	if err != nil {
		t.Fatalf("lockFile after release: %v", err)
	}
	unlock2()
	if waited != 0 {
		t.Fatalf("waited callback called with %v for a wait under a second", waited)
	}
}

package xtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

// runGroup runs name with args and env in dir ("" for the current one), in a new process group and returns
// its combined output. When ctx ends, the whole group is killed. The go
// command is started with a parent-death signal from a thread that lives
// until it exits, so it is killed too if this process dies first (go
// test's own timeout, a panic in another test); what it already started
// then finishes its one step and exits.
func runGroup(ctx context.Context, dir string, env []string, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	done := make(chan error, 1)
	go func() {
		// The parent-death signal follows the thread that started the
		// child: keep this goroutine on its thread until the child is
		// gone (the thread then ends with the goroutine).
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			done <- err
			return
		}
		done <- cmd.Wait()
	}()
	err := <-done
	return out.Bytes(), err
}

// lockFile takes an exclusive lock on the file name in the temp dir,
// waiting until ctx ends, and returns its release. waited is called when
// the wait took more than a second.
func lockFile(ctx context.Context, name string, waited func(time.Duration)) (func(), error) {
	f, err := os.OpenFile(filepath.Join(os.TempDir(), name), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if err != syscall.EWOULDBLOCK && err != syscall.EINTR {
			f.Close()
			return nil, err
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("%s still held after %v: %w", name, time.Since(start).Round(time.Second), ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
	if d := time.Since(start); d > time.Second && waited != nil {
		waited(d)
	}
	return func() { f.Close() }, nil
}

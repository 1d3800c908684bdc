//go:build !linux

package xtest

import (
	"bytes"
	"context"
	"os/exec"
	"time"
)

// runGroup runs name with args and env in dir ("" for the current one)
// and returns its combined output; the process is killed when ctx ends. Off Linux there is no process
// group or parent-death signal: the end-to-end tests run on Linux, and
// this only keeps the package compiling (go vet for Windows).
func runGroup(ctx context.Context, dir string, env []string, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	return out.Bytes(), err
}

// lockFile takes no lock off Linux (see runGroup).
func lockFile(context.Context, string, func(time.Duration)) (func(), error) {
	return func() {}, nil
}

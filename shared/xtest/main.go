package xtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// mainEnv, set in a child test binary's environment, holds the arguments
// (a JSON array) that RunMain gives to main instead of running the tests.
const mainEnv = "HALLQ_XTEST_MAIN_ARGS"

// mainTimeout bounds a child started by Main: a main that should exit at
// once and instead opens its window is stopped and reported.
const mainTimeout = 30 * time.Second

// RunMain is a package main's TestMain: in a child started by Main it runs
// main with Main's arguments and exits 0 when main returns (main exits
// itself on an error); otherwise it runs the tests.
func RunMain(m *testing.M, main func()) {
	v, ok := os.LookupEnv(mainEnv)
	if !ok {
		os.Exit(m.Run())
	}
	var args []string
	if err := json.Unmarshal([]byte(v), &args); err != nil {
		os.Stderr.WriteString("xtest: " + mainEnv + ": " + err.Error() + "\n")
		os.Exit(3)
	}
	os.Args = append([]string{os.Args[0]}, args...)
	main()
	os.Exit(0)
}

// Main runs the calling package's main with args in a child test binary
// (whose TestMain is RunMain) and returns what it wrote and its exit
// status. It fails t when the child does not end within mainTimeout.
func Main(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	b, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), mainTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), mainEnv+"="+string(b))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("main %q did not end within %v\nstdout: %s\nstderr: %s", args, mainTimeout, out.String(), errOut.String())
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("main %q: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

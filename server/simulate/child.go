package simulate

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// server is the hall server the command started: this program run again
// as "server -fast-clock …", so that its memory is its own.
type server struct {
	cmd  *exec.Cmd
	url  string
	done chan error
	log  *os.File
}

// serverStartWait bounds the server's start, which hashes nothing for a
// simulated hall but may open a large data folder.
const serverStartWait = 60 * time.Second

// startServer starts the server on dir at speed from start (hall time),
// listening on a free loopback port, and returns once it printed its
// address. Its output goes to dir/server.log, and to stderr too with
// verbose.
func startServer(ctx context.Context, dir string, speed float64, start string, verbose bool, stderr io.Writer) (*server, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	var out io.Writer = logf
	if verbose {
		out = io.MultiWriter(logf, stderr)
	}
	out = &syncWriter{w: out}
	cmd := exec.Command(exe, "-addr", "127.0.0.1:0", "-data", dir,
		"-fast-clock", fmt.Sprint(speed), "-fast-clock-start", start)
	cmd.Stderr = out
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		logf.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("simulate: start the server: %w", err)
	}
	s := &server{cmd: cmd, done: make(chan error, 1), log: logf}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(out, line)
			if rest, ok := strings.CutPrefix(line, "Mở trang giám sát: http://127.0.0.1:"); ok {
				port, _, _ := strings.Cut(rest, "/")
				select {
				case found <- "http://127.0.0.1:" + port:
				default:
				}
			}
		}
		s.done <- cmd.Wait()
	}()
	select {
	case s.url = <-found:
		return s, nil
	case err := <-s.done:
		logf.Close()
		return nil, fmt.Errorf("simulate: the server stopped at start (%v); see %s", err, logf.Name())
	case <-ctx.Done():
	case <-time.After(serverStartWait):
	}
	s.kill()
	return nil, fmt.Errorf("simulate: the server did not start within %v; see %s", serverStartWait, logf.Name())
}

// stop asks the server to stop as a service manager does and waits for it.
func (s *server) stop() error {
	defer s.log.Close()
	if runtime.GOOS == "windows" {
		s.cmd.Process.Kill()
	} else {
		s.cmd.Process.Signal(os.Interrupt)
	}
	select {
	case err := <-s.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) && runtime.GOOS != "windows" {
			return fmt.Errorf("simulate: the server ended with %v; see %s", err, s.log.Name())
		}
		return nil
	case <-time.After(30 * time.Second):
		s.kill()
		return fmt.Errorf("simulate: the server did not stop within 30 s; see %s", s.log.Name())
	}
}

func (s *server) kill() {
	s.cmd.Process.Kill()
	<-s.done
	s.log.Close()
}

// syncWriter serialises the server's stdout and stderr into one log.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *syncWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(b)
}

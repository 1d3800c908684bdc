// Package pgtest starts one throwaway PostgreSQL cluster per test process
// and gives each test a fresh database in it, as net/http/httptest gives a
// server.
//
// The cluster lives in a temp dir (initdb, then postgres on a unix socket in
// that dir and a free loopback port, trust authentication, fsync off). It
// is started on the first call of DB and stopped by Main, which a package
// using DB must call from its TestMain. PostgreSQL refuses to run as root,
// so under root (as CI runs) the cluster runs as the unprivileged user
// "nobody", its dir chowned to it.
//
// Without PostgreSQL installed, DB skips the test, except under CI=true,
// where it fails it: CI installs Debian's postgresql (.ci/run).
package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// cluster is the process's one cluster, started once.
var (
	once     sync.Once
	running  *cluster
	startErr error
	dbCount  atomic.Int64
)

type cluster struct {
	dir  string
	port int
	cmd  *exec.Cmd
	done chan struct{}
}

// Main runs the package's tests, then stops the cluster if one was
// started. Call it from TestMain: func TestMain(m *testing.M) { pgtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if running != nil {
		running.stop()
	}
	os.Exit(code)
}

// DB returns the URL of a new empty database for t, in the process's
// cluster (started on the first call). It skips t when PostgreSQL is not
// installed, and fails it under CI=true.
func DB(t testing.TB) string {
	t.Helper()
	once.Do(func() { running, startErr = start() })
	if startErr != nil {
		if os.Getenv("CI") == "true" || !isMissing(startErr) {
			t.Fatalf("pgtest: %v", startErr)
		}
		t.Skipf("pgtest: %v (apt-get install -y postgresql to run it)", startErr)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbCount.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, running.url("postgres"))
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	return running.url(name)
}

// errMissing says PostgreSQL's programs were not found.
type errMissing struct{ msg string }

func (e errMissing) Error() string { return e.msg }

func isMissing(err error) bool { _, ok := err.(errMissing); return ok }

// BinDir finds PostgreSQL's programs: $PGBIN, the newest
// /usr/lib/postgresql/N/bin (Debian), or the directory of initdb on PATH.
func BinDir() (string, error) {
	if d := os.Getenv("PGBIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "postgres")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errMissing{"PostgreSQL not found (no /usr/lib/postgresql/*/bin, no initdb on PATH, no $PGBIN)"}
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// start makes and starts the cluster.
func start() (*cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "hallq-pg-")
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, done: make(chan struct{})}
	uid, gid := -1, -1
	if os.Geteuid() == 0 {
		// PostgreSQL refuses root: run it as nobody.
		uid, gid = 65534, 65534
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	initdb := c.command(uid, gid, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres",
		"--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	if c.port, err = freePort(); err != nil {
		return nil, err
	}
	c.cmd = c.command(uid, gid, filepath.Join(bin, "postgres"), "-D", data,
		"-k", dir, "-h", "127.0.0.1", "-p", strconv.Itoa(c.port),
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200", "-c", "shared_buffers=128MB")
	logf, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		return nil, err
	}
	c.cmd.Stdout, c.cmd.Stderr = logf, logf
	c.cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT // a killed test process takes its cluster along
	// The parent-death signal follows the OS thread that starts the child,
	// not the process: start it from a goroutine locked to its thread
	// until postgres exits, so that no other goroutine that locks and
	// ends a thread (xtest.RunBuild does) can take the cluster down.
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends after postgres
		if err := c.cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		c.cmd.Wait()
		logf.Close()
		close(c.done)
	}()
	if err := <-started; err != nil {
		logf.Close()
		return nil, err
	}
	if err := c.wait(); err != nil {
		c.stop()
		log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
		return nil, fmt.Errorf("%v\n%s", err, log)
	}
	return c, nil
}

// command runs name as uid:gid (when not -1) in its own process group.
func (c *cluster) command(uid, gid int, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if uid >= 0 {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	return cmd
}

// wait waits until the cluster accepts connections.
func (c *cluster) wait() error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-c.done:
			return fmt.Errorf("postgres exited at start")
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, c.url("postgres"))
		if err == nil {
			conn.Close(ctx)
			cancel()
			return nil
		}
		cancel()
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("postgres did not accept connections within 60 s")
}

// url is the address of database name on the cluster.
func (c *cluster) url(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, name)
}

// stop shuts the cluster down fast and removes its dir.
func (c *cluster) stop() {
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-c.done:
		case <-time.After(20 * time.Second):
			c.cmd.Process.Kill()
			<-c.done
		}
	}
	os.RemoveAll(c.dir)
}

// freePort returns a loopback port nobody listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

package pgtest

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { Main(m) }

// TestFreshDatabases: two tests' databases are distinct and empty.
func TestFreshDatabases(t *testing.T) {
	ctx := context.Background()
	a, b := DB(t), DB(t)
	if a == b {
		t.Fatalf("got the same database twice: %s", a)
	}
	ca, err := pgx.Connect(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close(ctx)
	if _, err := ca.Exec(ctx, "CREATE TABLE x (n int); INSERT INTO x VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	cb, err := pgx.Connect(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close(ctx)
	var n int
	if err := cb.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE tablename = 'x'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("second database has %d tables x, want 0", n)
	}
}

// TestClusterOutlivesThreads: the cluster stops only with the test
// process, not when the OS thread that happened to start it ends (its
// parent-death signal follows that thread). Goroutines that lock their
// thread and return end their threads, as xtest.RunBuild's does.
func TestClusterOutlivesThreads(t *testing.T) {
	url := DB(t)
	for i := 0; i < 200; i++ {
		done := make(chan struct{})
		go func() {
			runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
			close(done)
		}()
		<-done
	}
	time.Sleep(200 * time.Millisecond) // let a killed postgres go, if it was
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("the cluster after threads ended: %v", err)
	}
	conn.Close(ctx)
}

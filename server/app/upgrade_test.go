package app

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"hallq/server/store"
	"hallq/shared/xtest"
)

// previousRelease is the commit of the release before the stored
// configuration (database schema 1): the last one CI passed before it.
const previousRelease = "c8d29d5cc4d27e5c5e6188c9fa281594f89e325d"

// TestUpgradeFromPreviousRelease builds the previous release's server from
// git, lets it write a day with a waiting ticket, and opens that data dir
// with this code: the ticket is still there, the database was backed up
// before migrating and is stamped with the current schema.
func TestUpgradeFromPreviousRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the previous release (about a minute)")
	}
	root, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil || exec.Command("git", "cat-file", "-e", previousRelease+"^{commit}").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the previous release %s is not in this clone (git: %v)", previousRelease[:7], err)
		}
		t.Skip("no git history here")
	}
	src := t.TempDir()
	archive := exec.Command("sh", "-c", "git -C \"$1\" archive \"$2\" | tar -x -C \"$3\"", "sh",
		strings.TrimSpace(string(root)), previousRelease, src)
	if out, err := archive.CombinedOutput(); err != nil {
		t.Fatalf("git archive: %v\n%s", err, out)
	}
	old := xtest.GoBuildIn(t, src, "./server")

	dir := t.TempDir()
	allDayConfig(t, dir)
	p := startProc(t, old, dir)
	k := dial(t, addrServer(p.addr))
	k.hello("kiosk-1", 0, "")
	issued := k.issue("A")
	k.ws.Close()
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the previous release's server did not stop")
	}

	s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, Logger: discardLogger()})
	if err != nil {
		t.Fatalf("the new server on the previous release's data: %v", err)
	}
	defer s.Close()
	st := s.Hall.State()
	if len(st.Waiting) != 1 || st.Waiting[0].ID != issued.Ticket.ID {
		t.Fatalf("waiting after the upgrade = %+v, want ticket %s", st.Waiting, issued.Ticket.ID)
	}
	if backups, _ := filepath.Glob(filepath.Join(dir, "backups", "hall-schema1-*.db")); len(backups) != 1 {
		t.Errorf("backups before migrating: %v, want one", backups)
	}
	if len(s.Hall.Config().Services) == 0 {
		t.Error("the stored configuration was not seeded from hall.toml")
	}
}

// TestFutureSchemaRefused: a data dir stamped with a newer schema (a
// downgrade) is refused with the message, and left as it was.
func TestFutureSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	s := startServer(t, dir, nil)
	s.Close()
	stampSchema(t, filepath.Join(dir, "hall.db"), store.SchemaVersion+1)
	_, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, Logger: discardLogger()})
	if err == nil || !strings.Contains(err.Error(), "phiên bản máy chủ mới hơn") {
		t.Fatalf("Start on a newer schema: %v, want the downgrade refused", err)
	}
}

// stampSchema writes schema into the database's meta bucket, as a newer
// server would (the file format: bucket "meta", key "schema", uint32 BE).
func stampSchema(t *testing.T, path string, schema int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucketIfNotExists([]byte("meta"))
		if err != nil {
			return err
		}
		return m.Put([]byte("schema"), binary.BigEndian.AppendUint32(nil, uint32(schema)))
	})
	if err != nil {
		t.Fatal(err)
	}
}

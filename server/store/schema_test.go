package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// writeRaw makes a bbolt file at path with the buckets named and, if schema
// is not 0, a meta bucket stamped with it.
func writeRaw(t *testing.T, path string, schema int, buckets ...string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range buckets {
			bk, err := tx.CreateBucketIfNotExists([]byte(b))
			if err != nil {
				return err
			}
			if err := bk.Put([]byte("k-"+b), []byte("v")); err != nil {
				return err
			}
		}
		if schema != 0 {
			m, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil {
				return err
			}
			v := make([]byte, 4)
			binary.BigEndian.PutUint32(v, uint32(schema))
			return m.Put(keySchema, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The first release's buckets (schema 1, no meta bucket).
var v1Buckets = []string{"tickets", "events", "counters", "ratings", "feedback", "replies", "reports"}

func TestOpenMigratesSchema1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hall.db")
	writeRaw(t, path, 0, v1Buckets...)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(schema 1): %v", err)
	}
	defer s.Close()
	if s.FoundSchema() != 1 {
		t.Errorf("FoundSchema = %d, want 1", s.FoundSchema())
	}
	if _, _, ok, err := s.Config(); ok || err != nil {
		t.Errorf("Config on a migrated database: ok=%v err=%v, want none stored", ok, err)
	}
	var schema int
	var kept bool
	s.db.View(func(tx *bolt.Tx) error {
		schema = schemaOf(tx)
		kept = tx.Bucket(bucketTickets).Get([]byte("k-tickets")) != nil
		return nil
	})
	if schema != SchemaVersion || !kept {
		t.Errorf("after migration: schema %d (want %d), old data kept %v", schema, SchemaVersion, kept)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "hall-schema1-*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups before migrating: %v, want one", backups)
	}
	if err := checkBackup(backups[0]); err != nil {
		t.Errorf("the pre-migration backup is not a readable hall database: %v", err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hall.db")
	writeRaw(t, path, SchemaVersion+1, v1Buckets...)
	before, _ := os.ReadFile(path)
	_, err := Open(path)
	var se *SchemaError
	if !errors.As(err, &se) || !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open(newer schema) = %v, want a SchemaError", err)
	}
	for _, want := range []string{"phiên bản máy chủ mới hơn", "server restore", "newer server", path} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the refused database was changed")
	}
}

func TestOpenNewIsCurrent(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "hall.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.FoundSchema() != 0 || s.WrittenBy() != "" {
		t.Errorf("new database: found %d, written by %q", s.FoundSchema(), s.WrittenBy())
	}
	if err := s.MarkWriter("1.2.0"); err != nil || s.WrittenBy() != "1.2.0" {
		t.Errorf("MarkWriter: %v, WrittenBy %q", err, s.WrittenBy())
	}
	name, err := s.UpgradeBackup(filepath.Join(t.TempDir(), "b"), "1.2.0", time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	if err != nil || !strings.HasSuffix(name, "hall-before-1.2.0-20261202-100000.db") {
		t.Errorf("UpgradeBackup = %s, %v", name, err)
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hall.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConfig([]byte(`{"v":1}`), "", nil); err != nil {
		t.Fatal(err)
	}
	backup, err := s.Backup(filepath.Join(dir, "backups"), time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	s.SaveConfig([]byte(`{"v":2}`), "", nil)
	if _, err := Restore(path, backup, time.Now()); !errors.Is(err, ErrInUse) {
		t.Errorf("Restore over an open database = %v, want ErrInUse", err)
	}
	s.Close()

	notHall := filepath.Join(dir, "other.db")
	writeRaw(t, notHall, 0, "something")
	newer := filepath.Join(dir, "newer.db")
	writeRaw(t, newer, SchemaVersion+1, v1Buckets...)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a database"), 0o600)
	for _, bad := range []string{notHall, newer, text, filepath.Join(dir, "missing.db")} {
		if _, err := Restore(path, bad, time.Now()); err == nil {
			t.Errorf("Restore from %s: no error", filepath.Base(bad))
		}
	}

	saved, err := Restore(path, backup, time.Now())
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if data, _, _, _ := s.Config(); string(data) != `{"v":1}` {
		t.Errorf("restored config = %s, want the backup's", data)
	}
	old, err := Open(saved)
	if err != nil {
		t.Fatalf("the replaced database's copy: %v", err)
	}
	defer old.Close()
	if data, _, _, _ := old.Config(); string(data) != `{"v":2}` {
		t.Errorf("kept copy's config = %s, want the replaced one", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("restored file mode %v", fi.Mode())
	}
}

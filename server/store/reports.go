package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SaveReport stores a day's computed report (JSON).
func (s *Store) SaveReport(day string, data []byte) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketReports).Put([]byte(day), data)
	})
}

// Report returns a day's stored report, if any.
func (s *Store) Report(day string) ([]byte, bool, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketReports).Get([]byte(day)); v != nil {
			out = append([]byte(nil), v...)
		}
		return nil
	})
	return out, out != nil, err
}

// BackupLayout names backup files: hall-YYYY-MM-DD.db.
const BackupLayout = "2006-01-02"

// Backup writes a consistent copy of the database to dir as
// hall-YYYY-MM-DD.db (for the day of now), through a temporary file so that
// a crash never leaves a half backup, and deletes backups older than keep.
func (s *Store) Backup(dir string, now time.Time, keep time.Duration) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("store: backup: %w", err)
	}
	name := filepath.Join(dir, "hall-"+now.Format(BackupLayout)+".db")
	tmp := name + ".tmp"
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.CopyFile(tmp, 0o600)
	})
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("store: backup: %w", err)
	}
	return name, pruneBackups(dir, now.Add(-keep))
}

// pruneBackups deletes the backups of days before the day of before.
func pruneBackups(dir string, before time.Time) error {
	before = time.Date(before.Year(), before.Month(), before.Day(), 0, 0, 0, 0, before.Location())
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("store: prune backups: %w", err)
	}
	for _, e := range entries {
		n := e.Name()
		day, ok := strings.CutPrefix(n, "hall-")
		day, ok2 := strings.CutSuffix(day, ".db")
		if !ok || !ok2 {
			continue
		}
		t, err := time.ParseInLocation(BackupLayout, day, before.Location())
		if err == nil && t.Before(before) {
			os.Remove(filepath.Join(dir, n))
		}
	}
	return nil
}

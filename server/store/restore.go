package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Restore replaces the database at path with the backup file from, for
// "server restore". The backup must be a hall database this server can
// read (its schema not newer); the database it replaces is first copied to
// backups/hall-before-restore-<time>.db beside it, and the new file appears
// whole (written beside it, then renamed). The server must not be running:
// its lock makes Restore fail with ErrInUse. It returns the copy's path
// ("" when there was no database).
func Restore(path, from string, now time.Time) (string, error) {
	if err := checkBackup(from); err != nil {
		return "", err
	}
	var saved string
	if _, err := os.Stat(path); err == nil {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if errors.Is(err, bolterrors.ErrTimeout) {
			return "", fmt.Errorf("store: restore: %w", ErrInUse)
		}
		if err != nil {
			return "", fmt.Errorf("store: restore: %w", err)
		}
		dir := filepath.Join(filepath.Dir(path), "backups")
		saved = filepath.Join(dir, "hall-before-restore-"+now.Format("20060102-150405")+".db")
		err = os.MkdirAll(dir, 0o700)
		if err == nil {
			err = db.View(func(tx *bolt.Tx) error { return tx.CopyFile(saved, 0o600) })
		}
		db.Close()
		if err != nil {
			return "", fmt.Errorf("store: restore: keep the current database: %w", err)
		}
	}
	if err := copyFile(from, path); err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	return saved, nil
}

// checkBackup opens from read-only and checks it is a hall database of a
// schema this server reads.
func checkBackup(from string) error {
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("không đọc được tệp sao lưu (cannot read the backup): %w", err)
	}
	db, err := bolt.Open(from, 0o400, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("tệp %s không phải cơ sở dữ liệu bbolt (not a bbolt database): %w", from, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		switch found := schemaOf(tx); {
		case found == 0:
			return fmt.Errorf("tệp %s không phải bản sao lưu của máy chủ sảnh (not a hall database)", from)
		case found > SchemaVersion:
			return &SchemaError{Path: from, Found: found, Max: SchemaVersion}
		}
		return nil
	})
}

// copyFile writes a copy of src at dst through a temporary file renamed in
// place, synced, mode 0600.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".hall-restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

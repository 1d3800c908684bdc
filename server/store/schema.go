package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout of hall.db this code writes. Version 1 is the
// first release's (no meta bucket); version 2 adds the stored configuration
// and the audit log (the settings and audit buckets); version 3 adds the
// days' report rollups (the rollups bucket), which a server before it
// would leave stale when it answers an old day's feedback, so it must
// refuse the file. Open migrates an older database forward and refuses a
// newer one.
const SchemaVersion = 3

// ErrNewerSchema is returned by Open for a database written by a newer
// version of the server (a downgrade): opening it could lose data.
var ErrNewerSchema = errors.New("store: database written by a newer server")

var (
	bucketMeta = []byte("meta")
	keySchema  = []byte("schema")
	keyWriter  = []byte("written-by") // the server version that last opened it
)

// SchemaError is a database too new for this server.
type SchemaError struct {
	Path       string
	Found, Max int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("Cơ sở dữ liệu %s được ghi bởi phiên bản máy chủ mới hơn (lược đồ %d, phiên bản này đọc tối đa %d): "+
		"hãy cài lại phiên bản mới hơn, hoặc khôi phục một bản sao lưu cũ bằng \"server restore\" / "+
		"the database was written by a newer server (schema %d, this one reads up to %d): reinstall the newer version or restore an older backup",
		e.Path, e.Found, e.Max, e.Found, e.Max)
}

func (e *SchemaError) Unwrap() error { return ErrNewerSchema }

// schemaOf returns the database's schema version: 0 for a new, empty file,
// 1 for a first-release file without a meta bucket.
func schemaOf(tx *bolt.Tx) int {
	if m := tx.Bucket(bucketMeta); m != nil {
		if v := m.Get(keySchema); len(v) == 4 {
			return int(binary.BigEndian.Uint32(v))
		}
	}
	if tx.Bucket(bucketTickets) != nil {
		return 1
	}
	return 0
}

// migrate brings the database up to SchemaVersion in tx, creating every
// bucket, and stamps it. It returns the version found.
func migrate(tx *bolt.Tx, path string) (int, error) {
	found := schemaOf(tx)
	if found > SchemaVersion {
		return found, &SchemaError{Path: path, Found: found, Max: SchemaVersion}
	}
	// 0, 1 or 2 → 3: the buckets added are empty; the stored
	// configuration is seeded from hall.toml at the first start, and a
	// day's rollup is computed when a page first needs it.
	for _, b := range append(allBuckets, bucketMeta) {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return found, err
		}
	}
	v := make([]byte, 4)
	binary.BigEndian.PutUint32(v, SchemaVersion)
	return found, tx.Bucket(bucketMeta).Put(keySchema, v)
}

// backupBeforeMigrate copies an older database to
// backups/hall-schema<N>-<time>.db beside it before Open migrates it, so an
// upgrade can be undone with "server restore". A newer database is left to
// migrate to refuse.
func backupBeforeMigrate(db *bolt.DB, path string) error {
	return db.View(func(tx *bolt.Tx) error {
		found := schemaOf(tx)
		if found == 0 || found >= SchemaVersion {
			return nil
		}
		dir := filepath.Join(filepath.Dir(path), "backups")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("store: backup before migrating: %w", err)
		}
		name := filepath.Join(dir, fmt.Sprintf("hall-schema%d-%s.db", found, time.Now().Format("20060102-150405")))
		if err := tx.CopyFile(name, 0o600); err != nil {
			return fmt.Errorf("store: backup before migrating: %w", err)
		}
		return nil
	})
}

// UpgradeBackup copies the database to dir/hall-before-<version>-<time>.db:
// the server takes it at the first start of a new version.
func (s *Store) UpgradeBackup(dir, version string, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("store: upgrade backup: %w", err)
	}
	name := filepath.Join(dir, "hall-before-"+safeName(version)+"-"+now.Format("20060102-150405")+".db")
	err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(name, 0o600) })
	if err != nil {
		return "", fmt.Errorf("store: upgrade backup: %w", err)
	}
	return name, nil
}

// safeName keeps the letters, digits, dots and dashes of s, for a file name.
func safeName(s string) string {
	b := []byte(s)
	out := b[:0]
	for _, c := range b {
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-' {
			out = append(out, c)
		}
	}
	return string(out)
}

// WrittenBy returns the server version recorded by the last MarkWriter, ""
// for none.
func (s *Store) WrittenBy() string {
	var v string
	s.db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(keyWriter))
		return nil
	})
	return v
}

// MarkWriter records version as the server version using the database.
func (s *Store) MarkWriter(version string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyWriter, []byte(version))
	})
}

// FoundSchema is the schema version the database had when it was opened
// (0: created by this Open).
func (s *Store) FoundSchema() int { return s.found }

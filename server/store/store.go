// Package store keeps the hall's records in a bbolt file. It is the only
// package that imports bbolt.
//
// Keys are fixed-width so that cursor order is the order wanted: tickets and
// ratings by "YYYY-MM-DD/…" (a day is one prefix), events by the day and a
// big-endian seq, feedback and counters by big-endian ids. A command's
// records, its events and its stored reply are written in one transaction
// (Commit), so a reply is never sent for an effect that is not on disk.
package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Bucket names.
var (
	bucketTickets  = []byte("tickets")
	bucketEvents   = []byte("events")
	bucketCounters = []byte("counters")
	bucketRatings  = []byte("ratings")
	bucketFeedback = []byte("feedback")
	bucketReplies  = []byte("replies")
	bucketReports  = []byte("reports")
	bucketSettings = []byte("settings") // the stored configuration
	bucketAudit    = []byte("audit")    // administrative actions, by id
	bucketRollups  = []byte("rollups")  // each day's report figures (rollups.go)
	// Appointments (bookings.go): each booking by code, and an index by
	// day, service and slot.
	bucketBookings     = []byte("bookings")
	bucketBookingIndex = []byte("booking_index")
)

var allBuckets = [][]byte{bucketTickets, bucketEvents, bucketCounters, bucketRatings, bucketFeedback, bucketReplies, bucketReports, bucketSettings, bucketAudit, bucketRollups,
	bucketBookings, bucketBookingIndex, bucketLink, bucketLinkFeedback}

// Store is the hall's bbolt database. It is safe for concurrent use.
type Store struct {
	db    *bolt.DB
	found int // the schema version found at Open
}

// ErrInUse is returned by Open when another process holds the database.
var ErrInUse = errors.New("store: database in use by another process")

// Open opens or creates the database at path, waiting at most one second
// for another process's lock (then the error wraps ErrInUse), migrates it
// to SchemaVersion (a newer one is refused with a *SchemaError wrapping
// ErrNewerSchema) and creates every bucket.
func Open(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("store: open %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := backupBeforeMigrate(db, path); err != nil {
		db.Close()
		return nil, err
	}
	var found int
	err = db.Update(func(tx *bolt.Tx) (err error) {
		found, err = migrate(tx, path)
		return err
	})
	var se *SchemaError
	if errors.As(err, &se) {
		db.Close()
		return nil, se
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	return &Store{db: db, found: found}, nil
}

// OpenReadOnly opens the database at path for reading only, for a tool
// such as `server export-config` beside a stopped server. It waits at most
// one second for a server's lock (then the error wraps ErrInUse), and it
// creates and migrates nothing: a missing file is an error wrapping
// fs.ErrNotExist, and one written by a newer server a *SchemaError.
func OpenReadOnly(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("store: open %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	var found int
	db.View(func(tx *bolt.Tx) error { found = schemaOf(tx); return nil })
	if found > SchemaVersion {
		db.Close()
		return nil, &SchemaError{Path: path, Found: found, Max: SchemaVersion}
	}
	return &Store{db: db, found: found}, nil
}

// Close closes the database; in-flight transactions finish first.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's path.
func (s *Store) Path() string { return s.db.Path() }

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

func eventKey(day string, seq uint64) []byte {
	return append([]byte(day), u64(seq)...)
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// forPrefix calls fn for every key of b starting with prefix, in order.
// fn's value is only valid inside the transaction.
func forPrefix(b *bolt.Bucket, prefix []byte, fn func(k, v []byte) error) error {
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

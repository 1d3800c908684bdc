package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// pruneBatch bounds the events one transaction of PruneEvents deletes: a
// transaction per day made each commit write the growing free-page list
// again (a year of events took minutes), while one transaction for all
// would hold every touched page in memory.
const pruneBatch = 200_000

// PruneEvents deletes the events of the days before before (YYYY-MM-DD),
// in transactions of at most pruneBatch events, and returns how many days
// it pruned. The events of the last day that has any are never deleted: a
// server started after a long absence closes that day from them. Nothing
// else is deleted: the reports, ratings and feedback are built from the
// tickets, ratings and feedback records, never from events.
func (s *Store) PruneEvents(before string) (int, error) {
	last, err := s.LastDay()
	if err != nil {
		return 0, err
	}
	before = min(before, last)
	days, prev := 0, ""
	for done := !s.eventsBefore(before); !done; {
		err := s.db.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketEvents)
			// Keys first, then deletes: a cursor stepping on past deleted
			// keys crosses every emptied page again.
			var old [][]byte
			c := b.Cursor()
			k, _ := c.First()
			for ; len(k) > 8 && len(old) < pruneBatch && string(k[:len(k)-8]) < before; k, _ = c.Next() {
				if day := string(k[:len(k)-8]); day != prev {
					days, prev = days+1, day
				}
				old = append(old, append([]byte(nil), k...))
			}
			done = len(old) < pruneBatch
			for _, k := range old {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return days, fmt.Errorf("store: prune events before %s: %w", before, err)
		}
	}
	return days, nil
}

// eventsBefore reports whether any event is of a day before before, so
// that a start or a night with nothing to delete writes nothing.
func (s *Store) eventsBefore(before string) bool {
	found := false
	s.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketEvents).Cursor().First()
		found = len(k) > 8 && string(k[:len(k)-8]) < before
		return nil
	})
	return found
}

// Space is the size of the database file and how much of it is free pages
// (pages bbolt reuses for later writes, but never gives back to the file
// system without a compaction).
type Space struct {
	File, Free int64
}

// Space measures the database file.
func (s *Store) Space() (Space, error) {
	info, err := os.Stat(s.db.Path())
	if err != nil {
		return Space{}, fmt.Errorf("store: space: %w", err)
	}
	st := s.db.Stats()
	return Space{File: info.Size(), Free: int64(st.FreeAlloc)}, nil
}

// ErrReopen is wrapped by Compact's error when the database could not be
// opened again: the Store is then closed and the server must stop.
var ErrReopen = errors.New("store: database not reopened after compaction")

// WorthCompacting reports whether a compaction would give back enough:
// at least a quarter of the file and 32 MiB. The nightly retention frees
// a day's events, which the next days' writes reuse, so this is met only
// after a large deletion (the first retention of a long event log).
func (sp Space) WorthCompacting() bool {
	return sp.Free >= 32<<20 && sp.Free*4 >= sp.File
}

// compactTxSize bounds each transaction of a compaction.
const compactTxSize = 64 << 20

// Compact rewrites the database into a new file beside it with every free
// page left out (bbolt.Compact), syncs it and renames it over the old one,
// then reopens it; a failure leaves the old file in place and open. It
// returns the file's size before and after.
//
// Compact closes and reopens the database: it must not run concurrently
// with any other use of s. The server calls it at start, before it serves
// anything (see Hall.Retain).
func (s *Store) Compact() (before, after int64, err error) {
	path := s.db.Path()
	sp, err := s.Space()
	if err != nil {
		return 0, 0, err
	}
	tmp := path + ".compact"
	os.Remove(tmp) // a leftover of a compaction that died
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return sp.File, sp.File, fmt.Errorf("store: compact: %w", err)
	}
	err = bolt.Compact(dst, s.db, compactTxSize)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return sp.File, sp.File, fmt.Errorf("store: compact: %w", err)
	}
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return sp.File, sp.File, fmt.Errorf("store: compact: close: %w", err)
	}
	renameErr := os.Rename(tmp, path)
	if renameErr == nil {
		// Best effort: a folder cannot be synced on every system.
		syncFile(filepath.Dir(path))
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return sp.File, sp.File, fmt.Errorf("%w: %w", ErrReopen, err)
	}
	s.db = db
	if renameErr != nil {
		os.Remove(tmp)
		return sp.File, sp.File, fmt.Errorf("store: compact: %w", renameErr)
	}
	info, err := os.Stat(path)
	if err != nil {
		return sp.File, sp.File, fmt.Errorf("store: compact: %w", err)
	}
	return sp.File, info.Size(), nil
}

// syncFile fsyncs the file or folder at path.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

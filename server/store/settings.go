package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Keys of the settings bucket.
var (
	keyConfig = []byte("config")    // the hall's configuration, JSON
	keySeeded = []byte("seed-hash") // the sha256 of the hall.toml it was seeded from
)

// Change is one field an admin changed: never a secret's value.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}

// AuditEntry is one administrative action: who did what to which thing.
type AuditEntry struct {
	ID      uint64    `json:"id"`
	At      time.Time `json:"at"`
	User    string    `json:"user"`
	Action  string    `json:"action"` // e.g. "service.add", "clerk.reset_pin"
	Target  string    `json:"target"` // e.g. "service B", "clerk hang.nd"
	Changes []Change  `json:"changes,omitempty"`
}

// Config returns the stored configuration (JSON) and the hash of the file
// it was seeded from; ok is false before the first start has seeded it.
func (s *Store) Config() (data []byte, seedHash string, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if b == nil {
			return nil // a read-only open of a file older than the bucket
		}
		if v := b.Get(keyConfig); v != nil {
			data, ok = append([]byte(nil), v...), true
		}
		seedHash = string(b.Get(keySeeded))
		return nil
	})
	if err != nil {
		return nil, "", false, fmt.Errorf("store: config: %w", err)
	}
	return data, seedHash, ok, nil
}

// SaveConfig stores the configuration and appends the audit entries in one
// transaction: both or neither. seedHash, when not empty, records the file
// the configuration was seeded from.
func (s *Store) SaveConfig(data []byte, seedHash string, audit []AuditEntry) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if err := b.Put(keyConfig, data); err != nil {
			return err
		}
		if seedHash != "" {
			if err := b.Put(keySeeded, []byte(seedHash)); err != nil {
				return err
			}
		}
		a := tx.Bucket(bucketAudit)
		for _, e := range audit {
			id, err := a.NextSequence()
			if err != nil {
				return err
			}
			e.ID = id
			v, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if err := a.Put(u64(id), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: save config: %w", err)
	}
	return nil
}

// Audit returns up to limit audit entries, newest first, older than the
// entry before (0: from the newest) and passing keep (nil keeps all).
func (s *Store) Audit(before uint64, limit int, keep func(AuditEntry) bool) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		var k, v []byte
		if before == 0 {
			k, v = c.Last()
		} else {
			c.Seek(u64(before))
			k, v = c.Prev()
		}
		for ; k != nil && len(out) < limit; k, v = c.Prev() {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("audit %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if keep == nil || keep(e) {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

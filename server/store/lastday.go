package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// LastDay returns the latest day that has events on disk, or "" when
// there is none. The hall uses it at start to close a day the server was
// down for the end of.
func (s *Store) LastDay() (string, error) {
	var day string
	err := s.db.View(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bucketEvents).Cursor().Last(); len(k) > 8 {
			day = string(k[:len(k)-8])
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("store: last day: %w", err)
	}
	return day, nil
}

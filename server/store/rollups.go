package store

import (
	"fmt"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// A day's rollup is two records of the rollups bucket: "YYYY-MM-DD", the
// figures the month and year pages sum, and "YYYY-MM-DD/low", the day's
// low ratings, which only the day's own page reads. A range of days is one
// cursor walk that steps over the "/low" records without reading them.
// The store keeps the records as bytes; server/report encodes them.

// lowSuffix ends the key of a day's low ratings.
const lowSuffix = "/low"

// RollupFill returns a day's encoded figures given the day's feedback
// items as they are in the writing transaction.
type RollupFill func(feedback []queue.Feedback) ([]byte, error)

// NewRollup is a day's rollup to store: Fill's figures and the low
// ratings Low.
type NewRollup struct {
	Day  string
	Fill RollupFill
	Low  []byte
}

// SaveRollups stores the rollups in one transaction (a year's first page
// stores a few hundred: one sync, not one each). Each Fill runs inside the
// write transaction with its day's feedback items as they are then, so
// that a feedback item answered while the figures were computed is
// counted as answered.
func (s *Store) SaveRollups(rollups ...NewRollup) error {
	if len(rollups) == 0 {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRollups)
		for _, r := range rollups {
			items, err := dayFeedbackTx(tx, r.Day)
			if err != nil {
				return err
			}
			figures, err := r.Fill(items)
			if err != nil {
				return fmt.Errorf("%s: %w", r.Day, err)
			}
			if err := b.Put([]byte(r.Day), figures); err != nil {
				return err
			}
			if err := b.Put([]byte(r.Day+lowSuffix), r.Low); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: save rollups: %w", err)
	}
	return nil
}

// Rollup returns day's stored figures and low ratings (copies), and
// whether there are any.
func (s *Store) Rollup(day string) (figures, low []byte, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRollups)
		if v := b.Get([]byte(day)); v != nil {
			figures, ok = append([]byte(nil), v...), true
			low = append([]byte(nil), b.Get([]byte(day+lowSuffix))...)
		}
		return nil
	})
	if err != nil {
		return nil, nil, false, fmt.Errorf("store: rollup %s: %w", day, err)
	}
	return figures, low, ok, nil
}

// Rollups calls fn with the stored figures of every day from from to to
// (YYYY-MM-DD, both included) that has a rollup, in date order, in one read
// transaction. figures is valid only inside fn.
func (s *Store) Rollups(from, to string, fn func(day string, figures []byte) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRollups).Cursor()
		for k, v := c.Seek([]byte(from)); k != nil && string(k[:min(len(k), len(to))]) <= to; k, v = c.Next() {
			if len(k) != len(from) {
				continue // a day's low ratings
			}
			if err := fn(string(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: rollups %s to %s: %w", from, to, err)
	}
	return nil
}

// RollupRefresh returns a day's figures (old) counted again with the
// day's feedback items.
type RollupRefresh func(old []byte, feedback []queue.Feedback) ([]byte, error)

// refreshRollupTx rewrites day's figures through refresh, in tx, when the
// day has a rollup.
func refreshRollupTx(tx *bolt.Tx, day string, refresh RollupRefresh) error {
	b := tx.Bucket(bucketRollups)
	old := b.Get([]byte(day))
	if old == nil || refresh == nil {
		return nil
	}
	items, err := dayFeedbackTx(tx, day)
	if err != nil {
		return err
	}
	figures, err := refresh(append([]byte(nil), old...), items)
	if err != nil {
		return err
	}
	return b.Put([]byte(day), figures)
}

// dayFeedbackTx returns the feedback items received on day, newest first.
func dayFeedbackTx(tx *bolt.Tx, day string) ([]queue.Feedback, error) {
	items, _, err := feedbackPageTx(tx, FeedbackFilter{From: day, To: day}, 0)
	return items, err
}

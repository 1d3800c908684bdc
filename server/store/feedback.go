package store

import (
	"encoding/json"
	"fmt"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// FeedbackFilter selects feedback items; empty fields match all.
type FeedbackFilter struct {
	Status   string
	From, To string // days, inclusive
}

func (f FeedbackFilter) match(fb *queue.Feedback) bool {
	switch {
	case f.Status != "" && fb.Status != f.Status:
		return false
	case f.From != "" && fb.Day < f.From:
		return false
	case f.To != "" && fb.Day > f.To:
		return false
	}
	return true
}

// Feedback returns the feedback items matching f, newest first.
func (s *Store) Feedback(f FeedbackFilter) ([]queue.Feedback, error) {
	var out []queue.Feedback
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketFeedback).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var fb queue.Feedback
			if err := json.Unmarshal(v, &fb); err != nil {
				return err
			}
			if f.match(&fb) {
				out = append(out, fb)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: feedback: %w", err)
	}
	return out, nil
}

// GetFeedback returns feedback item id.
func (s *Store) GetFeedback(id int64) (queue.Feedback, bool, error) {
	var fb queue.Feedback
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketFeedback).Get(u64(uint64(id)))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &fb)
	})
	return fb, found, err
}

// UpdateFeedback applies fn to feedback item id and saves it in one
// transaction. It returns false if there is no such item. When the item's
// day has a rollup, refresh (when not nil) counts its figures again in the
// same transaction, so that a day's rollup never misses an answer.
func (s *Store) UpdateFeedback(id int64, fn func(*queue.Feedback), refresh RollupRefresh) (bool, error) {
	var found bool
	err := s.db.Update(func(tx *bolt.Tx) error {
		day, ok, err := updateFeedbackTx(tx, id, fn)
		if err != nil || !ok {
			return err
		}
		found = true
		return refreshRollupTx(tx, day, refresh)
	})
	if err != nil {
		return false, fmt.Errorf("store: update feedback %d: %w", id, err)
	}
	return found, nil
}

// updateFeedbackTx applies fn to feedback item id inside tx, leaving every
// field fn does not touch (a supervisor's answer, its status) as stored,
// and returns the item's day.
func updateFeedbackTx(tx *bolt.Tx, id int64, fn func(*queue.Feedback)) (string, bool, error) {
	b := tx.Bucket(bucketFeedback)
	v := b.Get(u64(uint64(id)))
	if v == nil {
		return "", false, nil
	}
	var fb queue.Feedback
	if err := json.Unmarshal(v, &fb); err != nil {
		return "", true, err
	}
	fn(&fb)
	if err := markFeedbackTx(tx, u64(uint64(id))); err != nil {
		return "", true, err
	}
	return fb.Day, true, putJSON(b, u64(uint64(id)), fb)
}

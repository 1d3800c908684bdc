package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// FeedbackPage returns at most limit feedback items matching f, newest
// first, and whether more items match (limit <= 0: no limit).
//
// Feedback ids rise with time, so the days of items never fall as ids rise;
// FeedbackPage uses that to find the To bound by binary search and stops at
// the first item before From, so that a day's items cost the same in a
// year-old file as in a new one.
func (s *Store) FeedbackPage(f FeedbackFilter, limit int) ([]queue.Feedback, bool, error) {
	var out []queue.Feedback
	var more bool
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, more, err = feedbackPageTx(tx, f, limit)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: feedback page: %w", err)
	}
	return out, more, nil
}

func feedbackPageTx(tx *bolt.Tx, f FeedbackFilter, limit int) ([]queue.Feedback, bool, error) {
	out := []queue.Feedback{}
	c := tx.Bucket(bucketFeedback).Cursor()
	var k, v []byte
	if after, _ := feedbackAfterDay(c, f.To); after == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for ; k != nil; k, v = c.Prev() {
		var fb queue.Feedback
		if err := json.Unmarshal(v, &fb); err != nil {
			return nil, false, err
		}
		if f.From != "" && fb.Day < f.From {
			break
		}
		if !f.match(&fb) {
			continue
		}
		if limit > 0 && len(out) == limit {
			return out, true, nil
		}
		out = append(out, fb)
	}
	return out, false, nil
}

// feedbackAfterDay positions c at the first item whose day is after day
// and returns it, or nil when there is none (or day is empty).
func feedbackAfterDay(c *bolt.Cursor, day string) ([]byte, []byte) {
	if day == "" {
		return nil, nil
	}
	first, _ := c.First()
	last, _ := c.Last()
	if first == nil {
		return nil, nil
	}
	// Search the id space [lo, hi] for the least id whose item is after day.
	lo, hi := binary.BigEndian.Uint64(first), binary.BigEndian.Uint64(last)+1
	for lo < hi {
		mid := lo + (hi-lo)/2
		k, v := c.Seek(u64(mid))
		if k == nil || dayOf(v) > day {
			hi = mid
		} else {
			lo = binary.BigEndian.Uint64(k) + 1
		}
	}
	return c.Seek(u64(lo))
}

// dayOf reads only the day of an encoded feedback item.
func dayOf(v []byte) string {
	var d struct {
		Day string `json:"day"`
	}
	json.Unmarshal(v, &d)
	return d.Day
}

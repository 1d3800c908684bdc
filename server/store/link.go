package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The province link's records (server/link): its watermark, and the
// feedback items created or changed since the province last acknowledged
// them.
var (
	bucketLink         = []byte("link")
	bucketLinkFeedback = []byte("link_feedback") // feedback id → change stamp
	keyWatermark       = []byte("watermark")
)

// Watermark is how far the province has acknowledged the hall's events:
// every event of days before Day, and of Day those up to Seq. ReportSent
// is set once Day's closing report is acknowledged (after which the link
// moves on to the next day).
type Watermark struct {
	Day        string `json:"day"`
	Seq        uint64 `json:"seq"`
	ReportSent bool   `json:"report_sent,omitempty"`
}

// LinkWatermark returns the stored watermark; ok is false when the link
// has never stored one (it has not shipped anything yet).
func (s *Store) LinkWatermark() (w Watermark, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketLink).Get(keyWatermark)
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &w)
	})
	if err != nil {
		return Watermark{}, false, fmt.Errorf("store: link watermark: %w", err)
	}
	return w, ok, nil
}

// SetLinkWatermark stores w and forgets the feedback changes in acked
// (id → the stamp DirtyFeedback gave), unless an item changed again since.
func (s *Store) SetLinkWatermark(w Watermark, acked map[int64]uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := putJSON(tx.Bucket(bucketLink), keyWatermark, w); err != nil {
			return err
		}
		b := tx.Bucket(bucketLinkFeedback)
		for id, stamp := range acked {
			if v := b.Get(u64(uint64(id))); len(v) == 8 && binary.BigEndian.Uint64(v) == stamp {
				if err := b.Delete(u64(uint64(id))); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: set link watermark: %w", err)
	}
	return nil
}

// MarkAllFeedbackDirty marks every feedback item for the province, when
// the link starts for the first time.
func (s *Store) MarkAllFeedbackDirty() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFeedback).ForEach(func(k, _ []byte) error {
			return markFeedbackTx(tx, k)
		})
	})
}

// markFeedbackTx records that feedback item key (its big-endian id)
// changed, in the transaction of the change.
func markFeedbackTx(tx *bolt.Tx, key []byte) error {
	b := tx.Bucket(bucketLinkFeedback)
	n, err := b.NextSequence()
	if err != nil {
		return err
	}
	return b.Put(key, u64(n))
}

// DirtyFeedback returns up to max feedback items created or changed since
// the province acknowledged them, each as stored (JSON), with the stamps
// that SetLinkWatermark needs to forget them.
func (s *Store) DirtyFeedback(max int) ([]json.RawMessage, map[int64]uint64, error) {
	var items []json.RawMessage
	stamps := map[int64]uint64{}
	err := s.db.View(func(tx *bolt.Tx) error {
		fb := tx.Bucket(bucketFeedback)
		c := tx.Bucket(bucketLinkFeedback).Cursor()
		for k, v := c.First(); k != nil && len(items) < max; k, v = c.Next() {
			if len(k) != 8 || len(v) != 8 {
				continue
			}
			item := fb.Get(k)
			if item == nil {
				continue
			}
			items = append(items, append(json.RawMessage(nil), item...))
			stamps[int64(binary.BigEndian.Uint64(k))] = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: dirty feedback: %w", err)
	}
	return items, stamps, nil
}

// NextEventDay returns the first day after day that has events, or ""
// (with day "", the first day that has any).
func (s *Store) NextEventDay(day string) (string, error) {
	var next string
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketEvents).Cursor()
		var k []byte
		if day == "" {
			k, _ = c.First()
		} else {
			k, _ = c.Seek(append([]byte(day), 0xff))
		}
		if len(k) > 8 {
			next = string(k[:len(k)-8])
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("store: next event day after %q: %w", day, err)
	}
	return next, nil
}

package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// LoadDay reads what the Engine needs to rebuild day after a restart.
func (s *Store) LoadDay(day string) (queue.DayData, error) {
	d := queue.DayData{Day: day}
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if d.Tickets, err = ticketsTx(tx, day); err != nil {
			return err
		}
		if d.Ratings, err = ratingsTx(tx, day); err != nil {
			return err
		}
		d.Seq = lastSeqTx(tx, day)
		if k, _ := tx.Bucket(bucketFeedback).Cursor().Last(); k != nil {
			d.LastFeedback = int64(binary.BigEndian.Uint64(k))
		}
		return tx.Bucket(bucketCounters).ForEach(func(_, v []byte) error {
			var c queue.CounterState
			if err := json.Unmarshal(v, &c); err != nil {
				return err
			}
			d.Counters = append(d.Counters, c)
			return nil
		})
	})
	if err != nil {
		return queue.DayData{}, fmt.Errorf("store: load day %s: %w", day, err)
	}
	return d, nil
}

func lastSeqTx(tx *bolt.Tx, day string) uint64 {
	c := tx.Bucket(bucketEvents).Cursor()
	k, _ := c.Seek(eventKey(day, ^uint64(0)))
	if k == nil {
		k, _ = c.Last()
	} else if !hasPrefix(k, []byte(day)) || binary.BigEndian.Uint64(k[len(day):]) != ^uint64(0) {
		k, _ = c.Prev()
	}
	if k == nil || !hasPrefix(k, []byte(day)) || len(k) != len(day)+8 {
		return 0
	}
	return binary.BigEndian.Uint64(k[len(day):])
}

func ticketsTx(tx *bolt.Tx, day string) ([]queue.Ticket, error) {
	var out []queue.Ticket
	err := forPrefix(tx.Bucket(bucketTickets), []byte(day+"/"), func(_, v []byte) error {
		var t queue.Ticket
		if err := json.Unmarshal(v, &t); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

func ratingsTx(tx *bolt.Tx, day string) ([]queue.Rating, error) {
	var out []queue.Rating
	err := forPrefix(tx.Bucket(bucketRatings), []byte(day+"/"), func(_, v []byte) error {
		var r queue.Rating
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// Tickets returns the tickets issued on day.
func (s *Store) Tickets(day string) ([]queue.Ticket, error) {
	var out []queue.Ticket
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = ticketsTx(tx, day)
		return err
	})
	return out, err
}

// Ratings returns the ratings of the tickets of day.
func (s *Store) Ratings(day string) ([]queue.Rating, error) {
	var out []queue.Rating
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = ratingsTx(tx, day)
		return err
	})
	return out, err
}

// LastSeq returns the last event seq stored for day, or 0.
func (s *Store) LastSeq(day string) (uint64, error) {
	var seq uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		seq = lastSeqTx(tx, day)
		return nil
	})
	return seq, err
}

// EventFrames returns copies of day's stored event frames with seq in
// (after, until], at most max of them, in order, and the seq of the last
// one (after when there is none). It reads in its own short transaction,
// so that a replay read in chunks never holds one open for long: a long
// read transaction would stall a commit that must grow the file.
func (s *Store) EventFrames(day string, after, until uint64, max int) ([][]byte, uint64, error) {
	var frames [][]byte
	last := after
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketEvents).Cursor()
		prefix := []byte(day)
		for k, v := c.Seek(eventKey(day, after+1)); k != nil && len(frames) < max; k, v = c.Next() {
			if !hasPrefix(k, prefix) || len(k) != len(day)+8 {
				break
			}
			seq := binary.BigEndian.Uint64(k[len(day):])
			if seq > until {
				break
			}
			frames = append(frames, append([]byte(nil), v...))
			last = seq
		}
		return nil
	})
	if err != nil {
		return nil, after, fmt.Errorf("store: events of %s after %d: %w", day, after, err)
	}
	return frames, last, nil
}

package store

import (
	"fmt"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// Reply is a successful command reply to keep for retries of the same
// (device, id) on the same day.
type Reply struct {
	Day, Device, ID string
	Frame           []byte
}

// appendFill packs the pages of buckets whose keys mostly arrive in order
// (events by seq, tickets by number): a split then leaves full pages, not
// half-empty ones, so a day takes fewer pages to write and to read.
const appendFill = 0.9

func replyKey(day, device, id string) []byte {
	return []byte(day + "\x00" + device + "\x00" + id)
}

// Commit writes one command's changes, the encoded frames of its events (in
// the order of ch.Events) and its reply in one transaction.
func (s *Store) Commit(day string, ch queue.Changes, frames [][]byte, reply *Reply) error {
	if len(frames) != len(ch.Events) {
		return fmt.Errorf("store: commit: %d frames for %d events", len(frames), len(ch.Events))
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		return commitTx(tx, day, ch, frames, reply)
	})
	if err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

func commitTx(tx *bolt.Tx, day string, ch queue.Changes, frames [][]byte, reply *Reply) error {
	tickets := tx.Bucket(bucketTickets)
	tickets.FillPercent = appendFill
	for i := range ch.Tickets {
		if err := putJSON(tickets, []byte(ch.Tickets[i].ID), &ch.Tickets[i]); err != nil {
			return err
		}
	}
	counters := tx.Bucket(bucketCounters)
	for _, c := range ch.Counters {
		if err := putJSON(counters, u64(uint64(c.ID)), c); err != nil {
			return err
		}
	}
	ratings := tx.Bucket(bucketRatings)
	for _, r := range ch.Ratings {
		if err := putJSON(ratings, []byte(r.TicketID), r); err != nil {
			return err
		}
	}
	feedback := tx.Bucket(bucketFeedback)
	for _, f := range ch.Feedback {
		if err := putJSON(feedback, u64(uint64(f.ID)), f); err != nil {
			return err
		}
		if err := markFeedbackTx(tx, u64(uint64(f.ID))); err != nil {
			return err
		}
	}
	for _, d := range ch.FeedbackDetails {
		if _, _, err := updateFeedbackTx(tx, d.ID, d.Apply); err != nil {
			return err
		}
	}
	for _, b := range ch.Bookings {
		if err := putBooking(tx, b); err != nil {
			return err
		}
	}
	events := tx.Bucket(bucketEvents)
	events.FillPercent = appendFill
	for i, ev := range ch.Events {
		if err := events.Put(eventKey(day, ev.Seq), frames[i]); err != nil {
			return err
		}
	}
	if reply != nil {
		if err := tx.Bucket(bucketReplies).Put(replyKey(reply.Day, reply.Device, reply.ID), reply.Frame); err != nil {
			return err
		}
	}
	return nil
}

// StoredReply returns the reply stored for (day, device, id), if any.
func (s *Store) StoredReply(day, device, id string) ([]byte, bool, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketReplies).Get(replyKey(day, device, id)); v != nil {
			out = append([]byte(nil), v...)
		}
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: reply: %w", err)
	}
	return out, out != nil, nil
}

// PruneReplies deletes the stored replies of days before keepFrom.
func (s *Store) PruneReplies(keepFrom string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReplies)
		var old [][]byte
		c := b.Cursor()
		for k, _ := c.First(); k != nil && string(k[:min(len(k), len(keepFrom))]) < keepFrom; k, _ = c.Next() {
			old = append(old, append([]byte(nil), k...))
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

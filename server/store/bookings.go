package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// Appointments live in two buckets: bookings holds each booking by its
// code; bookingIndex has one empty value per booking under
// "YYYY-MM-DD/S/HH:MM/CODE", so that a day's bookings, and a slot's, are
// one prefix in the order of their slots.

// Booking errors.
var (
	// ErrSlotFull: the slot has as many active bookings as it takes.
	ErrSlotFull = errors.New("store: slot full")
	// ErrCodeTaken: another booking has the code (draw another).
	ErrCodeTaken = errors.New("store: booking code taken")
	// ErrPhoneBooked: the phone number already holds an active booking of
	// the service on that day.
	ErrPhoneBooked = errors.New("store: phone already booked that day")
)

func bookingIndexKey(b queue.Booking) []byte {
	return []byte(b.Day + "/" + b.Service + "/" + b.Slot + "/" + b.Code)
}

// Book stores b, a new booking, if its slot has fewer than capacity active
// (booked or checked-in) bookings and b's phone has no active booking of
// the service that day. The check and the write are one transaction, so
// of many concurrent bookings of a slot's last place exactly one is
// stored; the others get ErrSlotFull.
func (s *Store) Book(b queue.Booking, capacity int) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketBookings).Get([]byte(b.Code)) != nil {
			return ErrCodeTaken
		}
		taken, err := activeBookings(tx, []byte(b.Day+"/"+b.Service+"/"), func(o queue.Booking) bool { return o.Phone == b.Phone })
		if err != nil {
			return err
		}
		if taken > 0 {
			return ErrPhoneBooked
		}
		n, err := activeBookings(tx, []byte(b.Day+"/"+b.Service+"/"+b.Slot+"/"), nil)
		if err != nil {
			return err
		}
		if n >= capacity {
			return ErrSlotFull
		}
		return putBooking(tx, b)
	})
	if err != nil && !errors.Is(err, ErrSlotFull) && !errors.Is(err, ErrCodeTaken) && !errors.Is(err, ErrPhoneBooked) {
		return fmt.Errorf("store: book: %w", err)
	}
	return err
}

// activeBookings counts the active bookings under prefix of the index that
// keep accepts (nil: all).
func activeBookings(tx *bolt.Tx, prefix []byte, keep func(queue.Booking) bool) (int, error) {
	n := 0
	err := forPrefix(tx.Bucket(bucketBookingIndex), prefix, func(k, _ []byte) error {
		b, ok, err := bookingTx(tx, string(k[len(k)-queue.BookingCodeLength:]))
		if err != nil || !ok || b.State == queue.Cancelled {
			return err
		}
		if keep == nil || keep(b) {
			n++
		}
		return nil
	})
	return n, err
}

// putBooking writes b and its index entry.
func putBooking(tx *bolt.Tx, b queue.Booking) error {
	if err := putJSON(tx.Bucket(bucketBookings), []byte(b.Code), b); err != nil {
		return err
	}
	return tx.Bucket(bucketBookingIndex).Put(bookingIndexKey(b), []byte{})
}

// bookingTx reads the booking with code.
func bookingTx(tx *bolt.Tx, code string) (queue.Booking, bool, error) {
	bk := tx.Bucket(bucketBookings)
	if bk == nil {
		return queue.Booking{}, false, nil
	}
	v := bk.Get([]byte(code))
	if v == nil {
		return queue.Booking{}, false, nil
	}
	var b queue.Booking
	if err := json.Unmarshal(v, &b); err != nil {
		return queue.Booking{}, false, fmt.Errorf("booking %s: %w", code, err)
	}
	return b, true, nil
}

// Booking returns the booking with code, and whether there is one.
func (s *Store) Booking(code string) (queue.Booking, bool, error) {
	var b queue.Booking
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		b, ok, err = bookingTx(tx, code)
		return err
	})
	if err != nil {
		return queue.Booking{}, false, fmt.Errorf("store: booking: %w", err)
	}
	return b, ok, nil
}

// SaveBooking writes a changed booking (a cancellation). Its day, service
// and slot must be those it was booked with.
func (s *Store) SaveBooking(b queue.Booking) error {
	if err := s.db.Update(func(tx *bolt.Tx) error { return putBooking(tx, b) }); err != nil {
		return fmt.Errorf("store: save booking: %w", err)
	}
	return nil
}

// Bookings returns the bookings of the days from..to (YYYY-MM-DD,
// inclusive), cancelled ones included, by day, service and slot.
func (s *Store) Bookings(from, to string) ([]queue.Booking, error) {
	var out []queue.Booking
	err := s.db.View(func(tx *bolt.Tx) error {
		ix := tx.Bucket(bucketBookingIndex)
		if ix == nil {
			return nil
		}
		c := ix.Cursor()
		for k, _ := c.Seek([]byte(from)); k != nil && string(k[:min(len(k), len(to))]) <= to; k, _ = c.Next() {
			b, ok, err := bookingTx(tx, string(k[len(k)-queue.BookingCodeLength:]))
			if err != nil {
				return err
			}
			if ok {
				out = append(out, b)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: bookings: %w", err)
	}
	return out, nil
}

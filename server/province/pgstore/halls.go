package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Hall is a hall registered with the province.
type Hall struct {
	ID   string
	Name string
	// Key is the shared secret the hall signs its batches with.
	Key string
	// DeadlineDays is how many working days the hall has to handle a
	// feedback item.
	DeadlineDays int
	// Open, Close (HH:MM) and Timezone are the hall's hours, for the
	// silent-link flag.
	Open, Close, Timezone string
	LastBatchAt           time.Time // zero when never
	Version               string
}

// AddHall registers h, or replaces the name, key, deadline and hours of
// the hall with its id.
func (s *Store) AddHall(ctx context.Context, h Hall) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO halls (id, name, key, feedback_deadline_days, open, close, timezone)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, key = excluded.key,
			feedback_deadline_days = excluded.feedback_deadline_days,
			open = excluded.open, close = excluded.close, timezone = excluded.timezone`,
		h.ID, h.Name, h.Key, h.DeadlineDays, h.Open, h.Close, h.Timezone)
	if err != nil {
		return fmt.Errorf("pgstore: add hall: %w", err)
	}
	return nil
}

const hallColumns = `id, name, key, feedback_deadline_days, open, close, timezone, last_batch_at, version`

func scanHall(row pgx.Row) (Hall, error) {
	var h Hall
	var last *time.Time
	err := row.Scan(&h.ID, &h.Name, &h.Key, &h.DeadlineDays, &h.Open, &h.Close, &h.Timezone, &last, &h.Version)
	if last != nil {
		h.LastBatchAt = *last
	}
	return h, err
}

// Hall returns the hall with id, or ErrNotFound.
func (s *Store) Hall(ctx context.Context, id string) (Hall, error) {
	h, err := scanHall(s.pool.QueryRow(ctx, "SELECT "+hallColumns+" FROM halls WHERE id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return h, ErrNotFound
	}
	if err != nil {
		return h, fmt.Errorf("pgstore: hall %s: %w", id, err)
	}
	return h, nil
}

// Halls returns every hall, by id.
func (s *Store) Halls(ctx context.Context) ([]Hall, error) {
	rows, err := s.pool.Query(ctx, "SELECT "+hallColumns+" FROM halls ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("pgstore: halls: %w", err)
	}
	defer rows.Close()
	var out []Hall
	for rows.Next() {
		h, err := scanHall(rows)
		if err != nil {
			return nil, fmt.Errorf("pgstore: halls: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

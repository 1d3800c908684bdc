package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// The figures of a rollup, over a day's tickets (t) and ratings (r).
// The figures of a rollup, over a day's tickets, each carrying its rating.
const figures = `count(*) AS issued, count(wait_ms) AS called,
	count(*) FILTER (WHERE state = 'finished') AS finished,
	count(*) FILTER (WHERE state = 'no_show') AS no_show,
	count(*) FILTER (WHERE state = 'expired') AS expired,
	count(wait_ms) AS wait_n, coalesce(sum(greatest(wait_ms, 0)), 0)::bigint AS wait_ms,
	count(service_ms) AS service_n, coalesce(sum(greatest(service_ms, 0)), 0)::bigint AS service_ms,
	count(*) FILTER (WHERE rating = 1) AS r1, count(*) FILTER (WHERE rating = 2) AS r2,
	count(*) FILTER (WHERE rating = 3) AS r3, count(*) FILTER (WHERE rating = 4) AS r4,
	count(*) FILTER (WHERE rating = 5) AS r5,
	count(*) FILTER (WHERE rating IS NOT NULL AND state = 'finished') AS rated_finished`

// rollup computes the day's rollups of a hall again from its tickets and
// ratings (at most a few thousand rows, by primary key), in the ingest's
// transaction: the dashboard then reads one row per hall and day. The
// hall's report counts the same way (SPEC 7): a ticket under the service
// it was issued for, a rating on its ticket's day, once per ticket.
func rollup(ctx context.Context, tx pgx.Tx, hall, day string) error {
	_, err := tx.Exec(ctx, `INSERT INTO day_rollups AS d (hall_id, day, issued, called, finished, no_show, expired,
			wait_n, wait_ms, service_n, service_ms, r1, r2, r3, r4, r5, rated_finished)
		SELECT $1, $2::date, `+figures+` FROM tickets WHERE hall_id = $1 AND day = $2
		ON CONFLICT (hall_id, day) DO UPDATE SET issued = excluded.issued, called = excluded.called,
			finished = excluded.finished, no_show = excluded.no_show, expired = excluded.expired,
			wait_n = excluded.wait_n, wait_ms = excluded.wait_ms, service_n = excluded.service_n,
			service_ms = excluded.service_ms, r1 = excluded.r1, r2 = excluded.r2, r3 = excluded.r3,
			r4 = excluded.r4, r5 = excluded.r5, rated_finished = excluded.rated_finished`, hall, day)
	if err != nil {
		return fmt.Errorf("pgstore: rollup %s %s: %w", hall, day, err)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM service_rollups WHERE hall_id = $1 AND day = $2", hall, day); err != nil {
		return fmt.Errorf("pgstore: rollup %s %s: %w", hall, day, err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO service_rollups (hall_id, day, service, issued, called, finished, no_show, expired,
			wait_n, wait_ms, service_n, service_ms, r1, r2, r3, r4, r5, rated_finished)
		SELECT $1, $2::date, issued_service, `+figures+` FROM tickets
		WHERE hall_id = $1 AND day = $2 GROUP BY issued_service`, hall, day)
	if err != nil {
		return fmt.Errorf("pgstore: service rollup %s %s: %w", hall, day, err)
	}
	return nil
}

// PruneSignatures forgets the signatures accepted before: a batch that old
// is refused as stale anyway.
func (s *Store) PruneSignatures(ctx context.Context, before time.Time) error {
	_, err := s.pool.Exec(ctx, "DELETE FROM seen_signatures WHERE at < $1", before)
	return err
}

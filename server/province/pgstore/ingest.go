package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrReplayed is Ingest's error for a signature accepted before.
var ErrReplayed = errors.New("pgstore: batch replayed")

// GapError is Ingest's error for a batch that starts past the province's
// contiguous seq + 1: events From to To of the day are missing.
type GapError struct{ From, To uint64 }

func (e *GapError) Error() string {
	return fmt.Sprintf("pgstore: events %d to %d missing", e.From, e.To)
}

// Batch is one verified, decoded batch of a hall, its events parsed.
type Batch struct {
	HallID    string
	Version   string
	Day       string // YYYY-MM-DD
	From      uint64
	Signature string
	Now       time.Time
	Events    []Event
	Feedback  []Feedback
	Report    []byte // the day's closing report JSON, or nil
}

// Event is one event frame and what the province reads from it.
type Event struct {
	Seq   uint64
	Type  string
	At    time.Time
	Frame []byte
	// Ticket is the ticket of a ticket event.
	Ticket *Ticket
	// Rating is set by ticket_rated and rating_changed.
	Rating *Rating
	// Hours is set by hall_updated.
	Hours *Hours
}

// Ticket is a ticket as its latest event shows it.
type Ticket struct {
	Day, ID, Number, Service, IssuedService, State string
	Priority                                       bool
	IssuedAt, FirstCalledAt, CalledAt, FinishedAt  time.Time // zero when unset
	Counter                                        int
	Clerk                                          string
	Recalls                                        int
	FileCodes                                      []string
	// WaitMs is issue to first call (nil when never called); ServiceMs the
	// last call to finish of a finished ticket (nil otherwise).
	WaitMs, ServiceMs *int64
}

// Rating is a ticket_rated (Changed false) or rating_changed event.
type Rating struct {
	Day, TicketID string
	Rating        int
	Counter       int
	Clerk         string
	At            time.Time
	Changed       bool
}

// Hours are a hall's opening hours and time zone.
type Hours struct{ Open, Close, Timezone string }

// Feedback is one feedback record, replacing any stored with its id.
type Feedback struct {
	ID        int64
	Day       string
	Status    string
	HandledAt time.Time // zero when not handled
	Due       string    // the last day to handle it in time
	Record    []byte
}

// Ingest stores a batch in one transaction: the signature (ErrReplayed if
// known), the events not yet stored (a batch starting past the day's
// contiguous seq + 1 is a *GapError), the tickets, ratings, feedback and
// report they carry, and the rollups of every day they touch. It returns
// the day's contiguous seq after the batch. On any error nothing is
// stored.
func (s *Store) Ingest(ctx context.Context, b Batch) (uint64, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("pgstore: ingest: %w", err)
	}
	defer tx.Rollback(ctx)
	seq, err := ingest(ctx, tx, b)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("pgstore: ingest: commit: %w", err)
	}
	return seq, nil
}

func ingest(ctx context.Context, tx pgx.Tx, b Batch) (uint64, error) {
	// The hall's row lock serializes its batches across instances.
	tag, err := tx.Exec(ctx, "UPDATE halls SET last_batch_at = $2, version = $3 WHERE id = $1",
		b.HallID, b.Now, b.Version)
	if err != nil {
		return 0, fmt.Errorf("pgstore: ingest: hall: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return 0, ErrNotFound
	}
	tag, err = tx.Exec(ctx, `INSERT INTO seen_signatures (signature, hall_id, at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, b.Signature, b.HallID, b.Now)
	if err != nil {
		return 0, fmt.Errorf("pgstore: ingest: signature: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return 0, ErrReplayed
	}
	var have uint64
	err = tx.QueryRow(ctx, "SELECT seq FROM day_rollups WHERE hall_id = $1 AND day = $2", b.HallID, b.Day).Scan(&have)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("pgstore: ingest: seq: %w", err)
	}
	if len(b.Events) > 0 && b.From > have+1 {
		return 0, &GapError{From: have + 1, To: b.From - 1}
	}
	fresh, err := insertEvents(ctx, tx, b)
	if err != nil {
		return 0, err
	}
	last := b.From + uint64(len(b.Events)) - 1
	if len(b.Events) == 0 || last < have {
		last = have
	}
	if _, err := tx.Exec(ctx, `INSERT INTO day_rollups AS d (hall_id, day, seq, last_batch_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (hall_id, day) DO UPDATE SET seq = greatest(d.seq, excluded.seq), last_batch_at = excluded.last_batch_at`,
		b.HallID, b.Day, last, b.Now); err != nil {
		return 0, fmt.Errorf("pgstore: ingest: day: %w", err)
	}
	days, err := apply(ctx, tx, b, fresh)
	if err != nil {
		return 0, err
	}
	if err := storeFeedback(ctx, tx, b); err != nil {
		return 0, err
	}
	if b.Report != nil {
		if _, err := tx.Exec(ctx, `INSERT INTO reports (hall_id, day, report, received_at) VALUES ($1, $2, $3::text::jsonb, $4)
			ON CONFLICT (hall_id, day) DO UPDATE SET report = excluded.report, received_at = excluded.received_at`,
			b.HallID, b.Day, string(b.Report), b.Now); err != nil {
			return 0, fmt.Errorf("pgstore: ingest: report: %w", err)
		}
	}
	for day := range days {
		if err := rollup(ctx, tx, b.HallID, day); err != nil {
			return 0, err
		}
	}
	return last, nil
}

// insertEvents inserts the batch's events, skipping those stored before,
// and returns the newly stored ones in seq order.
func insertEvents(ctx context.Context, tx pgx.Tx, b Batch) ([]*Event, error) {
	if len(b.Events) == 0 {
		return nil, nil
	}
	n := len(b.Events)
	seqs, types, ats, frames := make([]int64, n), make([]string, n), make([]time.Time, n), make([]string, n)
	for i, e := range b.Events {
		seqs[i], types[i], ats[i], frames[i] = int64(e.Seq), e.Type, e.At, string(e.Frame)
	}
	rows, err := tx.Query(ctx, `INSERT INTO events (hall_id, day, seq, type, at, frame)
		SELECT $1, $2, u.seq, u.type, u.at, u.frame::jsonb
		FROM unnest($3::bigint[], $4::text[], $5::timestamptz[], $6::text[]) AS u(seq, type, at, frame)
		ON CONFLICT (hall_id, day, seq) DO NOTHING RETURNING seq`,
		b.HallID, b.Day, seqs, types, ats, frames)
	if err != nil {
		return nil, fmt.Errorf("pgstore: ingest: events: %w", err)
	}
	stored := make(map[uint64]bool, n)
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pgstore: ingest: events: %w", err)
		}
		stored[uint64(s)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: ingest: events: %w", err)
	}
	fresh := make([]*Event, 0, len(stored))
	for i := range b.Events {
		if stored[b.Events[i].Seq] {
			fresh = append(fresh, &b.Events[i])
		}
	}
	return fresh, nil
}

// apply folds the fresh events into tickets, ratings and the hall's hours,
// and returns the days whose rollups changed.
func apply(ctx context.Context, tx pgx.Tx, b Batch, fresh []*Event) (map[string]bool, error) {
	days := map[string]bool{}
	latest := map[string]*Event{} // ticket id → its newest event
	var order []string
	ratings := map[string]*Rating{} // ticket id → its rating after the batch
	var ratingOrder []string
	for _, e := range fresh {
		switch {
		case e.Ticket != nil:
			if latest[e.Ticket.ID] == nil {
				order = append(order, e.Ticket.ID)
			}
			latest[e.Ticket.ID] = e
			days[e.Ticket.Day] = true
		case e.Rating != nil:
			r := *e.Rating
			days[r.Day] = true
			if prev := ratings[r.TicketID]; prev != nil {
				// A change after a rating in the same batch: one insert
				// at the new level.
				r.Changed = prev.Changed && r.Changed
			} else {
				ratingOrder = append(ratingOrder, r.TicketID)
			}
			ratings[r.TicketID] = &r
		case e.Hours != nil:
			if _, err := tx.Exec(ctx, "UPDATE halls SET open = $2, close = $3, timezone = $4 WHERE id = $1",
				b.HallID, e.Hours.Open, e.Hours.Close, e.Hours.Timezone); err != nil {
				return nil, fmt.Errorf("pgstore: ingest: hours: %w", err)
			}
		}
	}
	if err := upsertTickets(ctx, tx, b, latest, order); err != nil {
		return nil, err
	}
	if err := storeRatings(ctx, tx, b, ratings, ratingOrder); err != nil {
		return nil, err
	}
	return days, nil
}

// upsertTickets writes each ticket's newest state; a stored state from a
// later event (a batch retried out of order) is kept.
func upsertTickets(ctx context.Context, tx pgx.Tx, b Batch, latest map[string]*Event, order []string) error {
	if len(order) == 0 {
		return nil
	}
	n := len(order)
	var (
		day, id, number, service, issuedSvc, state = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		priority                                   = make([]bool, n)
		issued, first, called, finished            = make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n)
		counter                                    = make([]*int32, n)
		clerk                                      = make([]*string, n)
		recalls                                    = make([]int32, n)
		codes                                      = make([]string, n)
		wait, svc                                  = make([]*int64, n), make([]*int64, n)
		seq                                        = make([]int64, n)
	)
	for i, tid := range order {
		e := latest[tid]
		t := e.Ticket
		day[i], id[i], number[i], service[i], issuedSvc[i], state[i] = t.Day, t.ID, t.Number, t.Service, t.IssuedService, t.State
		priority[i] = t.Priority
		issued[i], first[i], called[i], finished[i] = opt(t.IssuedAt), opt(t.FirstCalledAt), opt(t.CalledAt), opt(t.FinishedAt)
		if t.Counter != 0 {
			c := int32(t.Counter)
			counter[i] = &c
		}
		if t.Clerk != "" {
			c := t.Clerk
			clerk[i] = &c
		}
		recalls[i] = int32(t.Recalls)
		fc := t.FileCodes
		if fc == nil {
			fc = []string{}
		}
		codes[i] = strings.Join(fc, codeSep)
		wait[i], svc[i] = t.WaitMs, t.ServiceMs
		seq[i] = int64(e.Seq)
	}
	_, err := tx.Exec(ctx, `INSERT INTO tickets AS t (hall_id, day, id, number, service, issued_service, state, priority,
			issued_at, first_called_at, called_at, finished_at, counter, clerk, recalls, file_codes, wait_ms, service_ms, last_day, last_seq)
		SELECT $1, u.day::date, u.id, u.number, u.service, u.issued_service, u.state, u.priority,
			u.issued, u.first, u.called, u.finished, u.counter, u.clerk, u.recalls,
			string_to_array(u.codes, chr(31)), u.wait, u.svc, $2::date, u.seq
		FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[],
			$10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::int[], $15::text[],
			$16::int[], $17::text[], $18::bigint[], $19::bigint[], $20::bigint[])
			AS u(day, id, number, service, issued_service, state, priority, issued, first, called, finished,
				counter, clerk, recalls, codes, wait, svc, seq)
		ON CONFLICT (hall_id, day, id) DO UPDATE SET number = excluded.number, service = excluded.service,
			issued_service = excluded.issued_service, state = excluded.state, priority = excluded.priority,
			issued_at = excluded.issued_at, first_called_at = excluded.first_called_at,
			called_at = excluded.called_at, finished_at = excluded.finished_at, counter = excluded.counter,
			clerk = excluded.clerk, recalls = excluded.recalls, file_codes = excluded.file_codes,
			wait_ms = excluded.wait_ms, service_ms = excluded.service_ms,
			last_day = excluded.last_day, last_seq = excluded.last_seq
		WHERE (t.last_day, t.last_seq) < (excluded.last_day, excluded.last_seq)`,
		b.HallID, b.Day, day, id, number, service, issuedSvc, state, priority,
		issued, first, called, finished, counter, clerk, recalls, codes, wait, svc, seq)
	if err != nil {
		return fmt.Errorf("pgstore: ingest: tickets: %w", err)
	}
	return nil
}

// codeSep joins a ticket's file codes in one text for unnest (a
// two-dimensional array would flatten); parse drops it from codes.
const codeSep = "\x1f"

func opt(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// storeRatings inserts new ratings (a ticket's first rating only counts)
// and applies level changes, one statement each.
func storeRatings(ctx context.Context, tx pgx.Tx, b Batch, ratings map[string]*Rating, order []string) error {
	var ins, chg struct {
		day, ticket, clerk []string
		rating, counter    []int32
		at                 []time.Time
	}
	for _, tid := range order {
		r := ratings[tid]
		a := &ins
		if r.Changed {
			a = &chg
		}
		a.day = append(a.day, r.Day)
		a.ticket = append(a.ticket, r.TicketID)
		a.clerk = append(a.clerk, r.Clerk)
		a.rating = append(a.rating, int32(r.Rating))
		a.counter = append(a.counter, int32(r.Counter))
		a.at = append(a.at, r.At)
	}
	if len(ins.ticket) > 0 {
		if _, err := tx.Exec(ctx, `WITH ins AS (
				INSERT INTO ratings (hall_id, day, ticket_id, rating, first_rating, counter, clerk, at)
				SELECT $1, u.day::date, u.ticket, u.rating, u.rating, nullif(u.counter, 0), nullif(u.clerk, ''), u.at
				FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::timestamptz[])
					AS u(day, ticket, rating, counter, clerk, at)
				ON CONFLICT DO NOTHING RETURNING day, ticket_id, rating)
			UPDATE tickets t SET rating = ins.rating FROM ins
				WHERE t.hall_id = $1 AND t.day = ins.day AND t.id = ins.ticket_id`, b.HallID, ins.day, ins.ticket, ins.rating, ins.counter, ins.clerk, ins.at); err != nil {
			return fmt.Errorf("pgstore: ingest: ratings: %w", err)
		}
	}
	if len(chg.ticket) > 0 {
		if _, err := tx.Exec(ctx, `WITH chg AS (
				UPDATE ratings r SET rating = u.rating
				FROM unnest($2::text[], $3::text[], $4::int[]) AS u(day, ticket, rating)
				WHERE r.hall_id = $1 AND r.day = u.day::date AND r.ticket_id = u.ticket
				RETURNING r.day, r.ticket_id, r.rating)
			UPDATE tickets t SET rating = chg.rating FROM chg
				WHERE t.hall_id = $1 AND t.day = chg.day AND t.id = chg.ticket_id`,
			b.HallID, chg.day, chg.ticket, chg.rating); err != nil {
			return fmt.Errorf("pgstore: ingest: rating changes: %w", err)
		}
	}
	return nil
}

// storeFeedback replaces each feedback record by (hall, id).
func storeFeedback(ctx context.Context, tx pgx.Tx, b Batch) error {
	for _, f := range b.Feedback {
		_, err := tx.Exec(ctx, `INSERT INTO feedback (hall_id, id, day, status, handled_at, due, record, received_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)
			ON CONFLICT (hall_id, id) DO UPDATE SET day = excluded.day, status = excluded.status,
				handled_at = excluded.handled_at, due = excluded.due, record = excluded.record,
				received_at = excluded.received_at`,
			b.HallID, f.ID, f.Day, f.Status, opt(f.HandledAt), f.Due, string(f.Record), b.Now)
		if err != nil {
			return fmt.Errorf("pgstore: ingest: feedback %d: %w", f.ID, err)
		}
	}
	return nil
}

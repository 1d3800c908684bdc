package pgstore

import (
	"context"
	"fmt"
	"time"
)

// Figures sum a hall's (or a service's) rollups over some days.
type Figures struct {
	Days                     int
	Issued, Called, Finished int
	NoShow, Expired          int
	WaitN, ServiceN          int
	WaitMs, ServiceMs        int64
	Ratings                  [6]int // index 1 to 5
	RatedFinished            int
}

// FeedbackFigures count a hall's feedback items received in some days.
type FeedbackFigures struct {
	Received, Handled int
	// HandledLate were handled after their due day; Overdue are not
	// handled and past it.
	HandledLate, Overdue int
}

// HallFigures is one hall's row of the ranking.
type HallFigures struct {
	Hall Hall
	// LastDay is the latest day of the period with figures ("" for none).
	LastDay  string
	Figures  Figures
	Feedback FeedbackFigures
}

const figureSums = `count(*)::int, coalesce(sum(issued), 0)::int, coalesce(sum(called), 0)::int,
	coalesce(sum(finished), 0)::int, coalesce(sum(no_show), 0)::int, coalesce(sum(expired), 0)::int,
	coalesce(sum(wait_n), 0)::int, coalesce(sum(service_n), 0)::int,
	coalesce(sum(wait_ms), 0)::bigint, coalesce(sum(service_ms), 0)::bigint,
	coalesce(sum(r1), 0)::int, coalesce(sum(r2), 0)::int, coalesce(sum(r3), 0)::int,
	coalesce(sum(r4), 0)::int, coalesce(sum(r5), 0)::int, coalesce(sum(rated_finished), 0)::int`

func (f *Figures) targets() []any {
	return []any{&f.Days, &f.Issued, &f.Called, &f.Finished, &f.NoShow, &f.Expired, &f.WaitN, &f.ServiceN,
		&f.WaitMs, &f.ServiceMs, &f.Ratings[1], &f.Ratings[2], &f.Ratings[3], &f.Ratings[4], &f.Ratings[5],
		&f.RatedFinished}
}

// Ranking returns every hall with its figures for the days from to to
// (inclusive), read from the day rollups, and its feedback received in
// those days as of today (a day, YYYY-MM-DD, for what is overdue). Halls
// come by id; the caller ranks them.
func (s *Store) Ranking(ctx context.Context, from, to, today string) ([]HallFigures, error) {
	halls, err := s.Halls(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*HallFigures, len(halls))
	out := make([]HallFigures, len(halls))
	for i, h := range halls {
		out[i].Hall = h
		byID[h.ID] = &out[i]
	}
	rows, err := s.pool.Query(ctx, `SELECT hall_id, max(day)::text, `+figureSums+` FROM day_rollups
		WHERE day BETWEEN $1 AND $2 GROUP BY hall_id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("pgstore: ranking: %w", err)
	}
	for rows.Next() {
		var id, last string
		var f Figures
		if err := rows.Scan(append([]any{&id, &last}, f.targets()...)...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pgstore: ranking: %w", err)
		}
		if h := byID[id]; h != nil {
			h.Figures, h.LastDay = f, last
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: ranking: %w", err)
	}
	rows, err = s.pool.Query(ctx, `SELECT hall_id, count(*)::int,
			count(*) FILTER (WHERE status = 'handled')::int,
			count(*) FILTER (WHERE status = 'handled' AND handled_at IS NOT NULL AND
				(handled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > due)::int,
			count(*) FILTER (WHERE status <> 'handled' AND $3::date > due)::int
		FROM feedback WHERE day BETWEEN $1 AND $2 GROUP BY hall_id`, from, to, today)
	if err != nil {
		return nil, fmt.Errorf("pgstore: ranking feedback: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var f FeedbackFigures
		if err := rows.Scan(&id, &f.Received, &f.Handled, &f.HandledLate, &f.Overdue); err != nil {
			return nil, fmt.Errorf("pgstore: ranking feedback: %w", err)
		}
		if h := byID[id]; h != nil {
			h.Feedback = f
		}
	}
	return out, rows.Err()
}

// ServiceFigures is one service of one hall over some days.
type ServiceFigures struct {
	HallID, Service string
	Figures         Figures
}

// Services returns each hall's figures by service (the service a ticket
// was issued for) for the days from to to, by service then hall.
func (s *Store) Services(ctx context.Context, from, to string) ([]ServiceFigures, error) {
	rows, err := s.pool.Query(ctx, `SELECT hall_id, service, `+figureSums+` FROM service_rollups
		WHERE day BETWEEN $1 AND $2 GROUP BY service, hall_id ORDER BY service, hall_id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("pgstore: services: %w", err)
	}
	defer rows.Close()
	var out []ServiceFigures
	for rows.Next() {
		var sf ServiceFigures
		if err := rows.Scan(append([]any{&sf.HallID, &sf.Service}, sf.Figures.targets()...)...); err != nil {
			return nil, fmt.Errorf("pgstore: services: %w", err)
		}
		out = append(out, sf)
	}
	return out, rows.Err()
}

// DayTicket is a ticket on a hall's day page.
type DayTicket struct {
	ID, Number, Service, State string
	IssuedAt, FinishedAt       time.Time
	Counter                    int
	Clerk                      string
	FileCodes                  []string
	WaitMs, ServiceMs          *int64
	Rating                     int // 0 when not rated
}

// HallDay is one hall's day: its figures, by service, its tickets and the
// closing report it shipped (nil until then).
type HallDay struct {
	Figures  Figures
	Seq      uint64
	Services []ServiceFigures
	Tickets  []DayTicket
	Report   []byte
}

// Day returns hall's day.
func (s *Store) Day(ctx context.Context, hall, day string) (HallDay, error) {
	var d HallDay
	err := s.pool.QueryRow(ctx, `SELECT `+figureSums+`, coalesce(max(seq), 0) FROM day_rollups
		WHERE hall_id = $1 AND day = $2`, hall, day).Scan(append(d.Figures.targets(), &d.Seq)...)
	if err != nil {
		return d, fmt.Errorf("pgstore: day: %w", err)
	}
	services, err := s.pool.Query(ctx, `SELECT hall_id, service, `+figureSums+` FROM service_rollups
		WHERE hall_id = $1 AND day = $2 GROUP BY hall_id, service ORDER BY service`, hall, day)
	if err != nil {
		return d, fmt.Errorf("pgstore: day: %w", err)
	}
	for services.Next() {
		var sf ServiceFigures
		if err := services.Scan(append([]any{&sf.HallID, &sf.Service}, sf.Figures.targets()...)...); err != nil {
			services.Close()
			return d, fmt.Errorf("pgstore: day: %w", err)
		}
		d.Services = append(d.Services, sf)
	}
	services.Close()
	rows, err := s.pool.Query(ctx, `SELECT t.id, t.number, t.issued_service, t.state, t.issued_at, t.finished_at,
			coalesce(t.counter, 0), coalesce(t.clerk, ''), t.file_codes, t.wait_ms, t.service_ms, coalesce(r.rating, 0)
		FROM tickets t LEFT JOIN ratings r ON r.hall_id = t.hall_id AND r.day = t.day AND r.ticket_id = t.id
		WHERE t.hall_id = $1 AND t.day = $2 ORDER BY t.issued_at, t.id`, hall, day)
	if err != nil {
		return d, fmt.Errorf("pgstore: day tickets: %w", err)
	}
	for rows.Next() {
		var tk DayTicket
		var issued, finished *time.Time
		if err := rows.Scan(&tk.ID, &tk.Number, &tk.Service, &tk.State, &issued, &finished, &tk.Counter, &tk.Clerk,
			&tk.FileCodes, &tk.WaitMs, &tk.ServiceMs, &tk.Rating); err != nil {
			rows.Close()
			return d, fmt.Errorf("pgstore: day tickets: %w", err)
		}
		if issued != nil {
			tk.IssuedAt = *issued
		}
		if finished != nil {
			tk.FinishedAt = *finished
		}
		d.Tickets = append(d.Tickets, tk)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("pgstore: day tickets: %w", err)
	}
	var report string
	err = s.pool.QueryRow(ctx, "SELECT report::text FROM reports WHERE hall_id = $1 AND day = $2", hall, day).Scan(&report)
	if err == nil {
		d.Report = []byte(report)
	}
	return d, nil
}

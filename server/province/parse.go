package province

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"hallq/server/province/pgstore"
	"hallq/server/province/wire"
	"hallq/shared/queue"
)

// frame is an event as the hall stored and broadcast it (SPEC 4.2).
type frame struct {
	Type string          `json:"type"`
	Seq  uint64          `json:"seq"`
	At   queue.Stamp     `json:"at"`
	Data json.RawMessage `json:"data"`
}

// eventData holds the fields of every event's data the province reads.
type eventData struct {
	Ticket   *ticketJSON     `json:"ticket"`
	TicketID string          `json:"ticket_id"`
	Counter  json.RawMessage `json:"counter"`
	Clerk    string          `json:"clerk"`
	Rating   int             `json:"rating"`
	Hall     *struct {
		Open     string `json:"open"`
		Close    string `json:"close"`
		Timezone string `json:"timezone"`
	} `json:"hall"`
}

// ticketJSON is a ticket of an event, with the file codes the counter
// attached (issue 14).
type ticketJSON struct {
	queue.Ticket
	FileCodes []string `json:"file_codes"`
}

// ticketEvents are the events whose data is a ticket.
var ticketEvents = map[string]bool{
	queue.EvTicketIssued: true, queue.EvTicketCalled: true, queue.EvTicketFinished: true,
	queue.EvTicketNoShow: true, queue.EvTicketTransferred: true, queue.EvTicketHeld: true,
	queue.EvTicketExpired: true,
}

// parseBatch reads a decoded batch of hall into what the store keeps. An
// event out of sequence, or with a field the province needs missing or
// wrong, refuses the whole batch.
func parseBatch(b wire.Batch, hall pgstore.Hall, sig string, now time.Time) (pgstore.Batch, error) {
	out := pgstore.Batch{HallID: b.HallID, Version: b.Version, Day: b.Day, From: b.From,
		Signature: sig, Now: now, Report: b.Report}
	out.Events = make([]pgstore.Event, len(b.Events))
	for i, raw := range b.Events {
		e, err := parseEvent(raw)
		if err != nil {
			return out, fmt.Errorf("sự kiện thứ %d: %v (event %d: %v)", i+1, err, i+1, err)
		}
		if e.Seq != b.From+uint64(i) {
			return out, fmt.Errorf("sự kiện thứ %d có seq %d, cần %d: các sự kiện phải liên tiếp (event %d has seq %d, want %d: events must be consecutive)",
				i+1, e.Seq, b.From+uint64(i), i+1, e.Seq, b.From+uint64(i))
		}
		out.Events[i] = e
	}
	for i, raw := range b.Feedback {
		f, err := parseFeedback(raw, hall.DeadlineDays)
		if err != nil {
			return out, fmt.Errorf("phản ánh thứ %d: %v (feedback %d: %v)", i+1, err, i+1, err)
		}
		out.Feedback = append(out.Feedback, f)
	}
	if len(b.Report) > 0 && !json.Valid(b.Report) {
		return out, fmt.Errorf("báo cáo không phải JSON (the report is not JSON)")
	}
	if len(b.Report) == 0 {
		out.Report = nil
	}
	return out, nil
}

func parseEvent(raw json.RawMessage) (pgstore.Event, error) {
	var f frame
	if err := json.Unmarshal(raw, &f); err != nil {
		return pgstore.Event{}, fmt.Errorf("không đọc được (unreadable): %v", err)
	}
	if f.Type == "" || f.Seq == 0 || f.At.IsZero() {
		return pgstore.Event{}, fmt.Errorf("thiếu type, seq hoặc at (type, seq or at missing)")
	}
	e := pgstore.Event{Seq: f.Seq, Type: f.Type, At: f.At.Time, Frame: raw}
	var d eventData
	if len(f.Data) > 0 {
		if err := json.Unmarshal(f.Data, &d); err != nil {
			return e, fmt.Errorf("data không đọc được (data unreadable): %v", err)
		}
	}
	switch {
	case ticketEvents[f.Type]:
		if d.Ticket == nil {
			return e, fmt.Errorf("%s không có ticket (%s without a ticket)", f.Type, f.Type)
		}
		t, err := ticketOf(d.Ticket)
		if err != nil {
			return e, err
		}
		e.Ticket = t
	case f.Type == queue.EvTicketRated || f.Type == queue.EvRatingChanged:
		day := dayOf(d.TicketID)
		if day == "" || d.Rating < 1 || d.Rating > 5 {
			return e, fmt.Errorf("%s: ticket_id hoặc rating sai (bad ticket_id or rating)", f.Type)
		}
		var counter int
		json.Unmarshal(d.Counter, &counter)
		e.Rating = &pgstore.Rating{Day: day, TicketID: d.TicketID, Rating: d.Rating, Counter: counter,
			Clerk: d.Clerk, At: f.At.Time, Changed: f.Type == queue.EvRatingChanged}
	case f.Type == queue.EvHallUpdated && d.Hall != nil:
		e.Hours = &pgstore.Hours{Open: d.Hall.Open, Close: d.Hall.Close, Timezone: d.Hall.Timezone}
	}
	return e, nil
}

// dayOf returns the day of a ticket id ("2026-11-28/A001"), or "".
func dayOf(id string) string {
	if len(id) < len(queue.DayLayout)+2 || id[len(queue.DayLayout)] != '/' {
		return ""
	}
	day := id[:len(queue.DayLayout)]
	if _, err := time.Parse(queue.DayLayout, day); err != nil {
		return ""
	}
	return day
}

// ticketOf turns an event's ticket into the store's row, with its waiting
// and service times counted as the hall's report counts them.
func ticketOf(tj *ticketJSON) (*pgstore.Ticket, error) {
	t := &tj.Ticket
	day := dayOf(t.ID)
	if day == "" || t.Number == "" {
		return nil, fmt.Errorf("vé có id %q không hợp lệ (bad ticket id)", t.ID)
	}
	issuedSvc := t.IssuedService
	if issuedSvc == "" {
		issuedSvc = t.Service
	}
	out := &pgstore.Ticket{Day: day, ID: t.ID, Number: t.Number, Service: t.Service, IssuedService: issuedSvc,
		State: string(t.State), Priority: t.Priority, IssuedAt: t.IssuedAt.Time, FirstCalledAt: t.FirstCalledAt.Time,
		CalledAt: t.CalledAt.Time, FinishedAt: t.FinishedAt.Time, Counter: int(t.Counter), Clerk: string(t.Clerk),
		Recalls: t.Recalls, FileCodes: cleanCodes(tj.FileCodes)}
	// Waiting: issue to the first call (SPEC 7).
	first := t.FirstCalledAt.Time
	if first.IsZero() && len(t.Calls) > 0 {
		first = t.Calls[0].At.Time
	}
	if !first.IsZero() || len(t.Calls) > 0 {
		var ms int64
		if !first.IsZero() {
			ms = max(first.Sub(t.IssuedAt.Time).Milliseconds(), 0)
		}
		out.WaitMs = &ms
	}
	// Service: the call under which it was finished to the finish.
	called := t.CalledAt.Time
	if called.IsZero() && len(t.Calls) > 0 {
		called = t.Calls[len(t.Calls)-1].At.Time
	}
	if t.State == queue.Finished && !called.IsZero() && !t.FinishedAt.IsZero() {
		ms := max(t.FinishedAt.Sub(called).Milliseconds(), 0)
		out.ServiceMs = &ms
	}
	return out, nil
}

// cleanCodes drops empty file codes and control characters (the store
// joins codes with one).
func cleanCodes(codes []string) []string {
	var out []string
	for _, c := range codes {
		c = strings.Map(func(r rune) rune {
			if r < ' ' || r == 0x7f {
				return -1
			}
			return r
		}, c)
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// parseFeedback reads a feedback record and the last day to handle it.
func parseFeedback(raw json.RawMessage, deadlineDays int) (pgstore.Feedback, error) {
	var f queue.Feedback
	if err := json.Unmarshal(raw, &f); err != nil {
		return pgstore.Feedback{}, fmt.Errorf("không đọc được (unreadable): %v", err)
	}
	day, err := time.Parse(queue.DayLayout, f.Day)
	if f.ID <= 0 || err != nil {
		return pgstore.Feedback{}, fmt.Errorf("thiếu id hoặc ngày (id or day missing)")
	}
	var handled time.Time
	if f.Status == queue.FeedbackHandled {
		handled = f.HandledAt.Time
	}
	return pgstore.Feedback{ID: f.ID, Day: f.Day, Status: f.Status, HandledAt: handled,
		Due: AddWorkingDays(day, deadlineDays).Format(queue.DayLayout), Record: raw}, nil
}

// AddWorkingDays returns the day n working days (Monday to Friday) after
// day. Public holidays are not known to the province and count as working
// days.
func AddWorkingDays(day time.Time, n int) time.Time {
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return day
}

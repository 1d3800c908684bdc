package queue

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestIssueNumbering(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		service    string
		wantNumber string
		wantID     string
		wantOrder  uint64
	}{
		{"A", "A001", "2026-11-28/A001", 1},
		{"A", "A002", "2026-11-28/A002", 2},
		{"B", "B001", "2026-11-28/B001", 3},
		{"A", "A003", "2026-11-28/A003", 4},
		{"C", "C001", "2026-11-28/C001", 5},
	}
	for _, tt := range tests {
		t.Run(tt.wantNumber, func(t *testing.T) {
			f.t = t
			tk := f.issue(tt.service, false)
			if tk.Number != tt.wantNumber || tk.ID != tt.wantID || tk.Order != tt.wantOrder {
				t.Errorf("got %s %s order %d, want %s %s order %d",
					tk.Number, tk.ID, tk.Order, tt.wantNumber, tt.wantID, tt.wantOrder)
			}
			if tk.Service != tt.service || tk.IssuedService != tt.service || tk.State != Waiting {
				t.Errorf("got service %s issued %s state %s, want %s %s waiting",
					tk.Service, tk.IssuedService, tk.State, tt.service, tt.service)
			}
			if !tk.IssuedAt.Equal(f.now) {
				t.Errorf("got issued_at %v, want %v", tk.IssuedAt, f.now)
			}
			if tk.Day() != testDay {
				t.Errorf("got day %q, want %q", tk.Day(), testDay)
			}
		})
	}
}

func TestIssueNumberingRestarts(t *testing.T) {
	tests := []struct {
		name      string
		restart   func(f *fixture)
		wantID    string
		wantOrder uint64
	}{
		{
			name: "start of a new day restarts at 001",
			restart: func(f *fixture) {
				f.now = day0.Add(24*time.Hour + 8*time.Hour)
				f.e.StartDay(f.now)
			},
			wantID:    "2026-11-29/A001",
			wantOrder: 1,
		},
		{
			name: "load of the day continues numbering and order",
			restart: func(f *fixture) {
				// Tickets from the store, as Changes gave them.
				var d DayData
				d.Day, d.Seq = f.e.Day(), f.e.Seq()
				for _, id := range []string{"2026-11-28/A001", "2026-11-28/A002", "2026-11-28/B001"} {
					d.Tickets = append(d.Tickets, f.ticket(id))
				}
				f.e = NewEngine(f.e.Settings(), strings.NewReader(strings.Repeat("x", 64)))
				f.e.Load(d)
			},
			wantID:    "2026-11-28/A003",
			wantOrder: 4,
		},
		{
			name:      "start of the same day keeps numbering",
			restart:   func(f *fixture) { f.e.StartDay(f.tick(time.Hour)) },
			wantID:    "2026-11-28/A003",
			wantOrder: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.issue("A", false)
			f.issue("A", false)
			f.issue("B", false)
			tt.restart(f)
			f.e.TakeChanges()
			tk, _, _, err := f.e.Issue(f.tick(time.Minute), "A", false)
			wantCode(t, err, "")
			if tk.ID != tt.wantID || tk.Order != tt.wantOrder {
				t.Errorf("got %s order %d, want %s order %d", tk.ID, tk.Order, tt.wantID, tt.wantOrder)
			}
		})
	}
}

func TestIssueRules(t *testing.T) {
	tests := []struct {
		name     string
		settings func(*Settings)
		setup    func(f *fixture)
		at       string
		service  string
		want     string
	}{
		{name: "known service", at: "08:00", service: "A"},
		{name: "unknown service", at: "08:00", service: "D", want: EBADREQUEST},
		{name: "lower-case service", at: "08:00", service: "a", want: EBADREQUEST},
		{name: "empty service", at: "08:00", service: "", want: EBADREQUEST},
		{name: "unknown service outside hours is bad_request", at: "06:00", service: "D", want: EBADREQUEST},
		{name: "before open", at: "07:29:59", service: "A", want: ECLOSED},
		{name: "at open", at: "07:30", service: "A"},
		{name: "just before close", at: "16:59:59", service: "A"},
		{name: "at close", at: "17:00", service: "A", want: ECLOSED},
		{name: "evening", at: "21:00", service: "A", want: ECLOSED},
		{
			name:     "close 24:00 issues until midnight",
			settings: func(s *Settings) { s.Close = 24 * time.Hour },
			at:       "23:59:59", service: "A",
		},
		{
			name:     "close 24:00 is closed after midnight before open",
			settings: func(s *Settings) { s.Close = 24 * time.Hour },
			at:       "00:00", service: "A", want: ECLOSED,
		},
		{
			name:     "under daily limit",
			settings: func(s *Settings) { s.Services[0].DailyLimit = 2 },
			setup:    func(f *fixture) { f.issue("A", false) },
			at:       "09:00", service: "A",
		},
		{
			name:     "at daily limit",
			settings: func(s *Settings) { s.Services[0].DailyLimit = 2 },
			setup:    func(f *fixture) { f.issue("A", false); f.issue("A", true) },
			at:       "09:00", service: "A", want: ECONFLICT,
		},
		{
			name:     "daily limit of another service",
			settings: func(s *Settings) { s.Services[0].DailyLimit = 1 },
			setup:    func(f *fixture) { f.issue("A", false) },
			at:       "09:00", service: "B",
		},
		{
			name:     "daily limit counts served tickets",
			settings: func(s *Settings) { s.Services[0].DailyLimit = 1 },
			setup: func(f *fixture) {
				f.issue("A", false)
				f.login(1, "hang.nd")
				f.serve(1, time.Minute)
			},
			at: "09:00", service: "A", want: ECONFLICT,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []func(*Settings)
			if tt.settings != nil {
				opts = append(opts, tt.settings)
			}
			f := newFixture(t, opts...)
			if tt.setup != nil {
				tt.setup(f)
			}
			before := takeSnapshot(f.e)
			_, _, _, err := f.e.Issue(clock(t, tt.at), tt.service, false)
			wantCode(t, err, tt.want)
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				if c := f.e.TakeChanges(); !c.Empty() {
					t.Errorf("got changes %+v, want none", c)
				}
			}
		})
	}
}

func TestIssueToken(t *testing.T) {
	f := newFixture(t)
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		tk, _, _, err := f.e.Issue(f.tick(time.Second), "A", false)
		wantCode(t, err, "")
		if len(tk.Token) != TokenLength {
			t.Fatalf("got token %q of %d characters, want %d", tk.Token, len(tk.Token), TokenLength)
		}
		for _, c := range tk.Token {
			if !strings.ContainsRune(TokenAlphabet, c) {
				t.Fatalf("got token %q with %q, want only %s", tk.Token, c, TokenAlphabet)
			}
		}
		if seen[tk.Token] {
			t.Fatalf("got token %q twice, want a new one per ticket", tk.Token)
		}
		seen[tk.Token] = true
		c := f.e.TakeChanges()
		if len(c.Tickets) != 1 || c.Tickets[0].Token != tk.Token {
			t.Fatalf("got stored tickets %+v, want the ticket with token %q", c.Tickets, tk.Token)
		}
		if got, _ := f.e.Ticket(tk.ID); got.Token != tk.Token {
			t.Fatalf("got Ticket token %q, want %q", got.Token, tk.Token)
		}
	}
}

// failingReader is a random source that fails.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }

func TestIssueTokenSourceFails(t *testing.T) {
	f := newFixture(t)
	f.e.rand = failingReader{}
	before := takeSnapshot(f.e)
	_, _, _, err := f.e.Issue(f.tick(time.Second), "A", false)
	wantCode(t, err, EINTERNAL)
	wantUnchanged(t, f.e, before)
	if c := f.e.TakeChanges(); !c.Empty() {
		t.Errorf("got changes %+v, want none", c)
	}
}

func TestIssueAheadAndWait(t *testing.T) {
	type waiting struct {
		service  string
		priority bool
	}
	tests := []struct {
		name      string
		waiting   []waiting
		setup     func(f *fixture)
		service   string
		priority  bool
		wantAhead int
		wantWait  int
	}{
		{name: "empty queue", service: "A"},
		{
			name:    "normal after normals, default 5 minutes, no counter open",
			waiting: []waiting{{"A", false}, {"A", false}},
			service: "A", wantAhead: 2, wantWait: 600,
		},
		{
			name:    "normal after a later priority",
			waiting: []waiting{{"A", false}, {"A", false}, {"A", true}},
			service: "A", wantAhead: 3, wantWait: 900,
		},
		{
			name:    "priority passes normals",
			waiting: []waiting{{"A", false}, {"A", true}, {"A", false}},
			service: "A", priority: true, wantAhead: 1, wantWait: 300,
		},
		{
			name:    "other services do not count",
			waiting: []waiting{{"B", false}, {"B", true}, {"C", false}, {"A", false}},
			service: "A", wantAhead: 1, wantWait: 300,
		},
		{
			name:    "open counters share the wait",
			waiting: []waiting{{"C", false}, {"C", false}},
			setup:   func(f *fixture) { f.login(2, "minh.tv"); f.login(3, "lan.pt") },
			service: "C", wantAhead: 2, wantWait: 300,
		},
		{
			name:    "counters of other services do not share",
			waiting: []waiting{{"A", false}, {"A", false}},
			setup:   func(f *fixture) { f.login(2, "minh.tv"); f.login(3, "lan.pt") },
			service: "A", wantAhead: 2, wantWait: 600,
		},
		{
			name:    "paused counters do not share",
			waiting: []waiting{{"C", false}, {"C", false}},
			setup: func(f *fixture) {
				f.login(2, "minh.tv")
				f.login(3, "lan.pt")
				_, err := f.e.Pause(f.tick(time.Second), 3)
				f.ok("pause", err)
			},
			service: "C", wantAhead: 2, wantWait: 600,
		},
		{
			name:    "the day's mean service time of the service",
			waiting: []waiting{{"A", false}, {"A", false}, {"A", false}},
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				f.serve(1, time.Minute)
				f.serve(1, 3*time.Minute)
			},
			service: "A", wantAhead: 1, wantWait: 120,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			for _, w := range tt.waiting {
				f.issue(w.service, w.priority)
			}
			if tt.setup != nil {
				tt.setup(f)
			}
			_, ahead, wait, err := f.e.Issue(f.tick(time.Second), tt.service, tt.priority)
			wantCode(t, err, "")
			if ahead != tt.wantAhead || wait != tt.wantWait {
				t.Errorf("got ahead %d wait %ds, want ahead %d wait %ds", ahead, wait, tt.wantAhead, tt.wantWait)
			}
		})
	}
}

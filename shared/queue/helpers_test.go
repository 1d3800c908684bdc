package queue

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"
)

// ict is the hall's zone without tzdata: Asia/Ho_Chi_Minh is UTC+7 all year.
var ict = time.FixedZone("ICT", 7*3600)

// testDay is the fixture's day; day0 its midnight in the hall's zone.
const testDay = "2026-11-28"

var day0 = time.Date(2026, 11, 28, 0, 0, 0, 0, ict)

// clock returns the fixture day's time of day "HH:MM" or "HH:MM:SS".
func clock(t *testing.T, hhmm string) time.Time {
	t.Helper()
	layout := "15:04"
	if len(hhmm) > 5 {
		layout = "15:04:05"
	}
	c, err := time.ParseInLocation(layout, hhmm, ict)
	if err != nil {
		t.Fatalf("clock %q: %v", hhmm, err)
	}
	return day0.Add(time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute +
		time.Duration(c.Second())*time.Second)
}

// testSettings is the hall the tests run in: open 07:30 to 17:00, ratings
// within 30 minutes, services A, B and C, three counters serving different
// services, three clerks.
func testSettings() *Settings {
	return &Settings{
		Name:         "Sở Công Thương tỉnh Bình Dương",
		Location:     ict,
		Open:         7*time.Hour + 30*time.Minute,
		Close:        17 * time.Hour,
		RatingWindow: 30 * time.Minute,
		WaitAlert:    20 * time.Minute,
		Services: []Service{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước"},
			{ID: "B", Name: "Xuất nhập khẩu"},
			{ID: "C", Name: "Hóa chất, vật liệu nổ"},
		},
		Counters: []CounterConfig{
			{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}},
			{ID: 2, Name: "Quầy 2", Services: []string{"B", "C"}},
			{ID: 3, Name: "Quầy 3", Services: []string{"C"}},
		},
		Clerks: []Clerk{
			{Username: "hang.nd", Name: "Nguyễn Diệu Hằng"},
			{Username: "minh.tv", Name: "Trần Văn Minh"},
			{Username: "lan.pt", Name: "Phạm Thị Lan"},
		},
	}
}

// fixture is an Engine on the test day with a clock that the test moves.
type fixture struct {
	t   *testing.T
	e   *Engine
	now time.Time
	// taken is every successful command's Changes, in order.
	taken []Changes
}

// newFixture starts the test day at 08:00 with settings changed by opts.
// The day's start changes are taken, so a test sees only its own.
func newFixture(t *testing.T, opts ...func(*Settings)) *fixture {
	t.Helper()
	cfg := testSettings()
	for _, o := range opts {
		o(cfg)
	}
	f := &fixture{t: t, e: NewEngine(cfg, rand.NewChaCha8([32]byte{1})), now: clock(t, "08:00")}
	f.e.StartDay(f.now)
	f.taken = append(f.taken, f.e.TakeChanges())
	return f
}

// tick moves the clock on by d and returns the new time.
func (f *fixture) tick(d time.Duration) time.Time {
	f.now = f.now.Add(d)
	return f.now
}

// ok fails the test if err is not nil, and takes the command's changes.
func (f *fixture) ok(what string, err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatalf("%s: got error %v, want none", what, err)
	}
	f.taken = append(f.taken, f.e.TakeChanges())
}

func (f *fixture) issue(service string, priority bool) Ticket {
	f.t.Helper()
	tk, _, _, err := f.e.Issue(f.tick(time.Second), service, priority)
	f.ok("issue "+service, err)
	return tk
}

func (f *fixture) login(counter int, clerk string) {
	f.t.Helper()
	_, err := f.e.Login(f.tick(time.Second), counter, clerk)
	f.ok("login "+clerk, err)
}

func (f *fixture) callNext(counter int) Ticket {
	f.t.Helper()
	tk, err := f.e.CallNext(f.tick(time.Second), counter)
	f.ok("call_next", err)
	return tk
}

func (f *fixture) callTicket(counter int, id string) Ticket {
	f.t.Helper()
	tk, err := f.e.CallTicket(f.tick(time.Second), counter, id)
	f.ok("call_ticket "+id, err)
	return tk
}

func (f *fixture) finish(counter int, id string) Ticket {
	f.t.Helper()
	tk, err := f.e.Finish(f.tick(time.Second), counter, id)
	f.ok("finish "+id, err)
	return tk
}

func (f *fixture) hold(counter int, id string) Ticket {
	f.t.Helper()
	tk, err := f.e.Hold(f.tick(time.Second), counter, id)
	f.ok("hold "+id, err)
	return tk
}

func (f *fixture) transfer(counter int, id, service string) Ticket {
	f.t.Helper()
	tk, err := f.e.Transfer(f.tick(time.Second), counter, id, service)
	f.ok("transfer "+id, err)
	return tk
}

func (f *fixture) recall(counter int, id string) Ticket {
	f.t.Helper()
	tk, err := f.e.Recall(f.tick(time.Second), counter, id)
	f.ok("recall "+id, err)
	return tk
}

// serve calls the next ticket at counter and finishes it after d.
func (f *fixture) serve(counter int, d time.Duration) Ticket {
	f.t.Helper()
	tk := f.callNext(counter)
	tk, err := f.e.Finish(f.tick(d), counter, tk.ID)
	f.ok("finish "+tk.ID, err)
	return tk
}

// ticket returns the Engine's ticket id, failing if there is none.
func (f *fixture) ticket(id string) Ticket {
	f.t.Helper()
	tk, ok := f.e.Ticket(id)
	if !ok {
		f.t.Fatalf("ticket %s: not found", id)
	}
	return tk
}

// wantCode fails unless err has code want ("" for no error).
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	got := ""
	if err != nil {
		got = ErrorCode(err)
	}
	if got != want {
		t.Fatalf("got error %v (code %q), want code %q", err, got, want)
	}
}

// numbers lists the tickets' numbers, for short failure messages.
func numbers(ts []Ticket) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.Number)
	}
	return out
}

// eventTypes lists the events' types.
func eventTypes(evs []Event) []string {
	out := make([]string, 0, len(evs))
	for _, ev := range evs {
		out = append(out, ev.Type)
	}
	return out
}

// snapshot is a deep copy of an Engine's state, to check that a failed
// command changed nothing.
type snapshot struct {
	Day      string
	Seq      uint64
	Order    uint64
	Tickets  map[string]Ticket
	Waiting  []string
	Numbers  map[string]int
	Issued   map[string]int
	Counters map[int]CounterState
	ClerkAt  map[string]int
	Recent   []string
	Stats    map[string]ClerkDay
	Ratings  map[string]Rating
	Feedback int64
}

func takeSnapshot(e *Engine) snapshot {
	s := snapshot{
		Day: e.day, Seq: e.seq, Order: e.order, Feedback: e.feedback,
		Tickets:  map[string]Ticket{},
		Numbers:  copyMap(e.numbers),
		Issued:   copyMap(e.issued),
		Counters: map[int]CounterState{},
		ClerkAt:  copyMap(e.clerkAt),
		Recent:   append([]string(nil), e.recent...),
		Stats:    map[string]ClerkDay{},
		Ratings:  map[string]Rating{},
	}
	for id, r := range e.ratings {
		s.Ratings[id] = *r
	}
	for id, t := range e.tickets {
		c := *t
		c.Calls = append([]Call(nil), t.Calls...)
		s.Tickets[id] = c
	}
	for _, t := range e.waiting {
		s.Waiting = append(s.Waiting, t.ID)
	}
	for id, c := range e.counters {
		s.Counters[id] = *c
	}
	for u, d := range e.stats {
		s.Stats[u] = *d
	}
	return s
}

func copyMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// wantUnchanged fails if the Engine's state differs from before.
func wantUnchanged(t *testing.T, e *Engine, before snapshot) {
	t.Helper()
	if after := takeSnapshot(e); !reflect.DeepEqual(after, before) {
		t.Errorf("state changed by a failed command:\ngot  %+v\nwant %+v", after, before)
	}
}

// sortedIDs returns the map's keys in order.
func sortedIDs[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

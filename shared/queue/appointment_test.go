package queue

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

// withAppointments lets service A take appointments on every day, 08:00
// to 11:00, in 30-minute slots of 2, with the default window.
func withAppointments(s *Settings) {
	s.Appointments = map[string]AppointmentRules{"A": {
		Days: [7]bool{true, true, true, true, true, true, true}, Hours: []Span{{8 * time.Hour, 11 * time.Hour}},
		Slot: 30 * time.Minute, Capacity: 2, Ahead: 14, Before: 15 * time.Minute, After: 10 * time.Minute,
	}}
}

// booking returns a booked appointment of service A at slot today.
func booking(code, slot string) Booking {
	return Booking{Code: code, Service: "A", Day: testDay, Slot: slot, Name: "Nguyễn Văn An", Phone: "0912345678", State: Booked}
}

// checkIn checks b in at the fixture's clock (moved to at first).
func (f *fixture) checkIn(at string, b Booking) CheckInResult {
	f.t.Helper()
	f.now = clock(f.t, at)
	r, err := f.e.CheckIn(f.now, b)
	f.ok("check_in "+b.Code, err)
	return r
}

func TestCheckInWindow(t *testing.T) {
	tests := []struct {
		name, at, slot string
		day            string
		want           string
		appointment    bool
		consumed       bool
	}{
		{"15 minutes before the slot", "08:45", "09:00", testDay, CheckInOnTime, true, true},
		{"10 minutes after the slot", "09:10", "09:00", testDay, CheckInOnTime, true, true},
		{"too early today", "08:44", "09:00", testDay, CheckInEarly, false, true},
		{"too late", "09:11", "09:00", testDay, CheckInLate, false, true},
		{"another day ahead", "09:00", "09:00", "2026-11-30", CheckInEarly, false, false},
		{"a day gone", "09:00", "09:00", "2026-11-27", CheckInLate, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, withAppointments)
			b := booking("ABC234", tt.slot)
			b.Day = tt.day
			r := f.checkIn(tt.at, b)
			if r.Outcome != tt.want || r.Ticket.Appointment != tt.appointment {
				t.Fatalf("got %s appointment=%v, want %s appointment=%v", r.Outcome, r.Ticket.Appointment, tt.want, tt.appointment)
			}
			ch := f.taken[len(f.taken)-1]
			if got := len(ch.Bookings) == 1; got != tt.consumed {
				t.Fatalf("booking changed: got %v, want %v", got, tt.consumed)
			}
			if tt.consumed && (ch.Bookings[0].State != CheckedIn || ch.Bookings[0].TicketID != r.Ticket.ID || ch.Bookings[0].CheckIn != tt.want) {
				t.Fatalf("booking after check-in: got %+v", ch.Bookings[0])
			}
			if ch.Events[0].Ticket.Appointment != tt.appointment {
				t.Fatalf("ticket_issued event: appointment %v, want %v", ch.Events[0].Ticket.Appointment, tt.appointment)
			}
		})
	}
}

func TestCheckInRefused(t *testing.T) {
	f := newFixture(t, withAppointments)
	used := booking("ABC234", "09:00")
	used.State, used.CheckedInAt = CheckedIn, f.e.stamp(clock(t, "08:50"))
	cancelled := booking("ABC235", "09:00")
	cancelled.State = Cancelled
	for _, b := range []Booking{used, cancelled} {
		before := takeSnapshot(f.e)
		_, err := f.e.CheckIn(clock(t, "09:00"), b)
		wantCode(t, err, ECONFLICT)
		wantUnchanged(t, f.e, before)
		if ch := f.e.TakeChanges(); !ch.Empty() {
			t.Fatalf("a refused check-in left changes: %+v", ch)
		}
	}
	// Outside opening hours: closed, as for any ticket.
	late := booking("ABC236", "16:55")
	_, err := f.e.CheckIn(clock(t, "17:01"), late)
	wantCode(t, err, ECLOSED)
}

func TestCheckInPassesDailyLimit(t *testing.T) {
	f := newFixture(t, withAppointments, func(s *Settings) { s.Services[0].DailyLimit = 1 })
	f.issue("A", false)
	if _, _, _, err := f.e.Issue(f.tick(time.Second), "A", false); ErrorCode(err) != ECONFLICT {
		t.Fatalf("second normal ticket: got %v, want conflict", err)
	}
	r := f.checkIn("08:50", booking("ABC234", "09:00"))
	if !r.Ticket.Appointment {
		t.Fatal("on-time check-in at the daily limit: no appointment ticket")
	}
	_, err := f.e.CheckIn(clock(t, "10:00"), booking("ABC235", "09:00"))
	wantCode(t, err, ECONFLICT) // late: a normal ticket, which the limit refuses
}

// TestAppointmentOrder checks call_next with appointment tickets, and that
// the state's waiting list and each ticket's ahead agree with it.
func TestAppointmentOrder(t *testing.T) {
	type step struct{ kind, service string } // kind: n normal, p priority, a appointment (on time), l late check-in
	tests := []struct {
		name   string
		streak int
		issue  []step
		want   []string
	}{
		{
			name:  "appointment before older normal tickets, after priority",
			issue: []step{{"n", "A"}, {"n", "A"}, {"a", "A"}, {"p", "A"}, {"n", "B"}},
			want:  []string{"A004", "A003", "A001", "A002", "B001"},
		},
		{
			name:  "a late check-in is a normal ticket",
			issue: []step{{"n", "A"}, {"l", "A"}, {"a", "A"}},
			want:  []string{"A003", "A001", "A002"},
		},
		{
			name:  "appointments in their own issue order",
			issue: []step{{"a", "A"}, {"n", "A"}, {"a", "A"}},
			want:  []string{"A001", "A003", "A002"},
		},
		{
			name:   "priority_streak 2 bounds priority and appointment calls together",
			streak: 2,
			issue:  []step{{"n", "A"}, {"n", "A"}, {"p", "A"}, {"a", "A"}, {"a", "A"}, {"p", "A"}},
			want:   []string{"A003", "A006", "A001", "A004", "A005", "A002"},
		},
		{
			name:   "priority_streak: appointments go on when no normal ticket waits",
			streak: 1,
			issue:  []step{{"a", "A"}, {"a", "A"}, {"a", "A"}},
			want:   []string{"A001", "A002", "A003"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, withAppointments, func(s *Settings) { s.PriorityStreak = tt.streak })
			f.now = clock(t, "08:50")
			for i, st := range tt.issue {
				switch st.kind {
				case "a", "l":
					b := booking("ABC23"+string(rune('2'+i)), "09:00")
					if st.kind == "l" {
						b.Slot = "08:00" // its window closed at 08:10
					}
					r, err := f.e.CheckIn(f.now, b)
					f.ok("check_in", err)
					if r.Ticket.Appointment != (st.kind == "a") {
						t.Fatalf("step %d: appointment %v", i, r.Ticket.Appointment)
					}
				default:
					f.issue(st.service, st.kind == "p")
				}
				f.tick(time.Second)
			}
			f.login(1, "hang.nd")
			for i, want := range tt.want {
				list := f.e.Waiting()
				if list[0].Number != want && tt.streak == 0 {
					t.Fatalf("call %d: waiting list starts with %s, want %s (%v)", i+1, list[0].Number, want, numbers(list))
				}
				for _, w := range list {
					tk := f.ticket(w.ID)
					if got, want := f.e.Ahead(&tk), aheadIn(list, w); got != want && tt.streak == 0 {
						t.Fatalf("ahead of %s: got %d, want %d from the waiting list %v", w.Number, got, want, numbers(list))
					}
				}
				if cs, _ := f.e.CounterState(1); cs.Ticket != "" {
					f.finish(1, cs.Ticket)
				}
				got := f.callNext(1)
				if got.Number != want {
					t.Fatalf("call %d: got %s, want %s", i+1, got.Number, want)
				}
			}
		})
	}
}

// aheadIn counts the tickets of w's service before w in the waiting list.
func aheadIn(list []Ticket, w Ticket) int {
	n := 0
	for _, x := range list {
		if x.ID == w.ID {
			return n
		}
		if x.Service == w.Service {
			n++
		}
	}
	return n
}

func TestAppointmentSurvivesLoad(t *testing.T) {
	f := newFixture(t, withAppointments)
	f.issue("A", false)
	f.checkIn("08:50", booking("ABC234", "09:00"))
	var tickets []Ticket
	for _, id := range sortedIDs(f.e.tickets) {
		tickets = append(tickets, f.ticket(id))
	}
	e := NewEngine(f.e.cfg, bytes.NewReader(nil))
	e.Load(DayData{Day: testDay, Seq: f.e.Seq(), Tickets: tickets})
	if got := numbers(e.Waiting()); !slices.Equal(got, []string{"A002", "A001"}) {
		t.Fatalf("waiting after load: got %v, want [A002 A001]", got)
	}
}

func TestSlots(t *testing.T) {
	r := AppointmentRules{Hours: []Span{{8 * time.Hour, 9*time.Hour + 40*time.Minute}, {13 * time.Hour, 14 * time.Hour}}, Slot: 30 * time.Minute}
	r.Days[time.Monday] = true
	var got []string
	for _, s := range r.Slots(time.Monday) {
		got = append(got, FormatClock(s))
	}
	if want := []string{"08:00", "08:30", "09:00", "13:00", "13:30"}; !slices.Equal(got, want) {
		t.Fatalf("slots: got %v, want %v", got, want)
	}
	if r.Slots(time.Sunday) != nil || r.HasSlot(time.Monday, 9*time.Hour+30*time.Minute) || !r.HasSlot(time.Monday, 13*time.Hour) {
		t.Fatal("HasSlot or a closed day is wrong")
	}
}

func TestMobilePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"0912345678", "0912345678", true},
		{"0912 345 678", "0912345678", true},
		{"+84 912 345 678", "0912345678", true},
		{"84912345678", "0912345678", true},
		{"0388.123.456", "0388123456", true},
		{"0212345678", "0212345678", false}, // a landline prefix
		{"091234567", "091234567", false},
		{"09123456789", "09123456789", false},
		{"09123a5678", "09123a5678", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := MobilePhone(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MobilePhone(%q): got %q %v, want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if got := MaskPhone("0912345678"); got != "*******678" {
		t.Errorf("MaskPhone: got %q", got)
	}
}

func TestBookingCode(t *testing.T) {
	code, err := NewBookingCode(bytes.NewReader(bytes.Repeat([]byte{0xff, 0x00, 0x21}, 2)))
	if err != nil || code != "Z23Z23" {
		t.Fatalf("code: got %q %v", code, err)
	}
	if _, err := NewBookingCode(bytes.NewReader(nil)); err == nil {
		t.Fatal("a failing source gave a code")
	}
	for in, want := range map[string]bool{"abc-234": true, "ABC234": true, "ABC23": false, "ABC0I1": false, "ABC2345": false} {
		if _, ok := CleanBookingCode(in); ok != want {
			t.Errorf("CleanBookingCode(%q): got %v, want %v", in, ok, want)
		}
	}
}

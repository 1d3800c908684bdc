package model

import (
	"encoding/json"
	"reflect"
	"testing"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// padFixture is counter 1's rating pad, hang.nd signed in there.
func padFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	st := testState()
	st.Counters[0].Clerk = "hang.nd"
	st.Counters[0].ClerkName = "Nguyễn Diệu Hằng"
	f.m.SetState(st)
	f.m.SetHello(protocol.HelloReply{Role: "kiosk", Counter: 1})
	return f
}

func ticketAt(number string, counter int, state queue.TicketState) queue.Ticket {
	return queue.Ticket{ID: "2026-11-28/" + number, Number: number, Service: "A", State: state,
		Counter: queue.OptInt(counter), Clerk: "hang.nd"}
}

// finish and call feed the pad the counter's live events.
func (f *fixture) finish(t *testing.T, number string, counter int) {
	t.Helper()
	b, _ := json.Marshal(protocol.TicketEvent{Ticket: ticketAt(number, counter, queue.Finished)})
	f.m.HandleEvent(protocol.EvTicketFinished, b, false)
}

func (f *fixture) call(t *testing.T, number string, counter int) {
	t.Helper()
	b, _ := json.Marshal(protocol.CalledEvent{Ticket: ticketAt(number, counter, queue.Called), Counter: counter})
	f.m.HandleEvent(protocol.EvTicketCalled, b, false)
}

// sentOf lists the commands of typ sent so far, in order.
func (f *fixture) sentOf(typ string) []any {
	f.sender.mu.Lock()
	defer f.sender.mu.Unlock()
	var out []any
	for _, s := range f.sender.sent {
		if s.typ == typ {
			out = append(out, s.data)
		}
	}
	return out
}

func rateOf(number string, level int) protocol.Rate {
	return protocol.Rate{TicketID: "2026-11-28/" + number, Rating: level, Reasons: []string{}}
}

// TestPadPromptNamesWhoIsRated: the prompt says which counter and clerk.
func TestPadPromptNamesWhoIsRated(t *testing.T) {
	f := padFixture(t)
	f.finish(t, "B001", 1)
	v := f.m.View()
	if v.Screen != ScreenRate || v.Rate.Number != "B001" || v.Rate.CounterName != "Quầy 1" || v.Rate.ClerkName != "Nguyễn Diệu Hằng" {
		t.Fatalf("got screen %v rate %+v, want B001 at Quầy 1 by Nguyễn Diệu Hằng", v.Screen, v.Rate)
	}
}

// TestPadLevelStoredAtTap: a level 1 to 3 is sent the moment it is tapped,
// and what the citizen chose before walking away follows it.
func TestPadLevelStoredAtTap(t *testing.T) {
	tests := []struct {
		name        string
		choose      func(f *fixture)
		leave       func(f *fixture)
		wantDetails []any
	}{
		{
			name:   "tapped then abandoned",
			choose: func(*fixture) {},
			leave:  func(f *fixture) { f.clock.Add(PadIdleHome); f.m.Tick() },
		},
		{
			name: "reasons chosen, then the pad times out",
			choose: func(f *fixture) {
				f.m.ToggleReason("waiting")
				f.m.SetComment("Chờ lâu")
			},
			leave: func(f *fixture) { f.clock.Add(PadIdleHome); f.m.Tick() },
			wantDetails: []any{protocol.RateDetails{TicketID: "2026-11-28/B001", Reasons: []string{"waiting"},
				Comment: "Chờ lâu"}},
		},
		{
			name:        "another face chosen, then home",
			choose:      func(f *fixture) { f.m.ChooseLevel(1) },
			leave:       func(f *fixture) { f.m.Home() },
			wantDetails: []any{protocol.RateDetails{TicketID: "2026-11-28/B001", Rating: 1, Reasons: []string{}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := padFixture(t)
			f.finish(t, "B001", 1)
			f.m.ChooseLevel(2)
			if got := f.sentOf(protocol.CmdRate); !reflect.DeepEqual(got, []any{rateOf("B001", 2)}) {
				t.Fatalf("at the tap sent %+v, want rate of B001 at 2", got)
			}
			if v := f.m.View(); v.Screen != ScreenReasons || v.Rate.Level != 2 {
				t.Fatalf("got screen %v level %d, want reasons for 2", v.Screen, v.Rate.Level)
			}
			tc.choose(f)
			tc.leave(f)
			if got := f.m.View().Screen; got != ScreenHome {
				t.Fatalf("got screen %v, want home", got)
			}
			if got := f.sentOf(protocol.CmdRateDetails); !reflect.DeepEqual(got, tc.wantDetails) {
				t.Errorf("sent rate_details %+v, want %+v", got, tc.wantDetails)
			}
			if n := f.sender.count(protocol.CmdRate); n != 1 {
				t.Errorf("sent rate %d times, want once", n)
			}
		})
	}
}

// TestPadNextCallEndsPrompt: once the counter calls another citizen, an
// unanswered prompt ends, so the next citizen's tap cannot be credited to
// the ticket before.
func TestPadNextCallEndsPrompt(t *testing.T) {
	f := padFixture(t)
	f.finish(t, "B001", 1)
	f.call(t, "B001", 2) // another counter's call changes nothing
	if got := f.m.View().Screen; got != ScreenRate {
		t.Fatalf("after another counter's call got %v, want the prompt", got)
	}
	f.call(t, "A002", 1)
	if v := f.m.View(); v.Screen != ScreenHome || v.Rate.Number != "" {
		t.Fatalf("after the next call got screen %v rate %+v, want home", v.Screen, v.Rate)
	}
	f.m.ChooseLevel(5)
	if n := f.sender.count(protocol.CmdRate); n != 0 {
		t.Errorf("a tap after the prompt ended sent %d ratings, want none", n)
	}
}

// TestPadTapWhileClerkCallsNext: the citizen tapped a low level and is
// typing when the clerk calls and finishes the next ticket; the first
// rating goes to its own ticket, then the pad offers the second.
func TestPadTapWhileClerkCallsNext(t *testing.T) {
	f := padFixture(t)
	f.finish(t, "B001", 1)
	f.m.ChooseLevel(1)
	f.call(t, "A002", 1)
	f.finish(t, "A002", 1)
	if v := f.m.View(); v.Screen != ScreenReasons || v.Rate.Number != "B001" {
		t.Fatalf("while typing got screen %v rate %+v, want B001's reasons", v.Screen, v.Rate)
	}
	f.m.ToggleReason("attitude")
	f.m.SubmitRating("Thái độ chưa tốt")
	want := []any{protocol.RateDetails{TicketID: "2026-11-28/B001", Reasons: []string{"attitude"}, Comment: "Thái độ chưa tốt"}}
	if got := f.sentOf(protocol.CmdRateDetails); !reflect.DeepEqual(got, want) {
		t.Fatalf("sent rate_details %+v, want %+v", got, want)
	}
	if v := f.m.View(); v.Screen != ScreenDone || v.Done.Text != ThanksRate {
		t.Fatalf("got screen %v %q, want thanks", v.Screen, v.Done.Text)
	}
	f.clock.Add(ThanksBeforeNext)
	f.m.Tick()
	if v := f.m.View(); v.Screen != ScreenRate || v.Rate.Number != "A002" || v.Rate.Level != 0 {
		t.Fatalf("after thanks got screen %v rate %+v, want A002's prompt", v.Screen, v.Rate)
	}
	f.m.ChooseLevel(5)
	if got := f.sentOf(protocol.CmdRate); !reflect.DeepEqual(got, []any{rateOf("B001", 1), rateOf("A002", 5)}) {
		t.Errorf("sent rate %+v, want B001 at 1 then A002 at 5", got)
	}
}

// TestPadQueuedPromptEndsWithNextCall: a prompt kept while the citizen
// before typed is dropped when the counter calls yet another ticket.
func TestPadQueuedPromptEndsWithNextCall(t *testing.T) {
	f := padFixture(t)
	f.finish(t, "B001", 1)
	f.m.ChooseLevel(3)
	f.finish(t, "A002", 1)
	f.call(t, "A003", 1)
	f.m.SubmitRating("")
	f.clock.Add(DoneShowFor)
	f.m.Tick()
	if v := f.m.View(); v.Screen != ScreenHome {
		t.Fatalf("got screen %v rate %+v, want home (A002's prompt ended with A003's call)", v.Screen, v.Rate)
	}
	if n := f.sender.count(protocol.CmdRateDetails); n != 0 {
		t.Errorf("sent %d rate_details with nothing to add, want none", n)
	}
}

// TestPadChangeFace: the reasons screen shows the face chosen and takes
// another; 4 or 5 there ends the rating at once.
func TestPadChangeFace(t *testing.T) {
	tests := []struct {
		name       string
		first, now int
		wantScreen Screen
		want       protocol.RateDetails
	}{
		{"3 to 1", 3, 1, ScreenReasons, protocol.RateDetails{TicketID: "2026-11-28/B001", Rating: 1, Reasons: []string{"fee"}}},
		{"2 to 5", 2, 5, ScreenDone, protocol.RateDetails{TicketID: "2026-11-28/B001", Rating: 5, Reasons: []string{}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := padFixture(t)
			f.finish(t, "B001", 1)
			f.m.ChooseLevel(tc.first)
			f.m.ToggleReason("fee")
			f.m.ChooseLevel(tc.now)
			v := f.m.View()
			if v.Screen != tc.wantScreen || v.Rate.Level != tc.now && v.Screen == ScreenReasons {
				t.Fatalf("got screen %v level %d, want %v", v.Screen, v.Rate.Level, tc.wantScreen)
			}
			if v.Screen == ScreenReasons {
				f.m.SubmitRating("")
			}
			if got := f.sentOf(protocol.CmdRateDetails); !reflect.DeepEqual(got, []any{tc.want}) {
				t.Errorf("sent rate_details %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestPadLevelLostWithLink: a level the server never got goes again, with
// everything chosen, when the citizen presses "Gửi đánh giá".
func TestPadLevelLostWithLink(t *testing.T) {
	f := padFixture(t)
	f.finish(t, "B001", 1)
	f.sender.reply = func(string, any) (any, error) { return nil, errNet }
	f.m.ChooseLevel(2)
	if v := f.m.View(); v.Screen != ScreenReasons || v.Rate.Error == "" {
		t.Fatalf("got screen %v error %q, want the reasons with a link error", v.Screen, v.Rate.Error)
	}
	f.sender.reply = issueOK
	f.m.ToggleReason("waiting")
	f.m.SubmitRating("Mạng chậm")
	want := protocol.Rate{TicketID: "2026-11-28/B001", Rating: 2, Reasons: []string{"waiting"}, Comment: "Mạng chậm"}
	if got := f.sender.last(); got.typ != protocol.CmdRate || !reflect.DeepEqual(got.data, want) {
		t.Fatalf("sent %s %+v, want rate %+v", got.typ, got.data, want)
	}
	if v := f.m.View(); v.Screen != ScreenDone || v.Done.Text != ThanksRate {
		t.Errorf("got screen %v %q, want thanks", v.Screen, v.Done.Text)
	}
}

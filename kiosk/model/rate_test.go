package model

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func finishedEvent(t *testing.T, counter int) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(protocol.TicketEvent{Ticket: queue.Ticket{
		ID: "2026-11-28/A002", Number: "A002", Service: "A", State: queue.Finished, Counter: queue.OptInt(counter)}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPadRatesFinishedTicket(t *testing.T) {
	tests := []struct {
		name     string
		pad      int
		counter  int
		replayed bool
		wantRate bool
	}{
		{"our counter live", 1, 1, false, true},
		{"replayed", 1, 1, true, false},
		{"other counter", 1, 2, false, false},
		{"hall kiosk", 0, 1, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.m.SetHello(protocol.HelloReply{Role: "kiosk", Counter: tc.pad})
			f.m.HandleEvent(protocol.EvTicketFinished, finishedEvent(t, tc.counter), tc.replayed)
			v := f.m.View()
			if got := v.Screen == ScreenRate; got != tc.wantRate {
				t.Fatalf("rating screen got %v, want %v", got, tc.wantRate)
			}
			if !tc.wantRate {
				return
			}
			if v.Rate.Number != "A002" || v.CounterName != "Quầy 1" {
				t.Errorf("rate view got %+v counter %q", v.Rate, v.CounterName)
			}
			f.m.ChooseLevel(5)
			got := f.sender.last()
			want := protocol.Rate{TicketID: "2026-11-28/A002", Rating: 5, Reasons: []string{}}
			if got.typ != protocol.CmdRate || !reflect.DeepEqual(got.data, want) {
				t.Errorf("sent %s %+v, want rate %+v", got.typ, got.data, want)
			}
			if v := f.m.View(); v.Screen != ScreenDone || v.Done.Text != ThanksRate {
				t.Errorf("after rating got %v %q, want thanks", v.Screen, v.Done.Text)
			}
			f.clock.Add(DoneShowFor)
			f.m.Tick()
			if got := f.m.View().Screen; got != ScreenHome {
				t.Errorf("after thanks got %v, want home", got)
			}
		})
	}
}

func TestPadRatingTimesOut(t *testing.T) {
	f := newFixture(t)
	f.m.SetHello(protocol.HelloReply{Counter: 1})
	f.m.HandleEvent(protocol.EvTicketFinished, finishedEvent(t, 1), false)
	f.clock.Add(PadIdleHome - time.Second)
	f.m.Tick()
	if got := f.m.View().Screen; got != ScreenRate {
		t.Fatalf("screen got %v before %v, want rate", got, PadIdleHome)
	}
	f.clock.Add(time.Second)
	f.m.Tick()
	if got := f.m.View().Screen; got != ScreenHome {
		t.Errorf("screen got %v after %v untouched, want home", got, PadIdleHome)
	}
}

func TestLowRatingWithReasons(t *testing.T) {
	f := newFixture(t)
	f.m.OpenRateCode()
	f.m.SubmitCode("a001 7kq2m9xh")
	if v := f.m.View(); v.Screen != ScreenRate || v.Rate.Number != "A001" {
		t.Fatalf("got screen %v rate %+v, want rating of A001", v.Screen, v.Rate)
	}
	f.m.ChooseLevel(2)
	if got := f.m.View().Screen; got != ScreenReasons {
		t.Fatalf("level 2 got screen %v, want reasons", got)
	}
	wantRate := protocol.Rate{TicketID: "2026-11-28/A001", Rating: 2, Reasons: []string{}, Token: "7KQ2M9XH"}
	if got := f.sender.last(); got.typ != protocol.CmdRate || !reflect.DeepEqual(got.data, wantRate) {
		t.Fatalf("at the tap sent %s %+v, want rate %+v", got.typ, got.data, wantRate)
	}
	f.m.ToggleReason("waiting")
	f.m.ToggleReason("fee")
	f.m.ToggleReason("waiting")
	f.m.ToggleReason("attitude")
	f.m.SubmitRating("  Chờ lâu quá  ")
	want := protocol.RateDetails{TicketID: "2026-11-28/A001", Reasons: []string{"fee", "attitude"},
		Comment: "Chờ lâu quá", Token: "7KQ2M9XH"}
	if got := f.sender.last(); got.typ != protocol.CmdRateDetails || !reflect.DeepEqual(got.data, want) {
		t.Errorf("sent %s %+v, want rate_details %+v", got.typ, got.data, want)
	}
	if v := f.m.View(); v.Screen != ScreenDone || v.Done.Text != ThanksRate {
		t.Errorf("got screen %v %q, want thanks", v.Screen, v.Done.Text)
	}
	if n := f.sender.count(protocol.CmdRate); n != 1 {
		t.Errorf("sent rate %d times, want once", n)
	}
}

func TestRateErrors(t *testing.T) {
	tests := []struct {
		name      string
		reply     func(string, any) (any, error)
		wantDone  bool
		wantAlert bool
	}{
		{"wrong token", errReply(queue.EUNAUTHORIZED), true, true},
		{"already rated", errReply(queue.ECONFLICT), true, true},
		{"network", func(string, any) (any, error) { return nil, errNet }, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.sender.reply = tc.reply
			f.m.SubmitCode("2026-11-28/A001 7KQ2M9XH")
			f.m.ChooseLevel(4)
			v := f.m.View()
			if got := v.Screen == ScreenDone; got != tc.wantDone {
				t.Fatalf("done screen got %v, want %v (screen %v)", got, tc.wantDone, v.Screen)
			}
			if tc.wantDone && v.Done.Alert != tc.wantAlert {
				t.Errorf("alert got %v, want %v", v.Done.Alert, tc.wantAlert)
			}
			if !tc.wantDone && (v.Screen != ScreenRate || v.Rate.Error == "") {
				t.Errorf("got screen %v error %q, want rate screen with an error", v.Screen, v.Rate.Error)
			}
		})
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		text, day       string
		wantID, wantTok string
		ok              bool
	}{
		{"2026-11-28/A001 7KQ2M9XH", "", "2026-11-28/A001", "7KQ2M9XH", true},
		{"  2026-11-28/A001   7KQ2M9XH\n", "", "2026-11-28/A001", "7KQ2M9XH", true},
		{"A001 7KQ2M9XH", "2026-11-28", "2026-11-28/A001", "7KQ2M9XH", true},
		{"a001-7kq2-m9xh", "2026-11-28", "2026-11-28/A001", "7KQ2M9XH", true},
		{"A0017KQ2M9XH", "2026-11-28", "2026-11-28/A001", "7KQ2M9XH", true},
		{"B1024 22222222", "2026-11-28", "2026-11-28/B1024", "22222222", true},
		{"http://192.168.10.2:8080/t/2026-11-28-A001?k=7KQ2M9XH", "", "2026-11-28/A001", "7KQ2M9XH", true},
		{"https://motcua.example.vn/hall/t/2026-11-28-B1024?k=7kq2m9xh\n", "", "2026-11-28/B1024", "7KQ2M9XH", true},
		{"http://192.168.10.2:8080/t/2026-11-28-A001", "", "", "", false},
		{"http://192.168.10.2:8080/cong-khai?k=7KQ2M9XH", "", "", "", false},
		{"A001 7KQ2", "2026-11-28", "", "", false},
		{"A001 7KQ2M9XH", "", "", "", false},
		{"hello", "2026-11-28", "", "", false},
		{"", "2026-11-28", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			id, tok, ok := ParseCode(tc.text, tc.day)
			if id != tc.wantID || tok != tc.wantTok || ok != tc.ok {
				t.Errorf("got %q %q %v, want %q %q %v", id, tok, ok, tc.wantID, tc.wantTok, tc.ok)
			}
		})
	}
}

func TestScanFromHome(t *testing.T) {
	f := newFixture(t)
	f.m.Scan("not a code")
	if got := f.m.View().Screen; got != ScreenHome {
		t.Fatalf("junk scan got screen %v, want home", got)
	}
	f.m.Scan("2026-11-28/A001 7KQ2M9XH")
	if v := f.m.View(); v.Screen != ScreenRate || v.Rate.Number != "A001" {
		t.Errorf("scan got screen %v rate %+v, want rating A001", v.Screen, v.Rate)
	}
}

// TestScanTicketPageQR: a ticket printed by a hall with a public_url holds
// its page's address in the QR; the pad rates it as the old QR.
func TestScanTicketPageQR(t *testing.T) {
	f := newFixture(t)
	f.m.Scan("http://192.168.10.2:8080/t/2026-11-28-A002?k=7KQ2M9XH")
	if v := f.m.View(); v.Screen != ScreenRate || v.Rate.Number != "A002" {
		t.Fatalf("scan got screen %v rate %+v, want rating A002", v.Screen, v.Rate)
	}
	f.m.ChooseLevel(4)
	got, _ := f.sender.last().data.(protocol.Rate)
	if got.TicketID != "2026-11-28/A002" || got.Token != "7KQ2M9XH" || got.Rating != 4 {
		t.Errorf("rate sent %+v, want A002 with its token at 4", got)
	}
}

package model

import (
	"errors"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

func TestViewFromState(t *testing.T) {
	c := xtest.NewClock(t0)
	b := New(c.Now)
	b.SetState(sampleState())
	b.SetStatus(Status{Connected: true})
	v := b.View()
	if v.Hall != "Sở Công Thương" || v.Clock != "09:15" || v.Date != "Thứ Bảy, 28/11/2026" {
		t.Errorf("header = %q %q %q", v.Hall, v.Clock, v.Date)
	}
	wantTiles := []Tile{
		{Counter: 1, Name: "Quầy 1", Number: "A105"},
		{Counter: 2, Name: "Quầy 2", Note: "Tạm dừng"},
		{Counter: 3, Name: "Quầy 3", Note: "Chưa làm việc"},
		{Counter: 4, Name: "Quầy 4", Note: "Chưa gọi số"},
	}
	if len(v.Tiles) != len(wantTiles) {
		t.Fatalf("got %d tiles, want %d", len(v.Tiles), len(wantTiles))
	}
	for i, want := range wantTiles {
		if v.Tiles[i] != want {
			t.Errorf("tile %d = %+v, want %+v", i, v.Tiles[i], want)
		}
	}
	wantRecent := []Recent{{Number: "A105", Counter: "Quầy 1"}, {Number: "B002", Counter: "Quầy 2"}}
	for i, want := range wantRecent {
		if v.Recent[i] != want {
			t.Errorf("recent %d = %+v, want %+v", i, v.Recent[i], want)
		}
	}
	if v.Services[0].Waiting != 4 || v.Services[1].Name != "Điện lực" {
		t.Errorf("services = %+v", v.Services)
	}
	if want := "Góp ý, phản ánh: ĐT 0274 3822 xxx   •   Giờ làm việc 7:30–17:00"; v.Ticker != want {
		t.Errorf("ticker = %q, want %q", v.Ticker, want)
	}
	if v.Offline != "" {
		t.Errorf("offline line %q while connected", v.Offline)
	}
}

func TestRecentCappedAtTen(t *testing.T) {
	s := sampleState()
	s.RecentCalls = nil
	for i := range 15 {
		s.RecentCalls = append(s.RecentCalls, ticket("A10"+string(rune('0'+i%10)), 1))
	}
	b := New(nil)
	b.SetState(s)
	if got := len(b.View().Recent); got != MaxRecent {
		t.Errorf("got %d recent calls, want %d", got, MaxRecent)
	}
}

func TestFlash(t *testing.T) {
	tests := []struct {
		name      string
		at        time.Duration // event time relative to now
		replayed  bool
		after     time.Duration // when the view is taken
		wantFlash bool
		wantLit   bool
	}{
		{"live call flashes", 0, false, 0, true, true},
		{"blinks off", 0, false, 700 * time.Millisecond, true, false},
		{"blinks on again", 0, false, 1200 * time.Millisecond, true, true},
		{"stops after FlashFor", 0, false, FlashFor, false, false},
		{"replayed call does not flash", 0, true, 0, false, false},
		{"call older than 30 s does not flash", -31 * time.Second, false, 0, false, false},
		{"slightly late call flashes", -3 * time.Second, false, 0, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := xtest.NewClock(t0)
			b := New(c.Now)
			s := sampleState()
			b.SetState(s)
			b.Event(calledEvent(t, "A105", 1, t0.Add(tt.at)), tt.replayed)
			c.Set(t0.Add(tt.after))
			tile := b.View().Tiles[0]
			if tile.Flash != tt.wantFlash || tile.Lit != tt.wantLit {
				t.Errorf("flash, lit = %v, %v; want %v, %v", tile.Flash, tile.Lit, tt.wantFlash, tt.wantLit)
			}
			if got := b.Flashing(); got != tt.wantFlash {
				t.Errorf("Flashing() = %v, want %v", got, tt.wantFlash)
			}
			if got := b.View().Recent[0].Newest; got != tt.wantFlash {
				t.Errorf("recent[0].Newest = %v, want %v", got, tt.wantFlash)
			}
		})
	}
}

func TestDayStartedStopsFlash(t *testing.T) {
	c := xtest.NewClock(t0)
	b := New(c.Now)
	b.SetState(sampleState())
	b.Event(calledEvent(t, "A105", 1, t0), false)
	b.Event(protocol.Message{Type: protocol.EvDayStarted, Data: []byte(`{"day":"2026-11-29"}`)}, false)
	if b.Flashing() {
		t.Error("still flashing after day_started")
	}
}

func TestCalled(t *testing.T) {
	ev := calledEvent(t, "C007", 4, t0)
	c, ok := Called(ev)
	if !ok || c.Counter != 4 || c.Ticket.Number != "C007" {
		t.Errorf("Called = %+v, %v", c, ok)
	}
	for _, bad := range []protocol.Message{
		{Type: protocol.EvTicketIssued, Data: ev.Data},
		{Type: protocol.EvTicketCalled, Data: []byte("{")},
	} {
		if _, ok := Called(bad); ok {
			t.Errorf("Called(%s) ok", bad.Type)
		}
	}
}

func TestStatusText(t *testing.T) {
	tests := []struct {
		name string
		s    Status
		want string
	}{
		{"before the first report", Status{}, "Đang kết nối máy chủ…"},
		{"connected", StatusOf(true, nil, 0), ""},
		{"offline", StatusOf(false, errors.New("dial tcp: refused"), 3), "Mất kết nối máy chủ, đang kết nối lại…"},
		{"refused", StatusOf(false, queue.Errorf(queue.EUNAUTHORIZED, "sai token"), 1),
			"Thiết bị chưa được cấp quyền (kiểm tra mã thiết bị và token)"},
	}
	for _, tt := range tests {
		if got := tt.s.Text(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestOfflineKeepsState: losing the link changes only the line, not the
// board.
func TestOfflineKeepsState(t *testing.T) {
	b := New(func() time.Time { return t0 })
	b.SetState(sampleState())
	b.SetStatus(StatusOf(true, nil, 0))
	before := b.View()
	b.SetStatus(StatusOf(false, errors.New("EOF"), 1))
	after := b.View()
	if after.Offline == "" {
		t.Error("no offline line")
	}
	if after.Tiles[0] != before.Tiles[0] || len(after.Recent) != len(before.Recent) {
		t.Error("board changed when the link dropped")
	}
}

// TestClockInHallZone: the clock shows the hall's time from the state's
// time zone, whatever the PC's own zone.
func TestClockInHallZone(t *testing.T) {
	at := time.Date(2026, 11, 28, 2, 15, 0, 0, time.UTC) // 09:15 in Hồ Chí Minh City
	tests := []struct {
		name, zone, want string
	}{
		{"hall zone", "Asia/Ho_Chi_Minh", "09:15"},
		{"another zone", "Asia/Tokyo", "11:15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := New(func() time.Time { return at })
			var s protocol.State
			s.Hall.Timezone = tt.zone
			b.SetState(s)
			if got := b.View().Clock; got != tt.want {
				t.Errorf("clock: got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestNoSound: the marker shows while no sound path works, and goes when
// one does.
func TestNoSound(t *testing.T) {
	b := New(xtest.NewClock(t0).Now)
	b.SetState(sampleState())
	if got := b.View().NoSound; got != "" {
		t.Errorf("marker %q before any report", got)
	}
	b.SetSound(false)
	if got := b.View().NoSound; got != "Không có âm thanh" {
		t.Errorf("marker %q without sound, want Không có âm thanh", got)
	}
	b.SetSound(true)
	if got := b.View().NoSound; got != "" {
		t.Errorf("marker %q with sound back", got)
	}
}

// TestEventDecodesOnce: Event hands back the call it took (for the voice),
// live or replayed; other events give none.
func TestEventDecodesOnce(t *testing.T) {
	b := New(xtest.NewClock(t0).Now)
	b.SetState(sampleState())
	at := queue.At(t0)
	ev := protocol.Message{Type: protocol.EvTicketCalled, At: &at,
		Data: []byte(`{"ticket":{"id":"2026-11-28/A106","number":"A106","service":"A","state":"called","counter":2},"counter":2,"recall":true}`)}
	c, ok := b.Event(ev, false)
	if want := (Call{Number: "A106", Counter: 2, Recall: true, At: t0}); !ok || !c.At.Equal(want.At) || c.Number != want.Number || c.Counter != want.Counter || !c.Recall || c.Replayed {
		t.Fatalf("live call: %+v %v, want %+v", c, ok, want)
	}
	if !b.Flashing() {
		t.Error("a live call did not flash")
	}
	if c, ok := b.Event(ev, true); !ok || !c.Replayed {
		t.Errorf("replayed call: %+v %v, want it marked replayed", c, ok)
	}
	if _, ok := b.Event(protocol.Message{Type: protocol.EvDayStarted}, false); ok {
		t.Error("day_started gave a call")
	}
	if _, ok := b.Event(protocol.Message{Type: protocol.EvTicketCalled, Data: []byte(`{`)}, false); ok {
		t.Error("a call that does not decode gave a call")
	}
}

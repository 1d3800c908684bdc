package hall

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"hallq/shared/protocol"
)

// replaySink is a protocol.Replayer that keeps its frames. Before it takes
// its n-th replay batch it calls during(n), which may run commands: they
// commit while the replay is being read. A false from during refuses the
// batch, as a dropped connection does.
type replaySink struct {
	sink
	batches int
	during  func(n int) bool
}

func (r *replaySink) EnqueueReplay(frames [][]byte) bool {
	r.batches++
	if r.during != nil && !r.during(r.batches) {
		return false
	}
	for _, f := range frames {
		r.Enqueue(f)
	}
	return true
}

// issue issues n tickets of service A from kiosk-1 on another goroutine
// and fails t if they wait more than 10 s: a replay that held the hall's
// lock would make them wait for ever.
func issue(t *testing.T, h *Hall, prefix string, n int) {
	t.Helper()
	kiosk, err := h.Authenticate("kiosk-1", "demo-kiosk-1-token-0001")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		for i := range n {
			reply := h.Do(kiosk, protocol.CmdIssueTicket, fmt.Sprintf("%s-%d", prefix, i), json.RawMessage(`{"service":"A"}`))
			var r protocol.Reply
			if err := json.Unmarshal(reply, &r); err != nil || !r.OK {
				done <- fmt.Errorf("issue %s-%d: %s", prefix, i, reply)
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("%d issue_ticket commands during a replay waited over 10 s: the replay holds the hall's lock", n)
	}
}

// seqs decodes a subscriber's frames: the hello reply, then events.
func seqs(t *testing.T, frames []string) (protocol.HelloReply, []protocol.Message) {
	t.Helper()
	if len(frames) == 0 {
		t.Fatal("no hello reply")
	}
	var r struct {
		OK   bool
		Data protocol.HelloReply
	}
	if err := json.Unmarshal([]byte(frames[0]), &r); err != nil || !r.OK {
		t.Fatalf("first frame %.200s, want the hello reply", frames[0])
	}
	events := make([]protocol.Message, len(frames)-1)
	for i, f := range frames[1:] {
		if err := json.Unmarshal([]byte(f), &events[i]); err != nil {
			t.Fatalf("frame %d: %v", i+1, err)
		}
	}
	return r.Data, events
}

// checkOnce fails t unless events are every event after since, once each
// and in order, to the hall's last: seq rises by one, and restarts at 1
// with day_started.
func checkOnce(t *testing.T, h *Hall, since uint64, events []protocol.Message) {
	t.Helper()
	last := since
	for i, ev := range events {
		want := last + 1
		if ev.Type == protocol.EvDayStarted {
			want = 1
		}
		if ev.Seq != want {
			t.Fatalf("event %d (%s): got seq %d after %d, want %d", i, ev.Type, ev.Seq, last, want)
		}
		last = ev.Seq
	}
	if _, seq := h.Day(); last != seq {
		t.Fatalf("events end at seq %d, want the hall's %d", last, seq)
	}
}

func TestReplayMeetsTheLiveEvents(t *testing.T) {
	tests := []struct {
		name    string
		history int
		during  map[int]int // batch number → tickets issued before it is taken
		after   int         // tickets issued once the subscriber is live
	}{
		{"nothing happens", 10, nil, 3},
		{"commits before the first batch", 10, map[int]int{1: 5}, 3},
		{"commits over several rounds", 3*replayChunk + 5, map[int]int{1: 70, 2: 1, 5: replayChunk, 6: 2}, 4},
		{"a commit before the last batch", 2*replayChunk - 1, map[int]int{2: 1}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := newHall(t)
			issue(t, h, "history", tc.history)
			display, _ := h.Authenticate("display-1", "demo-display-1-token-01")
			const since = 1 // day_started
			r := &replaySink{during: func(n int) bool {
				issue(t, h, fmt.Sprintf("during-%d", n), tc.during[n])
				return true
			}}
			if !h.Subscribe(r, display, "h", protocol.Hello{Since: since}) {
				t.Fatal("subscribe refused")
			}
			issue(t, h, "after", tc.after)
			rep, events := seqs(t, r.all())
			if rep.State != nil || rep.Seq != uint64(1+tc.history) {
				t.Fatalf("hello reply: seq %d, state %v; want seq %d (the hall's at the hello) and no state", rep.Seq, rep.State != nil, 1+tc.history)
			}
			checkOnce(t, h, since, events)
		})
	}
}

func TestReplayAcrossTheDayTurn(t *testing.T) {
	h, now := newHall(t)
	issue(t, h, "history", 2*replayChunk)
	display, _ := h.Authenticate("display-1", "demo-display-1-token-01")
	r := &replaySink{during: func(n int) bool {
		if n == 1 {
			// The next morning: the first command turns the day
			// (expiring the waiting tickets), then issues A001.
			*now = now.Add(24 * time.Hour)
			issue(t, h, "tomorrow", 2)
		}
		return true
	}}
	if !h.Subscribe(r, display, "h", protocol.Hello{Since: 1}) {
		t.Fatal("subscribe refused")
	}
	issue(t, h, "live", 1)
	_, events := seqs(t, r.all())
	checkOnce(t, h, 1, events)
	turns := 0
	for _, ev := range events {
		if ev.Type == protocol.EvDayStarted {
			turns++
		}
	}
	if turns != 1 {
		t.Fatalf("day_started events: got %d, want 1", turns)
	}
}

func TestReplayDroppedLeavesNoSubscriber(t *testing.T) {
	h, _ := newHall(t)
	issue(t, h, "history", replayChunk+1)
	display, _ := h.Authenticate("display-1", "demo-display-1-token-01")
	r := &replaySink{during: func(n int) bool { return n < 2 }}
	if h.Subscribe(r, display, "h", protocol.Hello{Since: 1}) {
		t.Fatal("subscribe with a dropped replay: got true, want false")
	}
	got := len(r.all())
	issue(t, h, "after", 2)
	if n := len(r.all()); n != got {
		t.Fatalf("a dropped subscriber got %d live frames, want none", n-got)
	}
}

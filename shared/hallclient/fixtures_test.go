package hallclient

import (
	"encoding/json"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// testState is a quiet day: two services, two open counters, nothing
// issued.
func testState() protocol.State {
	return protocol.State{
		Day:  "2026-11-28",
		Hall: protocol.HallInfo{Name: "Sở Công Thương tỉnh Bình Dương", Open: "07:30", Close: "17:00"},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước"},
			{ID: "B", Name: "Điện năng"},
		},
		Counters: []queue.Counter{
			{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}, Status: queue.CounterOpen,
				Clerk: "hang.nd", ClerkName: "Nguyễn Diệu Hằng"},
			{ID: 2, Name: "Quầy 2", Services: []string{"B"}, Status: queue.CounterOpen,
				Clerk: "minh.tq", ClerkName: "Trần Quang Minh"},
		},
	}
}

// at is 09:mm:ss on the test day.
func at(mm, ss int) queue.Stamp {
	return queue.At(time.Date(2026, 11, 28, 9, mm, ss, 0, time.FixedZone("ICT", 7*3600)))
}

// waiting is a waiting ticket such as "A001" with its issue order.
func waiting(number string, order uint64, priority bool) queue.Ticket {
	return queue.Ticket{
		ID: "2026-11-28/" + number, Number: number, Service: number[:1], Priority: priority,
		State: queue.Waiting, IssuedAt: at(0, int(order)), Order: order, IssuedService: number[:1],
	}
}

// calledAt is t called at counter c by its clerk.
func calledAt(t queue.Ticket, c int, clerk string) queue.Ticket {
	t.State, t.Counter, t.Clerk, t.CalledAt = queue.Called, queue.OptInt(c), queue.OptString(clerk), at(10, 0)
	if t.FirstCalledAt.IsZero() {
		t.FirstCalledAt = t.CalledAt
	}
	t.Calls = append(t.Calls, queue.Call{Counter: c, Clerk: clerk, At: t.CalledAt})
	return t
}

func inState(t queue.Ticket, st queue.TicketState) queue.Ticket {
	t.State = st
	return t
}

func ptr(t queue.Ticket) *queue.Ticket { return &t }

// ev builds an event message.
func ev(seq uint64, typ string, data any) protocol.Message {
	raw, err := json.Marshal(data)
	if err != nil {
		panic(err)
	}
	stamp := at(30, int(seq%60))
	return protocol.Message{Type: typ, Seq: seq, At: &stamp, Data: raw}
}

// with returns testState changed by f.
func with(f func(s *protocol.State)) protocol.State {
	s := testState()
	f(&s)
	return s
}

// normalize makes empty lists nil, so that comparisons ignore the
// difference.
func normalize(s protocol.State) protocol.State {
	for _, l := range []*[]queue.Ticket{&s.Waiting, &s.Held, &s.RecentCalls} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	if len(s.Clerks) == 0 {
		s.Clerks = nil
	}
	return s
}

// assertState compares states as their JSON (decoded times carry their own
// *time.Location, so reflect.DeepEqual would see a difference where the wire
// has none), and fails with both when they differ.
func assertState(t *testing.T, got, want protocol.State) {
	t.Helper()
	g, _ := json.MarshalIndent(normalize(got), "", " ")
	w, _ := json.MarshalIndent(normalize(want), "", " ")
	if string(g) != string(w) {
		t.Errorf("state differs\ngot  %s\nwant %s", g, w)
	}
}

// Package modeltest is the counter's sample hall for the tests of
// counter/model and counter/ui, in the manner of net/http/httptest: one
// fixture, so that the logic's tests and the screens' masters describe the
// same hall. No program imports it.
package modeltest

import (
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// T0 is the tests' "now": 09:30 in the hall's zone.
var T0 = time.Date(2026, 11, 28, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))

// Ticket is a waiting ticket num of its letter's service, issued minAgo
// minutes before T0.
func Ticket(num string, order uint64, prio bool, minAgo int) queue.Ticket {
	return queue.Ticket{
		ID: "2026-11-28/" + num, Number: num, Service: num[:1], IssuedService: num[:1],
		Priority: prio, State: queue.Waiting, Order: order,
		IssuedAt: queue.At(T0.Add(-time.Duration(minAgo) * time.Minute)),
	}
}

// SampleState is Quầy 1 (services A and B) open with hang.nd, nothing
// called; four tickets wait here (one moved from A to B), one at another
// counter; one ticket is held here.
func SampleState() protocol.State {
	held := Ticket("B002", 3, false, 50)
	held.State, held.Counter, held.Clerk = queue.Held, 1, "hang.nd"
	held.CalledAt = queue.At(T0.Add(-10 * time.Minute))
	moved := Ticket("A003", 6, false, 31)
	moved.Service = "B"
	return protocol.State{
		Day:  "2026-11-28",
		Hall: protocol.HallInfo{Name: "Sở Công Thương tỉnh Bình Dương", WaitAlertS: 1200},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước"},
			{ID: "B", Name: "Công nghiệp, hóa chất"},
			{ID: "C", Name: "Điện lực, năng lượng"},
		},
		Counters: []queue.Counter{
			{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}, Status: queue.CounterOpen,
				Clerk: "hang.nd", ClerkName: "Nguyễn Diệu Hằng"},
			{ID: 2, Name: "Quầy 2", Services: []string{"C"}, Status: queue.CounterOpen},
		},
		Waiting: []queue.Ticket{
			Ticket("A001", 1, false, 25), Ticket("B001", 2, false, 12),
			Ticket("C001", 4, false, 20), Ticket("A002", 5, true, 4), moved,
		},
		Held: []queue.Ticket{held},
		Clerks: []protocol.ClerkStats{
			{Username: "hang.nd", Finished: 14, ServiceSeconds: 14 * 263, Ratings: [6]int{0, 1, 0, 2, 5, 6}},
		},
	}
}

// Serving returns st with ticket num called at counter 1 (two recalls,
// called 3 min 25 s before T0, first called 8 min before).
func Serving(st protocol.State, num string) protocol.State {
	t := Ticket(num, 7, true, 30)
	t.State, t.Counter, t.Clerk, t.Recalls = queue.Called, 1, "hang.nd", 2
	t.CalledAt = queue.At(T0.Add(-3*time.Minute - 25*time.Second))
	t.FirstCalledAt = queue.At(T0.Add(-8 * time.Minute))
	st.Counters = append([]queue.Counter(nil), st.Counters...)
	st.Counters[0].Ticket = &t
	return st
}

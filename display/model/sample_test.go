package model

import (
	"encoding/json"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

var t0 = time.Date(2026, 11, 28, 9, 15, 0, 0, time.FixedZone("ICT", 7*3600))

// ticket returns a called ticket.
func ticket(number string, counter int) queue.Ticket {
	return queue.Ticket{ID: "2026-11-28/" + number, Number: number, Service: number[:1],
		State: queue.Called, Counter: queue.OptInt(counter)}
}

// sampleState is a hall with four counters, one serving A105 and one open
// between two citizens.
func sampleState() protocol.State {
	a105 := ticket("A105", 1)
	return protocol.State{
		Day: "2026-11-28", Seq: 10,
		Hall: protocol.HallInfo{Name: "Sở Công Thương", FeedbackContact: "ĐT 0274 3822 xxx", Ticker: "Giờ làm việc 7:30–17:00"},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa", Waiting: 4},
			{ID: "B", Name: "Điện lực", Waiting: 0},
		},
		Counters: []queue.Counter{
			{ID: 1, Name: "Quầy 1", Status: queue.CounterOpen, Ticket: &a105},
			{ID: 2, Name: "Quầy 2", Status: queue.CounterPaused},
			{ID: 3, Name: "Quầy 3", Status: queue.CounterClosed},
			{ID: 4, Name: "Quầy 4", Status: queue.CounterOpen},
		},
		RecentCalls: []queue.Ticket{a105, ticket("B002", 2)},
	}
}

// calledEvent returns a ticket_called message at time at.
func calledEvent(t *testing.T, number string, counter int, at time.Time) protocol.Message {
	t.Helper()
	data, err := json.Marshal(protocol.CalledEvent{Ticket: ticket(number, counter), Counter: counter})
	if err != nil {
		t.Fatal(err)
	}
	stamp := queue.At(at)
	return protocol.Message{Type: protocol.EvTicketCalled, Seq: 11, At: &stamp, Data: data}
}

package ui

import (
	"encoding/json"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// calledMessage returns a ticket_called event.
func calledMessage(t *testing.T, number string, counter int, at time.Time) protocol.Message {
	t.Helper()
	data, err := json.Marshal(protocol.CalledEvent{Ticket: called(number, counter), Counter: counter})
	if err != nil {
		t.Fatal(err)
	}
	stamp := queue.At(at)
	return protocol.Message{Type: protocol.EvTicketCalled, Seq: 41, At: &stamp, Data: data}
}

package apptest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hallq/shared/protocol"
)

// Desk is the demo hall's kiosk, its first counter with clerk hang.nd
// signed in, and its rating pad, connected over websockets.
type Desk struct {
	Kiosk, Counter, Pad *Peer
}

// OpenDesk connects the demo devices to the server at addr and signs the
// clerk in at the counter.
func OpenDesk(t testing.TB, addr string) *Desk {
	t.Helper()
	d := &Desk{
		Kiosk:   Connect(t, addr, "kiosk-1", "demo-kiosk-1-token-0001"),
		Counter: Connect(t, addr, "counter-1", "demo-counter-1-token-01"),
		Pad:     Connect(t, addr, "pad-1", "demo-pad-1-token-000001"),
	}
	// A minute for the sign-in: bcrypt under the race detector on a loaded
	// machine can take longer than Send's 10 s.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := d.Counter.Client().Send(ctx, protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"}); err != nil {
		t.Fatalf("clerk_login: %v", err)
	}
	return d
}

// Serve issues, calls, finishes and rates n tickets of service A: the
// i-th finished with file code fmt.Sprintf(codes, i) and rated 1+i%5
// (levels 1 and 2 open a low-rating feedback case). It returns the
// file codes.
func (d *Desk) Serve(t testing.TB, n int, codes string) []string {
	t.Helper()
	var out []string
	for i := 0; i < n; i++ {
		var is protocol.IssueReply
		d.Kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}, &is)
		d.Counter.Send(t, protocol.CmdCallNext, nil, nil)
		code := fmt.Sprintf(codes, i)
		d.Counter.Send(t, protocol.CmdFinish, protocol.Finish{TicketID: is.Ticket.ID, FileCodes: []string{code}}, nil)
		d.Pad.Send(t, protocol.CmdRate, protocol.Rate{Rating: 1 + i%5}, nil)
		out = append(out, code)
	}
	return out
}

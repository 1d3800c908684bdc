package model

import (
	"testing"

	"hallq/shared/protocol"
)

// TestNoOpenCounterWait: a reply saying no open counter serves the service
// shows that on screen and paper instead of an estimate.
func TestNoOpenCounterWait(t *testing.T) {
	tests := []struct {
		name   string
		noOpen bool
		want   string
	}{
		{"a counter is open", false, "khoảng 9 phút"},
		{"no open counter", true, NoOpenCounterText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.sender.reply = func(typ string, data any) (any, error) {
				v, err := issueOK(typ, data)
				if r, ok := v.(protocol.IssueReply); ok {
					r.NoOpenCounter = tc.noOpen
					v = r
				}
				return v, err
			}
			f.m.ChooseService("A")
			f.m.AnswerPriority(false)
			if got := f.m.View().Ticket.Wait; got != tc.want {
				t.Errorf("screen wait got %q, want %q", got, tc.want)
			}
			if len(f.printer.slips) != 1 || f.printer.slips[0].Wait != tc.want {
				t.Fatalf("slips got %+v, want one with wait %q", f.printer.slips, tc.want)
			}
		})
	}
}

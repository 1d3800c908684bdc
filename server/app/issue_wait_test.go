package app

import (
	"encoding/json"
	"testing"
)

// TestIssueNoOpenCounter: issue_ticket's reply says no_open_counter while
// no open counter serves the service, and drops it once a clerk opens one.
func TestIssueNoOpenCounter(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	noOpen := func() bool {
		t.Helper()
		r := k.do("issue_ticket", map[string]any{"service": "A"})
		if !r.OK {
			t.Fatalf("issue_ticket: got %s, want ok", r.Data)
		}
		var out struct {
			NoOpenCounter *bool `json:"no_open_counter"`
		}
		if err := json.Unmarshal(r.Data, &out); err != nil {
			t.Fatalf("decode %s: %v", r.Data, err)
		}
		return out.NoOpenCounter != nil && *out.NoOpenCounter
	}
	if !noOpen() {
		t.Fatalf("before any clerk: got no_open_counter false, want true")
	}
	c.login("hang.nd", "1111")
	if noOpen() {
		t.Fatalf("with counter 1 open for A: got no_open_counter true, want absent")
	}
}

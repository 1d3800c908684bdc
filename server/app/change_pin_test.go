package app

import (
	"encoding/json"
	"strings"
	"testing"

	"hallq/server/config"
)

// TestOneTimePIN: a clerk given a one-time PIN signs in, is told so
// (must_change_pin), may not serve until the PIN is changed, cannot keep the
// one-time PIN, and after change_pin calls as usual; the change is audited
// by the clerk without the PIN or its hash.
func TestOneTimePIN(t *testing.T) {
	s := startServer(t, t.TempDir(), nil)
	kiosk := connect(t, s, "kiosk-1")
	kiosk.issue("A")
	hash, _ := config.Hash("8642")
	if err := s.Hall.UpdateConfig("giamsat", "clerk.reset_pin", "clerk hang.nd", func(c *config.Config) error {
		c.Clerks[0].PINHash, c.Clerks[0].MustChangePIN = hash, true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ctr := connect(t, s, "counter-1")
	var login struct {
		Clerk struct {
			Username      string `json:"username"`
			MustChangePIN bool   `json:"must_change_pin"`
		} `json:"clerk"`
	}
	ctr.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "8642"}, &login)
	if login.Clerk.Username != "hang.nd" || !login.Clerk.MustChangePIN {
		t.Fatalf("clerk_login reply = %+v, want hang.nd with must_change_pin", login.Clerk)
	}
	r := ctr.do("call_next", nil)
	wantErr(t, r, "forbidden", r.ID)
	if !strings.Contains(r.Error.Message, "đổi mã PIN") {
		t.Errorf("call_next refusal = %q, want it to say to change the PIN", r.Error.Message)
	}
	tests := []struct {
		name, pin, code string
	}{
		{"too short", "123", "bad_request"},
		{"letters", "12ab", "bad_request"},
		{"too long", "123456789", "bad_request"},
		{"the one-time PIN", "8642", "bad_request"},
	}
	for _, tt := range tests {
		r := ctr.do("change_pin", map[string]any{"new_pin": tt.pin})
		wantErr(t, r, tt.code, r.ID)
	}
	if !s.Hall.Config().Clerks[0].MustChangePIN {
		t.Fatal("a refused change_pin cleared must_change_pin")
	}
	ctr.mustOK("change_pin", map[string]any{"new_pin": "97531"}, nil)
	c := s.Hall.Config().Clerks[0]
	if c.MustChangePIN || !config.CheckHash(c.PINHash, "97531") {
		t.Fatalf("after change_pin: must_change_pin %v, new PIN set %v", c.MustChangePIN, config.CheckHash(c.PINHash, "97531"))
	}
	if got := ctr.ticketOK("call_next", nil); got.Number != "A001" {
		t.Fatalf("call_next after change_pin: %s, want A001", got.Number)
	}
	entries, err := s.Hall.Audit(0, 1, nil)
	if err != nil || len(entries) != 1 || entries[0].Action != "clerk.change_pin" || entries[0].User != "hang.nd" {
		t.Fatalf("audit = %+v, %v; want clerk.change_pin by hang.nd", entries, err)
	}
	raw, _ := json.Marshal(entries)
	for _, secret := range []string{"97531", "$2a$", c.PINHash} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("audit shows %q: %s", secret, raw)
		}
	}

	// A display may not send change_pin; a counter without a clerk gets
	// a conflict.
	display := connect(t, s, "display-1")
	r = display.do("change_pin", map[string]any{"new_pin": "1357"})
	wantErr(t, r, "forbidden", r.ID)
	ctr2 := connect(t, s, "counter-2")
	r = ctr2.do("change_pin", map[string]any{"new_pin": "1357"})
	wantErr(t, r, "conflict", r.ID)
}

package protocol

import "testing"

func TestTicketURL(t *testing.T) {
	u := TicketURL("http://192.168.10.2:8080/", "2026-11-28/A001", "7KQ2M9XH")
	if u != "http://192.168.10.2:8080/t/2026-11-28-A001?k=7KQ2M9XH" {
		t.Fatalf("TicketURL: got %s", u)
	}
	tests := []struct {
		name, in, id, token string
		ok                  bool
	}{
		{"printed", u, "2026-11-28/A001", "7KQ2M9XH", true},
		{"https with a path prefix", "https://hall.example.vn/motcua/t/2026-11-28-B1234?k=ABCDEFGH", "2026-11-28/B1234", "ABCDEFGH", true},
		{"slash form", "http://h/t/2026-11-28/A001?k=7KQ2M9XH", "2026-11-28/A001", "7KQ2M9XH", true},
		{"no token", "http://h/t/2026-11-28-A001", "", "", false},
		{"not a ticket path", "http://h/x/2026-11-28-A001?k=7KQ2M9XH", "", "", false},
		{"bad day", "http://h/t/2026-1-28-A001?k=7KQ2M9XH", "", "", false},
		{"two digits", "http://h/t/2026-11-28-A01?k=7KQ2M9XH", "", "", false},
		{"lower-case service", "http://h/t/2026-11-28-a001?k=7KQ2M9XH", "", "", false},
		{"old QR", "2026-11-28/A001 7KQ2M9XH", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, token, ok := ParseTicketURL(tc.in)
			if id != tc.id || token != tc.token || ok != tc.ok {
				t.Errorf("got %q %q %v, want %q %q %v", id, token, ok, tc.id, tc.token, tc.ok)
			}
		})
	}
}

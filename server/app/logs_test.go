package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLogsHoldNoSecrets captures the server's log, at debug level, through
// hellos, sign-ins (right and wrong), ratings and a supervisor's request,
// and checks that no PIN, password or token appears in it.
func TestLogsHoldNoSecrets(t *testing.T) {
	var buf syncBuffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := startServerLog(t, t.TempDir(), xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict)), log)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-5")
	bad := dial(t, s)
	wantErr(t, bad.rawReply(cmd("hello", "h", map[string]any{"device": "kiosk-1", "token": "Wrong-Token-Value-7Q"})), "unauthorized", "h")
	c.do("clerk_login", map[string]any{"username": "thao.vtp", "pin": "9876"})
	c.login("thao.vtp", "5555")
	tk := k.issue("B")
	c.ticketOK("call_next", nil)
	c.ticketOK("finish", map[string]any{"ticket_id": tk.Ticket.ID})
	k.mustOK("rate", map[string]any{"ticket_id": tk.Ticket.ID, "rating": 5, "token": tk.Ticket.Token}, nil)
	get(t, "http://"+s.Addr+"/api/reports/daily", "giamsat", "giamsat2026")
	get(t, "http://"+s.Addr+"/api/reports/daily", "giamsat", "Wrong-Password-3X")
	s.Close()

	secrets := []string{
		demoToken("kiosk-1"), demoToken("counter-5"), "Wrong-Token-Value-7Q",
		"giamsat2026", "Wrong-Password-3X", tk.Ticket.Token,
	}
	pins := regexp.MustCompile(`\b(5555|9876)\b`)
	out := buf.String()
	if !strings.Contains(out, "clerk_login") {
		t.Fatalf("log: got no clerk_login line, want the commands logged:\n%s", out)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		walk(rec, func(key string, v any) {
			switch strings.ToLower(key) {
			case "pin", "password", "token", "pin_hash", "password_hash":
				t.Errorf("log line has a %q field: %s", key, line)
			}
			sv, ok := v.(string)
			if !ok {
				return
			}
			for _, sec := range secrets {
				if strings.Contains(sv, sec) {
					t.Errorf("log line holds the secret %q: %s", sec, line)
				}
			}
			if pins.MatchString(sv) {
				t.Errorf("log line holds a PIN: %s", line)
			}
		})
	}
}

// walk calls fn for every key and value in a decoded JSON object.
func walk(v any, fn func(key string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			fn(k, e)
			walk(e, fn)
		}
	case []any:
		for _, e := range x {
			walk(e, fn)
		}
	}
}

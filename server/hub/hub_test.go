package hub

import (
	"net"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestOutboxDropsASlowClient(t *testing.T) {
	o := newOutbox()
	for i := range maxPending {
		if !o.push([]byte{byte(i)}) {
			t.Fatalf("frame %d refused under the limit", i)
		}
	}
	if o.push([]byte("one too many")) {
		t.Fatal("a frame past the limit was taken")
	}
	frames, _, dropped, _ := o.take()
	if !dropped || len(frames) != 0 {
		t.Fatalf("take after the limit: %d frames, dropped %v; want none, dropped", len(frames), dropped)
	}
	if o.push([]byte("later")) {
		t.Fatal("a dropped connection took a frame")
	}
}

func TestOutboxReplayBatch(t *testing.T) {
	o := newOutbox()
	o.push([]byte("hello reply"))
	batch := make([][]byte, 3*maxPending) // a batch may exceed the live limit
	written, ok := o.pushReplay(batch)
	if !ok {
		t.Fatal("a replay batch was refused")
	}
	frames, w, _, _ := o.take()
	if len(frames) != 1+len(batch) || w != written {
		t.Fatalf("writer took %d frames and the batch's channel %v, want %d and it", len(frames), w == written, 1+len(batch))
	}
	if frames, w, _, _ := o.take(); len(frames) != 0 || w != nil {
		t.Fatalf("second take: %d frames, channel %v; want none", len(frames), w != nil)
	}
	o.drop()
	select {
	case <-o.gone:
	default:
		t.Fatal("drop left gone open: a waiting replay would not stop")
	}
	if _, ok := o.pushReplay(batch); ok || o.push([]byte("live")) {
		t.Fatal("a dropped connection took frames")
	}
}

func TestBatchConnHoldsWrites(t *testing.T) {
	server, client := net.Pipe()
	defer client.Close()
	c := &batchConn{Conn: server}
	got := make(chan string)
	go func() {
		buf := make([]byte, 64)
		for {
			n, err := client.Read(buf)
			if err != nil {
				close(got)
				return
			}
			got <- string(buf[:n])
		}
	}()
	c.Write([]byte("live"))
	if g := <-got; g != "live" {
		t.Fatalf("a write outside hold: read %q, want %q", g, "live")
	}
	c.hold()
	for _, f := range []string{"one", "two", "pong", "three"} {
		c.Write([]byte(f))
	}
	if err := c.flush(); err != nil {
		t.Fatal(err)
	}
	if g := <-got; g != "onetwopongthree" {
		t.Fatalf("held writes: read %q in one piece, want %q", g, "onetwopongthree")
	}
	if err := c.flush(); err != nil {
		t.Fatalf("flush with nothing held: %v", err)
	}
	server.Close()
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		origin, host string
		want         bool
	}{
		{"http://hall.local:8080", "hall.local:8080", true},
		{"https://HALL.local:8080", "hall.local:8080", true},
		{"http://hall.local:8080.evil.gov.vn", "hall.local:8080", false},
		{"http://other.gov.vn", "hall.local:8080", false},
		{"http://hall.local", "hall.local:8080", false},
		{"null", "hall.local:8080", false},
		{"", "hall.local:8080", false},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "http://"+tc.host+"/ws", nil)
		if tc.origin != "" {
			r.Header.Set("Origin", tc.origin)
		}
		if got := sameOrigin(r); got != tc.want {
			t.Errorf("Origin %q to %s: got %v, want %v", tc.origin, tc.host, got, tc.want)
		}
	}
}

func TestClipAndClientIP(t *testing.T) {
	if got := clip(strings.Repeat("ệ", 100)); len([]rune(got)) != logValueMax+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("clip of 100 runes: %d runes", len([]rune(got)))
	}
	if got := clip("kiosk-1"); got != "kiosk-1" {
		t.Errorf("clip of a short value: %q", got)
	}
	r := httptest.NewRequest("GET", "/ws", nil)
	r.RemoteAddr = "192.168.1.20:51234"
	if ip := clientIP(r); ip != "192.168.1.20" {
		t.Errorf("clientIP: %q", ip)
	}
	r.RemoteAddr = "[fe80::1]:51234"
	if ip := clientIP(r); ip != "fe80::1" {
		t.Errorf("clientIP v6: %q", ip)
	}
}

// TestOutboxSignals: a signal wakes the writer and comes with the frames
// queued before it, once.
func TestOutboxSignals(t *testing.T) {
	o := newOutbox()
	o.push([]byte("a"))
	o.raise(sigPing)
	o.raise(sigEnded)
	select {
	case <-o.wake:
	default:
		t.Fatal("no wake after a signal")
	}
	frames, _, _, sig := o.take()
	if len(frames) != 1 || sig != sigPing|sigEnded {
		t.Fatalf("take: %d frames, signals %b; want 1 and ping|ended", len(frames), sig)
	}
	if _, _, _, sig := o.take(); sig != 0 {
		t.Fatalf("second take: signals %b, want none", sig)
	}
}

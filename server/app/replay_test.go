package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"hallq/server/config"
	"hallq/shared/xtest"

	"github.com/gorilla/websocket"
)

// TestReplayStormExactlyOnce reconnects many displays with since while a
// kiosk issues tickets and an admin changes the hall (large hall_updated
// events), and two clients stop reading until the server drops them (one
// in its replay, one live): every one of them ends with every event of the
// day after its first since exactly once, in seq order.
func TestReplayStormExactlyOnce(t *testing.T) {
	t.Parallel() // mostly waits: the write deadline that drops the stalled clients
	start := time.Now()
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServerLog(t, t.TempDir(), clk, discardLogger())
	// The history: small events and about 2 MB of large ones.
	if err := issueMany(s.Addr, "kiosk-1", "before", 40); err != nil {
		t.Fatal(err)
	}
	bigUpdates(t, s, "history", 32)
	if err := issueMany(s.Addr, "kiosk-1", "middle", 40); err != nil {
		t.Fatal(err)
	}
	_, seq := health(t, s)
	t.Logf("history of %d events in %v", seq, time.Since(start).Round(time.Millisecond))

	// Two clients that stop reading, with bounded receive buffers: one
	// reconnecting with since = 1 (its replay fills the link), one live.
	// (A buffer far below loopback's 64 KB segment would leave the
	// kernel's window updates to its persist timer once it reads again.)
	stalledReplay := &follower{addr: s.Addr, device: "display-2", rcvbuf: 256 << 10, last: 1}
	stalledLive := &follower{addr: s.Addr, device: "pad-5", rcvbuf: 256 << 10, last: seq}
	for _, f := range []*follower{stalledReplay, stalledLive} {
		if err := f.connect(); err != nil {
			t.Fatal(err)
		}
	}

	// The load: tickets and 7 MB of large events, while displays
	// reconnect with since.
	load := make(chan error, 1)
	go func() {
		for round := range 8 {
			if err := issueMany(s.Addr, "kiosk-1", fmt.Sprintf("load%d", round), 15); err != nil {
				load <- err
				return
			}
			if err := bigUpdate(s, fmt.Sprintf("load%d", round), 14); err != nil {
				load <- err
				return
			}
		}
		load <- nil
	}()
	const displays = 12
	results := make(chan error, displays)
	for i := range displays {
		f := &follower{addr: s.Addr, device: "display-1", last: 1 + uint64(i)*seq/displays}
		go func() { results <- f.follow(20 + 15*(i%4)) }()
	}

	// The server drops both stalled clients (their link full for the
	// write deadline); they then read what reached them and reconnect.
	stalled := make(chan error, 2)
	for _, f := range []*follower{stalledReplay, stalledLive} {
		waitDropped(t, s, f.device, 60*time.Second)
		t.Logf("%s dropped after %v", f.device, time.Since(start).Round(time.Millisecond))
		go func() { stalled <- f.afterDrop() }()
	}

	if err := <-load; err != nil {
		t.Fatal(err)
	}
	t.Logf("load done after %v", time.Since(start).Round(time.Millisecond))
	marker := connect(t, s, "kiosk-1")
	marker.issue("D") // the followers stop at this event
	_, final := health(t, s)
	for range displays {
		if err := <-results; err != nil {
			t.Error(err)
		}
	}
	for range 2 {
		if err := <-stalled; err != nil {
			t.Error(err)
		}
	}
	for _, f := range []*follower{stalledReplay, stalledLive} {
		if f.last != final {
			t.Errorf("%s ended at seq %d, want %d", f.device, f.last, final)
		}
	}
}

// bigUpdates changes the hall's ticker n times, each a hall_updated event
// of about 64 KB.
func bigUpdates(t *testing.T, s *Server, prefix string, n int) {
	t.Helper()
	if err := bigUpdate(s, prefix, n); err != nil {
		t.Fatal(err)
	}
}

func bigUpdate(s *Server, prefix string, n int) error {
	for i := range n {
		ticker := fmt.Sprintf("%s %d ", prefix, i) + strings.Repeat("Thông báo. ", 64<<10/len("Thông báo. "))
		err := s.Hall.UpdateConfig("giamsat", "hall.edit", "hall", func(c *config.Config) error {
			c.Hall.Ticker = ticker
			return nil
		})
		if err != nil {
			return fmt.Errorf("ticker update %s %d: %w", prefix, i, err)
		}
	}
	return nil
}

// waitDropped waits until device, seen, has no connection open.
func waitDropped(t *testing.T, s *Server, device string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		for _, l := range s.hub.Links() {
			if l.Device == device && l.Conns == 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not dropped by the server within %v", device, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// follower is a raw display connection that checks every event's seq over
// its reconnects: each must be the one after the last it saw. It stops at
// the marker, a ticket of service D.
type follower struct {
	addr, device string
	rcvbuf       int    // > 0: a receive buffer this small, for a client that stalls
	last         uint64 // the seq of the last event seen (since, at first)
	ws           *websocket.Conn
	drops        int // connections that ended before the marker
}

var errMarker = errors.New("marker seen")

// connect dials and says hello with since = f.last.
func (f *follower) connect() error {
	d := websocket.Dialer{NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err == nil && f.rcvbuf > 0 {
			err = c.(*net.TCPConn).SetReadBuffer(f.rcvbuf)
		}
		return c, err
	}}
	ws, _, err := d.Dial("ws://"+f.addr+"/ws", nil)
	if err != nil {
		return fmt.Errorf("%s: dial: %w", f.device, err)
	}
	hello, _ := json.Marshal(map[string]any{"type": "hello", "id": "h", "data": map[string]any{
		"device": f.device, "token": demoToken(f.device), "since": f.last, "day": today}})
	ws.SetWriteDeadline(time.Now().Add(readWait))
	if err := ws.WriteMessage(websocket.TextMessage, hello); err != nil {
		ws.Close()
		return fmt.Errorf("%s: hello: %w", f.device, err)
	}
	ws.SetReadDeadline(time.Now().Add(readWait))
	var r struct {
		OK   bool
		Data struct {
			Seq   uint64
			State json.RawMessage
		}
	}
	if err := ws.ReadJSON(&r); err != nil || !r.OK || r.Data.State != nil || r.Data.Seq < f.last {
		ws.Close()
		return fmt.Errorf("%s: hello since %d: got %+v (%v), want a replay", f.device, f.last, r, err)
	}
	f.ws = ws
	return nil
}

// read reads events until the marker (errMarker), a gap or repeat (an
// error), or the end of the connection (nil), after at most limit events
// when limit > 0.
func (f *follower) read(limit int) error {
	defer f.ws.Close()
	for n := 0; limit <= 0 || n < limit; n++ {
		f.ws.SetReadDeadline(time.Now().Add(readWait))
		_, raw, err := f.ws.ReadMessage()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return fmt.Errorf("%s: no event for %v after seq %d", f.device, readWait, f.last)
			}
			f.drops++
			return nil
		}
		seq, typ := eventHead(raw)
		if seq != f.last+1 {
			return fmt.Errorf("%s: got %s seq %d after %d, want seq %d", f.device, typ, seq, f.last, f.last+1)
		}
		f.last = seq
		if typ == "ticket_issued" && bytes.Contains(raw, []byte(`"service":"D"`)) {
			return errMarker
		}
	}
	return nil
}

// follow reads until the marker, closing its connection after every
// `every` events and reconnecting with since, as a display on a flaky
// link does.
func (f *follower) follow(every int) error {
	for {
		if err := f.connect(); err != nil {
			return err
		}
		if err := f.read(every); errors.Is(err, errMarker) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// afterDrop reads what reached a stalled client before the server dropped
// it, then follows with since until the marker.
func (f *follower) afterDrop() error {
	if err := f.read(0); err != nil {
		return err
	}
	if f.drops != 1 {
		return fmt.Errorf("%s: the server did not end the stalled connection", f.device)
	}
	return f.follow(0)
}

// eventHead reads an event's seq and type from its first bytes: the server
// writes them first, and a 64 KB hall_updated need not be decoded.
func eventHead(raw []byte) (uint64, string) {
	var typ string
	if _, rest, ok := bytes.Cut(raw, []byte(`"type":"`)); ok {
		typ, _, _ = strings.Cut(string(rest[:min(len(rest), 40)]), `"`)
	}
	_, rest, ok := bytes.Cut(raw, []byte(`"seq":`))
	if !ok {
		return 0, typ
	}
	end := bytes.IndexAny(rest, ",}")
	seq, _ := strconv.ParseUint(string(rest[:max(end, 0)]), 10, 64)
	return seq, typ
}

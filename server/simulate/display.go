package simulate

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"hallq/shared/pause"
	"hallq/shared/protocol"
)

// displayAgent is a hall screen that stays connected all day and checks
// what the server promises every client (SPEC 4.2): each event of the
// day once, in seq order, and after a reconnect with since the events it
// missed, replayed, never a full state. It speaks the protocol itself
// rather than through shared/hallclient, which skips repeated events and
// hides gaps behind a full state: here each is an error.
type displayAgent struct {
	s   *sim
	dev Device

	mu        sync.Mutex
	day       string
	seq       uint64 // the last event seen
	events    int    // events received, replays included
	replayed  int    // events received as a replay after a reconnect
	connects  int
	connected bool
	helloSeq  uint64 // the seq of the last hello's reply: events up to it are replays
}

// Timings of the display's link: a write's deadline and the wait before
// dialling again (real time), and how much later (hall time) than the
// kiosks and counters the displays come back after a blip.
const (
	displayWrite   = 10 * time.Second
	displayBackoff = 50 * time.Millisecond
	displayLate    = 30 * time.Second
)

// run connects and follows the events until ctx ends, reconnecting with
// since after every drop. After the blip a display comes back last: once
// every kiosk and counter is back, and displayLate later, as a hall
// screen's PC notices a dead link later than a counter does; so it
// catches up on what the counters did meanwhile by replay.
func (a *displayAgent) run(ctx context.Context) {
	for ctx.Err() == nil {
		blips := a.s.blips.Load()
		err := a.session(ctx)
		a.setConnected(false)
		if ctx.Err() != nil {
			return
		}
		a.s.debug("display link ended", "device", a.dev.ID, "err", err)
		wait := displayBackoff
		if a.s.blips.Load() != blips {
			a.s.commandDevicesBack(ctx)
			wait = max(wait, a.s.clock.Real(displayLate))
		}
		if !pause.For(ctx, wait) {
			return
		}
	}
}

func (a *displayAgent) setConnected(v bool) {
	a.mu.Lock()
	a.connected = v
	a.mu.Unlock()
}

// session is one connection: hello with the last seq seen, then events.
func (a *displayAgent) session(ctx context.Context) error {
	d := websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	conn, resp, err := d.DialContext(ctx, a.s.wsURL, nil)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	a.mu.Lock()
	hello := protocol.Hello{Device: a.dev.ID, Token: a.dev.Token, Since: a.seq, Day: a.day, Version: "simulate"}
	a.mu.Unlock()
	conn.SetWriteDeadline(time.Now().Add(displayWrite))
	if err := conn.WriteJSON(protocol.Command{Type: protocol.CmdHello, ID: "hello", Data: hello}); err != nil {
		return err
	}
	for {
		// No read deadline: the server pings, and the proxy's cut or ctx
		// closes the connection; gorilla answers the pings while reading.
		_, data, err := conn.ReadMessage()
		if err != nil {
			return err
		}
		var m protocol.Message
		if err := json.Unmarshal(data, &m); err != nil {
			a.s.st.fail("%s: undecodable frame: %v", a.dev.ID, err)
			continue
		}
		if m.Type == protocol.TypeReply {
			if err := a.helloReply(m, hello); err != nil {
				return err
			}
			continue
		}
		a.event(m)
	}
}

// helloReply takes the state of the first hello, and checks that a
// reconnect was answered with a replay, not a full state.
func (a *displayAgent) helloReply(m protocol.Message, hello protocol.Hello) error {
	if m.OK == nil || !*m.OK {
		a.s.st.fail("%s: hello refused: %+v", a.dev.ID, m.Error)
		return fmt.Errorf("hello refused")
	}
	var r protocol.HelloReply
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.connects++
	a.connected = true
	a.helloSeq = r.Seq
	if r.State == nil {
		return nil
	}
	if hello.Since > 0 && r.Day == hello.Day {
		a.s.st.fail("%s: reconnect with since %d got a full state (seq %d), not a replay", a.dev.ID, hello.Since, r.Seq)
	}
	a.day, a.seq = r.State.Day, r.State.Seq
	return nil
}

// event checks one event's seq against the last one seen.
func (a *displayAgent) event(m protocol.Message) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.events++
	if m.Seq <= a.helloSeq {
		a.replayed++
	}
	switch {
	case m.Type == protocol.EvDayStarted:
		var d protocol.DayEvent
		json.Unmarshal(m.Data, &d)
		if d.Day != a.day {
			a.s.st.fail("%s: day_started %s during the simulated day %s", a.dev.ID, d.Day, a.day)
			a.day = d.Day
		}
	case m.Seq <= a.seq:
		a.s.st.fail("%s: event %d (%s) seen twice (last %d)", a.dev.ID, m.Seq, m.Type, a.seq)
		return
	case m.Seq != a.seq+1:
		a.s.st.fail("%s: events %d to %d lost (got %d %s)", a.dev.ID, a.seq+1, m.Seq-1, m.Seq, m.Type)
	}
	a.seq = m.Seq
}

// snapshot returns the agent's last seq, events, replays, connections and
// whether it is connected now.
func (a *displayAgent) snapshot() (seq uint64, events, replayed, connects int, connected bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.seq, a.events, a.replayed, a.connects, a.connected
}

package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// follower is a display connection that checks what it receives: every
// event's seq must be the one after the last, so that a gap, a repeat or a
// reordering shows. The server may drop it (a slow client); it then
// reconnects with since, as a display does. It reads the seq from the
// frame's bytes rather than decoding the JSON, so that a thousand of them
// leave the server its share of two cores.
type follower struct {
	addr, device, token string

	helloSeq atomic.Uint64 // the seq of the latest hello reply
	last     atomic.Uint64 // the seq of the latest event
	drops    atomic.Int64  // connections the server ended
	done     chan struct{} // closed when the follower stops

	mu     sync.Mutex
	ws     *websocket.Conn
	closed bool
	bad    string // the first failure
}

// newFollower connects and says hello with since (0: a full state), then
// reads in its own goroutine until close.
func newFollower(addr, device, token string, since uint64) (*follower, error) {
	f := &follower{addr: addr, device: device, token: token, done: make(chan struct{})}
	f.last.Store(since)
	ws, err := f.connect(since)
	if err != nil {
		return nil, err
	}
	f.ws = ws
	go f.run(ws)
	return f, nil
}

func (f *follower) connect(since uint64) (*websocket.Conn, error) {
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+f.addr+"/ws", nil)
	if err != nil {
		return nil, fmt.Errorf("dial: %w", err)
	}
	hello, _ := json.Marshal(map[string]any{"type": "hello", "id": "h", "data": map[string]any{
		"device": f.device, "token": f.token, "since": since, "day": "2026-11-28"}})
	if err := ws.WriteMessage(websocket.TextMessage, hello); err != nil {
		ws.Close()
		return nil, fmt.Errorf("hello: %w", err)
	}
	return ws, nil
}

// close ends the follower's connection; it stops without reconnecting.
func (f *follower) close() {
	f.mu.Lock()
	f.closed = true
	f.ws.Close()
	f.mu.Unlock()
}

func (f *follower) failure() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bad
}

func (f *follower) fail(format string, args ...any) {
	f.mu.Lock()
	if f.bad == "" {
		f.bad = fmt.Sprintf(format, args...)
	}
	f.mu.Unlock()
}

func (f *follower) run(ws *websocket.Conn) {
	defer close(f.done)
	var buf bytes.Buffer
	for {
		err := f.read(ws, &buf)
		f.mu.Lock()
		closed := f.closed
		f.mu.Unlock()
		if closed || err == nil {
			return // closed by the bench, or failed
		}
		f.drops.Add(1)
		time.Sleep(50 * time.Millisecond)
		if ws, err = f.connect(f.last.Load()); err != nil {
			f.fail("reconnect: %v", err)
			return
		}
		f.mu.Lock()
		f.ws = ws
		if f.closed {
			ws.Close()
		}
		f.mu.Unlock()
	}
}

var (
	replyPrefix = []byte(`{"type":"reply"`)
	seqKey      = []byte(`"seq":`)
)

// read reads ws until it fails, checking each event's seq; it returns
// nil after recording a failure.
func (f *follower) read(ws *websocket.Conn, buf *bytes.Buffer) error {
	for {
		_, r, err := ws.NextReader()
		if err != nil {
			return err
		}
		buf.Reset()
		if _, err := buf.ReadFrom(r); err != nil {
			return err
		}
		raw := buf.Bytes()
		if bytes.HasPrefix(raw, replyPrefix) {
			f.hello(raw)
			continue
		}
		i := bytes.Index(raw, seqKey)
		if i < 0 {
			f.fail("a frame without a seq: %.80s", raw)
			return nil
		}
		rest := raw[i+len(seqKey):]
		end := bytes.IndexAny(rest, ",}")
		seq, err := strconv.ParseUint(string(rest[:max(end, 0)]), 10, 64)
		if err != nil {
			f.fail("a frame with a bad seq: %.80s", raw)
			return nil
		}
		if last := f.last.Load(); seq != last+1 {
			f.fail("got seq %d after %d", seq, last)
			return nil
		}
		f.last.Store(seq)
	}
}

func (f *follower) hello(raw []byte) {
	var r struct {
		OK   bool
		Data struct {
			Seq   uint64
			State *struct{ Seq uint64 }
		}
	}
	if err := json.Unmarshal(raw, &r); err != nil || !r.OK {
		f.fail("hello: %.200s", raw)
		return
	}
	if r.Data.State != nil {
		f.last.Store(r.Data.State.Seq)
	}
	f.helloSeq.Store(r.Data.Seq)
}

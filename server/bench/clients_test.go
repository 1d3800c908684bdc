package bench

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"

	"github.com/gorilla/websocket"
)

var ict = time.FixedZone("ICT", 7*3600)

// fixedMorning is a clock inside opening hours, moving with real time.
func fixedMorning() func() time.Time {
	start := time.Now()
	base := time.Date(2026, 11, 28, 9, 0, 0, 0, ict)
	return func() time.Time { return base.Add(time.Since(start)) }
}

func startServer(b *testing.B) *app.Server {
	b.Helper()
	return apptest.Start(b, app.Options{Now: fixedMorning()})
}

// arrivals records when each listener last saw a marker.
type arrivals struct {
	mu   sync.Mutex
	cond *sync.Cond
	seen map[string]int
}

func newArrivals() *arrivals {
	a := &arrivals{seen: map[string]int{}}
	a.cond = sync.NewCond(&a.mu)
	return a
}

func (a *arrivals) add(marker string) {
	a.mu.Lock()
	a.seen[marker]++
	a.mu.Unlock()
	a.cond.Broadcast()
}

// wait blocks until n listeners saw marker.
func (a *arrivals) wait(marker string, n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for a.seen[marker] < n {
		a.cond.Wait()
	}
	delete(a.seen, marker)
}

// client is a raw protocol client.
type client struct {
	ws *websocket.Conn
	n  int
}

func dial(b *testing.B, addr, device, token string) *client {
	b.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/ws", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	c := &client{ws: ws}
	c.do(b, "hello", map[string]any{"device": device, "token": token})
	return c
}

// do sends a command and waits for its reply, skipping events.
func (c *client) do(b *testing.B, typ string, data any) json.RawMessage {
	b.Helper()
	c.n++
	id := typ + "-" + strings.Repeat("x", 0) + itoa(c.n)
	msg, _ := json.Marshal(map[string]any{"type": typ, "id": id, "data": data})
	if err := c.ws.WriteMessage(websocket.TextMessage, msg); err != nil {
		b.Fatal(err)
	}
	for {
		_, raw, err := c.ws.ReadMessage()
		if err != nil {
			b.Fatal(err)
		}
		var m struct {
			Type, ID string
			OK       bool
			Data     json.RawMessage
			Error    json.RawMessage
		}
		json.Unmarshal(raw, &m)
		if m.Type == "reply" && m.ID == id {
			if !m.OK {
				b.Fatalf("%s: %s", typ, m.Error)
			}
			return m.Data
		}
	}
}

// listen reads every frame of ws and reports each ticket_called event's
// ticket number to a, and each ticket_issued event's as "issued:" and the
// number. It looks for the bytes instead of decoding the JSON:
// a thousand listeners share the server's two cores, and their cost is not
// what is measured (the floor uses the same listener).
func listen(ws *websocket.Conn, a *arrivals) {
	called := []byte(`"type":"ticket_called"`)
	issued := []byte(`"type":"ticket_issued"`)
	numberKey := []byte(`"number":"`)
	for {
		_, raw, err := ws.ReadMessage()
		if err != nil {
			return
		}
		prefix := ""
		switch {
		case bytes.Contains(raw, called):
		case bytes.Contains(raw, issued):
			prefix = "issued:"
		default:
			continue
		}
		i := bytes.Index(raw, numberKey)
		if i < 0 {
			continue
		}
		rest := raw[i+len(numberKey):]
		if j := bytes.IndexByte(rest, '"'); j > 0 {
			a.add(prefix + string(rest[:j]))
		}
	}
}

// displays connects n display listeners (the demo has two display
// devices; a device may hold many connections).
func displays(b *testing.B, addr string, n int, a *arrivals) {
	b.Helper()
	for i := 0; i < n; i++ {
		c := dial(b, addr, "display-1", "demo-display-1-token-01")
		go listen(c.ws, a)
	}
}

func itoa(n int) string {
	raw, _ := json.Marshal(n)
	return string(raw)
}

// percentiles reports p50 and p99 of d in milliseconds.
func percentiles(d []time.Duration) (p50, p99 float64) {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	at := func(p float64) float64 {
		i := int(p*float64(len(d))+0.999999) - 1
		i = max(0, min(i, len(d)-1))
		return float64(d[i].Microseconds()) / 1000
	}
	return at(0.50), at(0.99)
}

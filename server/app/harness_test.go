package app

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"

	"github.com/gorilla/websocket"
)

var ict = time.FixedZone("ICT", 7*3600)

// startServer starts the real server with the demo hall on a loopback port
// in a temp data dir, at 09:00 hall time.
func startServer(t testing.TB, dir string, clk *xtest.Clock) *Server {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	if clk == nil {
		clk = xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	}
	return startServerLog(t, dir, clk, slog.New(slog.NewTextHandler(testWriter{t}, nil)))
}

// startServerLog is startServer with a chosen logger. The data dir gets the
// test hall (testdata/hall.toml) unless it has a config already.
func startServerLog(t testing.TB, dir string, clk *xtest.Clock, log *slog.Logger) *Server {
	t.Helper()
	writeTestConfig(t, dir)
	s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, Demo: true, Now: clk.Now, Logger: log})
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// wsClient is a raw protocol client for tests.
type wsClient struct {
	t      testing.TB
	ws     *websocket.Conn
	n      int
	device string // set by hello
}

func dial(t testing.TB, s *Server) *wsClient {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+s.Addr+"/ws", nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return &wsClient{t: t, ws: ws}
}

// msg is any server message, decoded loosely.
type msg struct {
	Type  string          `json:"type"`
	ID    string          `json:"id"`
	OK    bool            `json:"ok"`
	Seq   uint64          `json:"seq"`
	At    string          `json:"at"`
	Data  json.RawMessage `json:"data"`
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (c *wsClient) sendRaw(s string) {
	c.t.Helper()
	if err := c.ws.WriteMessage(websocket.TextMessage, []byte(s)); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// send sends a command with a fresh id and returns the id.
func (c *wsClient) send(typ string, data any) string {
	c.t.Helper()
	c.n++
	id := typ + "-" + itoa(c.n)
	c.sendID(typ, id, data)
	return id
}

func (c *wsClient) sendID(typ, id string, data any) {
	c.t.Helper()
	b, _ := json.Marshal(map[string]any{"type": typ, "id": id, "data": data})
	c.sendRaw(string(b))
}

// readWait is how long a test client waits for a message. A reply the
// server sends at once can take seconds to arrive when go test runs
// packages side by side under -race on two cores.
const readWait = 30 * time.Second

// read returns the next message.
func (c *wsClient) read() msg {
	c.t.Helper()
	return c.readFor("the next message")
}

// readFor returns the next message, waiting up to readWait; what names
// the awaited message in the failure.
func (c *wsClient) readFor(what string) msg {
	c.t.Helper()
	start := time.Now()
	c.ws.SetReadDeadline(start.Add(readWait))
	_, b, err := c.ws.ReadMessage()
	if err != nil {
		c.t.Fatalf("read %s on %s's connection: %v after %v", what, c.who(), err, time.Since(start).Round(time.Millisecond))
	}
	var m msg
	if err := json.Unmarshal(b, &m); err != nil {
		c.t.Fatalf("decode %s: %v", b, err)
	}
	return m
}

// who names the client's device for failures.
func (c *wsClient) who() string {
	if c.device == "" {
		return "a device before hello"
	}
	return c.device
}

// reply reads until the reply with id, returning the events seen before it.
func (c *wsClient) reply(id string) (msg, []msg) {
	c.t.Helper()
	var events []msg
	for {
		m := c.readFor("the reply to " + id)
		if m.Type == "reply" && m.ID == id {
			return m, events
		}
		if m.Type != "reply" {
			events = append(events, m)
		}
	}
}

// do sends a command and returns its reply.
func (c *wsClient) do(typ string, data any) msg {
	c.t.Helper()
	r, _ := c.reply(c.send(typ, data))
	return r
}

// mustOK sends a command, fails the test unless it succeeds, and decodes
// its reply data into out (if not nil).
func (c *wsClient) mustOK(typ string, data any, out any) {
	c.t.Helper()
	r := c.do(typ, data)
	if !r.OK {
		c.t.Fatalf("%s: got error %+v, want ok", typ, r.Error)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			c.t.Fatalf("%s: decode %s: %v", typ, r.Data, err)
		}
	}
}

// hello authenticates as a demo device.
func (c *wsClient) hello(device string, since uint64, day string) msg {
	c.t.Helper()
	r := c.do("hello", map[string]any{"device": device, "token": demoToken(device), "since": since, "day": day})
	if !r.OK {
		c.t.Fatalf("hello %s: %+v", device, r.Error)
	}
	c.device = device
	return r
}

// connect dials and says hello.
func connect(t testing.TB, s *Server, device string) *wsClient {
	t.Helper()
	c := dial(t, s)
	c.hello(device, 0, "")
	return c
}

func demoToken(device string) string {
	switch {
	case device == "kiosk-1":
		return "demo-kiosk-1-token-0001"
	case strings.HasPrefix(device, "pad-"):
		n := device[4:]
		return "demo-pad-" + n + "-token-00000" + n
	case strings.HasPrefix(device, "counter-"):
		n := device[8:]
		return "demo-counter-" + n + "-token-0" + n
	case strings.HasPrefix(device, "display-"):
		n := device[8:]
		return "demo-display-" + n + "-token-0" + n
	}
	return "x"
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func getJSON(t testing.TB, url string, out any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}

// testWriter sends the server's log to the test's log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

var _ = io.Discard

// writeTestConfig copies testdata/hall.toml, the demo hall of
// config.WriteDemo with its PINs and password hashed at bcrypt's minimum
// cost (the demo's cost 10 takes seconds under -race), into dir unless a
// hall.toml is there.
func writeTestConfig(t testing.TB, dir string) {
	t.Helper()
	dst := filepath.Join(dir, "hall.toml")
	if _, err := os.Stat(dst); err == nil {
		return
	}
	b, err := os.ReadFile(filepath.Join("testdata", "hall.toml"))
	if err != nil {
		t.Fatalf("read test config: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("data dir: %v", err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatalf("write test config: %v", err)
	}
}

package web_test

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// wsClient is a raw protocol client standing in for a kiosk or a counter.
type wsClient struct {
	t  *testing.T
	ws *websocket.Conn
	n  int
}

// wsMsg is any server message, decoded loosely.
type wsMsg struct {
	Type  string          `json:"type"`
	ID    string          `json:"id"`
	OK    bool            `json:"ok"`
	Data  json.RawMessage `json:"data"`
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// dialDevice connects to addr as a demo device and says hello.
func dialDevice(t *testing.T, addr, device, token string) *wsClient {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/ws", nil)
	if err != nil {
		t.Fatalf("dial %s: %v", device, err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &wsClient{t: t, ws: ws}
	c.mustOK("hello", map[string]any{"device": device, "token": token, "since": 0}, nil)
	return c
}

// mustOK sends a command, fails the test unless it succeeds, and decodes
// the reply's data into out (if not nil).
func (c *wsClient) mustOK(typ string, data, out any) {
	c.t.Helper()
	c.n++
	id := typ + "-" + strconv.Itoa(c.n)
	b, _ := json.Marshal(map[string]any{"type": typ, "id": id, "data": data})
	if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
		c.t.Fatalf("%s: write: %v", typ, err)
	}
	for {
		// Generous: bcrypt (clerk_login, change_pin) under -race on a
		// busy two-core machine can take seconds.
		c.ws.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, raw, err := c.ws.ReadMessage()
		if err != nil {
			c.t.Fatalf("%s: read: %v", typ, err)
		}
		var m wsMsg
		if err := json.Unmarshal(raw, &m); err != nil {
			c.t.Fatalf("%s: decode %s: %v", typ, raw, err)
		}
		if m.Type != "reply" || m.ID != id {
			continue
		}
		if !m.OK {
			c.t.Fatalf("%s: got error %+v, want ok", typ, m.Error)
		}
		if out != nil {
			if err := json.Unmarshal(m.Data, out); err != nil {
				c.t.Fatalf("%s: decode %s: %v", typ, m.Data, err)
			}
		}
		return
	}
}

// issued is the part of issue_ticket's reply the tests use.
type issued struct {
	Ticket struct {
		ID, Number, Token string
	} `json:"ticket"`
}

// called is the part of a counter's ticket reply the tests use.
type called struct {
	Ticket struct{ ID, Number string } `json:"ticket"`
}

// Demo device tokens (server/config demo hall).
const (
	kioskToken    = "demo-kiosk-1-token-0001"
	counter1Token = "demo-counter-1-token-01"
	counter2Token = "demo-counter-2-token-02"
)

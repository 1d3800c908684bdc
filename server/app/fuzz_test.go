package app

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"hallq/shared/xtest"

	"github.com/gorilla/websocket"
)

// errorCodes are the codes of SPEC 4.2 a client may get (internal aside:
// no frame should make the server fail).
var errorCodes = map[string]bool{
	"bad_request": true, "unauthorized": true, "forbidden": true, "not_found": true,
	"conflict": true, "queue_empty": true, "closed": true, "rate_limited": true,
}

// FuzzMessage sends arbitrary frames over an authenticated websocket, as
// a kiosk or as a counter, and checks that the server answers each with
// exactly one well-formed reply and keeps the connection, unless the frame
// is over 8,192 bytes, which closes it with 1009.
func FuzzMessage(f *testing.F) {
	s := startServerLog(f, f.TempDir(), xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict)), discardLogger())
	conns := map[bool]*wsClient{}
	f.Fuzz(func(t *testing.T, frame []byte, asKiosk bool) {
		c := conns[asKiosk]
		if c == nil {
			c = fuzzConn(t, s, asKiosk)
			conns[asKiosk] = c
		}
		c.t = t
		if err := c.ws.WriteMessage(websocket.TextMessage, frame); err != nil {
			t.Fatalf("write: %v", err)
		}
		if len(frame) > 8192 {
			if code := c.closeCode(5 * time.Second); code != websocket.CloseMessageTooBig {
				t.Fatalf("close after %d bytes: got %d, want 1009", len(frame), code)
			}
			conns[asKiosk] = nil
			return
		}
		var r msg
		for {
			r = c.read()
			if r.Type == "reply" {
				break
			}
			if r.Seq == 0 {
				t.Fatalf("got a %q message without seq, want a reply or an event", r.Type)
			}
		}
		switch {
		case r.OK && r.Error != nil:
			t.Fatalf("reply ok with an error %+v", r.Error)
		case !r.OK && (r.Error == nil || !errorCodes[r.Error.Code] || r.Error.Message == ""):
			t.Fatalf("failed reply: got %+v, want a code of SPEC 4.2 and a message", r.Error)
		}
		if id, ok := frameID(frame); ok && r.ID != id {
			t.Fatalf("reply id: got %q, want %q", r.ID, id)
		} else if !ok && r.ID != "" {
			t.Fatalf("reply id of a malformed frame: got %q, want empty", r.ID)
		}
		// The connection is still open and answers.
		id := c.send("ping", nil)
		if p, _ := c.reply(id); !p.OK {
			t.Fatalf("ping after the frame: got %+v, want ok", p.Error)
		}
	})
}

// frameID returns a well-formed frame's id: valid UTF-8 JSON object, type
// a non-empty string, id a string of 1 to 64 characters.
func frameID(frame []byte) (string, bool) {
	var in struct {
		Type json.RawMessage `json:"type"`
		ID   json.RawMessage `json:"id"`
	}
	if !utf8.Valid(frame) || json.Unmarshal(frame, &in) != nil || in.Type == nil || in.ID == nil {
		return "", false
	}
	var typ, id string
	if json.Unmarshal(in.Type, &typ) != nil || typ == "" || json.Unmarshal(in.ID, &id) != nil || id == "" || utf8.RuneCountInString(id) > 64 {
		return "", false
	}
	return id, true
}

// fuzzConn connects a kiosk, or a counter with its clerk signed in,
// without tying the connection to one fuzz input.
func fuzzConn(t *testing.T, s *Server, kiosk bool) *wsClient {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+s.Addr+"/ws", nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	c := &wsClient{t: t, ws: ws}
	if kiosk {
		c.hello("kiosk-1", 0, "")
		return c
	}
	c.hello("counter-1", 0, "")
	if r := c.do("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}); !r.OK && r.Error.Code != "conflict" {
		t.Fatalf("clerk_login: got %+v", r.Error)
	}
	return c
}

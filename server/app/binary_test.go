package app

import (
	"testing"

	"github.com/gorilla/websocket"
)

// TestBinaryFrameIsBadRequest: every message is one JSON text frame; a
// binary frame gets bad_request with an empty id and the connection stays
// open.
func TestBinaryFrameIsBadRequest(t *testing.T) {
	s := startServer(t, "", nil)
	c := connect(t, s, "kiosk-1")
	if err := c.ws.WriteMessage(websocket.BinaryMessage, []byte(`{"type":"ping","id":"b1"}`)); err != nil {
		t.Fatal(err)
	}
	m := c.read()
	if m.Type != "reply" || m.OK || m.ID != "" || m.Error == nil || m.Error.Code != "bad_request" {
		t.Fatalf("binary frame: got %+v, want a bad_request reply with an empty id", m)
	}
	if r := c.do("ping", nil); !r.OK {
		t.Fatalf("ping after the binary frame: got %+v, want ok", r.Error)
	}
}

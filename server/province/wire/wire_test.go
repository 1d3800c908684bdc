package wire

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSignVerify(t *testing.T) {
	key := []byte("a shared secret of the hall")
	body, err := Encode(Batch{HallID: "sct", Day: "2026-12-02", From: 1, Events: []json.RawMessage{json.RawMessage(`{"type":"ticket_issued","seq":1}`)}})
	if err != nil {
		t.Fatal(err)
	}
	sig := Sign(key, "sct", 1764660000, body)
	if !Verify(key, "sct", 1764660000, body, sig) {
		t.Fatal("own signature refused")
	}
	for name, ok := range map[string]bool{
		"other key":  Verify([]byte("another key"), "sct", 1764660000, body, sig),
		"other hall": Verify(key, "sct2", 1764660000, body, sig),
		"other time": Verify(key, "sct", 1764660001, body, sig),
		"other body": Verify(key, "sct", 1764660000, append([]byte(nil), body[:len(body)-1]...), sig),
		"not hex":    Verify(key, "sct", 1764660000, body, "zz"),
	} {
		if ok {
			t.Errorf("%s: accepted", name)
		}
	}
	b, err := Decode(body)
	if err != nil || b.HallID != "sct" || len(b.Events) != 1 || b.From != 1 {
		t.Fatalf("decode: %+v %v", b, err)
	}
}

func TestDecodeRefuses(t *testing.T) {
	enc := func(b Batch) []byte {
		body, err := Encode(b)
		if err != nil {
			t.Fatal(err)
		}
		return body
	}
	many := make([]json.RawMessage, MaxEvents+1)
	for i := range many {
		many[i] = json.RawMessage(`{}`)
	}
	for name, body := range map[string][]byte{
		"plain json": []byte(`{"hall_id":"sct"}`),
		"no day":     enc(Batch{HallID: "sct"}),
		"from 0":     enc(Batch{HallID: "sct", Day: "2026-12-02", Events: []json.RawMessage{json.RawMessage(`{}`)}}),
		"not object": enc(Batch{HallID: "sct", Day: "2026-12-02", From: 1, Events: []json.RawMessage{json.RawMessage(`[1]`)}}),
		"too many":   enc(Batch{HallID: "sct", Day: "2026-12-02", From: 1, Events: many}),
	} {
		if _, err := Decode(body); err == nil || !strings.HasPrefix(err.Error(), "wire:") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

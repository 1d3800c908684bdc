package devstatus

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"hallq/shared/protocol"
)

// fakeSender records what it is sent; while down it refuses.
type fakeSender struct {
	mu   sync.Mutex
	down bool
	got  []protocol.DeviceStatus
}

func (f *fakeSender) Send(_ context.Context, typ string, data any) (json.RawMessage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if typ != protocol.CmdDeviceStatus {
		return nil, errors.New("unexpected command " + typ)
	}
	if f.down {
		return nil, errors.New("offline")
	}
	f.got = append(f.got, data.(protocol.DeviceStatus))
	return json.RawMessage(`{}`), nil
}

func (f *fakeSender) setDown(v bool) { f.mu.Lock(); f.down = v; f.mu.Unlock() }

func (f *fakeSender) sent() []protocol.DeviceStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]protocol.DeviceStatus(nil), f.got...)
}

// waitSent waits until the sender got n states and returns them.
func waitSent(t *testing.T, f *fakeSender, n int) []protocol.DeviceStatus {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := f.sent()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("sent %v, want %d states", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func start(t *testing.T, f *fakeSender) *Reporter {
	t.Helper()
	r := New(f, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); r.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return r
}

func TestReporterSendsChanges(t *testing.T) {
	f := &fakeSender{}
	r := start(t, f)
	noPaper := protocol.DeviceStatus{Kind: protocol.DevicePrinter, Detail: "máy in hết giấy"}
	r.Report(protocol.DevicePrinter, false, "máy in hết giấy")
	waitSent(t, f, 1)
	r.Report(protocol.DevicePrinter, false, "máy in hết giấy") // the same: not sent again
	r.Report(protocol.DevicePrinter, true, "ignored when ok")
	waitSent(t, f, 2)
	time.Sleep(50 * time.Millisecond) // a third report would have come by now
	got := f.sent()
	want := []protocol.DeviceStatus{noPaper, {Kind: protocol.DevicePrinter, OK: true}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("sent %+v, want %+v", got, want)
	}
}

func TestReporterResendsAfterReconnect(t *testing.T) {
	f := &fakeSender{down: true}
	r := start(t, f)
	r.Report(protocol.DeviceSound, false, "không có âm thanh")
	time.Sleep(50 * time.Millisecond)
	if got := f.sent(); len(got) != 0 {
		t.Fatalf("sent %+v while offline", got)
	}
	// The link comes up: the state the server lacks goes out.
	f.setDown(false)
	r.Connected()
	got := waitSent(t, f, 1)
	if got[0].Kind != protocol.DeviceSound || got[0].OK {
		t.Fatalf("sent %+v, want sound not ok", got[0])
	}
	// Another reconnect: the server may have restarted, so again.
	r.Connected()
	got = waitSent(t, f, 2)
	if got[1] != got[0] {
		t.Fatalf("resent %+v, want %+v", got[1], got[0])
	}
}

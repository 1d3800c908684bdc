package link_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/server/link/linktest"
	"hallq/server/store"
	"hallq/shared/xtest"
)

const (
	hallID  = "so-cong-thuong"
	hallKey = "khoa-bi-mat-cua-so-0123"
	today   = "2026-11-28"
)

var ict = time.FixedZone("ICT", 7*3600)

// province is a receiver behind an HTTP server on loopback, reached
// through a proxy the test controls.
type province struct {
	rcv   *linktest.Receiver
	proxy *apptest.Proxy
}

func startProvince(t *testing.T) *province {
	t.Helper()
	rcv := linktest.NewReceiver(map[string]string{hallID: hallKey})
	ts := httptest.NewServer(rcv)
	t.Cleanup(ts.Close)
	return &province{rcv: rcv, proxy: apptest.StartProxy(t, ts.Listener.Addr().String())}
}

func (p *province) url() string { return "http://" + p.proxy.Addr() }

// hall is a real hall server with a [province] table.
type hall struct {
	dir string
	clk *xtest.Clock
	srv *app.Server
}

// writeHall writes the demo hall.toml with a [province] table to url
// into a new data dir.
func writeHall(t *testing.T, url string) string {
	t.Helper()
	dir := t.TempDir()
	path := apptest.WriteDemo(t, dir)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "\n[province]\nurl = %q\nhall_id = %q\nkey = %q\n", url, hallID, hallKey)
	f.Close()
	return dir
}

// startHall starts the hall of dir at the clock's time, with a fast
// link (short polls and backoffs).
func startHall(t *testing.T, dir string, clk *xtest.Clock) *hall {
	t.Helper()
	srv := apptest.Start(t, app.Options{Data: dir, Now: clk.Now,
		Link: app.LinkOptions{Poll: 100 * time.Millisecond, MinBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
			DownAfter: time.Second, Timeout: time.Second}})
	return &hall{dir: dir, clk: clk, srv: srv}
}

func newClock() *xtest.Clock { return xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict)) }

// openDesk connects the demo kiosk, counter and pad to h.
func openDesk(t *testing.T, h *hall) *apptest.Desk {
	t.Helper()
	return apptest.OpenDesk(t, h.srv.Addr)
}

// seq is the hall's seq now.
func (h *hall) seq() uint64 { _, s := h.srv.Hall.Day(); return s }

// waitShipped waits until the province holds every event of day up to
// the hall's seq.
func waitShipped(t *testing.T, p *province, day string, seq func() uint64, within time.Duration) {
	t.Helper()
	apptest.WaitFor(t, within, "the province to hold every event of "+day, func() bool {
		evs, _ := p.rcv.Events(hallID, day)
		return uint64(len(evs)) == seq()
	})
}

// checkSame stops the hall and checks that the province holds every
// event of each day exactly as the hall stored it, once, in seq order.
func checkSame(t *testing.T, p *province, h *hall, days ...string) {
	t.Helper()
	h.srv.Close()
	st, err := store.OpenReadOnly(filepath.Join(h.dir, "hall.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, day := range days {
		want, _, err := st.EventFrames(day, 0, 1<<62, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		got, gapless := p.rcv.Events(hallID, day)
		if !gapless || len(got) != len(want) {
			t.Fatalf("%s: the province holds %d events (gapless %v), the hall %d", day, len(got), gapless, len(want))
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("%s: event %d differs:\n got %s\nwant %s", day, i+1, got[i], want[i])
			}
		}
	}
}

// frameSeq reads an event frame's seq.
func frameSeq(f json.RawMessage) uint64 {
	var e struct {
		Seq uint64 `json:"seq"`
	}
	json.Unmarshal(f, &e)
	return e.Seq
}

package link_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/server/province/wire"
	"hallq/shared/protocol"
)

// get fetches url as the demo supervisor and returns the body.
func get(t *testing.T, url string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.SetBasicAuth("giamsat", "giamsat2026")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// metric is one series' value in /metrics, -1 when missing.
func metric(t *testing.T, h *hall, series string) float64 {
	t.Helper()
	for _, line := range strings.Split(get(t, "http://"+h.srv.Addr+"/metrics"), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f
		}
	}
	return -1
}

// liveLine is the live page's province warning from /api/live.
func liveLine(t *testing.T, h *hall) string {
	t.Helper()
	var l struct {
		ProvinceLink string `json:"province_link"`
	}
	json.Unmarshal([]byte(get(t, "http://"+h.srv.Addr+"/api/live")), &l)
	return l.ProvinceLink
}

// TestShipsEveryEventOnce: real traffic reaches the province whole, in
// order, once, with the file codes and the feedback the low ratings
// opened, and /metrics shows no lag after.
func TestShipsEveryEventOnce(t *testing.T) {
	p := startProvince(t)
	h := startHall(t, writeHall(t, p.url()), newClock())
	d := openDesk(t, h)
	d.Serve(t, 10, "H12.34-251128-%04d")
	waitShipped(t, p, today, h.seq, 20*time.Second)
	apptest.WaitFor(t, 10*time.Second, "no lag in /metrics", func() bool {
		return metric(t, h, "hall_province_link_pending_events") == 0
	})
	if v := metric(t, h, "hall_province_link_oldest_pending_seconds"); v != 0 {
		t.Errorf("oldest pending: got %v, want 0", v)
	}
	evs, _ := p.rcv.Events(hallID, today)
	codes := 0
	for _, e := range evs {
		if strings.Contains(string(e), `"ticket_finished"`) && strings.Contains(string(e), `"file_codes":["H12.34-251128-`) {
			codes++
		}
	}
	if codes != 10 {
		t.Errorf("finished events with file codes at the province: got %d, want 10", codes)
	}
	// Ratings 1 and 2 opened feedback items (i = 0, 1, 5, 6).
	apptest.WaitFor(t, 10*time.Second, "the feedback at the province", func() bool { return len(p.rcv.Feedback(hallID)) == 4 })
	if s := p.rcv.Stats(); s.Resent != 0 || len(s.Refused) != 0 {
		t.Errorf("receiver: %+v; want nothing sent twice or refused", s)
	}
	checkSame(t, p, h, today)
}

// TestProvinceDown: while the province is down commands keep their
// latency, /metrics counts the pending events and their age, the live
// page warns after DownAfter; once back, everything arrives once.
func TestProvinceDown(t *testing.T) {
	p := startProvince(t)
	clk := newClock()
	h := startHall(t, writeHall(t, p.url()), clk)
	d := openDesk(t, h)
	up := timed(t, d, 5)
	waitShipped(t, p, today, h.seq, 20*time.Second)

	p.rcv.Down.Store(true)
	down := timed(t, d, 5)
	if down > 4*up+100*time.Millisecond {
		t.Errorf("a command took %v on average with the province down, %v with it up; the command path waits for the link", down, up)
	}
	clk.Add(90 * time.Second)
	if n := metric(t, h, "hall_province_link_pending_events"); n < 20 {
		t.Errorf("pending events: got %v, want at least 20", n)
	}
	if age := metric(t, h, "hall_province_link_oldest_pending_seconds"); age < 90 {
		t.Errorf("oldest pending: got %v s, want at least 90", age)
	}
	apptest.WaitFor(t, 10*time.Second, "the live page's warning", func() bool { return liveLine(t, h) != "" })
	if l := liveLine(t, h); !strings.Contains(l, "Mất kết nối với hệ thống của tỉnh") {
		t.Errorf("warning: %q", l)
	}
	if page := get(t, "http://"+h.srv.Addr+"/"); !strings.Contains(page, `id="link-alert" >`) || !strings.Contains(page, "Mất kết nối với hệ thống của tỉnh") {
		t.Error("the live page shows no warning about the province link")
	}
	if metric(t, h, "hall_province_link_down") != 1 {
		t.Error("hall_province_link_down is not 1")
	}

	p.rcv.Down.Store(false)
	waitShipped(t, p, today, h.seq, 20*time.Second)
	apptest.WaitFor(t, 10*time.Second, "the warning to go", func() bool { return liveLine(t, h) == "" })
	checkSame(t, p, h, today)
}

// timed serves n tickets and returns the mean time of a command.
func timed(t *testing.T, d *apptest.Desk, n int) time.Duration {
	t.Helper()
	start := time.Now()
	d.Serve(t, n, "H12.34-251128-%04d")
	return time.Since(start) / time.Duration(4*n)
}

// TestProxyCutsTheLink: a link that stalls (no byte passes), then refuses
// and drops connections, loses and doubles nothing.
func TestProxyCutsTheLink(t *testing.T) {
	p := startProvince(t)
	h := startHall(t, writeHall(t, p.url()), newClock())
	d := openDesk(t, h)
	d.Serve(t, 3, "H12.34-251128-%04d")
	waitShipped(t, p, today, h.seq, 20*time.Second)

	p.proxy.Stall(true)
	d.Serve(t, 3, "H12.34-251128-%04d")
	time.Sleep(1500 * time.Millisecond) // past the link's 1 s request timeout
	p.proxy.Stall(false)
	p.proxy.Refuse(true)
	p.proxy.Cut()
	d.Serve(t, 3, "H12.34-251128-%04d")
	time.Sleep(500 * time.Millisecond)
	p.proxy.Refuse(false)
	d.Serve(t, 2, "H12.34-251128-%04d")
	waitShipped(t, p, today, h.seq, 30*time.Second)
	checkSame(t, p, h, today)
}

// TestRestartMidShipment: the hall stops while the province holds a batch
// it has stored but not yet answered; restarted on the same data, the
// hall resumes from its watermark: the province ends with every event
// once, and gets again at most what was in flight.
func TestRestartMidShipment(t *testing.T) {
	p := startProvince(t)
	clk := newClock()
	dir := writeHall(t, p.url())
	h := startHall(t, dir, clk)
	d := openDesk(t, h)
	d.Serve(t, 4, "H12.34-251128-%04d")
	waitShipped(t, p, today, h.seq, 20*time.Second)
	shipped := h.seq()

	// Under the link's 1 s request timeout: each batch is answered late,
	// not given up.
	p.rcv.Delay.Store(int64(700 * time.Millisecond))
	d.Serve(t, 4, "H12.34-251128-%04d")
	before := p.rcv.Stats().Batches
	apptest.WaitFor(t, 10*time.Second, "a batch held by the province", func() bool {
		evs, _ := p.rcv.Events(hallID, today)
		return p.rcv.Stats().Batches > before || uint64(len(evs)) == h.seq()
	})
	total := h.seq()
	resent := p.rcv.Stats().Resent
	h.srv.Close() // cuts the batch in flight
	p.rcv.Delay.Store(0)

	h = startHall(t, dir, clk)
	d = openDesk(t, h)
	d.Serve(t, 2, "H12.34-251128-%04d")
	waitShipped(t, p, today, h.seq, 20*time.Second)
	if s := p.rcv.Stats(); uint64(s.Resent-resent) > total-shipped {
		t.Errorf("resent %d events after the restart, more than the %d shipped after the first %d: the hall started over instead of from its watermark",
			s.Resent-resent, total-shipped, shipped)
	}
	checkSame(t, p, h, today)
}

// TestGapAnswer: a province that lost events (from seq 5 on) answers the
// next batch with a gap; the hall sends them again from there.
func TestGapAnswer(t *testing.T) {
	p := startProvince(t)
	h := startHall(t, writeHall(t, p.url()), newClock())
	d := openDesk(t, h)
	d.Serve(t, 3, "H12.34-251128-%04d")
	waitShipped(t, p, today, h.seq, 20*time.Second)
	p.rcv.Forget(hallID, today, 5)
	d.Serve(t, 2, "H12.34-251128-%04d")
	waitShipped(t, p, today, h.seq, 20*time.Second)
	if s := p.rcv.Stats(); s.Gaps == 0 {
		t.Errorf("receiver: %+v; want a gap answered", s)
	}
	checkSame(t, p, h, today)
}

// TestDayChange: the link finishes a day, ships its closing report, and
// goes on with the next day's events.
func TestDayChange(t *testing.T) {
	p := startProvince(t)
	clk := newClock()
	h := startHall(t, writeHall(t, p.url()), clk)
	d := openDesk(t, h)
	d.Serve(t, 3, "H12.34-251128-%04d")
	if _, err := h.srv.Hall.CloseDay(); err != nil {
		t.Fatal(err)
	}
	clk.Set(time.Date(2026, 11, 29, 8, 0, 0, 0, ict))
	if err := h.srv.Hall.TurnDay(); err != nil {
		t.Fatal(err)
	}
	d.Counter.Send(t, protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"}, nil)
	d.Serve(t, 2, "H12.34-251128-%04d")
	const tomorrow = "2026-11-29"
	waitShipped(t, p, tomorrow, h.seq, 20*time.Second)
	apptest.WaitFor(t, 10*time.Second, "the closing report", func() bool { return p.rcv.Report(hallID, today) != nil })
	var rep struct {
		Date   string `json:"date"`
		Issued int    `json:"issued"`
		Files  []struct {
			FileCodes []string `json:"file_codes"`
		} `json:"files"`
	}
	if err := json.Unmarshal(p.rcv.Report(hallID, today), &rep); err != nil || rep.Date != today || rep.Issued != 3 || len(rep.Files) != 3 {
		t.Errorf("closing report: %+v, %v; want %s with 3 tickets, 3 with file codes", rep, err, today)
	}
	if p.rcv.Report(hallID, tomorrow) != nil {
		t.Error("a report for the day still open")
	}
	checkSame(t, p, h, today, tomorrow)
}

// TestWrongKey: a hall whose key the province does not accept is refused
// (bad_signature), nothing is stored and the events stay pending; with
// the right key in hall.toml and a restart (the table is read at every
// start) everything arrives.
func TestWrongKey(t *testing.T) {
	p := startProvince(t)
	clk := newClock()
	dir := writeHall(t, p.url())
	path := filepath.Join(dir, "hall.toml")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, bytes.Replace(good, []byte(hallKey), []byte("mot-khoa-sai-0123456789"), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	h := startHall(t, dir, clk)
	d := openDesk(t, h)
	d.Serve(t, 2, "H12.34-251128-%04d")
	apptest.WaitFor(t, 10*time.Second, "a refusal", func() bool { return p.rcv.Stats().Refused[wire.CodeBadSignature] > 0 })
	if evs, _ := p.rcv.Events(hallID, today); len(evs) != 0 {
		t.Fatalf("the province stored %d events signed with a wrong key", len(evs))
	}
	if n := metric(t, h, "hall_province_link_pending_events"); n < 8 {
		t.Errorf("pending: got %v, want at least 8", n)
	}
	h.srv.Close()
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	h = startHall(t, dir, clk)
	waitShipped(t, p, today, h.seq, 20*time.Second)
	checkSame(t, p, h, today)
}

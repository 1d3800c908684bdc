package bench

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/xtest"

	"github.com/gorilla/websocket"
)

// BenchmarkCitizens2000 measures the citizen's phone page on the real
// server binary: the page's first load (bytes and time over loopback),
// then 2,000 phones following their waiting tickets (role citizen), each
// connection's cost in the server's resident memory, and call_next until
// the last of 100 displays has it, without the phones (the floor) and with
// them, in the same run. Calls are paced (callGap) so that the phones'
// update rounds, which follow each call, fall among the calls as in a hall.
// b.N is the number of calls in each half.
func BenchmarkCitizens2000(b *testing.B) {
	const phones, screens = 2000, 100
	calls := max(b.N, 20)
	dir := b.TempDir()
	bin := xtest.GoBuild(b, "hallq/server")
	addr := freeAddr(b)
	cmd := exec.Command(bin, "-demo", "-data", filepath.Join(dir, "data"), "-addr", addr,
		"-fast-clock", "1", "-fast-clock-start", "2026-11-28T08:00")
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	waitListening(b, addr)

	a := newArrivals()
	displays(b, addr, screens, a)
	kiosk := dial(b, addr, "kiosk-1", "demo-kiosk-1-token-0001")
	counter := dial(b, addr, "counter-1", "demo-counter-1-token-01")
	counter.do(b, "clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"})
	// The first tickets are called; the phones follow the last ones,
	// which wait through both halves.
	type ticket struct{ ID, Token string }
	var followed []ticket
	for i := 0; i < 2*calls+phones; i++ {
		var rep struct{ Ticket ticket }
		json.Unmarshal(kiosk.do(b, "issue_ticket", map[string]any{"service": "A"}), &rep)
		if i >= 2*calls {
			followed = append(followed, rep.Ticket)
		}
	}

	bytesLoaded, loadMS := firstLoad(b, "http://"+addr+protocol.TicketURL("", followed[0].ID, followed[0].Token))

	callRound := func() []time.Duration {
		samples := make([]time.Duration, 0, calls)
		for i := 0; i < calls; i++ {
			time.Sleep(callGap)
			start := time.Now()
			var rep struct{ Ticket struct{ ID, Number string } }
			json.Unmarshal(counter.do(b, "call_next", nil), &rep)
			a.wait(rep.Ticket.Number, screens)
			samples = append(samples, time.Since(start))
			counter.do(b, "finish", map[string]any{"ticket_id": rep.Ticket.ID})
		}
		return samples
	}
	b.ResetTimer()
	f50, f99 := percentiles(callRound())
	b.StopTimer()

	time.Sleep(settle)
	before := rssKB(b, cmd.Process.Pid)
	var views, bad atomic.Int64
	var wg sync.WaitGroup
	for _, tk := range followed {
		ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/ws", nil)
		if err != nil {
			b.Fatal(err)
		}
		defer ws.Close()
		hello, _ := json.Marshal(map[string]any{"type": "hello", "id": "h", "data": map[string]any{"ticket": tk.ID, "token": tk.Token}})
		if err := ws.WriteMessage(websocket.TextMessage, hello); err != nil {
			b.Fatal(err)
		}
		if _, raw, err := ws.ReadMessage(); err != nil || !bytes.Contains(raw, []byte(`"ok":true`)) {
			b.Fatalf("phone hello: %s %v", raw, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			phone(ws, &views, &bad)
		}()
	}
	time.Sleep(settle)
	after := rssKB(b, cmd.Process.Pid)
	perPhone := float64(after-before) / phones
	b.ReportMetric(perPhone, "KB/phone")
	target(b, "KB/phone", perPhone, 40)

	b.StartTimer()
	p50, p99 := percentiles(callRound())
	b.StopTimer()
	time.Sleep(500 * time.Millisecond) // the last round
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(f50, "floor-p50-ms")
	b.ReportMetric(f99, "floor-p99-ms")
	b.ReportMetric(p50/f50, "p50/floor")
	b.ReportMetric(p99/f99, "p99/floor")
	b.ReportMetric(float64(views.Load())/phones, "views/phone")
	// Reported here: ResetTimer drops the metrics reported before it.
	b.ReportMetric(float64(bytesLoaded), "page-bytes")
	b.ReportMetric(loadMS, "page-load-ms")
	target(b, "page-bytes", float64(bytesLoaded), 50*1024)
	target(b, "page-load-ms", loadMS, 200)
	target(b, "p50/floor", p50/f50, 1.2)
	if bad.Load() != 0 {
		b.Fatalf("%d phone messages carried a token, a clerk or an event", bad.Load())
	}
	if views.Load() < phones {
		b.Fatalf("the phones got %d ticket views in all, want every phone to follow its place", views.Load())
	}
}

// settle is how long the server is left alone before its memory is read.
const settle = 3 * time.Second

// callGap is the pause before each timed call.
const callGap = 100 * time.Millisecond

// phone reads a citizen's connection until it closes, counting its
// ticket views and any message that is not one or that names a token or
// a clerk.
func phone(ws *websocket.Conn, views, bad *atomic.Int64) {
	view := []byte(`"type":"ticket_view"`)
	for {
		_, raw, err := ws.ReadMessage()
		if err != nil {
			return
		}
		switch {
		case bytes.Contains(raw, []byte(`"token"`)), bytes.Contains(raw, []byte(`"clerk`)), !bytes.Contains(raw, view):
			bad.Add(1)
		default:
			views.Add(1)
		}
	}
}

// firstLoad fetches a ticket's page as a browser's first visit does (the
// page, its stylesheet and its script) ten times, and returns the bytes
// one visit transfers (headers included) and the median visit's time.
func firstLoad(b *testing.B, page string) (int, float64) {
	b.Helper()
	base := page[:len("http://")+bytes.IndexByte([]byte(page[len("http://"):]), '/')]
	var total int
	samples := make([]time.Duration, 0, 10)
	for i := 0; i < 10; i++ {
		total = 0
		start := time.Now()
		for _, u := range []string{page, base + "/static/ticket.css", base + "/static/ticket.js"} {
			resp, err := http.Get(u)
			if err != nil {
				b.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("GET %s: %d", u, resp.StatusCode)
			}
			var hdr bytes.Buffer
			resp.Header.Write(&hdr)
			total += len(body) + hdr.Len() + len("HTTP/1.1 200 OK\r\n\r\n")
		}
		samples = append(samples, time.Since(start))
	}
	p50, _ := percentiles(samples)
	return total, p50
}

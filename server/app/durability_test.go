package app

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"hallq/shared/xtest"
)

// buildServer builds the server binary into a temp dir and returns its
// path; the build is killed if the test's time runs out.
func buildServer(t *testing.T) string {
	t.Helper()
	return xtest.GoBuild(t, "hallq/server")
}

// allDayConfig writes the test hall into dir, open around the clock so
// that the real binary, on the real clock, issues at any hour.
func allDayConfig(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "hall.toml"))
	if err != nil {
		t.Fatalf("read test config: %v", err)
	}
	s := strings.Replace(string(b), `open = "07:30"`, `open = "00:00"`, 1)
	s = strings.Replace(s, `close = "17:00"`, `close = "24:00"`, 1)
	if s == string(b) {
		t.Fatalf("test config: open/close lines not found")
	}
	if err := os.WriteFile(filepath.Join(dir, "hall.toml"), []byte(s), 0o600); err != nil {
		t.Fatalf("write config: %v", err)
	}
}

// proc is a running server binary. done is closed when it has exited,
// with its exit error in err.
type proc struct {
	cmd  *exec.Cmd
	addr string
	out  *lockedWriter
	done chan struct{}
	err  error
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startProc starts bin on dir and waits until /healthz answers.
func startProc(t *testing.T, bin, dir string) *proc {
	t.Helper()
	w := &lockedWriter{b: &strings.Builder{}}
	p := &proc{addr: freePort(t), out: w, done: make(chan struct{})}
	p.cmd = exec.Command(bin, "-demo", "-data", dir, "-addr", p.addr)
	p.cmd.Stdout, p.cmd.Stderr = w, w
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start server: %v", err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get("http://" + p.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not answer /healthz in 10 s: %v\n%s", err, w.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type lockedWriter struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// addrServer lets the harness dial a server binary.
func addrServer(addr string) *Server { return &Server{Addr: addr} }

// acked is a ticket a kiosk got a reply for.
type acked struct {
	device, cmdID, id, number string
}

// kioskRun issues tickets over one websocket until the connection fails,
// and reports what was acknowledged, the command in flight at the end,
// and the highest event seq seen.
type kioskRun struct {
	acked    []acked
	inflight string
	maxSeq   uint64
}

func runKiosk(addr, device, prefix string, stop <-chan struct{}) kioskRun {
	var r kioskRun
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/ws", nil)
	if err != nil {
		return r
	}
	defer ws.Close()
	send := func(typ, id string, data any) (msg, error) {
		b, _ := json.Marshal(map[string]any{"type": typ, "id": id, "data": data})
		if err := ws.WriteMessage(websocket.TextMessage, b); err != nil {
			return msg{}, err
		}
		for {
			ws.SetReadDeadline(time.Now().Add(10 * time.Second))
			var m msg
			if err := ws.ReadJSON(&m); err != nil {
				return msg{}, err
			}
			if m.Seq > r.maxSeq {
				r.maxSeq = m.Seq
			}
			if m.Type == "reply" && m.ID == id {
				return m, nil
			}
		}
	}
	h, err := send("hello", "h", map[string]any{"device": device, "token": demoToken(device)})
	if err != nil || !h.OK {
		return r
	}
	var hd helloData
	json.Unmarshal(h.Data, &hd)
	r.maxSeq = max(r.maxSeq, hd.Seq)
	for i := 1; ; i++ {
		select {
		case <-stop:
			return r
		default:
		}
		id := fmt.Sprintf("%s-%d", prefix, i)
		r.inflight = id
		m, err := send("issue_ticket", id, map[string]any{"service": "A"})
		if err != nil {
			return r
		}
		r.inflight = ""
		if !m.OK {
			continue
		}
		var out issued
		json.Unmarshal(m.Data, &out)
		r.acked = append(r.acked, acked{device: device, cmdID: id, id: out.Ticket.ID, number: out.Ticket.Number})
	}
}

// TestKillAndRestart kills the server binary with SIGKILL while four
// kiosks issue tickets, restarts it on the same data, and checks that no
// acknowledged ticket is lost or doubled, numbers never repeat, seq goes
// on, and stored replies survive (SPEC section 5).
func TestKillAndRestart(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and kills the server binary")
	}
	bin := buildServer(t)
	dir := t.TempDir()
	allDayConfig(t, dir)
	devices := []string{"kiosk-1", "pad-1", "pad-2", "pad-3"}
	var all []acked
	var inflight []acked // device and command id of unanswered commands
	var maxSeq uint64
	for cycle := 1; cycle <= 4; cycle++ {
		p := startProc(t, bin, dir)
		c := dial(t, addrServer(p.addr))
		var h helloData
		decodeInto(t, c.hello("display-1", 0, "").Data, &h)
		if h.Seq < maxSeq {
			t.Fatalf("cycle %d: seq after restart: got %d, want >= %d", cycle, h.Seq, maxSeq)
		}
		// Retrying each command that was in flight at the kill gives a
		// ticket, stored or new, that is then in the state once.
		k := connect(t, addrServer(p.addr), "kiosk-1")
		for _, f := range inflight {
			kc := k
			if f.device != "kiosk-1" {
				kc = connect(t, addrServer(p.addr), f.device)
			}
			r := kc.rawDo(cmd("issue_ticket", f.cmdID, map[string]any{"service": "A"}))
			if !r.OK {
				t.Fatalf("cycle %d: retry %s of %s: got %+v, want ok", cycle, f.cmdID, f.device, r.Error)
			}
			var got issued
			decodeInto(t, r.Data, &got)
			all = append(all, acked{device: f.device, cmdID: f.cmdID, id: got.Ticket.ID, number: got.Ticket.Number})
		}
		inflight = nil
		// A command acknowledged before the kill gets its stored reply.
		if len(all) > 0 {
			a := all[rand.IntN(len(all))]
			kc := connect(t, addrServer(p.addr), a.device)
			r := kc.rawDo(cmd("issue_ticket", a.cmdID, map[string]any{"service": "C"}))
			var got issued
			decodeInto(t, r.Data, &got)
			if !r.OK || got.Ticket.ID != a.id {
				t.Fatalf("cycle %d: repeat of %s/%s after restart: got %s, want the stored %s", cycle, a.device, a.cmdID, got.Ticket.ID, a.id)
			}
		}
		checkState(t, cycle, addrServer(p.addr), all)
		// Events after the restart go on from the seq before it.
		for i, ev := range c.sync() {
			if want := h.Seq + 1 + uint64(i); ev.Seq != want {
				t.Fatalf("cycle %d: event %d after restart: got seq %d, want %d", cycle, i, ev.Seq, want)
			}
		}

		// Four kiosks issue concurrently; the server dies under them.
		stop := make(chan struct{})
		runs := make([]kioskRun, len(devices))
		var wg sync.WaitGroup
		for i, d := range devices {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runs[i] = runKiosk(p.addr, d, fmt.Sprintf("c%d-%s", cycle, d), stop)
			}()
		}
		time.Sleep(time.Duration(50+rand.IntN(250)) * time.Millisecond)
		p.cmd.Process.Signal(syscall.SIGKILL)
		<-p.done
		close(stop)
		wg.Wait()
		n := 0
		for i, r := range runs {
			all = append(all, r.acked...)
			n += len(r.acked)
			maxSeq = max(maxSeq, r.maxSeq)
			if r.inflight != "" {
				inflight = append(inflight, acked{device: devices[i], cmdID: r.inflight})
			}
		}
		t.Logf("cycle %d: %d tickets acknowledged before the kill, %d in flight, seq %d", cycle, n, len(inflight), maxSeq)
	}
}

// checkState checks that every acknowledged ticket is in the restarted
// server's state exactly once and that the numbers of each service run
// 001, 002, … without a repeat or a gap.
func checkState(t *testing.T, cycle int, s *Server, all []acked) {
	t.Helper()
	c := dial(t, s)
	var h helloData
	decodeInto(t, c.hello("display-2", 0, "").Data, &h)
	if h.State == nil {
		t.Fatalf("cycle %d: hello since 0: got no state", cycle)
	}
	seen := map[string]int{}
	byService := map[string][]string{}
	for _, tk := range h.State.Waiting {
		seen[tk.ID]++
		byService[tk.Service] = append(byService[tk.Service], tk.Number)
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("cycle %d: ticket %s in the state %d times, want once", cycle, id, n)
		}
	}
	for _, a := range all {
		if seen[a.id] != 1 {
			t.Fatalf("cycle %d: acknowledged ticket %s (%s %s) in the state %d times, want once", cycle, a.id, a.device, a.cmdID, seen[a.id])
		}
	}
	for sv, nums := range byService {
		sort.Strings(nums)
		for i, n := range nums {
			if want := fmt.Sprintf("%s%03d", sv, i+1); n != want {
				t.Fatalf("cycle %d: service %s numbers: got %v, want %s at %d", cycle, sv, nums, want, i)
			}
		}
	}
}

// TestSIGTERM checks that the server binary exits 0 within a few seconds
// of SIGTERM and closes its websockets with 1001.
func TestSIGTERM(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the server binary")
	}
	bin := buildServer(t)
	dir := t.TempDir()
	allDayConfig(t, dir)
	p := startProc(t, bin, dir)
	d := connect(t, addrServer(p.addr), "display-1")
	k := connect(t, addrServer(p.addr), "kiosk-1")
	k.issue("A")
	d.sync()
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := d.closeCode(5 * time.Second); code != websocket.CloseGoingAway {
		t.Fatalf("close code at SIGTERM: got %d, want %d", code, websocket.CloseGoingAway)
	}
	select {
	case <-p.done:
		if p.err != nil {
			t.Fatalf("exit after SIGTERM: got %v, want status 0\n%s", p.err, p.out.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("server still running 5 s after SIGTERM")
	}
}

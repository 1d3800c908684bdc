package province

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/server/config"
	"hallq/server/province/pgstore"
	"hallq/server/province/pgtest"
	"hallq/server/store"
	"hallq/shared/xtest"
)

// e2eDay is the day every hall of the end-to-end test plays.
const e2eDay = "2026-11-28"

// instance is a province service instance over the shared database,
// served on a fixed loopback address so that it can stop and start again
// there.
type instance struct {
	t     *testing.T
	store *pgstore.Store
	addr  string
	mu    sync.Mutex
	srv   *http.Server
}

func startInstance(t *testing.T, dbURL string) *instance {
	t.Helper()
	i := &instance{t: t, store: openStore(t, dbURL), addr: "127.0.0.1:0"}
	i.start()
	t.Cleanup(i.stop)
	return i
}

// start serves a new Service on the instance's address.
func (i *instance) start() {
	i.t.Helper()
	var ln net.Listener
	apptest.WaitFor(i.t, 10*time.Second, "the province's address "+i.addr+" to be free", func() bool {
		var err error
		ln, err = net.Listen("tcp", i.addr)
		return err == nil
	})
	i.addr = ln.Addr().String()
	svc := New(i.store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv := &http.Server{Handler: svc.Handler()}
	go srv.Serve(ln)
	i.mu.Lock()
	i.srv = srv
	i.mu.Unlock()
}

// stop closes the instance's listener and every connection.
func (i *instance) stop() {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.srv != nil {
		i.srv.Close()
		i.srv = nil
	}
}

func (i *instance) url() string { return "http://" + i.addr }

// e2eHall is a real hall server, in this process or a separate OS
// process, linked to the province through a proxy the test controls.
type e2eHall struct {
	t       *testing.T
	id, key string
	dir     string
	proxy   *apptest.Proxy
	addr    string // its HTTP address while it runs
	codes   []string

	clk *xtest.Clock
	srv *app.Server

	bin string
	cmd *exec.Cmd
}

// newHall registers id with the province's add-hall command, and writes a
// demo hall.toml whose [province] table names it, to p through a proxy.
func newHall(t *testing.T, dbURL, id, name string, p *instance) *e2eHall {
	t.Helper()
	var out, errb strings.Builder
	if err := Command([]string{"-pg", dbURL, "add-hall", "-id", id, "-name", name, "-open", "00:00", "-close", "23:59"}, &out, &errb); err != nil {
		t.Fatalf("add-hall %s: %v %s", id, err, errb.String())
	}
	_, key, ok := strings.Cut(out.String(), "của sảnh: ")
	if !ok {
		t.Fatalf("add-hall printed no key: %q", out.String())
	}
	h := &e2eHall{t: t, id: id, key: strings.TrimSpace(key), dir: t.TempDir()}
	h.linkTo(p)
	return h
}

// linkTo points the hall's [province] at p through a new proxy (read at
// the hall's next start).
func (h *e2eHall) linkTo(p *instance) {
	h.t.Helper()
	h.proxy = apptest.StartProxy(h.t, p.addr)
	path := apptest.WriteDemo(h.t, h.dir)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		h.t.Fatal(err)
	}
	fmt.Fprintf(f, "\n[province]\nurl = %q\nhall_id = %q\nkey = %q\n", "http://"+h.proxy.Addr(), h.id, h.key)
	f.Close()
}

// startIn starts the hall in this process with a fast link.
func (h *e2eHall) startIn() {
	h.t.Helper()
	h.srv = apptest.Start(h.t, app.Options{Data: h.dir, Now: h.clk.Now,
		Link: app.LinkOptions{Poll: 100 * time.Millisecond, MinBackoff: 20 * time.Millisecond, MaxBackoff: 300 * time.Millisecond,
			DownAfter: time.Second, Timeout: 2 * time.Second}})
	h.addr = h.srv.Addr
}

// startProc runs the server binary on the hall's data dir, its clock
// starting at hour of the test's day; the link has its default timings.
func (h *e2eHall) startProc(hour int) {
	h.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.t.Fatal(err)
	}
	h.addr = ln.Addr().String()
	ln.Close()
	log, err := os.OpenFile(filepath.Join(h.dir, "server.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		h.t.Fatal(err)
	}
	defer log.Close()
	h.cmd = exec.Command(h.bin, "-addr", h.addr, "-data", h.dir,
		"-fast-clock", "1", "-fast-clock-start", fmt.Sprintf("%sT%02d:00", e2eDay, hour))
	h.cmd.Stdout, h.cmd.Stderr = log, log
	if err := h.cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	cmd := h.cmd
	h.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	apptest.WaitFor(h.t, 30*time.Second, "the hall process to serve", func() bool {
		resp, err := http.Get("http://" + h.addr + "/metrics")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
}

// kill ends the hall process with SIGKILL: no shutdown of any kind.
func (h *e2eHall) kill() {
	h.t.Helper()
	h.cmd.Process.Signal(syscall.SIGKILL)
	h.cmd.Wait()
}

// stop stops the hall, in this process or gracefully as a process.
func (h *e2eHall) stop() {
	h.t.Helper()
	if h.cmd == nil {
		h.srv.Close()
		return
	}
	h.cmd.Process.Signal(syscall.SIGTERM)
	h.cmd.Wait()
}

// serve plays n tickets on a new desk and remembers their file codes.
func (h *e2eHall) serve(n int) *apptest.Desk {
	h.t.Helper()
	d := apptest.OpenDesk(h.t, h.addr)
	h.codes = append(h.codes, d.Serve(h.t, n, h.id+"-"+strconv.Itoa(len(h.codes))+"-%d")...)
	return d
}

// pending is the hall's hall_province_link_pending_events, -1 when it
// cannot be read.
func (h *e2eHall) pending() int {
	resp, err := http.Get("http://" + h.addr + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "hall_province_link_pending_events "); ok {
			n, err := strconv.Atoi(v)
			if err == nil {
				return n
			}
		}
	}
	return -1
}

func (h *e2eHall) waitShipped(within time.Duration) {
	h.t.Helper()
	apptest.WaitFor(h.t, within, h.id+" to have every event acknowledged", func() bool { return h.pending() == 0 })
}

// report is the hall's own daily report of the test's day.
func (h *e2eHall) report() []byte {
	h.t.Helper()
	req, _ := http.NewRequest("GET", "http://"+h.addr+"/api/reports/daily?date="+e2eDay, nil)
	req.SetBasicAuth("giamsat", "giamsat2026")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		h.t.Fatalf("%s report: %d %s", h.id, resp.StatusCode, raw)
	}
	return raw
}

// stored counts the hall's events of the test's day in the province's
// database.
func (h *e2eHall) stored(dbURL string) int {
	return dbCount(h.t, dbURL, "SELECT count(*) FROM events WHERE hall_id = $1 AND day = $2", h.id, e2eDay)
}

// TestEndToEnd: three real hall servers (two in this process, one a
// separate OS process killed with SIGKILL) ship a day of real websocket
// traffic to two real province instances on one PostgreSQL database,
// through province outages, an answer lost before a kill, cut and refused
// links, a hall moving to the other instance and restarts in several
// orders; at the end the province holds every event of each hall once,
// and its figures are each hall's own daily report's to the ticket.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the server and runs three halls")
	}
	if _, err := pgtest.BinDir(); err != nil {
		t.Skip(err)
	}
	start := time.Now()
	dbURL := pgtest.DB(t)
	bin := filepath.Join(t.TempDir(), "server")
	xtest.RunBuild(t, "../..", []string{"GOFLAGS=-buildvcs=false"}, "go", "build", "-o", bin, "./server")
	t.Logf("server built after %v", time.Since(start).Round(time.Millisecond))

	a, b := startInstance(t, dbURL), startInstance(t, dbURL)
	hash, err := config.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.store.SetAccount(context.Background(), testUser, hash, false); err != nil {
		t.Fatal(err)
	}
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	h1 := newHall(t, dbURL, "so-cong-thuong", "Sở Công Thương", a)
	h2 := newHall(t, dbURL, "ubnd-tan-hiep", "UBND xã Tân Hiệp", b)
	h3 := newHall(t, dbURL, "so-tu-phap", "Sở Tư pháp", a)
	h1.clk, h2.clk, h3.bin = clk, clk, bin
	h1.startIn()
	h2.startIn()
	h3.startProc(9)
	halls := []*e2eHall{h1, h2, h3}
	mark := time.Now()
	phase := func(what string) {
		t.Logf("%-44s %v", what, time.Since(mark).Round(time.Millisecond))
		mark = time.Now()
	}
	phase("province and halls started")

	// The day starts: every hall ships as it goes.
	d1 := h1.serve(3)
	d1.Kiosk.Send(t, "feedback", map[string]any{"message": "Phòng chờ nóng quá", "name": "Lan"}, nil)
	h2.serve(3)
	h3.serve(3)
	for _, h := range halls {
		h.waitShipped(30 * time.Second)
	}

	phase("the day started, shipped")

	// Instance A stops: its halls keep serving, their events wait; B's
	// hall goes on shipping.
	a.stop()
	h1.serve(4)
	h3.serve(4)
	h2.serve(3)
	h2.waitShipped(30 * time.Second)
	if h1.pending() <= 0 || h3.pending() <= 0 {
		t.Fatalf("pending with the province down: %d and %d, want some", h1.pending(), h3.pending())
	}

	phase("A down, B up")

	// A comes back, but the hall process never hears its answers; once A
	// has stored part of what it sent, the process is killed.
	h3.proxy.Mute(true)
	before := h3.stored(dbURL)
	a.start()
	apptest.WaitFor(t, 60*time.Second, "instance A to store the hall process's events", func() bool { return h3.stored(dbURL) > before })
	h3.kill()
	h3.proxy.Mute(false)
	h1.waitShipped(30 * time.Second)

	phase("A back, process killed")

	// h1's link is cut and refused while it serves, then h1 restarts
	// linked to instance B.
	h1.proxy.Refuse(true)
	h1.proxy.Cut()
	h1.serve(3)
	h1.stop()
	h1.linkTo(b)
	clk.Add(time.Hour)
	h1.startIn()

	phase("h1 cut, moved to B")

	// The process restarts on its data an hour later and serves on.
	h3.startProc(10)
	d3 := h3.serve(3)
	d3.Kiosk.Send(t, "feedback", map[string]any{"message": "Cần thêm ghế chờ", "name": "Minh"}, nil)

	phase("process restarted")

	// Hall 2 stops, then B; hall 2 starts while B is down and serves
	// (so do h1, also on B); then B starts.
	h2.stop()
	b.stop()
	h2.startIn()
	h2.serve(2)
	h1.serve(2)
	b.start()

	for _, h := range halls {
		h.waitShipped(60 * time.Second)
	}
	phase("h2 and B restarted, all shipped")

	// The in-process halls close the day and turn to the next: each
	// ships its closing report, which the province compares with its own
	// counts.
	for _, h := range []*e2eHall{h1, h2} {
		if _, err := h.srv.Hall.CloseDay(); err != nil {
			t.Fatal(err)
		}
	}
	clk.Set(time.Date(2026, 11, 29, 8, 0, 0, 0, ict))
	for _, h := range []*e2eHall{h1, h2} {
		if err := h.srv.Hall.TurnDay(); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range []*e2eHall{h1, h2} {
		var v DayView
		apptest.WaitFor(t, 30*time.Second, h.id+"'s closing report at the province", func() bool {
			getJSON(t, b.url(), "/api/province/halls/"+h.id+"/days/"+e2eDay, &v)
			return v.Check != nil
		})
		if !v.Check.Matches {
			t.Errorf("%s: the province's counts differ from the closing report: %v", h.id, v.Check.Differ)
		}
	}
	for _, h := range halls {
		h.waitShipped(30 * time.Second)
	}
	phase("day closed, reports shipped")

	reports := map[string][]byte{}
	for _, h := range halls {
		reports[h.id] = h.report()
		h.stop()
	}

	// Every event once: the province holds seq 1..last of each hall.
	for _, h := range halls {
		st, err := store.OpenReadOnly(filepath.Join(h.dir, "hall.db"))
		if err != nil {
			t.Fatal(err)
		}
		frames, _, err := st.EventFrames(e2eDay, 0, 1<<62, 1<<30)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		last := len(frames)
		if last == 0 || frameSeq(frames[last-1]) != uint64(last) {
			t.Fatalf("%s: %d events in hall.db, not seq 1 to %d", h.id, last, last)
		}
		got := dbCount(t, dbURL, "SELECT count(DISTINCT seq) FROM events WHERE hall_id = $1 AND day = $2 AND seq BETWEEN 1 AND $3", h.id, e2eDay, last)
		if n := h.stored(dbURL); n != last || got != last {
			t.Errorf("%s: the province stores %d events (%d distinct in 1..%d), the hall %d", h.id, n, got, last, last)
		}
	}

	// The province's figures, through either instance's API, are each
	// hall's report's.
	var rk Ranking
	getJSON(t, b.url(), "/api/province/ranking?period=day&date="+e2eDay, &rk)
	sum := 0
	for _, h := range halls {
		rep := decodeReport(t, reports[h.id])
		sum += rep.Issued
		var v DayView
		getJSON(t, a.url(), "/api/province/halls/"+h.id+"/days/"+e2eDay, &v)
		i := slices.IndexFunc(rk.Halls, func(r Row) bool { return r.HallID == h.id })
		if i < 0 {
			t.Fatalf("%s is not in the ranking", h.id)
		}
		row := rk.Halls[i]
		checks := []struct {
			name      string
			got, want any
		}{
			{"issued", v.Figures.Issued, rep.Issued},
			{"issued (ranking)", row.Issued, rep.Issued},
			{"finished", v.Figures.Finished, rep.Finished},
			{"called", v.Figures.Called, rep.Called},
			{"ratings", v.Figures.Rated, rep.Ratings.Total()},
			{"satisfaction index", fmtP(v.Figures.SatisfactionIndex), fmtP(rep.SatisfactionIndex)},
			{"satisfaction index (ranking)", fmtP(row.SatisfactionIndex), fmtP(rep.SatisfactionIndex)},
			{"wait mean", fmtI(v.Figures.WaitMeanS), fmtI(rep.WaitS.Mean)},
			{"feedback received", row.Feedback.Received, rep.Feedback.Received},
			{"feedback handled", row.Feedback.Handled, rep.Feedback.Handled},
			{"tickets", len(v.Tickets), rep.Issued},
			{"issued = played", rep.Issued, len(h.codes)},
		}
		for level := 1; level <= 5; level++ {
			checks = append(checks, struct {
				name      string
				got, want any
			}{fmt.Sprintf("ratings at %d", level), v.Figures.Ratings.Count(level), rep.Ratings.Count(level)})
		}
		var provCodes, hallCodes []string
		for _, tk := range v.Tickets {
			for _, c := range tk.FileCodes {
				provCodes = append(provCodes, tk.ID+":"+c)
			}
		}
		for _, f := range rep.Files {
			for _, c := range f.FileCodes {
				hallCodes = append(hallCodes, f.TicketID+":"+c)
			}
		}
		slices.Sort(provCodes)
		slices.Sort(hallCodes)
		var played []string
		for _, c := range hallCodes {
			played = append(played, c[strings.Index(c, ":")+1:])
		}
		slices.Sort(played)
		want := slices.Sorted(slices.Values(h.codes))
		checks = append(checks, struct {
			name      string
			got, want any
		}{"file codes", strings.Join(provCodes, " "), strings.Join(hallCodes, " ")},
			struct {
				name      string
				got, want any
			}{"file codes played", strings.Join(played, " "), strings.Join(want, " ")})
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: %s: province %v, hall %v", h.id, c.name, c.got, c.want)
			}
		}
		if rep.Ratings.Count(1) == 0 || rep.Feedback.Received < 2 {
			t.Errorf("%s: the day has %d ratings at 1 and %d feedback items; want low ratings and feedback", h.id, rep.Ratings.Count(1), rep.Feedback.Received)
		}
	}
	if rk.Province.Issued != sum {
		t.Errorf("the province's total: %d issued, the halls' reports %d", rk.Province.Issued, sum)
	}
	t.Logf("end to end in %v", time.Since(start).Round(time.Millisecond))
}

// frameSeq reads an event frame's seq.
func frameSeq(f []byte) uint64 {
	var e struct {
		Seq uint64 `json:"seq"`
	}
	json.Unmarshal(f, &e)
	return e.Seq
}

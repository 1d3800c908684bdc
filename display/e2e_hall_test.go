package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// testHall is the real server (apptest) on a fixed loopback port and data
// dir, so that it can be stopped and started again in the same place.
type testHall struct {
	t    *testing.T
	dir  string
	addr string
	srv  *app.Server
}

// startHall starts the demo hall. Its time zone is moved so that the real
// clock reads about noon there: the server and the display then share one
// clock (the display does not announce or flash calls older than 30 s by its
// own clock), the hall is open (07:30–17:00), and no day turn falls inside
// the test.
func startHall(t *testing.T) *testHall {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &testHall{t: t, dir: t.TempDir(), addr: l.Addr().String()}
	l.Close()
	cfg := apptest.WriteDemo(t, h.dir)
	toml, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	zone := regexp.MustCompile(`(?m)^timezone = .*$`)
	if !zone.Match(toml) {
		t.Fatal("demo hall.toml has no timezone line")
	}
	toml = zone.ReplaceAll(toml, []byte(fmt.Sprintf("timezone = %q", noonZone(time.Now()))))
	if err := os.WriteFile(cfg, toml, 0o600); err != nil {
		t.Fatal(err)
	}
	h.start()
	return h
}

// noonZone returns the Etc/GMT zone in which now is between 12:00 and 13:00
// (Etc/GMT-7 is UTC+7).
func noonZone(now time.Time) string {
	switch off := 12 - now.UTC().Hour(); {
	case off > 0:
		return fmt.Sprintf("Etc/GMT-%d", off)
	case off < 0:
		return fmt.Sprintf("Etc/GMT+%d", -off)
	}
	return "Etc/GMT"
}

// start starts the server on the hall's address and data dir.
func (h *testHall) start() {
	h.t.Helper()
	h.srv = apptest.Start(h.t, app.Options{Addr: h.addr, Data: h.dir})
}

// stop shuts the server down (the test's cleanup closes it again, which
// does nothing more).
func (h *testHall) stop() {
	h.t.Helper()
	if err := h.srv.Close(); err != nil {
		h.t.Fatalf("stop server: %v", err)
	}
}

func (h *testHall) url() string { return "ws://" + h.addr + "/ws" }

// device connects a demo device as a second client, reconnecting quickly
// after a restart, until the test ends.
func device(t *testing.T, url, id, token string) *hallclient.Client {
	t.Helper()
	c := hallclient.New(hallclient.Config{URL: url, Device: id, Token: token,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		MinBackoff: 50 * time.Millisecond, MaxBackoff: 300 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return c
}

// counterDevice connects counter n.
func counterDevice(t *testing.T, h *testHall, n int) *hallclient.Client {
	t.Helper()
	return device(t, h.url(), fmt.Sprintf("counter-%d", n), fmt.Sprintf("demo-counter-%d-token-%02d", n, n))
}

// kioskDevice connects kiosk-1.
func kioskDevice(t *testing.T, h *testHall) *hallclient.Client {
	t.Helper()
	return device(t, h.url(), "kiosk-1", "demo-kiosk-1-token-0001")
}

// waitConnected waits until every client has said hello.
func waitConnected(t *testing.T, cs ...*hallclient.Client) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for _, c := range cs {
		for !c.Connected() {
			if time.Now().After(deadline) {
				t.Fatal("second client did not connect to the server")
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// send sends a command and decodes its reply into out (if not nil).
func send(t *testing.T, c *hallclient.Client, typ string, data, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	raw, err := c.Send(ctx, typ, data)
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s reply %s: %v", typ, raw, err)
		}
	}
}

// issue has the kiosk issue one ticket of each service given.
func issue(t *testing.T, kiosk *hallclient.Client, services ...string) {
	t.Helper()
	for _, sv := range services {
		send(t, kiosk, protocol.CmdIssueTicket, protocol.IssueTicket{Service: sv}, nil)
	}
}

// callNext has a counter call its next ticket and returns its number and
// id.
func callNext(t *testing.T, counter *hallclient.Client) (number, id string) {
	t.Helper()
	var r protocol.TicketReply
	send(t, counter, protocol.CmdCallNext, nil, &r)
	return r.Ticket.Number, r.Ticket.ID
}

// recorder is the display's -player-cmd in tests: a script that stores
// every announcement it is given as a WAV file in a directory.
type recorder struct {
	dir string
	cmd string
}

func newRecorder(t *testing.T) *recorder {
	t.Helper()
	tmp := t.TempDir()
	r := &recorder{dir: filepath.Join(tmp, "played")}
	if err := os.Mkdir(r.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(tmp, "record.sh")
	body := "#!/bin/sh\n# Stores the WAV file on stdin as DIR/<nanoseconds>.wav.\n" +
		"f=\"$1/$(date +%s%N)\"\ncat > \"$f.part\" && mv \"$f.part\" \"$f.wav\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	r.cmd = script + " " + r.dir
	return r
}

// played returns the announcements played so far, oldest first.
func (r *recorder) played(t *testing.T) [][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(r.dir, "*.wav"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// shotDir is where the screenshots go: $HALL_SHOTS if set (to look at
// them), else a temp dir.
func shotDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("HALL_SHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// shotName is a file name for a screenshot of test t.
func shotName(t *testing.T, dir, what string) string {
	name := strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
	return filepath.Join(dir, name+"-"+what+".png")
}

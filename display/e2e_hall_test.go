package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/protocol"
)

// testHall is the real server (apptest) on a fixed loopback port and data
// dir, so that it can be stopped and started again in the same place.
type testHall struct{ *apptest.InPlace }

// startHall starts the demo hall. Its time zone is moved so that the real
// clock reads about noon there: the server and the display then share one
// clock (the display does not announce or flash calls older than 30 s by its
// own clock), the hall is open (07:30–17:00), and no day turn falls inside
// the test.
func startHall(t *testing.T) *testHall {
	t.Helper()
	h := &testHall{apptest.NewInPlace(t)}
	cfg := filepath.Join(h.Dir, "hall.toml")
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
	h.Start()
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

// counterDevice connects counter n as a second client (apptest.Peer,
// which reconnects quickly after a restart) and waits for its hello.
func counterDevice(t *testing.T, h *testHall, n int) *apptest.Peer {
	t.Helper()
	return apptest.Connect(t, h.Addr, fmt.Sprintf("counter-%d", n), fmt.Sprintf("demo-counter-%d-token-%02d", n, n))
}

// kioskDevice connects kiosk-1 as counterDevice does counter n.
func kioskDevice(t *testing.T, h *testHall) *apptest.Peer {
	t.Helper()
	return apptest.Connect(t, h.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
}

// waitConnected waits until every client has said hello.
func waitConnected(t *testing.T, ps ...*apptest.Peer) {
	t.Helper()
	apptest.WaitFor(t, 20*time.Second, "the second clients to connect to the server", func() bool {
		for _, p := range ps {
			if !p.Client().Connected() {
				return false
			}
		}
		return true
	})
}

// issue has the kiosk issue one ticket of each service given.
func issue(t *testing.T, kiosk *apptest.Peer, services ...string) {
	t.Helper()
	for _, sv := range services {
		kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: sv}, nil)
	}
}

// callNext has a counter call its next ticket and returns its number and
// id.
func callNext(t *testing.T, counter *apptest.Peer) (number, id string) {
	t.Helper()
	var r protocol.TicketReply
	counter.Send(t, protocol.CmdCallNext, nil, &r)
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

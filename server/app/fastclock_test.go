package app

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFastClock: a server on -fast-clock 300 from 16:40 warns in
// Vietnamese and English, shows its clock and speed in /healthz, issues
// tickets on the fast day, and its close job fires at the fast 17:00 (4 s
// later in real time): the waiting ticket expires and the day's report is
// stored and written.
func TestFastClock(t *testing.T) {
	dir := t.TempDir()
	writeTestConfig(t, dir)
	var out bytes.Buffer
	s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, Demo: true, Stdout: &out,
		FastClock: 300, FastClockStart: "2026-11-28T16:40",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	for _, want := range []string{"CẢNH BÁO: ĐỒNG HỒ NHANH ×300 từ 2026-11-28 16:40:00 +07:00", "WARNING: FAST CLOCK ×300"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout: got %q, want it to contain %q", out.String(), want)
		}
	}
	var h struct {
		Day        string  `json:"day"`
		Now        string  `json:"now"`
		ClockSpeed float64 `json:"clock_speed"`
	}
	getJSON(t, "http://"+s.Addr+"/healthz", &h)
	now, err := time.Parse(time.RFC3339, h.Now)
	if err != nil || h.Day != today || h.ClockSpeed != 300 || now.Before(time.Date(2026, 11, 28, 16, 40, 0, 0, ict)) {
		t.Fatalf("healthz: got %+v (%v), want day %s, now from 16:40 and clock_speed 300", h, err, today)
	}
	d := connect(t, s, "display-1")
	k := connect(t, s, "kiosk-1")
	a := k.issue("A")
	d.events(1) // ticket_issued
	ev := d.events(1)[0]
	if ev.Type != "ticket_expired" || !strings.Contains(string(ev.Data), a.Ticket.ID) {
		t.Fatalf("at close: got %s %s, want ticket_expired of %s", ev.Type, ev.Data, a.Ticket.ID)
	}
	if at, _ := time.Parse(time.RFC3339, ev.At); at.Before(time.Date(2026, 11, 28, 17, 0, 0, 0, ict)) {
		t.Errorf("expired at %s, want from 17:00 on the fast clock", ev.At)
	}
	xlsx := filepath.Join(dir, "reports", today+".xlsx")
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, ok, err := s.Hall.StoredReport(today)
		_, serr := os.Stat(xlsx)
		if err == nil && ok && serr == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the fast close: stored report ok=%v err=%v, %s: %v", ok, err, xlsx, serr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestFastClockRefusesBadSpeedOrStart: a speed out of range or a start
// that does not read is an error at start, nothing half started.
func TestFastClockRefusesBadSpeedOrStart(t *testing.T) {
	for _, tc := range []struct {
		name  string
		speed float64
		start string
		want  string
	}{
		{"negative speed", -3, "", "must be above 0"},
		{"bad start", 20, "7h sáng", "must look like 2026-12-03T07:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTestConfig(t, dir)
			s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, FastClock: tc.speed, FastClockStart: tc.start,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err == nil {
				s.Close()
				t.Fatalf("got a server, want an error containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

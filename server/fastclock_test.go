package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestFastClockFromEnvRefused: HALL_FAST_CLOCK (or HALL_FAST_CLOCK_START)
// in the environment stops the server with status 2 and a Vietnamese line,
// then the English one, even when the command line gives the flag too: a
// fast clock never comes from an environment file. -fast-clock-start alone
// is refused as well.
func TestFastClockFromEnvRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, tc := range []struct {
		name string
		env  string
		args []string
		want string
	}{
		{"HALL_FAST_CLOCK", "HALL_FAST_CLOCK=20", nil,
			"Cờ -fast-clock chỉ nhận trên dòng lệnh, không nhận từ biến môi trường HALL_FAST_CLOCK: hãy bỏ biến này\n-fast-clock is taken from the command line only"},
		{"HALL_FAST_CLOCK with the flag", "HALL_FAST_CLOCK=20", []string{"-fast-clock", "20"},
			"-fast-clock is taken from the command line only"},
		{"HALL_FAST_CLOCK_START", "HALL_FAST_CLOCK_START=2026-12-03T07:00", []string{"-fast-clock", "20"},
			"Cờ -fast-clock-start chỉ nhận trên dòng lệnh"},
		{"start without speed", "", []string{"-fast-clock-start", "2026-12-03T07:00"},
			"-fast-clock-start cần -fast-clock (-fast-clock-start needs -fast-clock)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-addr", "127.0.0.1:0", "-data", t.TempDir(), "-demo"}, tc.args...)
			cmd := exec.CommandContext(ctx, os.Args[0], args...)
			cmd.Env = append(os.Environ(), "HALLQ_TEST_RUN_SERVER=1")
			if tc.env != "" {
				cmd.Env = append(cmd.Env, tc.env)
			}
			out, _ := cmd.CombinedOutput()
			if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(string(out), tc.want) {
				t.Fatalf("got exit %d and %q, want 2 and %q", code, out, tc.want)
			}
		})
	}
}

// TestFastClockOnCommandLine: -fast-clock 600 -fast-clock-start on the
// command line starts the server on the fast clock, with the loud warning
// in both languages, and /healthz shows the fast time and speed.
func TestFastClockOnCommandLine(t *testing.T) {
	lines := serverLines(t, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-demo",
		"-fast-clock", "600", "-fast-clock-start", "2026-12-03T07:00")
	var warnedVI, warnedEN bool
	url, _, _ := strings.Cut(pageLine(t, lines, func(l string) {
		warnedVI = warnedVI || strings.Contains(l, "CẢNH BÁO: ĐỒNG HỒ NHANH ×600 từ 2026-12-03 07:00:00 +07:00")
		warnedEN = warnedEN || strings.Contains(l, "WARNING: FAST CLOCK ×600")
	}), " ")
	if !warnedVI || !warnedEN {
		t.Errorf("warning before the address: got Vietnamese %v, English %v, want both", warnedVI, warnedEN)
	}
	resp, err := http.Get(url + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct {
		Day        string  `json:"day"`
		Now        string  `json:"now"`
		ClockSpeed float64 `json:"clock_speed"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, h.Now)
	start := time.Date(2026, 12, 3, 7, 0, 0, 0, time.FixedZone("ICT", 7*3600)) // the demo hall's zone
	if h.Day != "2026-12-03" || h.ClockSpeed != 600 || now.Before(start) || now.After(start.Add(6*time.Hour)) {
		t.Errorf("healthz: got %+v, want day 2026-12-03, clock_speed 600 and now a little after 07:00", h)
	}
}

package main

import (
	"bufio"
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
	cmd := exec.Command(os.Args[0], "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-demo",
		"-fast-clock", "600", "-fast-clock-start", "2026-12-03T07:00")
	cmd.Env = append(os.Environ(), "HALLQ_TEST_RUN_SERVER=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var warnedVI, warnedEN bool
	var url string
	timeout := time.After(60 * time.Second) // -demo hashes its PINs first
	for url == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the server ended before printing its address")
			}
			warnedVI = warnedVI || strings.Contains(l, "CẢNH BÁO: ĐỒNG HỒ NHANH ×600 từ 2026-12-03 07:00:00 +07:00")
			warnedEN = warnedEN || strings.Contains(l, "WARNING: FAST CLOCK ×600")
			if rest, ok := strings.CutPrefix(l, "Mở trang giám sát: "); ok {
				url, _, _ = strings.Cut(rest, " ")
			}
		case <-timeout:
			t.Fatal("no \"Mở trang giám sát: …\" line in 60 s")
		}
	}
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

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSimulateCommand: "server simulate" with a one-counter hall whose day
// ends at 09:00 starts this binary as the server on a fast clock, plays
// the day through it (the blip included) and prints a summary without
// errors; the data folder it was given keeps the server's log and the
// report the close job wrote.
func TestSimulateCommand(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(dir, "tiny.json")
	// A clerk's sign-in checks a bcrypt hash: a second or more under the
	// race detector, half an hour of this hall's time at 400×.
	os.WriteFile(profile, []byte(`{"counters": 1, "tickets": 3, "close": "09:00", "blip": "08:00", "break_minutes": 0,
		"arrivals": [{"at": "07:30", "rate": 1}, {"at": "07:45", "rate": 0}]}`), 0o600)
	data := filepath.Join(dir, "data")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "simulate", "-profile", profile, "-speed", "400",
		"-day", "2026-12-03", "-seed", "5", "-data", data, "-quiet")
	cmd.Env = append(os.Environ(), "HALLQ_TEST_RUN_SERVER=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("server simulate: %v\n%s", err, out)
	}
	for _, want := range []string{
		"Số phát (tickets issued): 3,",
		"issued 3=3",
		"Lỗi (errors): 0",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output: want %q in\n%s", want, out)
		}
	}
	for _, name := range []string{"server.log", "hall.toml", "simulate.json", "reports/2026-12-03.xlsx"} {
		if _, err := os.Stat(filepath.Join(data, name)); err != nil {
			t.Errorf("data folder: %v", err)
		}
	}
	log, _ := os.ReadFile(filepath.Join(data, "server.log"))
	if !strings.Contains(string(log), "WARNING: FAST CLOCK ×400") {
		t.Errorf("server.log: want the fast clock's warning in\n%s", log)
	}
}

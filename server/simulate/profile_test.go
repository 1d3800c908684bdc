package simulate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hallq/server/config"
)

// TestBuiltinProfiles: both built-in halls pass their own checks, with the
// sizes the README gives.
func TestBuiltinProfiles(t *testing.T) {
	cases := []struct {
		p                                   Profile
		counters, tickets, displays, kiosks int
	}{
		{Province(), 70, 3000, 20, 6},
		{Commune(), 3, 120, 1, 1},
	}
	for _, tc := range cases {
		if err := tc.p.Check(); err != nil {
			t.Errorf("%s: %v", tc.p.Name, err)
		}
		got := [4]int{tc.p.Counters, tc.p.Tickets, tc.p.Displays, tc.p.Kiosks}
		if want := [4]int{tc.counters, tc.tickets, tc.displays, tc.kiosks}; got != want {
			t.Errorf("%s: got counters, tickets, displays, kiosks %v, want %v", tc.p.Name, got, want)
		}
	}
}

// TestLoadProfile: a JSON file starts from its base and changes what it
// names; unknown keys and broken rules are refused.
func TestLoadProfile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	p, err := LoadProfile(write("big.json", `{"base": "province", "tickets": 5000, "blip": ""}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Tickets != 5000 || p.Counters != 70 || p.Blip != "" || !strings.HasSuffix(p.Name, "big") {
		t.Errorf("got %s with %d tickets, %d counters, blip %q; want province's 70 counters, 5000 tickets, no blip", p.Name, p.Tickets, p.Counters, p.Blip)
	}
	p, err = LoadProfile(write("small.json", `{"counters": 2}`))
	if err != nil || p.Counters != 2 || p.Tickets != 120 {
		t.Errorf("no base: got %d counters, %d tickets (%v), want the commune's with 2 counters", p.Counters, p.Tickets, err)
	}
	for name, text := range map[string]string{
		"unknown.json":  `{"tickts": 10}`,
		"badbase.json":  `{"base": "city"}`,
		"late.json":     `{"arrivals": [{"at": "16:00", "rate": 1}, {"at": "18:00", "rate": 0}]}`,
		"shares.json":   `{"no_show": 0.6, "transfer": 0.6}`,
		"notjson.json":  `tickets = 3`,
		"noticket.json": `{"tickets": 0}`,
	} {
		if _, err := LoadProfile(write(name, text)); err == nil {
			t.Errorf("%s: got no error", name)
		}
	}
	if _, err := LoadProfile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file: got no error")
	}
}

// TestAssignServices: every counter serves a service or more, every
// service has a counter (two from two counters on), and the province's
// busiest queues get the most counters.
func TestAssignServices(t *testing.T) {
	for _, p := range []Profile{Province(), Commune(), func() Profile { p := Commune(); p.Counters = 1; return p }()} {
		got := assignServices(p.Services, p.Counters)
		if len(got) != p.Counters {
			t.Fatalf("%s: got %d counters, want %d", p.Name, len(got), p.Counters)
		}
		serving := map[string]int{}
		for i, ss := range got {
			if len(ss) == 0 {
				t.Errorf("%s: counter %d serves nothing", p.Name, i+1)
			}
			for _, s := range ss {
				serving[s]++
			}
		}
		for _, s := range p.Services {
			if want := min(2, p.Counters); serving[s.ID] < want {
				t.Errorf("%s: service %s at %d counters, want at least %d", p.Name, s.ID, serving[s.ID], want)
			}
		}
		if p.Name == "province" && (serving["C"] <= serving["K"] || serving["B"] <= serving["I"]) {
			t.Errorf("province: counters by service %v: want more for C (land) than K, and for B than I", serving)
		}
	}
}

// TestNewHall: the generated hall.toml is one the server loads, with a
// device and a clerk for each counter, the kiosks and displays, and no
// published demo secret; simulate.json reads back to the same hall.
func TestNewHall(t *testing.T) {
	h, err := newHall(Commune(), cheapHash)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path, err := h.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatalf("the server's loader: %v", err)
	}
	if len(c.Counters) != 3 || len(c.Clerks) != 3 || len(c.Devices) != 3+1+1 || len(c.Services) != 4 {
		t.Errorf("got %d counters, %d clerks, %d devices, %d services; want 3, 3, 5, 4", len(c.Counters), len(c.Clerks), len(c.Devices), len(c.Services))
	}
	if !config.CheckHash(c.Clerks[0].PINHash, h.PIN) || !config.CheckHash(c.Supervisors[0].PasswordHash, h.Password) {
		t.Error("the clerks' PIN or the supervisor's password does not match its hash")
	}
	if found := config.DemoSecretsInUse(c); len(found) > 0 {
		t.Errorf("demo secrets in the generated hall: %v", found)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("hall.toml mode: got %v (%v), want 0600: it holds tokens", fi.Mode().Perm(), err)
	}
	back, err := ReadHall(dir)
	if err != nil {
		t.Fatal(err)
	}
	if back.PIN != h.PIN || back.Counters[2].Token != h.Counters[2].Token || back.Displays[0] != h.Displays[0] || back.Profile.Tickets != 120 {
		t.Errorf("simulate.json: got %+v, want the hall written", back)
	}
}

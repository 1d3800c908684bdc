package app

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/server/config"
	"hallq/server/hall"
	"hallq/server/store"
	"hallq/shared/xtest"
)

// TestConfigUpdateLive: an admin's change is stored, audited without
// secrets, sent to connected clients as hall_updated, refused (changing
// nothing) when it breaks a rule or strands waiting tickets, and kept over
// a restart even though hall.toml still says otherwise.
func TestConfigUpdateLive(t *testing.T) {
	dir := t.TempDir()
	s := startServer(t, dir, nil)
	display := connect(t, s, "display-1")
	kiosk := connect(t, s, "kiosk-1")

	// Add a service and rename the hall.
	err := s.Hall.UpdateConfig("giamsat", "service.add", "service G", func(c *config.Config) error {
		c.Services = append(c.Services, config.Service{ID: "G", Name: "Thương mại điện tử", Description: "Website TMĐT"})
		c.Counters[0].Services = append(c.Counters[0].Services, "G")
		c.Hall.Ticker = "Dịch vụ mới: thương mại điện tử"
		return nil
	})
	if err != nil {
		t.Fatalf("UpdateConfig: %v", err)
	}
	ev := display.readFor("hall_updated")
	if ev.Type != "hall_updated" {
		t.Fatalf("got %s, want hall_updated", ev.Type)
	}
	var upd struct {
		Hall     struct{ Ticker string }
		Services []struct{ ID, Name string }
		Counters []struct {
			ID       int
			Services []string
		}
	}
	decodeInto(t, ev.Data, &upd)
	if upd.Hall.Ticker != "Dịch vụ mới: thương mại điện tử" || len(upd.Services) != 7 || upd.Services[6].ID != "G" ||
		!strings.Contains(strings.Join(upd.Counters[0].Services, ","), "G") {
		t.Fatalf("hall_updated data = %s", ev.Data)
	}
	kiosk.readFor("hall_updated")
	if got := kiosk.issue("G"); got.Ticket.Number != "G001" {
		t.Fatalf("first G ticket = %s, want G001", got.Ticket.Number)
	}

	// Retiring G strands its waiting ticket: refused, nothing changed.
	err = s.Hall.UpdateConfig("giamsat", "service.retire", "service G", func(c *config.Config) error {
		c.Services[6].Retired = true
		return nil
	})
	ce, ok := hall.IsConfigError(err)
	if !ok || !strings.Contains(ce.Stranded, "G") {
		t.Fatalf("retire G with a ticket waiting: %v, want refused", err)
	}
	// A rule broken: refused with the field named, nothing changed.
	err = s.Hall.UpdateConfig("giamsat", "counter.edit", "counter 2", func(c *config.Config) error {
		c.Counters[1].Name = ""
		return nil
	})
	if ce, ok := hall.IsConfigError(err); !ok || ce.Problems[0].Table != "counter" || ce.Problems[0].Key != "name" {
		t.Fatalf("empty counter name: %v, want a problem at counter name", err)
	}
	if s.Hall.Config().Counters[1].Name != "Quầy 2" || s.Hall.Config().Services[6].Retired {
		t.Fatal("a refused change changed the config")
	}
	display.readFor("ticket_issued")
	display.quiet() // no hall_updated for the refused changes

	// A PIN reset is audited without the hash.
	hash, _ := config.Hash("9999")
	if err := s.Hall.UpdateConfig("giamsat", "clerk.reset_pin", "clerk hang.nd", func(c *config.Config) error {
		c.Clerks[0].PINHash, c.Clerks[0].MustChangePIN = hash, true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	entries, err := s.Hall.Audit(0, 10, nil)
	if err != nil || len(entries) != 3 {
		t.Fatalf("audit: %d entries, %v; want the seed and two changes", len(entries), err)
	}
	raw, _ := json.Marshal(entries)
	if bytes.Contains(raw, []byte(hash)) || bytes.Contains(raw, []byte("$2a$")) {
		t.Errorf("audit shows a hash: %s", raw)
	}
	if entries[0].Action != "clerk.reset_pin" || entries[1].Action != "service.add" || entries[2].Action != "config.seed" {
		t.Errorf("audit actions = %s, %s, %s", entries[0].Action, entries[1].Action, entries[2].Action)
	}
	if !hasChange(entries[1].Changes, "service G", "", "thêm mới (added)") || !hasChange(entries[1].Changes, "counter 1: services", "A, B", "A, B, G") {
		t.Errorf("service.add changes = %+v", entries[1].Changes)
	}

	// A restart keeps the stored config; hall.toml (unchanged on disk)
	// does not bring the old hall back.
	s.Close()
	var logs syncBuffer
	s2 := startServerLog(t, dir, xtest.NewClock(time.Date(2026, 11, 28, 9, 5, 0, 0, ict)), slog.New(slog.NewTextHandler(&logs, nil)))
	if len(s2.Hall.Config().Services) != 7 || !s2.Hall.Config().Clerks[0].MustChangePIN {
		t.Fatal("the stored config was not kept over a restart")
	}
}

// hasChange reports whether changes hold field with old and new values.
func hasChange(changes []store.Change, field, old, new string) bool {
	for _, c := range changes {
		if c.Field == field && c.Old == old && c.New == new {
			return true
		}
	}
	return false
}

// TestEditedHallTomlIgnored: once the configuration is stored, a hall.toml
// edited by hand is not applied; the server says so in its log.
func TestEditedHallTomlIgnored(t *testing.T) {
	dir := t.TempDir()
	startServer(t, dir, nil).Close()
	path := filepath.Join(dir, "hall.toml")
	raw, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(raw, []byte(`name = "Quầy 1"`), []byte(`name = "Quầy Một"`), 1), 0o600)
	var logs syncBuffer
	s := startServerLog(t, dir, xtest.NewClock(time.Date(2026, 11, 28, 9, 5, 0, 0, ict)), slog.New(slog.NewTextHandler(&logs, nil)))
	if got := s.Hall.Config().Counters[0].Name; got != "Quầy 1" {
		t.Errorf("counter 1 = %q, want the stored Quầy 1", got)
	}
	if !strings.Contains(logs.String(), "hall.toml has changed") {
		t.Errorf("no warning about the edited hall.toml: %s", logs.String())
	}
}

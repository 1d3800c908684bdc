package config

import (
	"strings"
	"testing"
)

func TestRetentionTable(t *testing.T) {
	tests := []struct {
		name    string
		table   string
		days    int    // EventDays of a config that loads
		wantErr string // empty: loads
	}{
		{"absent", "", DefaultEventDays, ""},
		{"empty table", "[retention]\n", DefaultEventDays, ""},
		{"a year", "[retention]\nevent_days = 365\n", 365, ""},
		{"the least", "[retention]\nevent_days = 7\n", 7, ""},
		{"too few", "[retention]\nevent_days = 3\n", 0, "event_days must be at least 7"},
		{"negative", "[retention]\nevent_days = -1\n", 0, "event_days must be at least 7"},
		{"unknown key", "[retention]\ndays = 30\n", 0, `unknown key "days"`},
		{"wrong type", "[retention]\nevent_days = \"90\"\n", 0, "event_days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(writeConfig(t, baseConfig(t)+"\n"+tt.table))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				if got := c.EventDays(); got != tt.days {
					t.Errorf("EventDays: got %d, want %d", got, tt.days)
				}
				if c.Clone().Retention != (Retention{}) {
					t.Error("[retention] is in the stored configuration")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Load error = %v, want one containing %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), "hall.toml:") {
				t.Errorf("error %q names no file and line", err)
			}
		})
	}
}

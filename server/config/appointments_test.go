package config

import (
	"strings"
	"testing"
	"time"
)

func TestAppointmentKeys(t *testing.T) {
	tests := []struct {
		name string
		keys string // added to service B (daily_limit = 40)
		rule string // a part of the message; "" for a valid file
	}{
		{"defaults", "appointments = true", ""},
		{"all keys", `appointments = true
appointment_days = ["mon", "wed", "sat"]
appointment_hours = ["08:00-11:00", "13:30-16:30"]
appointment_slot = "20m"
appointment_capacity = 3
appointment_days_ahead = 30
appointment_check_in_before = "0s"
appointment_check_in_after = "1h"`, ""},
		{"unknown weekday", `appointment_days = ["t2"]`, "unknown weekday"},
		{"hours not a span", `appointment_hours = ["08:00"]`, "appointment_hours must be HH:MM-HH:MM"},
		{"hours backwards", `appointment_hours = ["11:00-08:00"]`, "appointment_hours must be HH:MM-HH:MM"},
		{"hours outside the hall's", `appointment_hours = ["06:00-08:00"]`, "within the hall's hours"},
		{"hours overlap", `appointment_hours = ["08:00-10:00", "09:00-11:00"]`, "overlap"},
		{"slot not a duration", `appointment_slot = "30"`, "appointment_slot must be a positive duration"},
		{"slot too short", `appointment_slot = "1m"`, "appointment_slot must be 5m to 4h"},
		{"slot seconds", `appointment_slot = "10m30s"`, "whole minutes"},
		{"capacity negative", `appointment_capacity = -1`, "appointment_capacity must be 1 to 1000"},
		{"days ahead too far", `appointment_days_ahead = 400`, "appointment_days_ahead must be 1 to 90"},
		{"window negative", `appointment_check_in_before = "-5m"`, "appointment_check_in_before must be a duration"},
		{"window too long", `appointment_check_in_after = "3h"`, "appointment_check_in_after must be a duration"},
		{"no slot fits", "appointments = true\nappointment_hours = [\"08:00-08:20\"]", "no slot fits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := edit(t, baseConfig(t), "daily_limit = 40", "daily_limit = 40\n"+tt.keys)
			c, err := Load(writeConfig(t, text))
			if tt.rule == "" {
				if err != nil {
					t.Fatalf("got %v, want a valid file", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.rule) {
				t.Fatalf("got %v, want %q", err, tt.rule)
			}
			if !strings.Contains(err.Error(), ".toml:") || c != nil {
				t.Fatalf("got %v, want a file and line", err)
			}
		})
	}
}

func TestAppointmentSettings(t *testing.T) {
	text := edit(t, baseConfig(t), "daily_limit = 40", `daily_limit = 40
appointments = true
appointment_days = ["mon", "sat"]
appointment_slot = "45m"`)
	c, err := Load(writeConfig(t, text))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Settings()
	if len(s.Appointments) != 1 {
		t.Fatalf("appointments: got %v, want service B only", s.Appointments)
	}
	r := s.Appointments["B"]
	if !r.Days[time.Monday] || !r.Days[time.Saturday] || r.Days[time.Tuesday] {
		t.Errorf("days: got %v", r.Days)
	}
	if r.Slot != 45*time.Minute || r.Capacity != 1 || r.Ahead != 14 || r.Before != 15*time.Minute || r.After != 10*time.Minute {
		t.Errorf("defaults: got %+v", r)
	}
	if len(r.Hours) != 1 || r.Hours[0].From != s.Open || r.Hours[0].To != s.Close {
		t.Errorf("hours: got %v, want the hall's %v-%v", r.Hours, s.Open, s.Close)
	}
	c.Services[1].Retired = true
	if s := c.Settings(); len(s.Appointments) != 0 {
		t.Errorf("a retired service takes appointments: %v", s.Appointments)
	}
}

package main

import (
	"strings"
	"testing"
)

// TestFlagErrorsVietnameseFirst: a wrong flag or value gives an error whose
// first line is Vietnamese and second English, and the usage with
// Vietnamese descriptions.
func TestFlagErrorsVietnameseFirst(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		wantVi string
		wantEn string
	}{
		{"unknown flag", []string{"-fullscren"}, "Không có cờ -fullscren", "flag provided but not defined: -fullscren"},
		{"missing value", []string{"-server"}, "Cờ -server cần một giá trị", "flag needs an argument: -server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			_, err := parseFlags(tt.args, func(string) (string, bool) { return "", false }, &out)
			if err == nil {
				t.Fatalf("err: got nil, want an error")
			}
			lines := strings.Split(strings.TrimPrefix(err.Error(), "counter: "), "\n")
			if len(lines) < 2 || lines[0] != tt.wantVi || lines[1] != tt.wantEn {
				t.Errorf("error lines: got %q, want %q then %q", lines, tt.wantVi, tt.wantEn)
			}
			for _, want := range []string{"Cách dùng (usage): counter", "mã thiết bị (id) trong hall.toml"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("usage: got %q, want it to contain %q", out.String(), want)
				}
			}
		})
	}
}

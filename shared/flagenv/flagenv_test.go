package flagenv

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantToken string
		wantMute  bool
		wantErr   bool
	}{
		{"flag only", []string{"-token", "abc"}, nil, "abc", false, false},
		{"env only", nil, map[string]string{"HALL_TOKEN": "fromenv", "HALL_MUTE": "true"}, "fromenv", true, false},
		{"flag wins", []string{"-token", "flag"}, map[string]string{"HALL_TOKEN": "env"}, "flag", false, false},
		{"bad env bool", nil, map[string]string{"HALL_MUTE": "maybe"}, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			token := fs.String("token", "", "")
			mute := fs.Bool("mute", false, "")
			err := Parse(fs, tt.args, func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if *token != tt.wantToken || *mute != tt.wantMute {
				t.Errorf("got token %q mute %v, want %q %v", *token, *mute, tt.wantToken, tt.wantMute)
			}
		})
	}
}

// TestErrorsVietnameseFirst: a flag error reads Vietnamese on its first
// line and English on the second, and the usage (Vietnamese heading and
// descriptions) is written to the flag set's output.
func TestErrorsVietnameseFirst(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantVi    string
		wantEn    string
		wantUsage bool
	}{
		{"unknown flag", []string{"-fullscren"}, nil, "Không có cờ -fullscren", "flag provided but not defined: -fullscren", true},
		{"bad bool", []string{"-mute=maybe"}, nil, "Giá trị không hợp lệ cho cờ -mute", `invalid boolean value "maybe" for -mute`, true},
		{"missing value", []string{"-token"}, nil, "Cờ -token cần một giá trị", "flag needs an argument: -token", true},
		{"bad variable", nil, map[string]string{"HALL_MUTE": "hmm"}, `Biến môi trường HALL_MUTE có giá trị "hmm" không hợp lệ`, `HALL_MUTE="hmm"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			fs := flag.NewFlagSet("display", flag.ContinueOnError)
			fs.SetOutput(&out)
			fs.String("token", "", "mã bí mật của thiết bị (the device's token)")
			fs.Bool("mute", false, "không đọc số (no spoken announcements)")
			err := Parse(fs, tt.args, func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if err == nil {
				t.Fatalf("err: got nil, want an error")
			}
			vi, en, _ := strings.Cut(err.Error(), "\n")
			if vi != tt.wantVi || !strings.HasPrefix(en, tt.wantEn) {
				t.Errorf("error lines: got %q / %q, want %q / %q…", vi, en, tt.wantVi, tt.wantEn)
			}
			for _, want := range []string{"Cách dùng (usage): display", "không đọc số (no spoken announcements)"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("usage: got %q, want it to contain %q", out.String(), want)
				}
			}
		})
	}
	t.Run("help", func(t *testing.T) {
		var out strings.Builder
		fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
		fs.SetOutput(&out)
		err := Parse(fs, []string{"-h"}, func(string) (string, bool) { return "", false })
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "Cách dùng (usage): kiosk") {
			t.Errorf("-h: got %v and %q, want flag.ErrHelp and the usage", err, out.String())
		}
	})
}

// TestCommandLineOnly: a HALL_ variable for a command-line-only flag is an
// error naming it, in Vietnamese first; other variables are not.
func TestCommandLineOnly(t *testing.T) {
	env := map[string]string{"HALL_TOKEN": "x", "HALL_FAST_CLOCK": "20"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	if err := CommandLineOnly(lookup, "demo", "fast-clock-start"); err != nil {
		t.Errorf("unset variables: got %v, want nil", err)
	}
	err := CommandLineOnly(lookup, "fast-clock-start", "fast-clock")
	if err == nil {
		t.Fatal("HALL_FAST_CLOCK set: got nil, want an error")
	}
	if !strings.HasPrefix(err.Error(), "Cờ -fast-clock chỉ nhận trên dòng lệnh") || !strings.Contains(err.Error(), "\n-fast-clock is taken from the command line only, not from the environment variable HALL_FAST_CLOCK") {
		t.Errorf("got %q, want the Vietnamese line, then the English one, naming HALL_FAST_CLOCK", err)
	}
}

package flagenv

import (
	"flag"
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

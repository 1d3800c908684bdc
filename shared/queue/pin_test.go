package queue

import "testing"

func TestValidPIN(t *testing.T) {
	tests := []struct {
		name, pin string
		want      bool
	}{
		{"four digits", "1234", true},
		{"eight digits", "12345678", true},
		{"too short", "123", false},
		{"too long", "123456789", false},
		{"letter", "12a4", false},
		{"non-ASCII digit", "123٤", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidPIN(tt.pin); got != tt.want {
				t.Errorf("ValidPIN(%q): got %v, want %v", tt.pin, got, tt.want)
			}
			err := CheckPIN(tt.pin)
			if (err == nil) != tt.want {
				t.Errorf("CheckPIN(%q): got %v, want nil: %v", tt.pin, err, tt.want)
			}
			if err != nil && (ErrorCode(err) != EBADREQUEST || ErrorMessage(err) != PINRule) {
				t.Errorf("CheckPIN(%q): got %q (%s), want %q (%s)", tt.pin, err, ErrorCode(err), PINRule, EBADREQUEST)
			}
		})
	}
}

package model

import "testing"

func TestParseBookingCode(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"ABC234", "ABC234", true},
		{" abc-234 ", "ABC234", true},
		{"http://192.168.1.10:8080/hen?ma=XYZ789", "XYZ789", true},
		{"https://hall.local/hen?x=1&ma=xyz789", "XYZ789", true},
		{"ABC23", "", false},
		{"ABC2340", "", false},
		{"ABC1O0", "", false}, // no 1, O or 0 in codes
		{"2026-11-28/A001 7KQ2M9XH", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseBookingCode(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseBookingCode(%q): got %q %v, want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if !isBookingQR("http://h/hen?ma=ABC234") || isBookingQR("ABC234") {
		t.Error("isBookingQR: only an address with ma= is a scanned booking")
	}
}

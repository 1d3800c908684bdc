package exitpin

import (
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestChecker(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte("2468"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	check, err := Checker(string(hash))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pin  string
		want bool
	}{
		{"2468", true},
		{"1111", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := check(tc.pin); got != tc.want {
			t.Errorf("check(%q) got %v, want %v", tc.pin, got, tc.want)
		}
	}
	if c, err := Checker(""); c != nil || err != nil {
		t.Errorf("empty hash got %v %v, want nil nil", c != nil, err)
	}
	if _, err := Checker("not-a-hash"); err == nil {
		t.Error("bad hash got nil error")
	}
}

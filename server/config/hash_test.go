package config

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestHashAndCheck(t *testing.T) {
	full, err := Hash("1234")
	if err != nil {
		t.Fatalf("Hash: %v", err)
	}
	if cost, err := bcrypt.Cost([]byte(full)); err != nil || cost != HashCost {
		t.Errorf("bcrypt.Cost(Hash) = %d, %v; want %d, nil", cost, err, HashCost)
	}
	h, err := hashWithCost("1234", bcrypt.MinCost)
	if err != nil {
		t.Fatalf("hashWithCost: %v", err)
	}
	tests := []struct {
		name         string
		hash, secret string
		want         bool
	}{
		{"right PIN, full cost", full, "1234", true},
		{"right PIN", h, "1234", true},
		{"wrong PIN", h, "1235", false},
		{"empty PIN", h, "", false},
		{"PIN with newline", h, "1234\n", false},
		{"malformed hash", "1234", "1234", false},
		{"empty hash", "", "", false},
	}
	for _, tt := range tests {
		if got := CheckHash(tt.hash, tt.secret); got != tt.want {
			t.Errorf("%s: CheckHash = %v, want %v", tt.name, got, tt.want)
		}
	}
	if _, err := Hash(""); err == nil {
		t.Errorf("Hash(\"\"): got nil error")
	}
}

// TestDecoyHash: the decoy has the highest cost among the clerks' hashes
// (a refusal for an unknown username takes as long as for a wrong PIN),
// HashCost without any, and matches no PIN.
func TestDecoyHash(t *testing.T) {
	low, _ := hashWithCost("1111", bcrypt.MinCost)
	high, _ := hashWithCost("2222", bcrypt.MinCost+1)
	tests := []struct {
		name   string
		hashes []string
		cost   int
	}{
		{"the clerks' cost", []string{low, low}, bcrypt.MinCost},
		{"the highest cost", []string{low, high, "not a hash"}, bcrypt.MinCost + 1},
		{"no valid hash", []string{"", "1111"}, HashCost},
	}
	for _, tt := range tests {
		d, err := DecoyHash(tt.hashes...)
		if err != nil {
			t.Fatalf("%s: DecoyHash: %v", tt.name, err)
		}
		if cost, err := bcrypt.Cost([]byte(d)); err != nil || cost != tt.cost {
			t.Errorf("%s: cost %d, %v; want %d", tt.name, cost, err, tt.cost)
		}
		for _, pin := range []string{"1111", "2222", "0000", ""} {
			if CheckHash(d, pin) {
				t.Errorf("%s: the decoy matches PIN %q", tt.name, pin)
			}
		}
	}
	a, _ := DecoyHash(low)
	b, _ := DecoyHash(low)
	if a == b {
		t.Errorf("two decoys are the same hash %s, want random secrets", a)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestHashFromReader(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		secret  string // the secret the hash must match; "" for an error
		notThis string // a secret the hash must not match
	}{
		{"PIN with newline", "1234\n", "1234", "1234\n"},
		{"PIN with CRLF", "1234\r\n", "1234", "1234\r"},
		{"PIN without newline", "1234", "1234", ""},
		{"only the first line", "pass word\nsecond\n", "pass word", "second"},
		{"inner spaces kept", " pass \n", " pass ", "pass"},
		{"empty input", "", "", ""},
		{"empty line", "\n", "", ""},
		{"CRLF only", "\r\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := hashFromReader(strings.NewReader(tt.input), bcrypt.MinCost)
			if tt.secret == "" {
				if err == nil {
					t.Fatalf("HashFromReader(%q) = %q, want an error", tt.input, h)
				}
				return
			}
			if err != nil {
				t.Fatalf("HashFromReader(%q): %v", tt.input, err)
			}
			if !CheckHash(h, tt.secret) {
				t.Errorf("hash does not match %q", tt.secret)
			}
			if tt.notThis != "" && CheckHash(h, tt.notThis) {
				t.Errorf("hash matches %q too", tt.notThis)
			}
		})
	}
	if h, err := HashFromReader(strings.NewReader("4321\n")); err != nil || !CheckHash(h, "4321") {
		t.Errorf("HashFromReader(\"4321\\n\") = %q, %v; want a hash of 4321", h, err)
	}
	if _, err := HashFromReader(failingReader{}); err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("HashFromReader(failing reader) = %v, want the read error", err)
	}
}

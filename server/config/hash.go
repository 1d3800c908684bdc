package config

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// HashCost is the bcrypt cost of the hashes Hash makes.
const HashCost = 10

// Hash returns the bcrypt hash (cost HashCost) of a PIN or password. It fails
// for an empty secret and for one longer than 72 bytes (bcrypt's limit).
func Hash(secret string) (string, error) {
	return hashWithCost(secret, HashCost)
}

// hashWithCost is Hash at a given cost; tests use bcrypt.MinCost to stay fast
// under the race detector.
func hashWithCost(secret string, cost int) (string, error) {
	if secret == "" {
		return "", errors.New("config: hash: mã PIN hoặc mật khẩu trống (empty secret)")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(secret), cost)
	if err != nil {
		return "", fmt.Errorf("config: hash: %w", err)
	}
	return string(h), nil
}

// DecoyHash returns the bcrypt hash of a random secret at the highest cost
// among hashes (HashCost when none of them is a bcrypt hash). Checking a
// PIN given with an unknown username against it takes as long as checking
// a real clerk's, so that the time of a refusal tells nothing about which
// usernames exist. Making it takes that long too.
func DecoyHash(hashes ...string) (string, error) {
	cost := 0
	for _, h := range hashes {
		if c, err := bcrypt.Cost([]byte(h)); err == nil && c > cost {
			cost = c
		}
	}
	if cost == 0 {
		cost = HashCost
	}
	secret := make([]byte, 32)
	rand.Read(secret)
	return hashWithCost(hex.EncodeToString(secret), cost)
}

// CheckHash reports whether secret matches the bcrypt hash. The comparison
// takes constant time; a malformed hash gives false.
func CheckHash(hash, secret string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(secret)) == nil
}

// HashFromReader reads one line (a PIN or password) from r, trims its line
// ending and returns its hash. An empty line is an error. It is meant for
// `server hash-pin`, reading standard input.
func HashFromReader(r io.Reader) (string, error) {
	return hashFromReader(r, HashCost)
}

// hashFromReader is HashFromReader at a given cost.
func hashFromReader(r io.Reader, cost int) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("config: hash: đọc dữ liệu vào (read input): %w", err)
	}
	secret := strings.TrimRight(line, "\r\n")
	if secret == "" {
		return "", errors.New("config: hash: không có mã PIN hoặc mật khẩu nào được nhập (empty input)")
	}
	return hashWithCost(secret, cost)
}

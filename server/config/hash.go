package config

import (
	"bufio"
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

// Package exitpin checks the PIN with which staff leave a locked-down
// kiosk against a bcrypt hash (the -exit-pin-hash flag).
package exitpin

import (
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// Checker returns a function that reports whether a PIN matches hash. An
// empty hash returns nil: nobody can leave from the screen. A hash that is
// not bcrypt is an error, so a typo does not lock staff out unnoticed.
func Checker(hash string) (func(pin string) bool, error) {
	if hash == "" {
		return nil, nil
	}
	if _, err := bcrypt.Cost([]byte(hash)); err != nil {
		return nil, fmt.Errorf("exit pin hash: %w", err)
	}
	h := []byte(hash)
	return func(pin string) bool {
		return bcrypt.CompareHashAndPassword(h, []byte(pin)) == nil
	}, nil
}

package main

import (
	"io"
	"testing"

	"hallq/shared/xtest"
)

// TestFlagErrorsVietnameseFirst: a wrong flag or value gives an error whose
// first line is Vietnamese and second English, and the usage with
// Vietnamese descriptions.
func TestFlagErrorsVietnameseFirst(t *testing.T) {
	xtest.FlagErrorsVietnameseFirst(t, "counter", func(args []string, out io.Writer) error {
		_, err := parseFlags(args, func(string) (string, bool) { return "", false }, out)
		return err
	}, "mã thiết bị (id) trong hall.toml")
}

package main

import (
	"testing"

	"hallq/shared/xtest"
)

// TestNoLocaleErrors: with LANG unset, C or POSIX, Fyne logs no locale error
// (main's imports initialize as in the app).
func TestNoLocaleErrors(t *testing.T) { xtest.NoLocaleErrors(t) }

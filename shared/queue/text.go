package queue

import (
	"strings"
	"unicode"
)

// CleanText returns s as the server keeps a citizen's or a supervisor's
// text: without control characters other than newline and tab (a NUL, a
// carriage return, an escape) and without the bidirectional overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) that make text read otherwise
// than it is ("txt.exe" shown as "exe.txt"), trimmed. Letters, marks and
// the other format characters stay.
func CleanText(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.IsControl(r), isBidiControl(r):
			return -1
		}
		return r
	}, s))
}

// CleanLine is CleanText for a one-line value (a name): newlines and tabs
// become spaces.
func CleanLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, CleanText(s)))
}

// isBidiControl reports the embedding, override and isolate characters.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

package telex

import "unicode/utf8"

// Editor is the text of one field typed key by key through Telex: the word
// being typed stays raw so that a later tone key can still change it. An
// Editor is not safe for concurrent use.
type Editor struct {
	done string
	raw  []rune
}

// NewEditor returns an editor that starts with text (already Vietnamese).
func NewEditor(text string) *Editor { return &Editor{done: text} }

// Key types one character: a letter goes into the current word, anything
// else ends the word and is written as is.
func (e *Editor) Key(r rune) {
	if isKey(r) {
		e.raw = append(e.raw, r)
		return
	}
	e.done = e.Text() + string(r)
	e.raw = e.raw[:0]
}

// Backspace removes the last keystroke of the current word, or the last
// character before it.
func (e *Editor) Backspace() {
	if n := len(e.raw); n > 0 {
		e.raw = e.raw[:n-1]
		return
	}
	_, size := utf8.DecodeLastRuneInString(e.done)
	e.done = e.done[:len(e.done)-size]
}

// Text returns the text as it should be shown.
func (e *Editor) Text() string { return e.done + Convert(string(e.raw)) }

// Set replaces the text, ending any word being typed.
func (e *Editor) Set(text string) {
	e.done = text
	e.raw = e.raw[:0]
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyButton is a button that passes every key but Space on to the window's
// key handler. Fyne sends keys to the focused widget instead of the canvas,
// and a button gets the focus by Tab; the function keys must work anyway.
type keyButton struct {
	widget.Button
	onKey func(*fyne.KeyEvent)
}

func newKeyButton(label string, tap func(), onKey func(*fyne.KeyEvent)) *keyButton {
	b := &keyButton{onKey: onKey}
	b.Text = label
	b.OnTapped = tap
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey taps on Space, as a button does, and forwards other keys.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace || b.onKey == nil {
		b.Button.TypedKey(ev)
		return
	}
	b.onKey(ev)
}

// setEnabled enables or disables b, refreshing only on change.
func setEnabled(b fyne.Disableable, on bool) {
	if on && b.Disabled() {
		b.Enable()
	} else if !on && !b.Disabled() {
		b.Disable()
	}
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
	"hallq/shared/look"
)

// pinCard is the card the sign-in and the change-PIN screens share: a
// title, a muted line under it, two entries (Enter in the first moves on to
// the second while that is empty, Enter in the second submits), the main
// button and a message line.
type pinCard struct {
	root   *fyne.Container
	first  *widget.Entry
	second *widget.Entry
	send   func()
	title  *canvas.Text
	sub    *canvas.Text
	button *widget.Button
	msg    *widget.Label
	focus  func(fyne.Focusable)
}

// newPINCard builds the card around first and second: fields (their labels
// and entries) stand under the title, extra under the main button; send
// runs on the button or on Enter, unless the button is disabled.
func newPINCard(title, action string, first, second *widget.Entry, send func(), focus func(fyne.Focusable),
	fields []fyne.CanvasObject, extra ...fyne.CanvasObject) *pinCard {
	c := &pinCard{first: first, second: second, send: send, focus: focus}
	c.title = look.Colored(title, sizeTitle+8, look.ToneAccent, true)
	c.title.Alignment = fyne.TextAlignCenter
	c.sub = look.Colored("", sizeTitle-8, look.ToneMuted, false)
	c.sub.Alignment = fyne.TextAlignCenter
	first.OnSubmitted = func(string) {
		if second.Text == "" && c.focus != nil {
			c.focus(second)
			return
		}
		c.submit()
	}
	second.OnSubmitted = func(string) { c.submit() }
	c.button = widget.NewButton(action, c.submit)
	c.button.Importance = widget.HighImportance
	c.msg = widget.NewLabel("")
	c.msg.Alignment = fyne.TextAlignCenter
	c.msg.Wrapping = fyne.TextWrapWord
	c.msg.TextStyle = fyne.TextStyle{Bold: true}
	rows := append([]fyne.CanvasObject{c.title, c.sub, widget.NewSeparator()}, fields...)
	rows = append(rows, layout.NewSpacer(), c.button)
	rows = append(rows, extra...)
	rows = append(rows, c.msg)
	card := look.Panel(look.Touch(container.NewVBox(rows...), 520, 0), look.ToneAccent, false)
	c.root = container.NewCenter(card)
	return c
}

// newEntry returns an entry showing hint while empty; a password entry
// hides what is typed.
func newEntry(hint string, password bool) *widget.Entry {
	e := widget.NewEntry()
	if password {
		e = widget.NewPasswordEntry()
	}
	e.SetPlaceHolder(hint)
	return e
}

// submit sends, unless the button is disabled.
func (c *pinCard) submit() {
	if c.button.Disabled() {
		return
	}
	c.send()
}

// clear empties both entries, for the next clerk.
func (c *pinCard) clear() {
	c.first.SetText("")
	c.second.SetText("")
}

// retype empties entries and puts the focus on the first of them, for a
// PIN to be typed afresh.
func (c *pinCard) retype(entries ...*widget.Entry) {
	for _, e := range entries {
		e.SetText("")
	}
	if c.focus != nil {
		c.focus(entries[0])
	}
}

// show puts m on the message line, or busy while a reply is awaited, and
// refreshes the card.
func (c *pinCard) show(m model.Message, waiting bool, busy string) {
	text, imp := m.Text, widget.LowImportance
	if m.Error {
		imp = widget.DangerImportance
	}
	if waiting {
		text, imp = busy, widget.LowImportance
	}
	c.msg.Text, c.msg.Importance = text, imp
	c.root.Refresh()
}

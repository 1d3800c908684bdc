package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/telex"
	"hallq/shared/look"
)

// Keyboard layouts.
var (
	telexRows = []string{"1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm,.?"}
	codeRows  = []string{"1234567890", "QWERTYUIOP", "ASDFGHJKL/", "ZXCVBNM"}
	digitRows = []string{"123", "456", "789", "0"}
)

// KeySize is the least width and height of an on-screen key, in pixels: a
// fingertip's target on a touch screen.
const KeySize = 90

// TelexHint tells the citizen how to type Vietnamese.
const TelexHint = "Gõ tiếng Việt kiểu Telex: aa→â  aw→ă  ee→ê  oo→ô  ow→ơ  uw→ư  dd→đ;  " +
	"dấu: s sắc, f huyền, r hỏi, x ngã, j nặng, z xoá dấu"

// field is a text field typed through the on-screen keyboard, with Telex
// or as is.
type field struct {
	entry   *focusEntry
	ed      *telex.Editor
	telex   bool
	max     int // characters
	setting bool
	// changed, when set, hears every change of the text.
	changed func(string)
}

func newField(placeholder string, multiline, useTelex bool, max int, onFocus func(*field)) *field {
	f := &field{ed: telex.NewEditor(""), telex: useTelex, max: max}
	f.entry = newFocusEntry(func() { onFocus(f) })
	f.entry.MultiLine = multiline
	if multiline {
		f.entry.Wrapping = fyne.TextWrapWord
		f.entry.SetMinRowsVisible(4)
	}
	f.entry.SetPlaceHolder(placeholder)
	f.entry.OnChanged = func(s string) {
		if !f.setting {
			f.ed.Set(s) // typed on a physical keyboard or scanned
		}
		if f.changed != nil {
			f.changed(s)
		}
	}
	return f
}

// key types r from the on-screen keyboard.
func (f *field) key(r rune) {
	if f.max > 0 && len([]rune(f.entry.Text)) >= f.max {
		return
	}
	if f.telex {
		f.ed.Key(r)
	} else {
		f.ed.Set(f.entry.Text + string(r))
	}
	f.show()
}

func (f *field) backspace() {
	f.ed.Backspace()
	f.show()
}

func (f *field) show() {
	f.setting = true
	f.entry.SetText(f.ed.Text())
	f.entry.CursorRow = strings.Count(f.entry.Text, "\n")
	f.entry.CursorColumn = len([]rune(f.entry.Text[strings.LastIndexByte(f.entry.Text, '\n')+1:]))
	f.entry.Refresh()
	f.setting = false
}

func (f *field) clear() {
	f.setting = true
	f.ed.Set("")
	f.entry.SetText("")
	f.setting = false
}

// Text returns the field's text.
func (f *field) Text() string { return f.entry.Text }

// focusEntry is an entry that reports when it gains focus, so the on-screen
// keyboard types into the field last touched.
type focusEntry struct {
	widget.Entry
	onFocus func()
}

func newFocusEntry(onFocus func()) *focusEntry {
	e := &focusEntry{onFocus: onFocus}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained makes this the keyboard's field.
func (e *focusEntry) FocusGained() {
	e.Entry.FocusGained()
	e.onFocus()
}

// keyboard is an on-screen keyboard that types into the active field.
type keyboard struct {
	root    fyne.CanvasObject
	active  *field
	shift   bool
	letters []*widget.Button
	keys    []*widget.Button // every character key, for tests
}

func newKeyboard(rows []string, withShift bool, touch func()) *keyboard {
	k := &keyboard{}
	lines := make([]fyne.CanvasObject, 0, len(rows)+1)
	cols := 0
	for _, r := range rows {
		cols = max(cols, len([]rune(r)))
	}
	for _, row := range rows {
		keys := make([]fyne.CanvasObject, 0, cols)
		for _, r := range row {
			r := r
			b := widget.NewButton(string(r), func() { touch(); k.press(r) })
			if unicode.IsLetter(r) {
				k.letters = append(k.letters, b)
			}
			k.keys = append(k.keys, b)
			keys = append(keys, look.Touch(b, KeySize, KeySize))
		}
		lines = append(lines, container.NewGridWithColumns(cols, keys...))
	}
	back := look.Button("⌫ Xoá", func() { touch(); k.backspace() })
	bottom := []fyne.CanvasObject{}
	if withShift {
		var shiftBtn *widget.Button
		shiftBtn = look.Button("⇧ Chữ hoa", func() { touch(); k.toggleShift(shiftBtn) })
		space := look.Button("Dấu cách", func() { touch(); k.press(' ') })
		enter := look.Button("↵ Xuống dòng", func() { touch(); k.press('\n') })
		bottom = append(bottom, shiftBtn, space, enter)
	}
	bottom = append(bottom, back)
	for i, b := range bottom {
		bottom[i] = look.Touch(b, KeySize, KeySize)
	}
	lines = append(lines, container.NewGridWithColumns(len(bottom), bottom...))
	k.root = container.NewVBox(lines...)
	return k
}

func (k *keyboard) press(r rune) {
	if k.active == nil {
		return
	}
	if r == '\n' && !k.active.entry.MultiLine {
		return
	}
	if k.shift && unicode.IsLetter(r) {
		r = unicode.ToUpper(r)
		k.shift = false
		k.relabel()
	}
	k.active.key(r)
}

func (k *keyboard) backspace() {
	if k.active != nil {
		k.active.backspace()
	}
}

func (k *keyboard) toggleShift(b *widget.Button) {
	k.shift = !k.shift
	k.relabel()
	if k.shift {
		b.Importance = widget.HighImportance
	} else {
		b.Importance = widget.MediumImportance
	}
	b.Refresh()
}

func (k *keyboard) relabel() {
	for _, b := range k.letters {
		if k.shift {
			b.SetText(strings.ToUpper(b.Text))
		} else {
			b.SetText(strings.ToLower(b.Text))
		}
	}
}

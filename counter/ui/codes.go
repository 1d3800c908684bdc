package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
)

// codesPanel lets the clerk attach file codes (mã hồ sơ) to the ticket
// being served: each stored code is a button that removes it, the field
// takes a new one (Enter or "Thêm mã" adds it; a code left in the field
// goes with Hoàn thành); what is wrong with the code as it is typed shows
// on the message line (serveScreen.renderMessage).
type codesPanel struct {
	root  fyne.CanvasObject
	chips *fyne.Container
	entry *codeEntry
	add   *widget.Button
	shown []string
	desk  Desk
}

func newCodesPanel(d Desk, onKey func(*fyne.KeyEvent)) *codesPanel {
	p := &codesPanel{desk: d, chips: container.NewHBox()}
	p.entry = newCodeEntry(onKey)
	p.entry.SetPlaceHolder("VD: H12.34-251128-0001")
	p.entry.OnChanged = d.SetFileCodeInput
	p.entry.OnSubmitted = func(string) { d.AddFileCode() }
	p.add = widget.NewButton("Thêm mã", func() { d.AddFileCode() })
	title := widget.NewLabelWithStyle("Mã hồ sơ (File codes) của số đang phục vụ", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	field := container.NewBorder(nil, nil, nil, p.add, p.entry)
	p.root = container.NewVBox(title, field, container.NewHScroll(p.chips))
	return p
}

// render shows the current ticket's codes and the field as v has them.
func (p *codesPanel) render(v model.View) {
	var codes []string
	if v.Current != nil {
		codes = v.Current.FileCodes
	}
	if !slices.Equal(codes, p.shown) {
		p.shown = slices.Clone(codes)
		p.chips.RemoveAll()
		for _, c := range codes {
			b := widget.NewButton(c+"  ✕", func() { p.desk.RemoveFileCode(c) })
			p.chips.Add(b)
		}
		if len(codes) == 0 && v.Current != nil {
			p.chips.Add(widget.NewLabel("Chưa có mã hồ sơ nào cho số này."))
		}
	}
	for _, o := range p.chips.Objects {
		if b, ok := o.(*widget.Button); ok {
			setEnabled(b, v.CanEditFileCodes)
		}
	}
	if p.entry.Text != v.FileCodeInput {
		p.entry.SetText(v.FileCodeInput)
	}
	setEnabled(p.entry, v.Current != nil)
	setEnabled(p.add, v.CanEditFileCodes && strings.TrimSpace(v.FileCodeInput) != "" && v.FileCodeHint == "")
}

// codeEntry is the file-code field; it passes the function keys and
// Escape on to the window's key handler, so F1 to F8 work while the
// clerk types a code.
type codeEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent)
}

func newCodeEntry(onKey func(*fyne.KeyEvent)) *codeEntry {
	e := &codeEntry{onKey: onKey}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey forwards F1 to F12 and Escape; the rest edit the code.
func (e *codeEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.onKey != nil && (ev.Name == fyne.KeyEscape || (len(ev.Name) >= 2 && ev.Name[0] == 'F' && ev.Name[1] >= '1' && ev.Name[1] <= '9')) {
		e.onKey(ev)
		return
	}
	e.Entry.TypedKey(ev)
}

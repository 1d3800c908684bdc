package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/look"
)

// header is the hall's name on every screen, and the offline banner.
type header struct {
	root   fyne.CanvasObject
	hall   *canvas.Text
	banner *canvas.Text
	box    fyne.CanvasObject
}

func newHeader() *header {
	h := &header{
		hall:   look.Heading("", 44),
		banner: look.Colored("", 34, look.ToneAlert, true),
	}
	h.hall.Alignment = fyne.TextAlignCenter
	h.banner.Alignment = fyne.TextAlignCenter
	h.box = look.Panel(h.banner, look.ToneAlert, true)
	h.root = container.NewVBox(container.NewPadded(h.hall), h.box)
	return h
}

func (h *header) update(v model.View) {
	name := v.Hall
	if name == "" {
		name = "Bộ phận Một cửa"
	}
	if v.CounterName != "" {
		name += " — " + v.CounterName
	}
	setText(h.hall, name)
	setText(h.banner, v.Banner)
	showIf(h.box, v.Banner != "")
}

// setText changes a text only when it differs, to spare refreshes.
func setText(t *canvas.Text, s string) {
	if t.Text != s {
		t.Text = s
		t.Refresh()
	}
}

// showIf shows obj when visible is true and hides it otherwise.
func showIf(obj fyne.CanvasObject, visible bool) {
	if visible == obj.Visible() {
		return
	}
	if visible {
		obj.Show()
	} else {
		obj.Hide()
	}
}

// middle stacks objs in the vertical middle at full width, so wrapping
// labels get the whole line (a centre layout would give them their minimum
// width, one letter).
func middle(objs ...fyne.CanvasObject) fyne.CanvasObject {
	all := append([]fyne.CanvasObject{layout.NewSpacer()}, objs...)
	return container.NewVBox(append(all, layout.NewSpacer())...)
}

// screenTitle is a form's bold title, a label so that its text lines up
// with the labels under it (a canvas text has no inner padding).
func screenTitle(text string) *widget.Label {
	t := look.Text(text, theme.SizeNameHeadingText)
	t.TextStyle.Bold = true
	return t
}

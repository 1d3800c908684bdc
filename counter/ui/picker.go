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

// pickerPopup is the transfer picker: one button per service, with its
// digit key, and a cancel button (Escape).
type pickerPopup struct {
	desk    Desk
	canvas  fyne.Canvas
	popup   *widget.PopUp
	title   *canvas.Text
	options *fyne.Container
	shown   *model.Picker
}

func newPickerPopup(d Desk, c fyne.Canvas) *pickerPopup {
	p := &pickerPopup{desk: d, canvas: c}
	p.title = look.Colored("", sizeTitle, look.ToneAccent, true)
	p.options = container.NewVBox()
	cancel := widget.NewButton("Hủy (Esc)", d.ClosePicker)
	// On a panel darker than the buttons, so that the options read as
	// buttons, with room around the title.
	box := container.NewVBox(container.NewPadded(p.title), p.options, widget.NewSeparator(), cancel)
	p.popup = widget.NewModalPopUp(look.Panel(box, look.ToneAccent, true), c)
	return p
}

// render shows the picker while the view has one, and hides it otherwise.
func (p *pickerPopup) render(pk *model.Picker) {
	if pk == nil {
		if p.shown != nil {
			p.popup.Hide()
			p.shown = nil
		}
		return
	}
	if p.shown != nil && p.shown.TicketID == pk.TicketID {
		return
	}
	p.title.Text = "Chuyển số " + pk.Number + " sang lĩnh vực:"
	p.title.Refresh()
	p.options.Objects = nil
	p.options.Layout = layout.NewVBoxLayout()
	if len(pk.Options) > 8 {
		p.options.Layout = layout.NewGridLayoutWithColumns(2) // up to 26 services
	}
	for _, o := range pk.Options {
		service := o.Service
		label := o.Service + " — " + o.Name
		if o.Key != "" {
			label = o.Key + ". " + label
		}
		b := widget.NewButton(label, func() { p.desk.Transfer(service) })
		b.Alignment = widget.ButtonAlignLeading
		p.options.Add(b)
	}
	p.shown = pk
	p.popup.Show()
}

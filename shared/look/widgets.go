package look

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// BigButton returns a high-importance button whose height, under Theme, is
// at least MinTouch.
func BigButton(label string, tap func()) *widget.Button {
	b := widget.NewButton(label, tap)
	b.Importance = widget.HighImportance
	return b
}

// Button returns a plain (medium-importance) button, at least MinTouch high
// under Theme, for secondary actions.
func Button(label string, tap func()) *widget.Button {
	return widget.NewButton(label, tap)
}

// Heading returns one line of bold text in the theme's foreground colour at
// size (Fyne units; e.g. 44, or Theme().Size(SizeHuge)). It does not wrap;
// use Text for long wording.
func Heading(text string, size float32) *canvas.Text {
	t := canvas.NewText(text, color.White)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: true}
	return t
}

// Colored returns one line of text in tone's colour at size, bold when bold.
func Colored(text string, size float32, tone Tone, bold bool) *canvas.Text {
	t := canvas.NewText(text, Color(tone))
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: bold}
	return t
}

// Text returns a wrapping label at one of the theme's size names
// (theme.SizeNameText, SizeBig, …), for descriptions and messages.
func Text(text string, size fyne.ThemeSizeName) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = size
	return l
}

// Touch wraps obj so that its minimum size is at least w by h, e.g. a tile
// built from a card and a button: Touch(tile, 300, MinTouch*2).
func Touch(obj fyne.CanvasObject, w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return container.NewStack(r, obj)
}

// Panel puts obj on a rounded rectangle of the button colour, padded: the
// background of a tile or a ticket card.
func Panel(obj fyne.CanvasObject, tone Tone, outlined bool) fyne.CanvasObject {
	bg := canvas.NewRectangle(rgb(0x1a, 0x26, 0x34))
	bg.CornerRadius = 12
	if outlined {
		bg.StrokeColor = Color(tone)
		bg.StrokeWidth = 4
	}
	return container.NewStack(bg, container.NewPadded(obj))
}

// Choice is a large answer tile: a button under one big centred line at
// size, at least w wide and 2.5×MinTouch high. high makes it the
// theme's highlight colour (dark text), otherwise the button colour (light
// text). The button is returned too, to disable it.
func Choice(label string, size float32, high bool, tap func()) (fyne.CanvasObject, *widget.Button) {
	b := widget.NewButton("", tap)
	fg := color.Color(color.White)
	if high {
		b.Importance = widget.HighImportance
		fg = color.Black
	}
	t := canvas.NewText(label, fg)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: true}
	t.Alignment = fyne.TextAlignCenter
	return Touch(container.NewStack(b, container.NewCenter(t)), t.MinSize().Width+2*MinTouch/2, MinTouch*2.5), b
}

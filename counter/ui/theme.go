package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"hallq/shared/look"
)

// Theme returns the counter's theme: the hall's colours and font
// (look.Theme) at desktop sizes, since a clerk reads it from 60 cm with a
// mouse and keyboard, not from across the hall with a finger.
func Theme() fyne.Theme { return counterTheme{look.Theme()} }

type counterTheme struct{ fyne.Theme }

// Text sizes of the counter's own texts.
const (
	sizeNumber  float32 = 120 // the ticket being served
	sizeTitle   float32 = 28  // section titles, the top bar
	sizeRowNum  float32 = 26  // a ticket number in a list
	sizeStat    float32 = 30  // a figure of the day
	sizeCaption float32 = 15
)

// Size answers the counter's sizes and leaves the others to look.Theme.
func (t counterTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 20
	case theme.SizeNameCaptionText:
		return sizeCaption
	case theme.SizeNameSubHeadingText:
		return 24
	case theme.SizeNameHeadingText:
		return 32
	case theme.SizeNamePadding:
		return 6
	case theme.SizeNameInnerPadding:
		return 12
	case theme.SizeNameInlineIcon:
		return 24
	case theme.SizeNameScrollBar:
		return 14
	}
	return t.Theme.Size(n)
}

// compactTheme is the counter theme with thin inner padding, for labels set
// in tight rows (queue and held rows, the served ticket's service line).
type compactTheme struct{ fyne.Theme }

// Size thins the inner padding.
func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return 2
	}
	return t.Theme.Size(n)
}

// compact shows obj with thin inner padding, centred vertically in the
// room it is given.
func compact(obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(container.NewVBox(layout.NewSpacer(), obj, layout.NewSpacer()), compactTheme{Theme()})
}

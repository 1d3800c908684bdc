package ui

import (
	"image/color"

	"hallq/shared/look"
)

// The board's colours, from the shared look so that every app speaks the
// same colour language (yellow: a number to read; green: a call).
var (
	colBackground = color.NRGBA{R: 0x0d, G: 0x14, B: 0x1e, A: 0xff}
	colPanel      = color.NRGBA{R: 0x17, G: 0x24, B: 0x33, A: 0xff}
	colPanelLine  = color.NRGBA{R: 0x2c, G: 0x40, B: 0x56, A: 0xff}
	colHeader     = color.NRGBA{R: 0x10, G: 0x3a, B: 0x6b, A: 0xff}
	colText       = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colDark       = color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xff}
	colNumber     = look.Color(look.ToneAccent)
	colMuted      = look.Color(look.ToneMuted)
	colCounter    = look.Color(look.ToneWaiting)
	colAlert      = look.Color(look.ToneAlert)
	colFlash      = look.Color(look.ToneAccent)
	colNewest     = color.NRGBA{R: 0x1f, G: 0x5c, B: 0x3a, A: 0xff}
	colTicker     = color.NRGBA{R: 0x08, G: 0x0d, B: 0x14, A: 0xff}
)

// Package look is the Fyne theme and the large touch widgets that the kiosk,
// the counter and the display share: big text, high contrast on a dark
// background, touch targets of at least MinTouch pixels, and Fyne's bundled
// font (Noto Sans), which has every Vietnamese glyph.
package look

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// MinTouch is the smallest height (and width) of anything a person taps, in
// Fyne units (pixels at scale 1).
const MinTouch float32 = 64

// Extra text sizes that the theme answers, for widget.Label.SizeName and
// widget.RichTextStyle.SizeName. Standard names (theme.SizeNameText, …) keep
// working and are already larger than Fyne's defaults.
const (
	// SizeBig is for tile titles and important lines (36).
	SizeBig fyne.ThemeSizeName = "hallq-big"
	// SizeHuge is for screen titles and short numbers (64).
	SizeHuge fyne.ThemeSizeName = "hallq-huge"
	// SizeGiant is for a ticket number read from across the hall (160).
	SizeGiant fyne.ThemeSizeName = "hallq-giant"
)

// Theme returns the hall's theme: dark, high contrast, large. It ignores the
// system's light or dark preference so every screen looks the same.
func Theme() fyne.Theme { return hallTheme{} }

type hallTheme struct{}

func (hallTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return rgb(0x0d, 0x14, 0x1e)
	case theme.ColorNameForeground, theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnSuccess:
		return rgb(0xff, 0xff, 0xff)
	case theme.ColorNameForegroundOnPrimary, theme.ColorNameForegroundOnWarning:
		return rgb(0x00, 0x00, 0x00)
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return rgb(0xff, 0xd0, 0x00)
	case theme.ColorNameButton, theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return rgb(0x23, 0x31, 0x42)
	case theme.ColorNameDisabledButton:
		return rgb(0x1a, 0x22, 0x2c)
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return rgb(0x8a, 0x96, 0xa3)
	case theme.ColorNameInputBorder, theme.ColorNameSeparator:
		return rgb(0x5b, 0x6b, 0x7d)
	case theme.ColorNameHover:
		return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x24}
	case theme.ColorNamePressed:
		return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x48}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0xff, G: 0xd0, B: 0x00, A: 0x60}
	case theme.ColorNameError:
		return Color(ToneAlert)
	case theme.ColorNameSuccess:
		return Color(ToneCalled)
	case theme.ColorNameWarning:
		return Color(TonePriority)
	}
	return theme.DefaultTheme().Color(n, theme.VariantDark)
}

func (hallTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (hallTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (hallTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 26
	case theme.SizeNameCaptionText:
		return 20
	case theme.SizeNameSubHeadingText:
		return 32
	case theme.SizeNameHeadingText:
		return 44
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 16
	case theme.SizeNameInlineIcon:
		return 32
	case theme.SizeNameScrollBar:
		return 20
	case theme.SizeNameScrollBarSmall:
		return 8
	case theme.SizeNameInputBorder:
		return 3
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 8
	case SizeBig:
		return 36
	case SizeHuge:
		return 64
	case SizeGiant:
		return 160
	}
	return theme.DefaultTheme().Size(n)
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

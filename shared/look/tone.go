package look

import "image/color"

// Tone names the colour of a state, the same in every app so that a citizen
// learns it once: green is "your turn", red is "attention".
type Tone int

// The tones.
const (
	// ToneWaiting is a ticket or service that waits (light blue).
	ToneWaiting Tone = iota
	// ToneCalled is a ticket being called or served (green).
	ToneCalled
	// ToneAlert is an error, a long wait, offline, "hết số" (red).
	ToneAlert
	// TonePriority is a priority ticket (amber).
	TonePriority
	// ToneMuted is secondary text (grey).
	ToneMuted
	// ToneAccent is the theme's highlight, used for numbers (yellow).
	ToneAccent
)

// Color returns the colour of tone t, readable on the theme's background.
func Color(t Tone) color.NRGBA {
	switch t {
	case ToneCalled:
		return rgb(0x3d, 0xdc, 0x84)
	case ToneAlert:
		return rgb(0xff, 0x5c, 0x5c)
	case TonePriority:
		return rgb(0xff, 0xa7, 0x26)
	case ToneMuted:
		return rgb(0xb4, 0xbe, 0xc8)
	case ToneAccent:
		return rgb(0xff, 0xd0, 0x00)
	}
	return rgb(0x8f, 0xcb, 0xff)
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"hallq/shared/look"
)

// TestIndexColour: the satisfaction index is grey with no rating, red when
// low (0,00 % is never green), amber in between and green when high.
func TestIndexColour(t *testing.T) {
	tests := []struct {
		name    string
		ratings [6]int
		text    string
		tone    look.Tone
	}{
		{"no rating", [6]int{}, "—", look.ToneMuted},
		{"all bad", [6]int{0, 3, 1, 0, 0, 0}, "0,00%", look.ToneAlert},
		{"half", [6]int{0, 1, 0, 0, 1, 0}, "50,00%", look.TonePriority},
		{"high", [6]int{0, 1, 0, 2, 5, 6}, "78,57%", look.TonePriority},
		{"very high", [6]int{0, 0, 0, 1, 4, 5}, "90,00%", look.ToneCalled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := sampleState()
			st.Clerks[0].Ratings = tc.ratings
			h := newHarness(t, st, nil)
			p := h.ui.serve.today
			if p.index.Text != tc.text || p.index.Color != look.Color(tc.tone) {
				t.Errorf("index: got %q in %v, want %q in %v", p.index.Text, p.index.Color, tc.text, look.Color(tc.tone))
			}
		})
	}
}

// TestNumberOffTheBorder: at 1366x768 and 1920x1080 the served number
// stands at least a tenth of its size inside its card's outline.
func TestNumberOffTheBorder(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1920, Height: 1080}} {
		h := newHarness(t, serving(sampleState()), nil)
		h.ui.Window().Resize(size)
		h.ui.Refresh()
		c := h.ui.serve.ticket
		if c.number.Text == "" {
			t.Fatal("no number served in the sample state")
		}
		d := fyne.CurrentApp().Driver()
		card, num := d.AbsolutePositionForObject(c.root), d.AbsolutePositionForObject(c.number)
		ts := c.number.TextSize
		margin := ts / 10
		left, top := num.X-card.X, num.Y-card.Y
		bottom := card.Y + c.root.Size().Height - (num.Y + c.number.Size().Height)
		if left < margin || top < 4 || bottom < 4 {
			t.Errorf("%v: number %q at text size %.0f is %.1f from the left border, %.1f from the top and %.1f from the bottom, want at least %.1f, 4, 4",
				size, c.number.Text, ts, left, top, bottom, margin)
		}
	}
}

package screenfit

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestSize(t *testing.T) {
	tests := []struct {
		name       string
		want, area fyne.Size
		got        fyne.Size
	}{
		{"fits", fyne.NewSize(1366, 768), fyne.NewSize(1920, 1080), fyne.NewSize(1366, 768)},
		{"landscape on a portrait screen", fyne.NewSize(1920, 1080), fyne.NewSize(1080, 1920), shrunk(fyne.NewSize(1080, 1920))},
		{"too large", fyne.NewSize(1920, 1080), fyne.NewSize(1366, 768), shrunk(fyne.NewSize(1366, 768))},
		{"exactly the screen", fyne.NewSize(1920, 1080), fyne.NewSize(1920, 1080), fyne.NewSize(1920, 1080)},
		{"no monitor", fyne.NewSize(1920, 1080), fyne.Size{}, fyne.NewSize(1920, 1080)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Size(tc.want, tc.area); got != tc.got {
				t.Errorf("Size(%v, %v): got %v, want %v", tc.want, tc.area, got, tc.got)
			}
		})
	}
}

// shrunk is area less the margin, in float32 as Size computes it.
func shrunk(area fyne.Size) fyne.Size { return fyne.NewSize(area.Width*margin, area.Height*margin) }

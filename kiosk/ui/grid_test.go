package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func box(w, h float32) *canvas.Rectangle {
	r := canvas.NewRectangle(color.White)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

func TestAskLayout(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.Padding()
	tests := []struct {
		name    string
		size    fyne.Size
		answerW float32
		stacked bool
	}{
		{"landscape side by side", fyne.NewSize(1904, 800), 600, false},
		{"portrait one under the other", fyne.NewSize(1064, 1500), 600, true},
		{"landscape too narrow for both", fyne.NewSize(1000, 600), 600, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, yes, no := box(300, 100), box(tc.answerW, 160), box(tc.answerW, 160)
			askLayout{}.Layout([]fyne.CanvasObject{q, yes, no}, tc.size)
			if got := no.Position().Y + no.Size().Height; got != tc.size.Height {
				t.Errorf("last answer ends at %v, want the bottom %v", got, tc.size.Height)
			}
			if tc.stacked {
				if yes.Position().Y+160+pad != no.Position().Y || yes.Size().Width != tc.size.Width {
					t.Errorf("answers at %v %v and %v, want one under the other at full width", yes.Position(), yes.Size(), no.Position())
				}
			} else if yes.Position().Y != no.Position().Y || no.Position().X <= yes.Position().X {
				t.Errorf("answers at %v and %v, want side by side", yes.Position(), no.Position())
			}
			if end := q.Position().Y + q.Size().Height; end > yes.Position().Y {
				t.Errorf("question ends at %v, over the answers at %v", end, yes.Position().Y)
			}
		})
	}
}

func TestOrientGridMinSizeFollowsLayout(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.Padding()
	objs := make([]fyne.CanvasObject, 6)
	for i := range objs {
		objs[i] = box(300, 250)
	}
	g := &orientGrid{wide: 2, tall: 1}
	if got, want := g.MinSize(objs).Height, 3*250+2*pad; got != want {
		t.Errorf("before layout min height got %v, want %v (wide: 3 rows)", got, want)
	}
	g.Layout(objs, fyne.NewSize(1064, 1400))
	if got, want := g.MinSize(objs).Height, 6*250+5*pad; got != want {
		t.Errorf("after a portrait layout min height got %v, want %v (6 rows), so a scroll reaches the last", got, want)
	}
	if got := objs[5].Position().Y; got != 5*(250+pad) {
		t.Errorf("last tile at y %v, want %v", got, 5*(250+pad))
	}
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"hallq/display/model"
)

// tileView draws one counter: its name above, the number it serves below,
// as large as the tile allows; during a call's flash the tile blinks
// between yellow and its normal colours.
type tileView struct {
	bg     *canvas.Rectangle
	name   *fitText
	number *fitText
	note   *fitText
	box    *fyne.Container
}

func newTileView() *tileView {
	v := &tileView{
		bg:     canvas.NewRectangle(colPanel),
		name:   newFitText("", colCounter, true, fyne.TextAlignCenter),
		number: newFitText("", colNumber, true, fyne.TextAlignCenter),
		note:   newFitText("", colMuted, false, fyne.TextAlignCenter),
	}
	v.bg.StrokeColor = colPanelLine
	v.bg.StrokeWidth = 2
	v.bg.CornerRadius = 12
	v.box = box(tileLayout{v}, v.bg, v.name, v.number, v.note)
	return v
}

// update shows t.
func (v *tileView) update(t model.Tile) {
	bg, line, name, number := colPanel, colPanelLine, colCounter, colNumber
	if t.Flash && t.Lit {
		bg, line, name, number = colFlash, colFlash, colDark, colDark
	} else if t.Flash {
		line = colFlash
	}
	if v.bg.FillColor != bg || v.bg.StrokeColor != line {
		v.bg.FillColor, v.bg.StrokeColor = bg, line
		v.bg.Refresh()
	}
	v.name.Set(t.Name, name)
	v.number.Set(t.Number, number)
	v.note.Set(t.Note, colMuted)
}

// tileLayout puts the name in the top quarter and the number below it; a
// note (no number) takes a smaller line in the middle of the number's area.
type tileLayout struct{ v *tileView }

func (l tileLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	v := l.v
	v.bg.Resize(size)
	v.bg.Move(fyne.NewPos(0, 0))
	pad := size.Height * 0.05
	side := max(pad, size.Width*0.06)
	inner := fyne.NewSize(size.Width-2*side, size.Height-2*pad)
	nameH := inner.Height * 0.26
	place(v.name, side, pad, inner.Width, nameH)
	place(v.number, side, pad+nameH, inner.Width, inner.Height-nameH)
	noteH := (inner.Height - nameH) * 0.35
	place(v.note, side, pad+nameH+(inner.Height-nameH-noteH)/2, inner.Width, noteH)
}

func (l tileLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 30) }

// tileGrid lays out n tiles in the number of columns that makes their
// numbers largest: a number such as "A105" is about 2.6 times as wide as
// its text size, and takes about 70% of a tile's height.
type tileGrid struct{ gap float32 }

func (g tileGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := len(objs)
	if n == 0 {
		return
	}
	cols := bestColumns(n, size, g.gap)
	rows := (n + cols - 1) / cols
	w := (size.Width - g.gap*float32(cols-1)) / float32(cols)
	h := (size.Height - g.gap*float32(rows-1)) / float32(rows)
	for i, o := range objs {
		r, c := i/cols, i%cols
		o.Move(fyne.NewPos(float32(c)*(w+g.gap), float32(r)*(h+g.gap)))
		o.Resize(fyne.NewSize(w, h))
	}
}

// bestColumns returns the column count that gives n tiles in size the
// largest number text.
func bestColumns(n int, size fyne.Size, gap float32) int {
	best, bestSize := 1, float32(-1)
	for cols := 1; cols <= n; cols++ {
		rows := (n + cols - 1) / cols
		w := (size.Width - gap*float32(cols-1)) / float32(cols)
		h := (size.Height - gap*float32(rows-1)) / float32(rows)
		ts := min(w*0.9/2.6, h*0.7/1.3)
		if ts > bestSize+0.5 {
			best, bestSize = cols, ts
		}
	}
	return best
}

func (g tileGrid) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 30) }

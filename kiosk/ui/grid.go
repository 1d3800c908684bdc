package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// orientGrid lays its objects out in wide columns when it is wider than
// tall (a 1920x1080 kiosk) and in tall columns otherwise (1080x1920), rows
// of equal height filling the space.
type orientGrid struct{ wide, tall int }

func (g orientGrid) cols(size fyne.Size) int {
	if size.Width >= size.Height {
		return g.wide
	}
	return g.tall
}

// Layout places the objects row by row.
func (g orientGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	cols := max(1, g.cols(size))
	rows := (len(objs) + cols - 1) / cols
	if rows == 0 {
		return
	}
	pad := theme.Padding()
	cw := (size.Width - pad*float32(cols-1)) / float32(cols)
	rh := (size.Height - pad*float32(rows-1)) / float32(rows)
	minRow := float32(0)
	for _, o := range objs {
		minRow = max(minRow, o.MinSize().Height)
	}
	rh = max(rh, minRow)
	for i, o := range objs {
		r, c := i/cols, i%cols
		o.Move(fyne.NewPos(float32(c)*(cw+pad), float32(r)*(rh+pad)))
		o.Resize(fyne.NewSize(cw, rh))
	}
}

// MinSize is the widest object and the rows of the wide arrangement.
func (g orientGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w, h = max(w, m.Width), max(h, m.Height)
	}
	cols := max(1, g.wide)
	rows := (len(objs) + cols - 1) / cols
	if rows == 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(w, h*float32(rows)+theme.Padding()*float32(rows-1))
}

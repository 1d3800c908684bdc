package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// orientGrid lays its objects out in wide columns when it is wider than
// tall (a 1920x1080 kiosk) and in tall columns otherwise (1080x1920), rows
// of equal height filling the space. Use it as a pointer: it remembers the
// columns of its last layout for MinSize.
type orientGrid struct {
	wide, tall int
	last       int // columns of the last layout; 0 before the first
}

func (g *orientGrid) cols(size fyne.Size) int {
	if size.Width >= size.Height {
		return g.wide
	}
	return g.tall
}

// Layout places the objects row by row.
func (g *orientGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	cols := max(1, g.cols(size))
	g.last = cols
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

// MinSize is the widest object and the rows of the last arrangement (the
// wide one before the first layout), so that a scroll around a portrait
// grid reaches its last row.
func (g *orientGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w, h = max(w, m.Width), max(h, m.Height)
	}
	cols := g.last
	if cols == 0 {
		cols = g.wide
	}
	cols = max(1, cols)
	rows := (len(objs) + cols - 1) / cols
	if rows == 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(w, h*float32(rows)+theme.Padding()*float32(rows-1))
}

// askLayout puts a question (its first object) in the middle and the
// answers (the others) at the bottom, as tall as the tallest: side by side
// when the space is wider than tall and they fit, one under the other
// otherwise. It decides from the whole space it gets, not from the answers'
// own row, which is always wider than tall.
type askLayout struct{}

// answerCols is how many answers go on a row.
func (askLayout) answerCols(answers []fyne.CanvasObject, size fyne.Size) int {
	n := len(answers)
	if n == 0 || size.Width < size.Height {
		return 1
	}
	var w float32
	for _, a := range answers {
		w = max(w, a.MinSize().Width)
	}
	if w*float32(n)+theme.Padding()*float32(n-1) > size.Width {
		return 1
	}
	return n
}

// Layout places the answers at the bottom and centres the question above.
func (l askLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	q, answers := objs[0], objs[1:]
	pad := theme.Padding()
	top := size.Height
	if len(answers) > 0 {
		cols := l.answerCols(answers, size)
		rows := (len(answers) + cols - 1) / cols
		rh := rowHeight(answers)
		cw := (size.Width - pad*float32(cols-1)) / float32(cols)
		top = size.Height - rh*float32(rows) - pad*float32(rows-1)
		for i, a := range answers {
			r, c := i/cols, i%cols
			a.Move(fyne.NewPos(float32(c)*(cw+pad), top+float32(r)*(rh+pad)))
			a.Resize(fyne.NewSize(cw, rh))
		}
		top -= pad
	}
	q.Resize(fyne.NewSize(size.Width, q.MinSize().Height))
	qh := q.MinSize().Height // a wrapping label knows its height once it has its width
	q.Move(fyne.NewPos(0, max(0, (top-qh)/2)))
	q.Resize(fyne.NewSize(size.Width, qh))
}

// MinSize is the question over the answers one under the other.
func (askLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	s := objs[0].MinSize()
	answers := objs[1:]
	rh := rowHeight(answers)
	for _, a := range answers {
		s.Width = max(s.Width, a.MinSize().Width)
		s.Height += theme.Padding() + rh
	}
	return s
}

func rowHeight(objs []fyne.CanvasObject) float32 {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return h
}

// keyboardBeside lays out a form and its on-screen keyboard: on a wide
// screen the keyboard takes the right half (at least its own width), low
// against the bottom, and the form the left; on a tall screen the keyboard
// spans the bottom and the form fills what is above. Objects: form, then
// keyboard.
type keyboardBeside struct{}

func (keyboardBeside) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	form, kb := objs[0], objs[1]
	pad := theme.Padding()
	km := kb.MinSize()
	if size.Width >= size.Height {
		kw := min(max(km.Width, size.Width*0.5), size.Width)
		kb.Resize(fyne.NewSize(kw, km.Height))
		kb.Move(fyne.NewPos(size.Width-kw, max(0, size.Height-km.Height)))
		form.Resize(fyne.NewSize(max(0, size.Width-kw-2*pad), size.Height))
		form.Move(fyne.NewPos(0, 0))
		return
	}
	kb.Resize(fyne.NewSize(size.Width, km.Height))
	kb.Move(fyne.NewPos(0, max(0, size.Height-km.Height)))
	form.Resize(fyne.NewSize(size.Width, max(0, size.Height-km.Height-pad)))
	form.Move(fyne.NewPos(0, 0))
}

func (keyboardBeside) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	f, k := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(f.Width, k.Width), max(f.Height, k.Height))
}

package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"hallq/display/model"
)

// listPanel is a titled panel of rows, each a left and a right text: the
// "vừa gọi" list (number, counter).
type listPanel struct {
	bg    *canvas.Rectangle
	title *fitText
	rows  []*listRow
	box   *fyne.Container
	// rowMax bounds a row's height, so that a short list does not get
	// giant rows; rowMin keeps rows readable from afar: the rows that do
	// not fit at rowMin are not shown (the oldest calls).
	rowMax, rowMin float32
	// slots is how many rows the layout makes room for.
	slots int
	// leftFrac is the share of a row's width for the left text.
	leftFrac float32
	// rightAlign is the alignment of the right text.
	rightAlign fyne.TextAlign
	// cols is the number of columns the rows fill, top to bottom first.
	cols int
}

// listRow is one line of a listPanel.
type listRow struct {
	bg          *canvas.Rectangle
	left, right *fitText
	used        bool
}

func newListPanel(title string, slots int, rowMax, leftFrac float32, rightAlign fyne.TextAlign) *listPanel {
	p := &listPanel{
		bg:         canvas.NewRectangle(colPanel),
		title:      newFitText(title, colText, true, fyne.TextAlignLeading),
		rowMax:     rowMax,
		slots:      slots,
		leftFrac:   leftFrac,
		rightAlign: rightAlign,
	}
	p.bg.CornerRadius = 12
	p.box = box(listLayout{p}, p.bg, p.title)
	return p
}

// setRows shows the given lines; rows beyond them are hidden.
func (p *listPanel) setRows(lines []listLine) {
	for len(p.rows) < len(lines) {
		r := &listRow{
			bg:    canvas.NewRectangle(colNewest),
			left:  newFitText("", colNumber, true, fyne.TextAlignLeading),
			right: newFitText("", colCounter, false, p.rightAlign),
		}
		r.bg.CornerRadius = 8
		r.right.Min = 14
		r.right.Bold = true
		p.rows = append(p.rows, r)
		p.box.Add(r.bg)
		p.box.Add(r.left)
		p.box.Add(r.right)
	}
	for i, r := range p.rows {
		if i >= len(lines) {
			if r.used {
				r.used = false
				r.bg.Hide()
				r.left.Hide()
				r.right.Hide()
			}
			continue
		}
		l := lines[i]
		r.used = true
		r.left.Show()
		r.right.Show()
		r.left.Set(l.left, l.leftColor)
		r.right.Set(l.right, l.rightColor)
		if l.highlight {
			r.bg.Show()
		} else {
			r.bg.Hide()
		}
	}
	p.box.Refresh()
}

// listLine is what one row shows.
type listLine struct {
	left, right           string
	leftColor, rightColor color.Color
	highlight             bool
}

// recentLines turns the "vừa gọi" list into rows.
func recentLines(rs []model.Recent) []listLine {
	out := make([]listLine, 0, len(rs))
	for _, r := range rs {
		out = append(out, listLine{left: r.Number, right: r.Counter,
			leftColor: colNumber, rightColor: colCounter, highlight: r.Newest})
	}
	return out
}

// listLayout stacks the title and the rows.
type listLayout struct{ p *listPanel }

func (l listLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	p := l.p
	p.bg.Resize(size)
	p.bg.Move(fyne.NewPos(0, 0))
	pad := min(size.Width, size.Height) * 0.04
	titleH := min(size.Height*0.12, p.rowMax*0.9)
	p.title.Move(fyne.NewPos(pad, pad))
	p.title.Resize(fyne.NewSize(size.Width-2*pad, titleH))
	top := pad + titleH + pad/2
	cols := max(p.cols, 1)
	perCol := (max(p.slots, 1) + cols - 1) / cols
	if p.rowMin > 0 {
		perCol = max(1, min(perCol, int((size.Height-top-pad)/p.rowMin)))
	}
	rowH := min((size.Height-top-pad)/float32(perCol), p.rowMax)
	// Columns stand well apart, so that a counter at the end of one row
	// does not read as the start of the number beside it.
	colGap := 3 * pad
	colW := (size.Width - 2*pad - colGap*float32(cols-1)) / float32(cols)
	leftW := colW * p.leftFrac
	for i, r := range p.rows {
		if i >= perCol*cols {
			r.bg.Hide()
			r.left.Hide()
			r.right.Hide()
			continue
		}
		x := pad + float32(i/perCol)*(colW+colGap)
		y := top + float32(i%perCol)*rowH
		place(r.bg, x-pad/2, y, colW+pad, rowH)
		place(r.left, x, y+rowH*0.1, leftW, rowH*0.8)
		place(r.right, x+leftW, y+rowH*0.1, colW-leftW, rowH*0.8)
	}
}

func (l listLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 40) }

package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"hallq/display/model"
)

// waitingStrip is the band above the ticker: "Đang chờ" and one chip per
// service with its waiting count and name, in as many rows as the width
// needs.
type waitingStrip struct {
	title *fitText
	chips []*chipView
	box   *fyne.Container
	// chipH is the height of one row of chips, titleW the width of the
	// "Đang chờ" column, nameMin and nameMax the bounds of the names' text
	// size and perRowMax the most chips in a row (0: as many as fit); the
	// screen layout sets them.
	chipH, titleW    float32
	nameMin, nameMax float32
	perRowMax        int
	// titleAbove puts "Đang chờ" on a line above the chips (portrait),
	// which then take the whole width.
	titleAbove bool
}

// chipView is one service: the count large, then the letter and the name.
type chipView struct {
	bg    *canvas.Rectangle
	count *fitText
	name  *fitText
}

// chipWidth is a chip's smallest width in chip heights: room for a count
// and a short name; fewer chips share a row when a name would be cut.
const chipWidth = 3.0

func newWaitingStrip() *waitingStrip {
	w := &waitingStrip{title: newFitText("Đang chờ", colMuted, true, fyne.TextAlignLeading), chipH: 60}
	w.title.Wrap = true // "Đang" over "chờ": the chips get the width
	w.box = box(stripLayout{w}, w.title)
	return w
}

// set shows the services' counts, making or dropping chips when the number
// of services changed.
func (w *waitingStrip) set(ss []model.Service) {
	if len(ss) != len(w.chips) {
		w.chips = w.chips[:0]
		objs := []fyne.CanvasObject{w.title}
		for range ss {
			c := &chipView{
				bg:    canvas.NewRectangle(colPanel),
				count: newFitText("", colNumber, true, fyne.TextAlignCenter),
				name:  newFitText("", colText, false, fyne.TextAlignLeading),
			}
			c.bg.CornerRadius = 10
			w.chips = append(w.chips, c)
			objs = append(objs, c.bg, c.count, c.name)
		}
		w.box.Objects = objs
		w.box.Refresh()
	}
	renamed := false
	for i, s := range ss {
		w.chips[i].count.Set(strconv.Itoa(s.Waiting), colNumber)
		name := s.ID + " · " + s.Name
		renamed = renamed || w.chips[i].name.Text != name
		w.chips[i].name.Set(name, colText)
	}
	if renamed {
		w.sizeNames()
	}
}

// grid returns how many chips go in a row and how many rows there are for
// a strip of the given width.
func (w *waitingStrip) grid(width float32) (perRow, rows int) {
	n := len(w.chips)
	if n == 0 {
		return 1, 1
	}
	perRow = max(1, int((width-w.titleWidth())/(w.chipH*chipWidth)))
	perRow = min(perRow, n)
	if w.perRowMax > 0 {
		perRow = min(perRow, w.perRowMax)
	}
	for perRow > 1 && !w.namesFit(width, perRow) {
		perRow--
	}
	rows = (n + perRow - 1) / perRow
	// Even out the rows: 5 chips in rows of 4 become rows of 3 and 2.
	perRow = (n + rows - 1) / rows
	return perRow, rows
}

// namesFit reports whether every name fits its chip whole, at the names'
// smallest size, with perRow chips a row.
func (w *waitingStrip) namesFit(width float32, perRow int) bool {
	lo := w.nameMin
	if lo == 0 {
		lo = w.chipH * 0.33
	}
	_, nameW := chipBoxes(w.chipW(width, perRow), w.chipH)
	for _, c := range w.chips {
		lines, _ := fitWrapped(c.name.Text, c.name.textStyle(), fyne.NewSize(nameW, w.chipH*0.94), lo, lo)
		for _, l := range lines {
			if strings.HasSuffix(l, "…") {
				return false
			}
		}
	}
	return true
}

// chipW is a chip's width with perRow chips a row.
func (w *waitingStrip) chipW(width float32, perRow int) float32 {
	return (width - w.titleWidth() - float32(perRow)*w.gap()) / float32(perRow)
}

// chipBoxes returns the widths of a chip's count and name.
func chipBoxes(chipW, h float32) (countW, nameW float32) {
	countW = min(max(h*0.7, chipW*0.09), chipW*0.2)
	return countW, chipW - countW - h*0.15
}

// Height is the strip's height for a width: its rows of chips.
func (w *waitingStrip) Height(width float32) float32 {
	_, rows := w.grid(width)
	return w.titleH() + float32(rows)*w.chipH + float32(rows-1)*w.gap()
}

// titleH is the height of the line above the chips, if any.
func (w *waitingStrip) titleH() float32 {
	if w.titleAbove {
		return w.chipH * 0.6
	}
	return 0
}

func (w *waitingStrip) titleWidth() float32 {
	if w.titleAbove {
		return -w.gap() // the chips start at the left edge
	}
	if w.titleW > 0 {
		return w.titleW
	}
	return w.chipH * 0.8
}
func (w *waitingStrip) gap() float32 { return w.chipH * 0.06 }

type stripLayout struct{ w *waitingStrip }

func (l stripLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	w := l.w
	h, gap, titleW := w.chipH, w.gap(), w.titleWidth()
	top := w.titleH()
	if w.titleAbove {
		w.title.Wrap = false
		place(w.title, 0, 0, size.Width, top-gap)
	} else {
		w.title.Wrap = true
		th := min(size.Height, titleW*1.1)
		place(w.title, 0, (size.Height-th)/2, titleW-gap, th)
	}
	perRow, _ := w.grid(size.Width)
	chipW := w.chipW(size.Width, perRow)
	for i, c := range w.chips {
		x := titleW + gap + float32(i%perRow)*(chipW+gap)
		y := top + float32(i/perRow)*(h+gap)
		place(c.bg, x, y, chipW, h)
		countW, nameW := chipBoxes(chipW, h)
		place(c.count, x+h*0.08, y+h*0.12, countW, h*0.76)
		place(c.name, x+h*0.12+countW, y+h*0.03, nameW, h*0.94)
	}
	w.sizeNames()
}

// sizeNames gives every service name one text size, the largest at which
// the longest fits its chip in two lines: a hall reads the names as one
// list, so that a long one must not come out smaller than its neighbours.
func (w *waitingStrip) sizeNames() {
	if len(w.chips) == 0 {
		return
	}
	hi, lo := w.nameMax, w.nameMin
	if hi == 0 {
		hi, lo = w.chipH*0.42, w.chipH*0.33
	}
	ts := hi
	for _, c := range w.chips {
		_, s := fitWrapped(c.name.Text, c.name.textStyle(), c.name.Size(), 0, hi)
		ts = min(ts, s)
	}
	ts = max(ts, lo)
	for _, c := range w.chips {
		if c.name.Min != ts || c.name.Max != ts || !c.name.Wrap {
			c.name.Min, c.name.Max, c.name.Wrap = ts, ts, true
			c.name.Refresh()
		}
	}
}

func (l stripLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 20) }

package ui

import "fyne.io/fyne/v2"

// screenLayout places the header, the tiles, the "vừa gọi" list, the
// waiting strip and the ticker. On a landscape screen the list stands at
// the right of the tiles; on a portrait one it sits under them. Every size
// follows the window, so 720p, 1080p and portrait 1080x1920 all fill the
// screen.
type screenLayout struct{ s *screen }

func (l *screenLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	s := l.s
	place(objs[0], 0, 0, size.Width, size.Height) // background
	portrait := size.Height > size.Width
	short := min(size.Width, size.Height)
	headerH, tickerH := short*0.1, short*0.065
	s.recent.cols = 1
	if portrait {
		s.recent.cols = 2
	}
	gap := short * 0.01
	// Sizes for 1080p read from 5 m: the strip's names and the "vừa gọi"
	// rows at least 48 px (short side × 0.135 × nameMin, × 0.078 × 0.8 / 1.36).
	s.recent.rowMin = short * 0.078
	s.waiting.nameMin, s.waiting.nameMax = short*0.0445, short*0.056
	s.waiting.titleW = short * 0.108
	s.waiting.chipH, s.waiting.perRowMax, s.waiting.titleAbove = short*0.132, 0, false
	if portrait {
		// One service a line, "Đang chờ" above: the names on one line
		// at full width.
		s.waiting.chipH, s.waiting.perRowMax, s.waiting.titleAbove = short*0.08, 2, true
	}
	stripH := s.waiting.Height(size.Width - 2*gap)
	place(s.header.box, 0, 0, size.Width, headerH)
	place(s.ticker.box, 0, size.Height-tickerH, size.Width, tickerH)
	place(s.waiting.box, gap, size.Height-tickerH-gap-stripH, size.Width-2*gap, stripH)
	top := headerH + gap
	bodyH := size.Height - headerH - tickerH - stripH - 3*gap
	if g, ok := s.grid.Layout.(tileGrid); ok && g.gap != gap {
		g.gap = gap
		s.grid.Layout = g
		s.grid.Refresh()
	}
	if portrait {
		tilesH := bodyH * 0.64
		place(s.grid, gap, top, size.Width-2*gap, tilesH)
		place(s.empty, gap, top, size.Width-2*gap, tilesH)
		place(s.recent.box, gap, top+tilesH+gap, size.Width-2*gap, bodyH-tilesH-gap)
		return
	}
	sideW := size.Width * 0.3
	tilesW := size.Width - sideW - 3*gap
	place(s.grid, gap, top, tilesW, bodyH)
	place(s.empty, gap, top, tilesW, bodyH)
	place(s.recent.box, 2*gap+tilesW, top, sideW, bodyH)
}

func (l *screenLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(640, 360) }

// place moves and sizes o.
func place(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}

package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"hallq/display/model"
	"hallq/shared/look"
)

// screen is the hall screen's window and widgets: it renders a model.View
// and nothing else. Its methods must run on the UI goroutine (inside
// fyne.Do from elsewhere).
type screen struct {
	win    fyne.Window
	root   *fyne.Container
	header *headerView
	grid   *fyne.Container
	tiles  []*tileView
	// empty stands in the tiles' place until the server sent the counters.
	empty   *fitText
	recent  *listPanel
	waiting *waitingStrip
	ticker  *tickerView
}

// newScreen builds the screen in a new window of app, with the hall's
// theme, at opts.Size (DefaultSize when zero).
func newScreen(app fyne.App, opts Options) *screen {
	if opts.Size.IsZero() {
		opts.Size = DefaultSize
	}
	app.Settings().SetTheme(look.Theme())
	s := &screen{
		win:     app.NewWindow("Màn hình phòng chờ"),
		header:  newHeaderView(),
		grid:    box(tileGrid{gap: 14}),
		recent:  newListPanel("Vừa gọi", model.MaxRecent, 96, 0.48, fyne.TextAlignTrailing),
		waiting: newWaitingStrip(),
		ticker:  newTickerView(opts.Version),
		empty:   newFitText("Đang chờ dữ liệu từ máy chủ…", colMuted, false, fyne.TextAlignCenter),
	}
	s.empty.Max = 40
	bg := canvas.NewRectangle(colBackground)
	s.root = box(&screenLayout{s: s}, bg, s.header.box, s.grid, s.empty, s.recent.box, s.waiting.box, s.ticker.box)
	s.win.SetContent(s.root)
	s.win.SetPadded(false)
	s.win.Resize(opts.Size)
	s.win.SetFullScreen(opts.Fullscreen)
	return s
}

// tick turns the ticker's page when its time has come; the UI calls it on
// every redraw tick.
func (s *screen) tick(now time.Time) { s.ticker.turn(now) }

// render shows v.
func (s *screen) render(v model.View) {
	s.header.update(v)
	s.renderTiles(v.Tiles)
	s.renderEmpty(v)
	s.recent.setRows(recentLines(v.Recent))
	if len(v.Services) != len(s.waiting.chips) {
		s.waiting.set(v.Services)
		s.root.Refresh() // the strip may need another row
	} else {
		s.waiting.set(v.Services)
	}
	s.ticker.set(v.Ticker)
}

// renderEmpty says, where the tiles go, why there are none: waiting for
// the server, or the server refusing this display (big, in red, wrapped).
func (s *screen) renderEmpty(v model.View) {
	text, c, max := "Đang chờ dữ liệu từ máy chủ…", colMuted, float32(40)
	if v.Refused != "" {
		text, c, max = v.Refused, colAlert, 48
	}
	if len(v.Tiles) > 0 && v.Refused != "" {
		s.grid.Hide()
		s.empty.Show()
	} else {
		s.grid.Show()
	}
	if s.empty.Max != max {
		s.empty.Max, s.empty.Wrap = max, v.Refused != ""
		s.empty.Refresh()
	}
	s.empty.Set(text, c)
}

// renderTiles updates the tiles, making or dropping some when the number
// of counters changed.
func (s *screen) renderTiles(ts []model.Tile) {
	if len(ts) != len(s.tiles) {
		s.tiles = s.tiles[:0]
		objs := make([]fyne.CanvasObject, 0, len(ts))
		for range ts {
			t := newTileView()
			s.tiles = append(s.tiles, t)
			objs = append(objs, t.box)
		}
		s.grid.Objects = objs
		s.grid.Refresh()
	}
	if len(ts) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	sample := numberSample(ts)
	for i, t := range ts {
		if s.tiles[i].number.Sample != sample {
			s.tiles[i].number.Sample = sample
			s.tiles[i].number.Refresh()
		}
		s.tiles[i].update(t)
	}
}

// numberSample is a number as long as the longest shown (at least four
// characters, "A105"), so that every tile's number has the same size.
func numberSample(ts []model.Tile) string {
	n := 4
	for _, t := range ts {
		n = max(n, len([]rune(t.Number)))
	}
	return "D" + strings.Repeat("0", n-1)
}

// DefaultSize is the window's size when not fullscreen and none is given;
// main shrinks it to a smaller or portrait monitor (shared/screenfit).
var DefaultSize = fyne.NewSize(1280, 720)

// box returns a container with layout l.
func box(l fyne.Layout, objs ...fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: l, Objects: objs}
}

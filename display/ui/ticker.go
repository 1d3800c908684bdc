package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// tickerPage is how long each page of the ticker stays.
const tickerPage = 8 * time.Second

// tickerSep separates the parts of the ticker's message (board.View.Ticker).
const tickerSep = "   •   "

// tickerView is the bottom line: the feedback contact and the hall's
// message. Text wider than the screen is shown in pages that turn every
// tickerPage, cut between parts and words; paging, unlike scrolling, costs
// no redraw between turns and reads better from afar.
type tickerView struct {
	bg    *canvas.Rectangle
	text  *canvas.Text
	box   *fyne.Container
	msg   string
	pages []string
	page  int
}

func newTickerView() *tickerView {
	v := &tickerView{bg: canvas.NewRectangle(colTicker), text: canvas.NewText("", colText)}
	v.box = box(tickerLayout{v}, v.bg, v.text)
	return v
}

// set changes the message.
func (v *tickerView) set(msg string) {
	if v.msg == msg {
		return
	}
	v.msg = msg
	tickerLayout{v}.Layout(nil, v.box.Size())
}

// turn shows the page for time now.
func (v *tickerView) turn(now time.Time) {
	if len(v.pages) < 2 {
		return
	}
	p := int(now.UnixNano()/int64(tickerPage)) % len(v.pages)
	if p == v.page {
		return
	}
	v.page = p
	v.show()
}

// show puts the current page on the line, centred.
func (v *tickerView) show() {
	size := v.box.Size()
	text := ""
	if v.page < len(v.pages) {
		text = v.pages[v.page]
	}
	v.text.Text = text
	m := fyne.MeasureText(text, v.text.TextSize, v.text.TextStyle)
	v.text.Resize(m)
	v.text.Move(fyne.NewPos(max(0, (size.Width-m.Width)/2), (size.Height-m.Height)/2))
	v.text.Refresh()
}

type tickerLayout struct{ v *tickerView }

func (l tickerLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	v := l.v
	v.bg.Resize(size)
	v.bg.Move(fyne.NewPos(0, 0))
	v.text.TextSize = size.Height * 0.5
	width := size.Width - size.Height
	v.pages = paginate(v.msg, width, func(s string) float32 {
		return fyne.MeasureText(s, v.text.TextSize, v.text.TextStyle).Width
	})
	if v.page >= len(v.pages) {
		v.page = 0
	}
	v.show()
}

func (l tickerLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 20) }

// paginate splits msg into lines no wider than width: whole if it fits,
// else part by part (tickerSep), and a part too wide by words.
func paginate(msg string, width float32, measure func(string) float32) []string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return nil
	}
	if measure(msg) <= width {
		return []string{msg}
	}
	var pages []string
	for _, part := range strings.Split(msg, tickerSep) {
		line := ""
		for _, w := range strings.Fields(part) {
			next := w
			if line != "" {
				next = line + " " + w
			}
			if line != "" && measure(next) > width {
				pages = append(pages, line)
				next = w
			}
			line = next
		}
		if line != "" {
			pages = append(pages, line)
		}
	}
	return pages
}

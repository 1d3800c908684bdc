package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"hallq/shared/look"
)

// tickerPage is how long each page of the ticker stays.
const tickerPage = 8 * time.Second

// tickerShrink is the smallest share of the line's text size a page may
// take so that a part (the feedback contact, a sentence) stays on one page
// instead of being cut between two.
const tickerShrink = 0.75

// tickerSep separates the parts of the ticker's message (board.View.Ticker).
const tickerSep = "   •   "

// versionSize is the version's text size, in ticker heights: read up close
// by staff (20 px at 1080p, 13 px at 720p), not from the hall.
const versionSize = 0.28

// tickerView is the bottom line: the feedback contact and the hall's
// message. Text wider than the screen is shown in pages that turn every
// tickerPage, cut between parts and words; paging, unlike scrolling, costs
// no redraw between turns and reads better from afar.
//
// The display's version sits small at the line's right end, on the pages
// that leave it room: it never moves, shrinks or cuts the message (a
// portrait screen's feedback contact takes the whole line).
type tickerView struct {
	bg      *canvas.Rectangle
	text    *canvas.Text
	version *canvas.Text // nil without a version
	box     *fyne.Container
	msg     string
	pages   []string
	sizes   []float32 // each page's text size
	page    int
}

func newTickerView(version string) *tickerView {
	v := &tickerView{bg: canvas.NewRectangle(colTicker), text: canvas.NewText("", colText)}
	v.box = box(tickerLayout{v}, v.bg, v.text)
	if version != "" {
		v.version = canvas.NewText(look.VersionCaption(version), colMuted)
		v.box.Add(v.version)
	}
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
		v.text.TextSize = v.sizes[v.page]
	}
	v.text.Text = text
	m := fyne.MeasureText(text, v.text.TextSize, v.text.TextStyle)
	v.text.Resize(m)
	x := max(0, (size.Width-m.Width)/2)
	v.text.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
	v.text.Refresh()
	if v.version == nil {
		return
	}
	// The version shows when half a line's height parts it from the text.
	room := text == "" || x+m.Width+size.Height/2 <= v.version.Position().X
	switch {
	case room == v.version.Visible():
	case room:
		v.version.Show()
	default:
		v.version.Hide()
	}
}

// placeVersion puts the version at the right end of a line of size, in
// the margin the message leaves at each end.
func (v *tickerView) placeVersion(size fyne.Size) {
	if v.version == nil {
		return
	}
	v.version.TextSize = size.Height * versionSize
	m := fyne.MeasureText(v.version.Text, v.version.TextSize, v.version.TextStyle)
	v.version.Resize(m)
	v.version.Move(fyne.NewPos(size.Width-size.Height/2-m.Width, (size.Height-m.Height)/2))
	v.version.Refresh()
}

type tickerLayout struct{ v *tickerView }

func (l tickerLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	v := l.v
	v.bg.Resize(size)
	v.bg.Move(fyne.NewPos(0, 0))
	v.placeVersion(size)
	base := size.Height * 0.5
	width := size.Width - size.Height
	measure := func(ts float32) func(string) float32 {
		return func(s string) float32 { return fyne.MeasureText(s, ts, v.text.TextStyle).Width }
	}
	v.pages, v.sizes = v.pages[:0], v.sizes[:0]
	add := func(p string, ts float32) { v.pages, v.sizes = append(v.pages, p), append(v.sizes, ts) }
	if msg := strings.TrimSpace(v.msg); msg != "" && measure(base)(msg) <= width {
		add(msg, base)
	} else {
		// Part by part: a part that fits at tickerShrink of the size or
		// more gets one page (the feedback contact stays whole); a longer
		// one is cut into pages at the full size.
		for _, part := range strings.Split(v.msg, tickerSep) {
			w := measure(base)(strings.TrimSpace(part))
			if w > width && w*tickerShrink <= width {
				add(strings.TrimSpace(part), base*width/w)
				continue
			}
			for _, p := range paginate(part, width, measure(base)) {
				add(p, base)
			}
		}
	}
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
		var line []string
		for _, w := range unbreakable(part) {
			if len(line) > 0 && measure(strings.Join(append(line, w), " ")) > width {
				n := sentenceBreak(line, width, measure)
				pages = append(pages, strings.Join(line[:n], " "))
				line = append([]string(nil), line[n:]...)
			}
			line = append(line, w)
		}
		if len(line) > 0 {
			pages = append(pages, strings.Join(line, " "))
		}
	}
	return pages
}

// sentenceBreak returns how many runs of a full line go on its page: up to
// the last end of a sentence, if that fills at least half the width, else
// all of them.
func sentenceBreak(line []string, width float32, measure func(string) float32) int {
	for n := len(line) - 1; n > 0; n-- {
		if strings.HasSuffix(line[n-1], ".") && measure(strings.Join(line[:n], " ")) >= width/2 {
			return n
		}
	}
	return len(line)
}

// unbreakable splits a part of the ticker into the runs a page may not cut:
// words, except that a number stays with a number or a short word ("ĐT",
// "số") before it, and a lone dash with its neighbours, so that "ĐT 0274
// 3822 513" and "07:30 - 17:00" are never split across pages.
func unbreakable(part string) []string {
	var runs []string
	prev := ""
	for _, w := range strings.Fields(part) {
		glue := prev == "-" || prev == "–" || w == "-" || w == "–" ||
			(startsWithDigit(w) && (startsWithDigit(prev) || len([]rune(prev)) <= 2))
		if len(runs) > 0 && glue {
			runs[len(runs)-1] += " " + w
		} else {
			runs = append(runs, w)
		}
		prev = w
	}
	return runs
}

func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

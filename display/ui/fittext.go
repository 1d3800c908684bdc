package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// fitText is a line of text whose size follows its box: as large as fits,
// up to Max, so that the board scales from a 720p screen to a 1080p TV and
// to portrait. Below Min it keeps Min and cuts the text with "…". With
// Wrap, the text may take two lines when that lets it be larger.
type fitText struct {
	widget.BaseWidget
	Text  string
	Color color.Color
	Bold  bool
	Align fyne.TextAlign
	// Max and Min bound the text size; zero means no bound.
	Max, Min float32
	// Sample, when set, is measured instead of Text, so that texts of
	// different lengths (the tiles' numbers) share one size.
	Sample string
	// Wrap lets the text break between words into two lines.
	Wrap bool
}

// newFitText returns a fitText.
func newFitText(text string, c color.Color, bold bool, align fyne.TextAlign) *fitText {
	f := &fitText{Text: text, Color: c, Bold: bold, Align: align}
	f.ExtendBaseWidget(f)
	return f
}

// Set changes the text and colour, refreshing only on a change.
func (f *fitText) Set(text string, c color.Color) {
	if f.Text == text && f.Color == c {
		return
	}
	f.Text, f.Color = text, c
	f.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (f *fitText) CreateRenderer() fyne.WidgetRenderer {
	r := &fitRenderer{f: f, t: canvas.NewText("", f.Color), t2: canvas.NewText("", f.Color)}
	r.Refresh()
	return r
}

type fitRenderer struct {
	f *fitText
	// t is the line, t2 the second line of a wrapped text.
	t, t2 *canvas.Text
}

// textStyle is the style the text is drawn in.
func (f *fitText) textStyle() fyne.TextStyle { return fyne.TextStyle{Bold: f.Bold} }

func (r *fitRenderer) Layout(size fyne.Size) {
	style := r.f.textStyle()
	var lines []string
	var ts float32
	if r.f.Wrap {
		lines, ts = fitWrapped(r.f.Text, style, size, r.f.Min, r.f.Max)
	} else {
		var text string
		text, ts = fitSize(r.f.Text, style, size, r.f.Min, r.f.Max)
		lines = []string{text}
	}
	if r.f.Sample != "" && r.f.Text != "" {
		_, ts = fitSize(r.f.Sample, style, size, r.f.Min, r.f.Max)
	}
	lines = append(lines, "")
	h := fyne.MeasureText(lines[0], ts, style).Height
	top := (size.Height - h*float32(len(lines)-1)) / 2
	for i, t := range []*canvas.Text{r.t, r.t2} {
		t.Text = lines[i]
		t.TextSize = ts
		t.TextStyle = style
		t.Alignment = r.f.Align
		t.Resize(fyne.NewSize(size.Width, h))
		t.Move(fyne.NewPos(0, top+float32(i)*h))
	}
}

// fitSize returns the largest text size at which text fits in box, within
// [min, max], and the text itself, cut with "…" if it does not fit at min.
func fitSize(text string, style fyne.TextStyle, box fyne.Size, min, max float32) (string, float32) {
	if text == "" || box.Width <= 0 || box.Height <= 0 {
		return text, 1
	}
	const probe = 100
	m := fyne.MeasureText(text, probe, style)
	ts := probe * box.Width / m.Width
	if byH := probe * box.Height / m.Height; byH < ts {
		ts = byH
	}
	if max > 0 && ts > max {
		ts = max
	}
	if min <= 0 || ts >= min {
		return text, ts
	}
	runes := []rune(text)
	for n := len(runes) - 1; n > 0; n-- {
		cut := string(runes[:n]) + "…"
		if fyne.MeasureText(cut, min, style).Width <= box.Width {
			return cut, min
		}
	}
	return "…", min
}

func (r *fitRenderer) MinSize() fyne.Size { return fyne.NewSize(1, 1) }

func (r *fitRenderer) Refresh() {
	r.t.Color, r.t2.Color = r.f.Color, r.f.Color
	r.Layout(r.f.Size())
	r.t.Refresh()
	r.t2.Refresh()
}

func (r *fitRenderer) Objects() []fyne.CanvasObject {
	if r.t2.Text == "" {
		return []fyne.CanvasObject{r.t}
	}
	return []fyne.CanvasObject{r.t, r.t2}
}

func (r *fitRenderer) Destroy() {}

// fitWrapped is fitSize for a text that may break into two lines: it
// returns one line or two, whichever is larger, at the largest size within
// [min, max] that fits box. The break is at the space that makes the
// longer line shortest. At min, a second line still too wide is cut with
// "…".
func fitWrapped(text string, style fyne.TextStyle, box fyne.Size, lo, hi float32) ([]string, float32) {
	one, ts := fitSize(text, style, box, 0, hi)
	words := strings.Fields(text)
	if len(words) < 2 || (hi > 0 && ts >= hi) {
		return fitLine(text, one, ts, style, box, lo)
	}
	const probe = 100
	var a, b string
	widest := float32(-1)
	for i := 1; i < len(words); i++ {
		l1, l2 := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		w := max(fyne.MeasureText(l1, probe, style).Width, fyne.MeasureText(l2, probe, style).Width)
		if widest < 0 || w < widest {
			a, b, widest = l1, l2, w
		}
	}
	lineH := fyne.MeasureText(a, probe, style).Height
	ts2 := min(probe*box.Width/widest, probe*box.Height/(2*lineH))
	if hi > 0 && ts2 > hi {
		ts2 = hi
	}
	if ts2 <= ts {
		return fitLine(text, one, ts, style, box, lo)
	}
	if lo <= 0 || ts2 >= lo {
		return []string{a, b}, ts2
	}
	half := fyne.NewSize(box.Width, box.Height/2)
	a, _ = fitSize(a, style, half, lo, lo)
	b, _ = fitSize(b, style, half, lo, lo)
	return []string{a, b}, lo
}

// fitLine is the one-line answer of fitWrapped: one at ts, or the text
// cut at lo when ts is below it.
func fitLine(text, one string, ts float32, style fyne.TextStyle, box fyne.Size, lo float32) ([]string, float32) {
	if lo > 0 && ts < lo {
		one, ts = fitSize(text, style, box, lo, lo)
	}
	return []string{one}, ts
}

package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// fitText is a line of text whose size follows its box: as large as fits,
// up to Max, so that the board scales from a 720p screen to a 1080p TV and
// to portrait. Below Min it keeps Min and cuts the text with "…".
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
	r := &fitRenderer{f: f, t: canvas.NewText("", f.Color)}
	r.Refresh()
	return r
}

type fitRenderer struct {
	f *fitText
	t *canvas.Text
}

// textStyle is the style the text is drawn in.
func (f *fitText) textStyle() fyne.TextStyle { return fyne.TextStyle{Bold: f.Bold} }

func (r *fitRenderer) Layout(size fyne.Size) {
	style := r.f.textStyle()
	text, ts := fitSize(r.f.Text, style, size, r.f.Min, r.f.Max)
	if r.f.Sample != "" && text != "" {
		_, ts = fitSize(r.f.Sample, style, size, r.f.Min, r.f.Max)
	}
	r.t.Text = text
	r.t.TextSize = ts
	r.t.TextStyle = style
	r.t.Alignment = r.f.Align
	h := fyne.MeasureText(text, ts, style).Height
	r.t.Resize(fyne.NewSize(size.Width, h))
	r.t.Move(fyne.NewPos(0, (size.Height-h)/2))
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
	r.t.Color = r.f.Color
	r.Layout(r.f.Size())
	r.t.Refresh()
}

func (r *fitRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t} }

func (r *fitRenderer) Destroy() {}

package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"
)

// bar is one bar of a chart: its label, its value and the text shown by it.
type bar struct {
	Label string
	Value float64
	Text  string
	Color string
}

// Chart colours: the hall's blue, and the rating levels from red to green.
const (
	colorBlue = "#0d4b96"
	colorGrid = "#d5dbe3"
	colorInk  = "#1b2430"
	colorMute = "#5b6675"
	// colorAlert marks the wait alert on the wait charts.
	colorAlert = "#b3261e"
)

var levelColors = map[int]string{1: "#b3261e", 2: "#e4572e", 3: "#9aa5b4", 4: "#4caf50", 5: "#1e7b34"}

// Geometry of the charts' view boxes.
const (
	chartW     = 640
	hbarRow    = 34
	hbarLabelW = 190
	hbarTextW  = 90
	vbarH      = 240
	vbarFoot   = 34
	vbarHead   = 22
	vbarMaxW   = 56.0
)

// hbarChart draws bars left to right, one row each, scaled to maxV (the
// largest value when maxV is 0). It returns safe SVG markup.
func hbarChart(title string, bars []bar, maxV float64) template.HTML {
	return hbarChartRef(title, bars, maxV, reference{})
}

// reference is a fixed mark drawn across a chart (the wait alert), with its
// label; a zero Value draws none.
type reference struct {
	Value float64
	Label string
}

// refScale returns the scale of a chart with a reference: twice the
// reference, or more when a bar is longer, so that the same wait always
// looks the same size from day to day.
func refScale(bars []bar, ref float64) float64 {
	return max(2*ref, scaleMax(bars, 0))
}

// hbarChartRef is hbarChart with a reference line.
func hbarChartRef(title string, bars []bar, maxV float64, ref reference) template.HTML {
	if len(bars) == 0 {
		return emptyChart()
	}
	maxV = scaleMax(bars, maxV)
	h := len(bars)*hbarRow + 8
	var b strings.Builder
	svgOpen(&b, title, chartW, h)
	span := float64(chartW - hbarLabelW - hbarTextW)
	for i, br := range bars {
		y := 4 + i*hbarRow
		w := span * br.Value / maxV
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="15" fill="%s">%s</text>`,
			hbarLabelW-10, y+22, colorInk, esc(shorten(br.Label, 24)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" rx="3" fill="%s"><title>%s: %s</title></rect>`,
			hbarLabelW, y+5, w, hbarRow-10, colorOr(br.Color), esc(br.Label), esc(br.Text))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="15" font-weight="600" fill="%s">%s</text>`,
			float64(hbarLabelW)+w+8, y+22, colorInk, esc(br.Text))
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="0" x2="%d" y2="%d" stroke="%s"/>`, hbarLabelW, hbarLabelW, h, colorMute)
	if ref.Value > 0 {
		x := float64(hbarLabelW) + span*ref.Value/maxV
		fmt.Fprintf(&b, `<line x1="%.1f" y1="0" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, x, x, h, colorAlert)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="12" fill="%s">%s</text>`, x+4, h-4, colorAlert, esc(ref.Label))
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// vbarChart draws bars bottom up, one column each, scaled to maxV (the
// largest value when maxV is 0), with every label under its column when
// they fit and every other one when they do not.
func vbarChart(title string, bars []bar, maxV float64) template.HTML {
	return vbarChartRef(title, bars, maxV, reference{})
}

// vbarChartRef is vbarChart with a reference line.
func vbarChartRef(title string, bars []bar, maxV float64, ref reference) template.HTML {
	if len(bars) == 0 {
		return emptyChart()
	}
	maxV = scaleMax(bars, maxV)
	h := vbarHead + vbarH + vbarFoot
	var b strings.Builder
	svgOpen(&b, title, chartW, h)
	slot := float64(chartW-20) / float64(len(bars))
	step := 1
	if slot < 26 {
		step = 2
	}
	for _, frac := range []float64{0.5, 1} {
		y := float64(vbarHead) + float64(vbarH)*(1-frac)
		fmt.Fprintf(&b, `<line x1="10" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-dasharray="4 4"/>`, y, chartW-10, y, colorGrid)
	}
	barW := min(slot*0.7, vbarMaxW)
	for i, br := range bars {
		x := 10 + slot*float64(i)
		bh := float64(vbarH) * br.Value / maxV
		y := float64(vbarHead+vbarH) - bh
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" fill="%s"><title>%s: %s</title></rect>`,
			x+(slot-barW)/2, y, barW, bh, colorOr(br.Color), esc(br.Label), esc(br.Text))
		valueLabel(&b, br.Text, x+slot/2, y, bh, slot)
		if i%step == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="%d" fill="%s">%s</text>`,
				x+slot/2, vbarHead+vbarH+22, fontFor(slot), colorMute, esc(br.Label))
		}
	}
	fmt.Fprintf(&b, `<line x1="10" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, vbarHead+vbarH, chartW-10, vbarHead+vbarH, colorMute)
	if ref.Value > 0 {
		y := float64(vbarHead) + float64(vbarH)*(1-ref.Value/maxV)
		fmt.Fprintf(&b, `<line x1="10" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, y, chartW-10, y, colorAlert)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" font-size="12" fill="%s">%s</text>`, chartW-12, y-4, colorAlert, esc(ref.Label))
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// valueLabel writes a column's value: above it when the column is wide
// enough, else turned upright, inside a tall column or above a short one.
func valueLabel(b *strings.Builder, text string, cx, top, height, slot float64) {
	if slot >= 44 {
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="14" fill="%s">%s</text>`, cx, top-5, colorInk, esc(text))
		return
	}
	if height >= 52 {
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" transform="rotate(-90 %.1f %.1f)" text-anchor="end" dominant-baseline="middle" font-size="12" fill="#fff">%s</text>`,
			cx, top+6, cx, top+6, esc(text))
		return
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" transform="rotate(-90 %.1f %.1f)" text-anchor="start" dominant-baseline="middle" font-size="12" fill="%s">%s</text>`,
		cx, top-4, cx, top-4, colorInk, esc(text))
}

func svgOpen(b *strings.Builder, title string, w, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`,
		w, h, esc(title), esc(title))
}

func emptyChart() template.HTML {
	return template.HTML(`<p class="hint">Chưa có số liệu.</p>`)
}

func scaleMax(bars []bar, maxV float64) float64 {
	if maxV > 0 {
		return maxV
	}
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	if maxV <= 0 {
		return 1
	}
	return maxV
}

func fontFor(slot float64) int {
	if slot < 22 {
		return 11
	}
	return 14
}

func colorOr(c string) string {
	if c == "" {
		return colorBlue
	}
	return c
}

func esc(s string) string { return html.EscapeString(s) }

// shorten cuts s to n runes with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

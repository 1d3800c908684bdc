package qr

import (
	"strings"
	"testing"
)

func TestSVG(t *testing.T) {
	svg, err := SVG("http://hall.local/hen?ma=ABC234", `Mã "hẹn"`)
	if err != nil {
		t.Fatal(err)
	}
	bits, _ := Bitmap("http://hall.local/hen?ma=ABC234")
	black := 0
	for _, row := range bits {
		for _, b := range row {
			if b {
				black++
			}
		}
	}
	if black == 0 || !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, `aria-label="Mã &quot;hẹn&quot;"`) {
		t.Fatalf("svg: %.200s", svg)
	}
	// Every black module is drawn: the runs' lengths add up.
	sum := 0
	for _, part := range strings.Split(svg, "h")[1:] {
		var n int
		for _, c := range part {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		sum += n
	}
	if sum != black {
		t.Fatalf("the path draws %d modules, want %d", sum, black)
	}
	if _, err := Bitmap(strings.Repeat("x", 5000)); err == nil {
		t.Fatal("an over-long content made a code")
	}
}

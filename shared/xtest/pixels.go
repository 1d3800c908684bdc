package xtest

import (
	"image"
	"image/color"
)

// Share is the part of r's pixels (inset by 4) within tol of one of cs on
// every channel: for backgrounds.
func Share(img image.Image, r image.Rectangle, tol int, cs ...color.NRGBA) float64 {
	r = r.Inset(4).Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	return float64(Pixels(img, r, tol, cs...)) / float64(r.Dx()*r.Dy())
}

// Pixels counts r's pixels within tol of one of cs on every channel: for
// text, which fills little of its box.
func Pixels(img image.Image, r image.Rectangle, tol int, cs ...color.NRGBA) int {
	r = r.Intersect(img.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			for _, c := range cs {
				if near(p.R, c.R, tol) && near(p.G, c.G, tol) && near(p.B, c.B, tol) {
					n++
					break
				}
			}
		}
	}
	return n
}

func near(a, b uint8, tol int) bool {
	d := int(a) - int(b)
	return d <= tol && d >= -tol
}

// Hovered is c under a theme's hover colour, as a button under the pointer
// draws it.
func Hovered(c color.NRGBA, hover color.Color) color.NRGBA {
	h := color.NRGBAModel.Convert(hover).(color.NRGBA)
	mix := func(a, b uint8) uint8 { return uint8((int(a)*(255-int(h.A)) + int(b)*int(h.A)) / 255) }
	return color.NRGBA{R: mix(c.R, h.R), G: mix(c.G, h.G), B: mix(c.B, h.B), A: 0xff}
}

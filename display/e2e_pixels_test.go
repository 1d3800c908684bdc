package main

import (
	"image"
	"image/color"

	"hallq/shared/look"
)

// The board's colours as the screenshots show them.
var (
	// yellow is a number, and a flashing tile's whole background.
	yellow = look.Color(look.ToneAccent)
	// red is the connection line in the header.
	red = look.Color(look.ToneAlert)
)

// near reports whether c is want, give or take anti-aliasing.
func near(c color.Color, want color.NRGBA) bool {
	r, g, b, _ := c.RGBA()
	return nearRGB(uint8(r>>8), uint8(g>>8), uint8(b>>8), want)
}

func nearRGB(r, g, b uint8, want color.NRGBA) bool {
	d := func(x, y uint8) bool {
		v := int(x) - int(y)
		return v > -24 && v < 24
	}
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

// nearAt is near(img.At(x, y), want), fast for the screenshots' types.
func nearAt(img image.Image, x, y int, want color.NRGBA) bool {
	switch m := img.(type) {
	case *image.RGBA:
		i := m.PixOffset(x, y)
		return nearRGB(m.Pix[i], m.Pix[i+1], m.Pix[i+2], want)
	case *image.NRGBA:
		i := m.PixOffset(x, y)
		return nearRGB(m.Pix[i], m.Pix[i+1], m.Pix[i+2], want)
	}
	return near(img.At(x, y), want)
}

// count returns how many pixels of img inside r are col.
func count(img image.Image, r image.Rectangle, col color.NRGBA) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if nearAt(img, x, y, col) {
				n++
			}
		}
	}
	return n
}

// blobStep is the grid largestBlob looks at: every fourth pixel each way,
// so that a test under the race detector and a loaded machine still
// samples a flash's lit phase (half a second) several times.
const blobStep = 4

// largestBlob returns the bounds (to within blobStep pixels) and size in
// pixels of the largest connected patch of col in img: a flashing tile,
// while lit, is one solid yellow patch.
func largestBlob(img image.Image, col color.NRGBA) (image.Rectangle, int) {
	b := img.Bounds()
	w, h := b.Dx()/blobStep, b.Dy()/blobStep
	match := make([]bool, w*h)
	for y := range h {
		for x := range w {
			match[y*w+x] = nearAt(img, b.Min.X+x*blobStep, b.Min.Y+y*blobStep, col)
		}
	}
	seen := make([]bool, w*h)
	var best image.Rectangle
	bestN := 0
	var stack []int
	for start := range match {
		if !match[start] || seen[start] {
			continue
		}
		seen[start] = true
		stack = append(stack[:0], start)
		n := 0
		r := image.Rect(start%w, start/w, start%w+1, start/w+1)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n++
			x, y := i%w, i/w
			r = r.Union(image.Rect(x, y, x+1, y+1))
			for _, j := range [4]int{i - 1, i + 1, i - w, i + w} {
				if j < 0 || j >= len(match) || seen[j] || !match[j] {
					continue
				}
				if (j == i-1 && x == 0) || (j == i+1 && x == w-1) {
					continue
				}
				seen[j] = true
				stack = append(stack, j)
			}
		}
		if n > bestN {
			best, bestN = r, n
		}
	}
	best = image.Rect(best.Min.X*blobStep, best.Min.Y*blobStep, best.Max.X*blobStep, best.Max.Y*blobStep)
	return best.Add(b.Min), bestN * blobStep * blobStep
}

// sameRect reports whether a and b are the same to within blobStep.
func sameRect(a, b image.Rectangle) bool {
	d := func(x, y int) bool { return x-y <= blobStep && y-x <= blobStep }
	return d(a.Min.X, b.Min.X) && d(a.Min.Y, b.Min.Y) && d(a.Max.X, b.Max.X) && d(a.Max.Y, b.Max.Y)
}

// changed returns the share of the pixels inside r that differ between a
// and b.
func changed(a, b image.Image, r image.Rectangle) float64 {
	r = r.Intersect(a.Bounds()).Intersect(b.Bounds())
	if r.Empty() {
		return 0
	}
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA() // a tile: small enough for At
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

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
	d := func(x uint32, y uint8) bool {
		v := int(x>>8) - int(y)
		return v > -24 && v < 24
	}
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

// count returns how many pixels of img inside r are col.
func count(img image.Image, r image.Rectangle, col color.NRGBA) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(img.At(x, y), col) {
				n++
			}
		}
	}
	return n
}

// largestBlob returns the bounds and size of the largest 4-connected patch
// of col in img: a flashing tile, while lit, is one solid yellow patch.
func largestBlob(img image.Image, col color.NRGBA) (image.Rectangle, int) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	match := make([]bool, w*h)
	for y := range h {
		for x := range w {
			match[y*w+x] = near(img.At(b.Min.X+x, b.Min.Y+y), col)
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
			best, bestN = r.Add(b.Min), n
		}
	}
	return best, bestN
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
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

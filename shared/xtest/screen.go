package xtest

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"io"
	"os/exec"
	"testing"
)

// Screenshot captures the whole screen, saves it as a PNG at path (if not
// empty) and returns it.
//
// ImageMagick gives the pixels raw (PPM) and writes the PNG itself: a test
// binary built with -race takes seconds to decode or encode a 1920x1080
// PNG in Go on a loaded machine, longer than a tile's 6-second flash.
func (d *Display) Screenshot(t testing.TB, path string) image.Image {
	t.Helper()
	cmd := exec.Command("import", "-window", "root", "-depth", "8", "ppm:-")
	cmd.Env = d.env()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	img, err := decodePPM(out)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if path != "" {
		save := exec.Command("convert", "ppm:-", "png:"+path)
		save.Stdin = bytes.NewReader(out)
		if b, err := save.CombinedOutput(); err != nil {
			t.Fatalf("save screenshot %s: %v\n%s", path, err, b)
		}
	}
	return img
}

// rgbImage is an 8-bit RGB image as PPM stores it: 3 bytes a pixel, row
// by row.
type rgbImage struct {
	pix  []byte
	w, h int
}

func (m *rgbImage) ColorModel() color.Model { return color.NRGBAModel }
func (m *rgbImage) Bounds() image.Rectangle { return image.Rect(0, 0, m.w, m.h) }

func (m *rgbImage) At(x, y int) color.Color {
	if x < 0 || y < 0 || x >= m.w || y >= m.h {
		return color.NRGBA{}
	}
	i := (y*m.w + x) * 3
	return color.NRGBA{R: m.pix[i], G: m.pix[i+1], B: m.pix[i+2], A: 0xff}
}

// decodePPM reads a binary PPM (P6) with 8-bit samples.
func decodePPM(b []byte) (*rgbImage, error) {
	r := bufio.NewReader(bytes.NewReader(b))
	var magic string
	var w, h, max int
	// Header: P6, width, height, maxval, separated by white space, then one
	// white-space byte before the pixels (ImageMagick writes no comments).
	if _, err := fmt.Fscan(r, &magic, &w, &h, &max); err != nil {
		return nil, fmt.Errorf("ppm header: %w", err)
	}
	if magic != "P6" {
		return nil, fmt.Errorf("ppm: format %q, want P6", magic)
	}
	if max != 255 || w <= 0 || h <= 0 {
		return nil, fmt.Errorf("ppm: %dx%d with maxval %d, want 8-bit samples", w, h, max)
	}
	if _, err := r.ReadByte(); err != nil {
		return nil, fmt.Errorf("ppm header: %w", err)
	}
	pix := make([]byte, w*h*3)
	if _, err := io.ReadFull(r, pix); err != nil {
		return nil, fmt.Errorf("ppm pixels (%dx%d): %w", w, h, err)
	}
	return &rgbImage{pix: pix, w: w, h: h}, nil
}

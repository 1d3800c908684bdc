package xtest

import (
	"fmt"
	"image/color"
	"image/png"
	"os"
	"testing"
)

func TestDecodePPM(t *testing.T) {
	pix := []byte{255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	img, err := decodePPM(append([]byte("P6\n3 2\n255\n"), pix...))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 3 || b.Dy() != 2 {
		t.Fatalf("bounds %v, want 3x2", b)
	}
	for _, tc := range []struct {
		x, y int
		want color.NRGBA
	}{
		{0, 0, color.NRGBA{255, 0, 0, 255}},
		{2, 0, color.NRGBA{0, 0, 255, 255}},
		{0, 1, color.NRGBA{1, 2, 3, 255}},
		{2, 1, color.NRGBA{7, 8, 9, 255}},
	} {
		if got := img.At(tc.x, tc.y); got != tc.want {
			t.Errorf("At(%d, %d) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
	for _, bad := range []string{"P3\n3 2\n255\n", "P6\n3 2\n65535\n", fmt.Sprintf("P6\n3 2\n255\n%s", pix[:10])} {
		if _, err := decodePPM([]byte(bad)); err == nil {
			t.Errorf("decodePPM(%q): got no error", bad[:min(len(bad), 14)])
		}
	}
}

// TestScreenshot: the pixels returned are those of the PNG saved.
func TestScreenshot(t *testing.T) {
	d := StartX(t, 64, 48)
	path := t.TempDir() + "/shot.png"
	img := d.Screenshot(t, path)
	if b := img.Bounds(); b.Dx() != 64 || b.Dy() != 48 {
		t.Fatalf("screenshot bounds %v, want 64x48", b)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved, err := png.Decode(f)
	if err != nil {
		t.Fatalf("saved screenshot: %v", err)
	}
	if saved.Bounds() != img.Bounds() {
		t.Fatalf("saved bounds %v, returned %v", saved.Bounds(), img.Bounds())
	}
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			a := color.NRGBAModel.Convert(saved.At(x, y))
			if b := img.At(x, y); a != b {
				t.Fatalf("pixel (%d, %d): saved %v, returned %v", x, y, a, b)
			}
		}
	}
}

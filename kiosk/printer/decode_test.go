package printer

import (
	"fmt"
	"image"
	"image/color"
)

// decoded is what an ESC/POS job did, as a printer would see it.
type decoded struct {
	img       *image.Gray
	bands     int
	maxRows   int
	cut       bool
	cutLast   bool
	statusReq int
}

// decodeESCPOS interprets the commands EncodeESCPOS and TCP.Print use and
// rebuilds the printed image; any other byte is an error.
func decodeESCPOS(b []byte) (decoded, error) {
	var d decoded
	var rows [][]byte
	width := 0
	for i := 0; i < len(b); {
		d.cutLast = false
		switch {
		case has(b[i:], 0x1b, '@'):
			i += 2
		case has(b[i:], 0x1b, 'd'):
			i += 3
		case has(b[i:], 0x10, 0x04):
			d.statusReq++
			i += 3
		case has(b[i:], 0x1d, 'V'):
			d.cut, d.cutLast = true, true
			if len(b) > i+2 && b[i+2] >= 65 {
				i += 4
			} else {
				i += 3
			}
		case has(b[i:], 0x1d, 'v', '0'):
			if len(b) < i+8 {
				return d, fmt.Errorf("short raster header at %d", i)
			}
			xb := int(b[i+4]) | int(b[i+5])<<8
			yn := int(b[i+6]) | int(b[i+7])<<8
			i += 8
			if len(b) < i+xb*yn {
				return d, fmt.Errorf("short raster data at %d", i)
			}
			width = xb * 8
			for y := 0; y < yn; y++ {
				rows = append(rows, b[i:i+xb])
				i += xb
			}
			d.bands++
			d.maxRows = max(d.maxRows, yn)
		default:
			return d, fmt.Errorf("unknown byte %#x at %d", b[i], i)
		}
	}
	d.img = image.NewGray(image.Rect(0, 0, width, len(rows)))
	for y, row := range rows {
		for x := 0; x < width; x++ {
			c := color.Gray{Y: 255}
			if row[x/8]&(0x80>>(x%8)) != 0 {
				c.Y = 0
			}
			d.img.SetGray(x, y, c)
		}
	}
	return d, nil
}

func has(b []byte, prefix ...byte) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if b[i] != p {
			return false
		}
	}
	return true
}

// darkShare returns the share of black pixels of img inside r.
func darkShare(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	dark := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 128 {
				dark++
			}
		}
	}
	return float64(dark) / float64(r.Dx()*r.Dy())
}

// Package qr makes QR codes: the kiosk prints them on tickets and booking
// slips, the hall's /hen page shows them. It is the one package that
// imports the QR library.
package qr

import (
	"fmt"
	"strings"

	"github.com/skip2/go-qrcode"
)

// Bitmap returns content as a QR code of medium error correction: rows of
// modules, true for black, with the quiet zone around them.
func Bitmap(content string) ([][]bool, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	return q.Bitmap(), nil
}

// SVG returns content as a QR code in an SVG element that scales to its
// box (one path, crisp edges), for a web page.
func SVG(content, label string) (string, error) {
	bits, err := Bitmap(content)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	n := len(bits)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="%s">`, n, n, escape(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x := 0; x < len(row); x++ {
			if !row[x] {
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x, y, run, run)
			x += run - 1
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

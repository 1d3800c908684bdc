package printer

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strconv"
	"strings"

	"hallq/shared/qr"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// PaperWidth is the printable width in dots of an 80 mm paper at 203 dpi.
const PaperWidth = 576

const margin = 16

// layout records where the render put things, for tests.
type layout struct {
	number image.Rectangle
	qr     image.Rectangle
}

// canvas draws lines of text top to bottom on a tall white image.
type canvas struct {
	img *image.Gray
	y   int
	f   *fonts
	err error
}

func (p *Printer) render(s Slip) (image.Image, layout, error) {
	c := &canvas{img: image.NewGray(image.Rect(0, 0, PaperWidth, 3000)), f: p.fonts}
	draw.Draw(c.img, c.img.Bounds(), image.White, image.Point{}, draw.Src)
	var l layout
	c.y = 8
	c.text(s.Hall, 26, true)
	c.rule()
	c.text("SỐ THỨ TỰ", 28, false)
	top := c.y
	c.text(s.Number, 150, true)
	l.number = image.Rect(0, top, PaperWidth, c.y)
	c.text(s.Service, 28, true)
	if s.Priority {
		c.text("ƯU TIÊN", 28, true)
	}
	if s.Appointment != "" {
		c.text(s.Appointment, 26, true)
	}
	c.space(8)
	c.text("Số người chờ trước: "+strconv.Itoa(s.Ahead), 26, false)
	if s.Wait != "" {
		c.text("Thời gian chờ dự kiến: "+s.Wait, 26, false)
	}
	if !s.IssuedAt.IsZero() {
		c.text("Lấy số lúc "+s.IssuedAt.Format("15:04 ngày 02/01/2006"), 24, false)
	}
	c.rule()
	if s.QR != "" {
		if s.URL != "" {
			c.text("Quét mã bằng điện thoại để theo dõi số và đánh giá", 24, false)
		} else {
			c.text("Quét mã để đánh giá sự hài lòng", 24, false)
		}
		l.qr = c.qr(s.QR)
		if s.URL != "" {
			c.text(s.URL, 22, false)
		}
		c.text("Mã đánh giá: "+s.Token, 26, true)
	}
	if s.Feedback != "" {
		c.text("Phản ánh, kiến nghị: "+s.Feedback, 22, false)
	}
	c.space(24)
	if c.err != nil {
		return nil, layout{}, fmt.Errorf("printer: render: %w", c.err)
	}
	return c.img.SubImage(image.Rect(0, 0, PaperWidth, c.y)).(*image.Gray), l, nil
}

// text writes s centred, wrapped at word boundaries to the paper's width.
func (c *canvas) text(s string, size float64, bold bool) {
	if c.err != nil || s == "" {
		return
	}
	face, err := c.f.face(size, bold)
	if err != nil {
		c.err = err
		return
	}
	m := face.Metrics()
	for _, line := range wrap(face, s, PaperWidth-2*margin) {
		w := font.MeasureString(face, line).Ceil()
		d := font.Drawer{Dst: c.img, Src: image.Black, Face: face}
		d.Dot = fixed.P((PaperWidth-w)/2, c.y+m.Ascent.Ceil())
		d.DrawString(line)
		c.y += m.Height.Ceil()
	}
	c.y += 4
}

// wrap splits s into lines no wider than width.
func wrap(face font.Face, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && font.MeasureString(face, try).Ceil() > width {
			lines = append(lines, line)
			try = w
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func (c *canvas) space(n int) { c.y += n }

// rule draws a horizontal line.
func (c *canvas) rule() {
	c.y += 6
	draw.Draw(c.img, image.Rect(margin, c.y, PaperWidth-margin, c.y+3), image.Black, image.Point{}, draw.Src)
	c.y += 12
}

// qr draws content as a QR code with whole-dot modules, centred.
func (c *canvas) qr(content string) image.Rectangle {
	if c.err != nil {
		return image.Rectangle{}
	}
	bits, err := qr.Bitmap(content) // includes the quiet zone
	if err != nil {
		c.err = fmt.Errorf("qr code: %w", err)
		return image.Rectangle{}
	}
	scale := 260 / len(bits)
	side := scale * len(bits)
	x0 := (PaperWidth - side) / 2
	r := image.Rect(x0, c.y, x0+side, c.y+side)
	for y, row := range bits {
		for x, black := range row {
			if black {
				m := image.Rect(x0+x*scale, c.y+y*scale, x0+(x+1)*scale, c.y+(y+1)*scale)
				draw.Draw(c.img, m, image.NewUniform(color.Black), image.Point{}, draw.Src)
			}
		}
	}
	c.y += side + 4
	return r
}

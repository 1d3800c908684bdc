// Package printer renders a ticket slip as an image and sends it to the
// kiosk's printer: an ESC/POS thermal printer on the network (tcp:HOST:9100)
// or on USB (dev:/dev/usb/lp0), or a directory of PNG files (file:DIR) for
// halls without a printer and for tests.
package printer

import (
	"context"
	"fmt"
	"image"
	"sync"
	"time"
)

// Slip is what a ticket's paper says.
type Slip struct {
	Hall     string
	Number   string // A001
	Service  string // the service's name
	Priority bool
	Ahead    int
	Wait     string // "khoảng 9 phút"
	IssuedAt time.Time
	// QR is the QR code's content: "<ticket id> <token>", or the ticket
	// page's address (URL) when the hall set a public_url.
	QR string
	// URL is the ticket page's address, printed under the QR code so that
	// a phone without a QR reader can type it; empty when the hall has no
	// public_url.
	URL string
	// Token is printed under the QR code, to type it by hand.
	Token string
	// Feedback is where citizens send feedback (the hall's contact).
	Feedback string
	// ID names the file a file: target writes (the ticket id).
	ID string
	// Appointment is the line of an appointment's ticket ("LỊCH HẸN
	// 09:30"), or of a check-in outside its window; empty for others.
	Appointment string
}

// Target is where the slip's image goes. Print must return an error when the
// printer is off, unreachable or out of paper, so the kiosk can say so.
type Target interface {
	Print(ctx context.Context, img image.Image, name string) error
}

// Printer renders slips with the given fonts and prints them on a target,
// one at a time. It is safe for concurrent use.
type Printer struct {
	mu     sync.Mutex
	target Target
	fonts  *fonts
}

// New returns a printer for target. regular and bold are TrueType or OpenType
// font files with Vietnamese glyphs (Fyne's bundled Noto Sans).
func New(target Target, regular, bold []byte) (*Printer, error) {
	f, err := newFonts(regular, bold)
	if err != nil {
		return nil, fmt.Errorf("printer: %w", err)
	}
	return &Printer{target: target, fonts: f}, nil
}

// Render draws the slip as a black-and-white image PaperWidth dots wide.
func (p *Printer) Render(s Slip) (image.Image, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	img, _, err := p.render(s)
	return img, err
}

// Print renders the slip and prints it; the error says what went wrong.
func (p *Printer) Print(ctx context.Context, s Slip) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	img, _, err := p.render(s)
	if err != nil {
		return err
	}
	if err := p.target.Print(ctx, img, fileName(s.ID)); err != nil {
		return fmt.Errorf("printer: print %s: %w", s.Number, err)
	}
	return nil
}

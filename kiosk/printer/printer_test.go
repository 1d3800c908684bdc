package printer

import (
	"context"
	"errors"
	"image/png"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"
)

func testPrinter(t *testing.T, target Target) *Printer {
	t.Helper()
	p, err := New(target, theme.DefaultTextFont().Content(), theme.DefaultTextBoldFont().Content())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func testSlip() Slip {
	return Slip{
		Hall:     "Sở Công Thương tỉnh Bình Dương",
		Number:   "A001",
		Service:  "Lưu thông hàng hóa trong nước",
		Priority: true,
		Ahead:    3,
		Wait:     "khoảng 9 phút",
		IssuedAt: time.Date(2026, 11, 28, 9, 15, 2, 0, time.FixedZone("ICT", 7*3600)),
		QR:       "2026-11-28/A001 7KQ2M9XH",
		Token:    "7KQ2M9XH",
		Feedback: "Phòng Kế hoạch - Tài chính - Tổng hợp, ĐT 0274 3822 000",
		ID:       "2026-11-28/A001",
	}
}

// fakePrinter is an ESC/POS printer on loopback that answers status
// requests with status and keeps every byte it receives.
type fakePrinter struct {
	ln     net.Listener
	status byte
	mu     sync.Mutex
	got    []byte
	done   chan struct{}
}

func newFakePrinter(t *testing.T, status byte) *fakePrinter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakePrinter{ln: ln, status: status, done: make(chan struct{})}
	go f.serve()
	t.Cleanup(func() { ln.Close(); <-f.done })
	return f
}

func (f *fakePrinter) serve() {
	defer close(f.done)
	for {
		conn, err := f.ln.Accept()
		if err != nil {
			return
		}
		var buf [4096]byte
		for {
			n, err := conn.Read(buf[:])
			f.mu.Lock()
			f.got = append(f.got, buf[:n]...)
			f.mu.Unlock()
			if n == 3 && buf[0] == 0x10 && buf[1] == 0x04 {
				conn.Write([]byte{f.status})
			}
			if err != nil {
				break
			}
		}
		conn.Close()
	}
}

func (f *fakePrinter) bytes() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]byte(nil), f.got...)
}

func TestTCPPrintDecodes(t *testing.T) {
	fp := newFakePrinter(t, 0x12)
	p := testPrinter(t, TCP{Addr: fp.ln.Addr().String()})
	if err := p.Print(context.Background(), testSlip()); err != nil {
		t.Fatalf("Print: %v", err)
	}
	_, lay, err := p.render(testSlip())
	if err != nil {
		t.Fatal(err)
	}
	d, err := decodeESCPOS(fp.bytes())
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if got := d.img.Bounds().Dx(); got != PaperWidth {
		t.Errorf("width got %d, want %d", got, PaperWidth)
	}
	if h := d.img.Bounds().Dy(); h < 600 || h > 2000 {
		t.Errorf("height got %d, want 600..2000", h)
	}
	if !d.cutLast {
		t.Error("job does not end with a cut")
	}
	if d.maxRows > BandRows || d.bands < 2 {
		t.Errorf("bands got %d of up to %d rows, want several of at most %d", d.bands, d.maxRows, BandRows)
	}
	if d.statusReq != 1 {
		t.Errorf("status requests got %d, want 1", d.statusReq)
	}
	if s := darkShare(d.img, lay.number); s < 0.05 {
		t.Errorf("number region %v is %.3f dark, want >= 0.05", lay.number, s)
	}
	if s := darkShare(d.img, lay.qr); s < 0.2 {
		t.Errorf("qr region %v is %.3f dark, want >= 0.2", lay.qr, s)
	}
}

func TestTCPPrintErrors(t *testing.T) {
	noPaper := newFakePrinter(t, 0x72)
	refused, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedAddr := refused.Addr().String()
	refused.Close()
	tests := []struct {
		name   string
		addr   string
		noPapr bool
	}{
		{"connection refused", refusedAddr, false},
		{"out of paper", noPaper.ln.Addr().String(), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := testPrinter(t, TCP{Addr: tc.addr})
			err := p.Print(context.Background(), testSlip())
			if err == nil {
				t.Fatal("Print got nil error, want one")
			}
			if got := errors.Is(err, ErrNoPaper); got != tc.noPapr {
				t.Errorf("errors.Is(ErrNoPaper) got %v, want %v (%v)", got, tc.noPapr, err)
			}
		})
	}
}

func TestDirWritesPNG(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tickets")
	p := testPrinter(t, Dir{Path: dir})
	if err := p.Print(context.Background(), testSlip()); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "2026-11-28_A001.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Dx(); got != PaperWidth {
		t.Errorf("width got %d, want %d", got, PaperWidth)
	}
}

func TestDevicePrint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lp0")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p := testPrinter(t, Device{Path: path})
	if err := p.Print(context.Background(), testSlip()); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if d, err := decodeESCPOS(b); err != nil || !d.cut {
		t.Errorf("device bytes decode got cut=%v err=%v, want a cut job", d.cut, err)
	}
	missing := testPrinter(t, Device{Path: filepath.Join(t.TempDir(), "none", "lp0")})
	if err := missing.Print(context.Background(), testSlip()); err == nil {
		t.Error("missing device got nil error")
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		spec string
		want Target
		err  bool
	}{
		{"tcp:192.168.1.50:9100", TCP{Addr: "192.168.1.50:9100"}, false},
		{"dev:/dev/usb/lp0", Device{Path: "/dev/usb/lp0"}, false},
		{"file:./data/tickets", Dir{Path: "./data/tickets"}, false},
		{"tcp:nohost", nil, true},
		{"usb:/x", nil, true},
		{"file:", nil, true},
		{"", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			got, err := Parse(tc.spec)
			if (err != nil) != tc.err {
				t.Fatalf("err got %v, want error %v", err, tc.err)
			}
			if got != tc.want {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

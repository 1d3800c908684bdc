package printer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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
// requests with status (never, for noAnswer) and keeps every byte it
// receives, per connection.
type fakePrinter struct {
	ln     net.Listener
	mu     sync.Mutex
	status int
	conns  [][]byte // the bytes of each connection that ended
	asked  int      // status requests seen
	done   chan struct{}
}

// noAnswer is the status of a printer that ignores status requests.
const noAnswer = -1

func newFakePrinter(t *testing.T, status int) *fakePrinter {
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
		var got []byte
		var buf [4096]byte
		for {
			n, err := conn.Read(buf[:])
			got = append(got, buf[:n]...)
			if n == 3 && buf[0] == 0x10 && buf[1] == 0x04 {
				f.mu.Lock()
				f.asked++
				status := f.status
				f.mu.Unlock()
				if status != noAnswer {
					conn.Write([]byte{byte(status)})
				}
			}
			if err != nil {
				break
			}
		}
		conn.Close()
		f.mu.Lock()
		f.conns = append(f.conns, got)
		f.mu.Unlock()
	}
}

// bytes returns every byte received, connection after connection.
func (f *fakePrinter) bytes() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	var all []byte
	for _, c := range f.conns {
		all = append(all, c...)
	}
	return all
}

// jobs waits up to 5 s for n connections to end and returns their bytes.
func (f *fakePrinter) jobs(t *testing.T, n int) [][]byte {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		f.mu.Lock()
		got := append([][]byte(nil), f.conns...)
		f.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("printer connections: got %d, want %d", len(got), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (f *fakePrinter) set(status int) {
	f.mu.Lock()
	f.status = status
	f.mu.Unlock()
}

func (f *fakePrinter) statusRequests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.asked
}

func TestTCPPrintDecodes(t *testing.T) {
	fp := newFakePrinter(t, 0x12)
	p := testPrinter(t, &TCP{Addr: fp.ln.Addr().String()})
	if err := p.Print(context.Background(), testSlip()); err != nil {
		t.Fatalf("Print: %v", err)
	}
	fp.jobs(t, 1)
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
			p := testPrinter(t, &TCP{Addr: tc.addr})
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
		{"tcp:192.168.1.50:9100", &TCP{Addr: "192.168.1.50:9100"}, false},
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
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

// TestTCPStatusLearned checks that a printer that never answers the paper
// status query is asked once: later tickets go out without waiting
// statusTimeout; and that one that answers is asked for every ticket, so
// its paper end is still seen.
func TestTCPStatusLearned(t *testing.T) {
	t.Run("never answers", func(t *testing.T) {
		fp := newFakePrinter(t, noAnswer)
		tcp := &TCP{Addr: fp.ln.Addr().String()}
		p := testPrinter(t, tcp)
		img, err := p.Render(testSlip())
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			start := time.Now()
			if err := tcp.Print(context.Background(), img, "A001"); err != nil {
				t.Fatalf("ticket %d: %v", i+1, err)
			}
			took := time.Since(start)
			t.Logf("ticket %d: %v", i+1, took)
			if i == 0 && took < statusTimeout {
				t.Errorf("first ticket took %v: the status query was not waited for (%v)", took, statusTimeout)
			}
		}
		jobs := fp.jobs(t, 3)
		if n := fp.statusRequests(); n != 1 {
			t.Errorf("status requests for 3 tickets: got %d, want 1", n)
		}
		for i, job := range jobs {
			if i > 0 && bytes.HasPrefix(job, cmdPaperStatus) {
				t.Errorf("ticket %d starts with a status request", i+1)
			}
			if d, err := decodeESCPOS(job); err != nil || !d.cutLast {
				t.Errorf("ticket %d: decode got cut=%v err=%v, want a whole job", i+1, d.cutLast, err)
			}
		}
	})
	t.Run("answers", func(t *testing.T) {
		fp := newFakePrinter(t, 0x12)
		tcp := &TCP{Addr: fp.ln.Addr().String()}
		p := testPrinter(t, tcp)
		for i := range 2 {
			if err := p.Print(context.Background(), testSlip()); err != nil {
				t.Fatalf("ticket %d: %v", i+1, err)
			}
		}
		fp.set(0x72)
		if err := p.Print(context.Background(), testSlip()); !errors.Is(err, ErrNoPaper) {
			t.Errorf("ticket after the paper ran out: got %v, want ErrNoPaper", err)
		}
		fp.jobs(t, 3)
		if n := fp.statusRequests(); n != 3 {
			t.Errorf("status requests for 3 tickets: got %d, want 3", n)
		}
	})
}

// TestRenderTicketURL: with a public_url the slip prints the page's
// address under the QR code, so the paper is taller by its line.
func TestRenderTicketURL(t *testing.T) {
	p := testPrinter(t, nil)
	plain, err := p.Render(testSlip())
	if err != nil {
		t.Fatal(err)
	}
	s := testSlip()
	s.URL = "http://192.168.10.2:8080/t/2026-11-28-A001?k=7KQ2M9XH"
	s.QR = s.URL
	withURL, err := p.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	if withURL.Bounds().Dy() <= plain.Bounds().Dy() {
		t.Errorf("slip with the URL is %d dots tall, without %d: want taller", withURL.Bounds().Dy(), plain.Bounds().Dy())
	}
}

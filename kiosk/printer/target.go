package printer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Timeouts of a network printer.
const (
	dialTimeout   = 3 * time.Second
	writeTimeout  = 10 * time.Second
	statusTimeout = 800 * time.Millisecond
)

// ErrNoPaper is returned when the printer reports that its paper ran out.
var ErrNoPaper = errors.New("máy in hết giấy")

// Parse reads a -printer value: tcp:HOST:PORT, dev:PATH or file:DIR.
func Parse(spec string) (Target, error) {
	kind, arg, ok := strings.Cut(spec, ":")
	if !ok || arg == "" {
		return nil, fmt.Errorf("printer: %q: want tcp:HOST:PORT, dev:PATH or file:DIR", spec)
	}
	switch kind {
	case "tcp":
		if _, _, err := net.SplitHostPort(arg); err != nil {
			return nil, fmt.Errorf("printer: %q: %w", spec, err)
		}
		return &TCP{Addr: arg}, nil
	case "dev":
		return Device{Path: arg}, nil
	case "file":
		return Dir{Path: arg}, nil
	}
	return nil, fmt.Errorf("printer: %q: unknown kind %q (tcp, dev, file)", spec, kind)
}

// TCP is an ESC/POS printer on the network (raw port 9100). It remembers,
// for the life of the value, whether the printer answers the paper status
// query: many do not, and waiting statusTimeout for each ticket would hold
// every slip back. Use it as a pointer; the zero value (with Addr) is
// ready. It is safe for concurrent use.
type TCP struct {
	Addr string

	mu     sync.Mutex
	status statusKind
}

// statusKind is what a TCP printer did with the paper status query.
type statusKind int

const (
	statusUnknown  statusKind = iota // not asked yet: ask, and wait
	statusAnswers                    // answered once: ask each time
	statusNoAnswer                   // let the query time out: never ask again
)

// Print connects, checks the paper sensor unless the printer is known not
// to answer it, and sends the job.
func (t *TCP) Print(ctx context.Context, img image.Image, _ string) error {
	d := net.Dialer{Timeout: dialTimeout}
	conn, err := d.DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		return fmt.Errorf("connect %s: %w", t.Addr, err)
	}
	defer conn.Close()
	if t.asks() {
		answered, err := checkPaper(conn)
		t.learn(answered)
		if err != nil {
			return err
		}
	}
	if err := conn.SetDeadline(time.Now().Add(writeTimeout)); err != nil {
		return fmt.Errorf("%s: %w", t.Addr, err)
	}
	if _, err := conn.Write(EncodeESCPOS(img)); err != nil {
		return fmt.Errorf("write %s: %w", t.Addr, err)
	}
	return nil
}

// asks reports whether to send the paper status query.
func (t *TCP) asks() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.status != statusNoAnswer
}

// learn records whether the printer answered the status query. A printer
// that answered once keeps being asked, even when it is slow later.
func (t *TCP) learn(answered bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case answered:
		t.status = statusAnswers
	case t.status == statusUnknown:
		t.status = statusNoAnswer
	}
}

// checkPaper asks for the paper status (DLE EOT 4) and reports whether the
// printer answered in time. A printer that does not answer is assumed
// ready; one that reports paper end is not.
func checkPaper(conn net.Conn) (answered bool, err error) {
	if err := conn.SetDeadline(time.Now().Add(statusTimeout)); err != nil {
		return false, err
	}
	if _, err := conn.Write(cmdPaperStatus); err != nil {
		return false, fmt.Errorf("write status request: %w", err)
	}
	var b [1]byte
	n, err := conn.Read(b[:])
	var ne net.Error
	switch {
	case n == 1 && b[0]&0x60 != 0:
		return true, ErrNoPaper
	case n == 1:
		return true, nil
	case errors.As(err, &ne) && ne.Timeout():
		return false, nil
	case err != nil:
		return false, fmt.Errorf("read status: %w", err)
	}
	return false, nil
}

// Device is an ESC/POS printer seen as a character device (/dev/usb/lp0).
type Device struct{ Path string }

// Print writes the job to the device. A write that does not finish within
// writeTimeout (a printer that is off) is abandoned.
func (d Device) Print(ctx context.Context, img image.Image, _ string) error {
	f, err := os.OpenFile(d.Path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("open %s: %w", d.Path, err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := f.Write(EncodeESCPOS(img))
		done <- err
	}()
	ctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", d.Path, err)
	}
	return nil
}

// Dir writes each slip as a PNG file into a directory.
type Dir struct{ Path string }

// Print writes DIR/name.png, atomically.
func (d Dir) Print(_ context.Context, img image.Image, name string) error {
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return fmt.Errorf("make %s: %w", d.Path, err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	path := filepath.Join(d.Path, name+".png")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename %s: %w", path, err)
	}
	return nil
}

// fileName turns a ticket id (2026-11-28/A001) into a file name.
func fileName(id string) string {
	if id == "" {
		id = time.Now().Format("20060102-150405.000")
	}
	return strings.NewReplacer("/", "_", "\\", "_", ":", "_", " ", "_").Replace(id)
}

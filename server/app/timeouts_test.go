package app

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/xtest"
)

// TestHTTPTimeouts: a body trickled a byte at a time and an idle keep-alive
// connection are cut (here with 1 s limits; the defaults are checked to be
// within a minute), while a websocket outlives both.
func TestHTTPTimeouts(t *testing.T) {
	if ReadTimeout > time.Minute || IdleTimeout > time.Minute || MaxHeaderBytes > 1<<20 {
		t.Fatalf("defaults %v read, %v idle, %d header bytes: want within a minute and 1 MiB", ReadTimeout, IdleTimeout, MaxHeaderBytes)
	}
	dir := t.TempDir()
	writeTestConfig(t, dir)
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, Demo: true, Now: clk.Now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), readTimeout: time.Second, idleTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ws := connect(t, s, "display-1")

	t.Run("trickled body", func(t *testing.T) {
		c, err := net.Dial("tcp", s.Addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "POST /login HTTP/1.1\r\nHost: hall\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
		start := time.Now()
		for time.Since(start) < 10*time.Second {
			if _, err := c.Write([]byte("a")); err != nil {
				break
			}
			c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
			if _, err := c.Read(make([]byte, 512)); err != nil && !isTimeout(err) {
				break // closed, or answered and closed
			}
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("a trickled body kept the connection for %v, want it cut after the 1 s read timeout", d)
		}
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		c, err := net.Dial("tcp", s.Addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: hall\r\n\r\n")
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("healthz: %v %v", resp, err)
		}
		io.Copy(io.Discard, resp.Body)
		start := time.Now()
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		_, err = br.ReadByte()
		if err == nil || isTimeout(err) || time.Since(start) > 5*time.Second {
			t.Fatalf("idle keep-alive: %v after %v, want closed after the 1 s idle timeout", err, time.Since(start))
		}
	})
	t.Run("oversize headers", func(t *testing.T) {
		req, _ := http.NewRequest("GET", "http://"+s.Addr+"/healthz", nil)
		req.Header.Set("X-Big", strings.Repeat("a", 2*MaxHeaderBytes))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Fatalf("got %d, want 431", resp.StatusCode)
		}
	})
	// The websocket, idle all along, still answers.
	time.Sleep(1500 * time.Millisecond)
	if r := ws.do(protocol.CmdPing, nil); !r.OK {
		t.Fatalf("websocket after the timeouts: %+v", r)
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

package apptest

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards TCP on a loopback port to a server, so that a test can
// lose a client's link: while muted, the server's bytes to the client are
// dropped; Cut closes every connection through it.
type Proxy struct {
	ln     net.Listener
	target string
	mute   atomic.Bool
	mu     sync.Mutex
	conns  []net.Conn
}

// StartProxy starts a proxy to target (host:port); it stops when t ends.
func StartProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.Cut() })
	go p.serve()
	return p
}

func (p *Proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(s, c); s.Close() }()
		go func() {
			buf := make([]byte, 32<<10)
			for {
				n, err := s.Read(buf)
				if n > 0 && !p.mute.Load() {
					_, _ = c.Write(buf[:n])
				}
				if err != nil {
					c.Close()
					return
				}
			}
		}()
	}
}

// Mute drops (on) or passes again (off) the server's bytes to the clients.
func (p *Proxy) Mute(on bool) { p.mute.Store(on) }

// Cut closes every connection through the proxy; new ones are still
// accepted.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// Addr is the proxy's host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// URL is the websocket URL of the server through the proxy.
func (p *Proxy) URL() string { return "ws://" + p.Addr() + "/ws" }

package apptest

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards TCP on a loopback port to a server, so that a test can
// lose a client's link: while muted, the server's bytes to the client are
// dropped; while stalled, no byte passes either way and nothing is closed
// (a dead link); while refusing, new connections are closed at once; Cut
// closes every connection through it.
type Proxy struct {
	ln       net.Listener
	target   string
	mute     atomic.Bool
	refuse   atomic.Bool
	accepted atomic.Int64
	done     chan struct{} // closed when the proxy stops

	mu    sync.Mutex
	conns []net.Conn
	// flow is closed while bytes may pass; Stall(true) replaces it with an
	// open channel that Stall(false) closes.
	flow chan struct{}
}

// StartProxy starts a proxy to target (host:port); it stops when t ends.
func StartProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	flow := make(chan struct{})
	close(flow)
	p := &Proxy{ln: ln, target: target, done: make(chan struct{}), flow: flow}
	t.Cleanup(func() { ln.Close(); close(p.done); p.Cut() })
	go p.serve()
	return p
}

func (p *Proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if p.refuse.Load() {
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.accepted.Add(1)
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go p.pipe(s, c, false)
		go p.pipe(c, s, true)
	}
}

// pipe copies from src to dst until src ends, then closes dst. A stall
// holds the bytes read until it ends; fromServer bytes are dropped while
// muted.
func (p *Proxy) pipe(dst, src net.Conn, fromServer bool) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if !p.wait() {
				return
			}
			if !fromServer || !p.mute.Load() {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					return
				}
			}
		}
		if err != nil {
			return
		}
	}
}

// wait blocks while the proxy is stalled; it reports false once the proxy
// has stopped.
func (p *Proxy) wait() bool {
	p.mu.Lock()
	flow := p.flow
	p.mu.Unlock()
	select {
	case <-flow:
		return true
	case <-p.done:
		return false
	}
}

// Mute drops (on) or passes again (off) the server's bytes to the clients.
func (p *Proxy) Mute(on bool) { p.mute.Store(on) }

// Stall stops (on) every byte in both directions, on the connections
// through the proxy and on new ones, without closing anything: to both ends
// the link is alive but silent. Stall(false) lets the held bytes through,
// in order, and the flow resumes.
func (p *Proxy) Stall(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.flow: // flowing
		if on {
			p.flow = make(chan struct{})
		}
	default: // stalled
		if !on {
			close(p.flow)
		}
	}
}

// Refuse makes the proxy close new connections at once (on), or forward
// them again (off); the connections already through it are left alone.
func (p *Proxy) Refuse(on bool) { p.refuse.Store(on) }

// Accepted counts the connections the proxy has forwarded so far.
func (p *Proxy) Accepted() int { return int(p.accepted.Load()) }

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

package simulate

import (
	"io"
	"net"
	"sync"
	"time"
)

// proxy passes the simulated devices' TCP connections to the server, so
// that a network blip can cut them all at once: Cut closes every link and
// refuses new ones for a while, as a switch being replaced would.
type proxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	links map[net.Conn]struct{}
	until time.Time // refuse connections before this (real time)
	wg    sync.WaitGroup
}

// newProxy listens on a loopback port and forwards to target (host:port).
func newProxy(target string) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{ln: ln, target: target, links: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is the address the devices dial.
func (p *proxy) Addr() string { return p.ln.Addr().String() }

func (p *proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := time.Now().Before(p.until)
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

// serve copies between the device and the server until either side ends
// or Cut closes both.
func (p *proxy) serve(c net.Conn) {
	defer p.wg.Done()
	s, err := net.DialTimeout("tcp", p.target, 10*time.Second)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.links[c], p.links[s] = struct{}{}, struct{}{}
	p.mu.Unlock()
	done := make(chan struct{}, 2)
	go func() { io.Copy(s, c); s.Close(); done <- struct{}{} }()
	go func() { io.Copy(c, s); c.Close(); done <- struct{}{} }()
	<-done
	<-done
	p.mu.Lock()
	delete(p.links, c)
	delete(p.links, s)
	p.mu.Unlock()
}

// Cut closes every link now and refuses new connections for d. It
// returns how many device links it cut.
func (p *proxy) Cut(d time.Duration) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.until = time.Now().Add(d)
	n := len(p.links) / 2
	for c := range p.links {
		c.Close()
	}
	return n
}

// Close stops listening, cuts every link and waits for the copies to end.
func (p *proxy) Close() {
	p.ln.Close()
	p.Cut(0)
	p.wg.Wait()
}

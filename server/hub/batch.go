package hub

import (
	"net"
	"sync"

	"github.com/gorilla/websocket"
)

// Listener wraps ln so that each connection's writer can send the frames
// it takes at once (a replay batch of 64 events) in one write instead of
// one per frame: most of a replay's cost is those writes. Wrap the TCP
// listener, under any TLS. Without it the hub writes frame by frame.
func Listener(ln net.Listener) net.Listener { return batchListener{ln} }

type batchListener struct{ net.Listener }

func (l batchListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &batchConn{Conn: c}, nil
}

// batchConn holds its writes between hold and flush. Gorilla serializes
// the writes (the writer's frames, the reader's pongs, control frames);
// mu guards the held bytes against the writer's flush.
type batchConn struct {
	net.Conn
	mu   sync.Mutex
	held *[]byte // nil: writes go straight through
}

// batchBufs recycles the held bytes: only the connections writing a batch
// at that moment hold a buffer.
var batchBufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

func (c *batchConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held == nil {
		return c.Conn.Write(p)
	}
	*c.held = append(*c.held, p...)
	return len(p), nil
}

func (c *batchConn) hold() {
	c.mu.Lock()
	if c.held == nil {
		c.held = batchBufs.Get().(*[]byte)
	}
	c.mu.Unlock()
}

// flush writes what was held in one write, under the write deadline last
// set, and writes straight through again.
func (c *batchConn) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.held
	if b == nil {
		return nil
	}
	c.held = nil
	_, err := c.Conn.Write(*b)
	if cap(*b) <= 1<<20 {
		*b = (*b)[:0]
		batchBufs.Put(b)
	}
	return err
}

// batchOf returns the batchConn under ws (through TLS), or nil.
func batchOf(ws *websocket.Conn) *batchConn {
	c := ws.NetConn()
	for {
		switch x := c.(type) {
		case *batchConn:
			return x
		case interface{ NetConn() net.Conn }:
			c = x.NetConn()
		default:
			return nil
		}
	}
}

package hallclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"hallq/shared/protocol"
)

// session is one websocket connection after a successful hello: a reader
// and a writer goroutine around conn, and the Run goroutine that handles
// what the reader gets.
type session struct {
	conn *websocket.Conn
	in   chan []byte   // frames from the reader
	out  chan []byte   // frames for the writer
	errs chan error    // the first error of the reader or the writer
	done chan struct{} // closed to stop both
	wg   sync.WaitGroup
}

// fail records the first error that ends the session.
func (s *session) fail(err error) {
	select {
	case s.errs <- err:
	default:
	}
}

// session runs one connection from dial to its end. It reports whether the
// hello succeeded, and the error that ended the connection.
func (c *Client) session(ctx context.Context) (bool, error) {
	conn, err := c.dial(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	// Closing the connection is the only way to stop a blocked read.
	closed := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(closed)
		msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "")
		_ = conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(c.t.closeWait))
		conn.Close()
	})
	defer func() {
		if !stop() {
			<-closed
		}
	}()

	reply, err := c.hello(conn)
	if err != nil {
		return false, err
	}
	s := &session{
		conn: conn,
		in:   make(chan []byte),
		out:  make(chan []byte, outQueue),
		errs: make(chan error, 2),
		done: make(chan struct{}),
	}
	c.online(s, reply)
	start := c.cfg.Now()
	err = c.follow(ctx, s)
	c.log.Info("hallclient: connection ended", "after", c.cfg.Now().Sub(start).Round(time.Millisecond), "err", err)

	c.mu.Lock()
	c.connected, c.out, c.sessDone = false, nil, nil
	c.mu.Unlock()
	close(s.done)
	conn.Close()
	s.wg.Wait()
	return true, err
}

// dial opens the websocket connection.
func (c *Client) dial(ctx context.Context) (*websocket.Conn, error) {
	tc, err := TLSConfig(c.cfg.CAPEM)
	if err != nil {
		return nil, fmt.Errorf("hallclient: %w", err)
	}
	d := websocket.Dialer{HandshakeTimeout: c.t.dial, TLSClientConfig: tc}
	conn, resp, err := d.DialContext(ctx, c.cfg.URL, nil)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("hallclient: dial %s: %w", c.cfg.URL, err)
	}
	conn.SetReadLimit(maxServerMessage)
	return conn, nil
}

// hello sends hello with the last seen (day, seq) and reads its reply.
func (c *Client) hello(conn *websocket.Conn) (protocol.HelloReply, error) {
	h := protocol.Hello{Device: c.cfg.Device, Token: c.cfg.Token, Version: c.cfg.Version}
	c.mu.Lock()
	if st := c.mirror.s; !c.resync && st.Day != "" {
		h.Since, h.Day = st.Seq, st.Day
	}
	c.mu.Unlock()
	id := c.newID()
	frame, err := json.Marshal(protocol.Command{Type: protocol.CmdHello, ID: id, Data: h})
	if err != nil {
		return protocol.HelloReply{}, fmt.Errorf("hallclient: encode hello: %w", err)
	}
	conn.SetWriteDeadline(time.Now().Add(c.t.write))
	if err := conn.WriteMessage(websocket.TextMessage, frame); err != nil {
		return protocol.HelloReply{}, fmt.Errorf("hallclient: send hello: %w", err)
	}
	conn.SetReadDeadline(time.Now().Add(c.t.hello))
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return protocol.HelloReply{}, fmt.Errorf("hallclient: read hello reply: %w", err)
		}
		var m protocol.Message
		if err := json.Unmarshal(data, &m); err != nil || m.Type != protocol.TypeReply {
			c.log.Warn("hallclient: unexpected message before hello reply", "type", m.Type)
			continue
		}
		if m.ID == nil || *m.ID != id {
			if m.Error != nil && (m.ID == nil || *m.ID == "") {
				_, err := result(m) // the server could not read the hello
				return protocol.HelloReply{}, fmt.Errorf("hallclient: hello: %w", err)
			}
			continue
		}
		raw, err := result(m)
		if err != nil {
			return protocol.HelloReply{}, fmt.Errorf("hallclient: hello: %w", err)
		}
		var r protocol.HelloReply
		if err := json.Unmarshal(raw, &r); err != nil {
			return protocol.HelloReply{}, fmt.Errorf("hallclient: decode hello reply: %w", err)
		}
		return r, nil
	}
}

// online takes the state of the hello reply, starts the reader and the
// writer, queues the commands still in flight ahead of any new one, and
// then reports the connection.
func (c *Client) online(s *session, r protocol.HelloReply) {
	c.mu.Lock()
	if r.State != nil {
		c.mirror.Reset(*r.State)
		c.resync = false
	}
	c.helloSeq = r.Seq
	resend := c.inFlight()
	s.wg.Add(2)
	go c.reader(s)
	go c.writer(s, resend)
	c.connected, c.out, c.sessDone = true, s.out, s.done
	var st protocol.State
	if r.State != nil && c.cfg.OnState != nil {
		st = c.mirror.State()
	}
	c.mu.Unlock()

	c.log.Info("hallclient: connected", "role", r.Role, "day", r.Day, "seq", r.Seq,
		"full_state", r.State != nil, "resent", len(resend))
	c.status(Status{Connected: true})
	if c.cfg.OnHello != nil {
		c.cfg.OnHello(r)
	}
	if r.State != nil && c.cfg.OnState != nil {
		c.cfg.OnState(st)
	}
}

// follow handles the reader's frames until the session ends.
func (c *Client) follow(ctx context.Context, s *session) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-s.errs:
			return err
		case data := <-s.in:
			if err := c.handle(data); err != nil {
				return err
			}
		}
	}
}

// reader reads frames with a deadline that every frame, every pong to the
// writer's pings and every server ping push back, and hands them to the Run
// goroutine. A link that passes nothing for t.read ends the session.
func (c *Client) reader(s *session) {
	defer s.wg.Done()
	s.conn.SetPongHandler(func(string) error {
		return s.conn.SetReadDeadline(time.Now().Add(c.t.read))
	})
	s.conn.SetPingHandler(func(data string) error {
		s.conn.SetReadDeadline(time.Now().Add(c.t.read))
		err := s.conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(c.t.write))
		if errors.Is(err, websocket.ErrCloseSent) {
			return nil
		}
		return err
	})
	for {
		s.conn.SetReadDeadline(time.Now().Add(c.t.read))
		_, data, err := s.conn.ReadMessage()
		if err != nil {
			s.fail(fmt.Errorf("hallclient: read: %w", err))
			return
		}
		select {
		case s.in <- data:
		case <-s.done:
			return
		}
	}
}

// writer writes the commands to re-send, then the queued commands, a
// websocket ping every t.wsPing so that the reader notices a silent link
// within t.read, and a ping command every t.ping so that the server sees
// the device alive.
func (c *Client) writer(s *session, resend [][]byte) {
	defer s.wg.Done()
	ticker := time.NewTicker(c.t.ping)
	defer ticker.Stop()
	wsPing := time.NewTicker(c.t.wsPing)
	defer wsPing.Stop()
	write := func(frame []byte) bool {
		s.conn.SetWriteDeadline(time.Now().Add(c.t.write))
		if err := s.conn.WriteMessage(websocket.TextMessage, frame); err != nil {
			s.fail(fmt.Errorf("hallclient: write: %w", err))
			return false
		}
		return true
	}
	for _, f := range resend {
		if !write(f) {
			return
		}
	}
	for {
		select {
		case <-s.done:
			return
		case f := <-s.out:
			if !write(f) {
				return
			}
		case <-wsPing.C:
			if err := s.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.t.write)); err != nil {
				s.fail(fmt.Errorf("hallclient: write ping: %w", err))
				return
			}
		case <-ticker.C:
			ping, _ := json.Marshal(protocol.Command{Type: protocol.CmdPing, ID: c.newID()})
			if !write(ping) {
				return
			}
		}
	}
}

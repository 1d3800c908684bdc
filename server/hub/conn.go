package hub

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"hallq/shared/protocol"
	"hallq/shared/queue"

	"github.com/gorilla/websocket"
)

// conn is one websocket connection: the reader runs on the HTTP handler's
// goroutine, the writer on its own.
type conn struct {
	hub   *Hub
	ws    *websocket.Conn
	req   *http.Request
	out   *outbox
	batch *batchConn // nil when the connection did not come through Listener

	dev   *protocol.Device // set after a successful hello; reader goroutine only
	name  atomic.Value     // the device id, for the writer's logs
	fails int              // failed hellos; reader goroutine only
	super atomic.Bool      // signed in by the session cookie
}

func newConn(hb *Hub, ws *websocket.Conn, r *http.Request) *conn {
	return &conn{hub: hb, ws: ws, req: r, out: newOutbox(), batch: batchOf(ws)}
}

// Enqueue implements protocol.Subscriber.
func (c *conn) Enqueue(frames ...[]byte) bool { return c.out.push(frames...) }

// recheck asks the writer to close a supervisor's connection whose session
// has ended.
func (c *conn) recheck() {
	if !c.super.Load() {
		return
	}
	if _, ok := c.hub.session(c.req); !ok {
		c.out.raise(sigEnded)
	}
}

// goAway asks the writer to close with 1001.
func (c *conn) goAway() { c.out.raise(sigAway) }

func (c *conn) run() {
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		c.writeLoop()
	}()
	c.readLoop()
	c.out.raise(sigDone)
	<-writerDone
	if c.dev != nil {
		c.hub.hall.Unsubscribe(c)
		c.hub.metrics.Connected(c.dev.Role, -1)
		c.seen(*c.dev, "", "")
		if c.dev.Role != protocol.RoleCitizen {
			c.hub.log.Info("device disconnected", "device", c.dev.ID, "role", c.dev.Role)
		}
	}
	c.ws.Close()
}

func (c *conn) readLoop() {
	c.ws.SetReadLimit(protocol.MaxMessageBytes)
	c.ws.SetReadDeadline(time.Now().Add(helloWait))
	c.ws.SetPongHandler(func(string) error {
		if c.dev != nil {
			c.ws.SetReadDeadline(time.Now().Add(pongWait))
		}
		return nil
	})
	for {
		kind, data, err := c.ws.ReadMessage()
		if err != nil {
			if !errors.Is(err, websocket.ErrReadLimit) && !websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) {
				c.hub.log.Debug("connection read ended", "err", err)
			}
			return
		}
		if c.dev != nil {
			c.ws.SetReadDeadline(time.Now().Add(pongWait))
		}
		if kind != websocket.TextMessage {
			f, _ := protocol.ErrorFrame("", queue.Errorf(queue.EBADREQUEST, "Mỗi tin nhắn phải là một khung văn bản (text frame) JSON"))
			c.out.push(f)
			continue
		}
		c.handle(data)
	}
}

// incoming is a client message as first parsed: fields keep their raw form
// so that a wrong type is a clear bad_request.
type incoming struct {
	Type json.RawMessage `json:"type"`
	ID   json.RawMessage `json:"id"`
	Data json.RawMessage `json:"data"`
}

func (c *conn) handle(data []byte) {
	typ, id, body, err := parse(data)
	if err != nil {
		f, _ := protocol.ErrorFrame("", err)
		c.out.push(f)
		return
	}
	if c.dev == nil {
		c.hello(typ, id, body)
		return
	}
	c.out.push(c.hub.hall.Do(*c.dev, typ, id, body))
}

func parse(data []byte) (typ, id string, body json.RawMessage, err error) {
	var in incoming
	if !utf8.Valid(data) || json.Unmarshal(data, &in) != nil || in.Type == nil {
		return "", "", nil, queue.Errorf(queue.EBADREQUEST, "Tin nhắn không phải JSON hợp lệ")
	}
	if json.Unmarshal(in.Type, &typ) != nil || typ == "" {
		return "", "", nil, queue.Errorf(queue.EBADREQUEST, "Trường type phải là chuỗi")
	}
	if in.ID == nil || json.Unmarshal(in.ID, &id) != nil || id == "" || utf8.RuneCountInString(id) > protocol.MaxIDLength {
		return "", "", nil, queue.Errorf(queue.EBADREQUEST, "Trường id phải là chuỗi từ 1 đến %d ký tự", protocol.MaxIDLength)
	}
	return typ, id, in.Data, nil
}

func (c *conn) hello(typ, id string, body json.RawMessage) {
	if typ != protocol.CmdHello {
		f, _ := protocol.ErrorFrame(id, queue.Errorf(queue.EUNAUTHORIZED, "Cần gửi hello trước"))
		c.out.push(f)
		return
	}
	ip := clientIP(c.req)
	if wait := c.hub.guesses.Wait(ip); wait > 0 {
		f, _ := protocol.ErrorFrame(id, queue.Errorf(queue.ERATELIMITED,
			"Quá nhiều lần kết nối sai từ máy này. Vui lòng thử lại sau %d giây", int((wait+time.Second-1)/time.Second)))
		c.out.push(f)
		c.refuse()
		return
	}
	var h protocol.Hello
	if err := json.Unmarshal(body, &h); body != nil && err != nil {
		f, _ := protocol.ErrorFrame(id, queue.Errorf(queue.EBADREQUEST, "Dữ liệu hello không hợp lệ"))
		c.out.push(f)
		c.failed(ip, "")
		return
	}
	dev, err := c.authenticate(h)
	if err != nil {
		f, _ := protocol.ErrorFrame(id, err)
		c.out.push(f)
		c.failed(ip, h.Device)
		return
	}
	// The device is seen, and its connection open (Links, metrics), from
	// here: its replay, which may take a while in a storm of reconnects,
	// included. The replay is sent from here, at the pace the client
	// reads, before this connection reads its next command.
	c.super.Store(dev.Role == protocol.RoleSupervisor && h.Token == "")
	c.name.Store(dev.ID)
	c.seen(dev, cmp.Or(clip(h.Version), "?"), c.req.RemoteAddr)
	c.hub.metrics.Connected(dev.Role, 1)
	if !c.hub.hall.Subscribe(c, dev, id, h) {
		c.hub.metrics.Connected(dev.Role, -1)
		c.seen(dev, "", "")
		c.out.drop() // the writer closes it (1008); the client reconnects with since
		return
	}
	c.dev = &dev
	level := slog.LevelInfo
	if dev.Role == protocol.RoleCitizen {
		level = slog.LevelDebug // a busy hall has thousands of phones
	}
	c.hub.log.Log(context.Background(), level, "device connected", "device", dev.ID, "role", dev.Role, "since", h.Since, "remote", c.req.RemoteAddr)
	c.ws.SetReadDeadline(time.Now().Add(pongWait))
}

// failed counts a failed hello: logged while the address is not yet
// slowed, and the connection closed after maxHelloFailures.
func (c *conn) failed(ip, device string) {
	c.fails++
	if wait := c.hub.guesses.Fail(ip); wait > 0 {
		if wait == HelloRule.Base {
			c.hub.log.Warn("hello guessing slowed", "remote", ip, "wait", wait)
		}
	} else {
		c.hub.log.Warn("hello refused", "device", clip(device), "remote", ip)
	}
	if c.fails >= maxHelloFailures {
		c.refuse()
	}
}

// refuse closes the connection with 1008 once its error frames are out.
func (c *conn) refuse() { c.out.raise(sigEnded) }

// seen records a device's presence for the admin's devices page; a
// citizen's phone is not a device of the hall and is left out.
func (c *conn) seen(dev protocol.Device, version, remote string) {
	if dev.Role != protocol.RoleCitizen {
		c.hub.seen(dev, version, remote)
	}
}

func (c *conn) authenticate(h protocol.Hello) (protocol.Device, error) {
	if h.Ticket != "" {
		return c.hub.hall.AuthenticateTicket(h.Ticket, h.Token)
	}
	if h.Token == "" && sameOrigin(c.req) {
		if user, ok := c.hub.session(c.req); ok {
			return protocol.SupervisorDevice(user), nil
		}
	}
	return c.hub.hall.Authenticate(h.Device, h.Token)
}

// sameOrigin reports whether r comes from a page of this server: a browser
// always sends Origin on a websocket, and another site's page (even one on
// the same registrable domain) has another host.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return false
	}
	u, err := url.Parse(o)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// clientIP is r's client address without the port.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (c *conn) writeLoop() {
	defer c.out.drop() // a replay waiting for room stops
	// The ping timer raises sigPing, re-armed after each ping: the
	// writer waits on the outbox's one channel only.
	ping := time.AfterFunc(pingPeriod, func() { c.out.raise(sigPing) })
	defer ping.Stop()
	for range c.out.wake {
		frames, written, dropped, sig := c.out.take()
		switch {
		case sig&sigDone != 0:
			return
		case sig&sigAway != 0:
			c.closeWith(websocket.CloseGoingAway, "server shutting down")
			return
		}
		if err := c.write(frames); err != nil {
			c.writeFailed(err)
			c.ws.Close()
			return
		}
		if written != nil {
			close(written)
		}
		switch {
		case sig&sigEnded != 0:
			// What was queued (the refusal) is sent; now close.
			c.closeWith(websocket.ClosePolicyViolation, "not allowed")
			return
		case dropped:
			c.hub.log.Warn("slow client dropped", "device", c.deviceID())
			c.closeWith(websocket.ClosePolicyViolation, "too slow")
			return
		case sig&sigPing != 0:
			c.recheck()
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeWait)); err != nil {
				c.ws.Close()
				return
			}
			ping.Reset(pingPeriod)
		}
	}
}

// write writes frames, several in one write when the connection came
// through Listener.
func (c *conn) write(frames [][]byte) error {
	batch := c.batch
	if len(frames) < 2 {
		batch = nil
	}
	if batch != nil {
		batch.hold()
	}
	for _, f := range frames {
		c.ws.SetWriteDeadline(time.Now().Add(writeWait))
		if err := c.ws.WriteMessage(websocket.TextMessage, f); err != nil {
			if batch != nil {
				batch.flush()
			}
			return err
		}
	}
	if batch != nil {
		return batch.flush()
	}
	return nil
}

// writeFailed logs a failed write: one that timed out is a client that
// stopped reading (its link full for writeWait), dropped like one whose
// outbox overflowed; any other is a connection already gone.
func (c *conn) writeFailed(err error) {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		c.hub.log.Warn("slow client dropped", "device", c.deviceID(), "reason", "write timed out")
		return
	}
	c.hub.log.Debug("write failed", "device", c.deviceID(), "err", err)
}

// closeWith sends a close frame and closes the socket, which ends the reader.
func (c *conn) closeWith(code int, text string) {
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(writeWait))
	c.ws.Close()
}

func (c *conn) deviceID() string {
	id, _ := c.name.Load().(string)
	return id
}

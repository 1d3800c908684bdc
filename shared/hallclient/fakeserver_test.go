package hallclient

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// fakeServer speaks just enough of SPEC section 4 for the client's tests:
// hello with a full state or a replay from since, events to every
// connection, stored replies by id, and a few switches to break the link.
type fakeServer struct {
	t     *testing.T
	srv   *httptest.Server
	token string

	mu        sync.Mutex
	day       string
	mirror    *Mirror // the server's own state, folded from its events
	events    []protocol.Message
	conns     map[*fakeConn]bool
	down      bool              // refuse websocket upgrades
	dropNext  bool              // apply the next command, then drop every link and go down instead of replying
	silent    bool              // stop answering (to starve the client's read deadline)
	hellos    []protocol.Hello  // every hello received
	commands  []string          // ids of the non-ping commands received, in order
	applied   map[string]int    // effects per command id
	replies   map[string][]byte // stored successful replies
	pings     int
	issuedFor map[string]int
	closeOnce sync.Once
}

type fakeConn struct {
	mu sync.Mutex
	ws *websocket.Conn
}

func (c *fakeConn) send(v any) {
	b, _ := json.Marshal(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(time.Second))
	_ = c.ws.WriteMessage(websocket.TextMessage, b)
}

func newFakeServer(t *testing.T) *fakeServer {
	t.Helper()
	f := &fakeServer{
		t: t, token: "secret-token-1234", day: "2026-11-28",
		mirror: NewMirror(), conns: map[*fakeConn]bool{},
		applied: map[string]int{}, replies: map[string][]byte{}, issuedFor: map[string]int{},
	}
	f.mirror.Reset(testState())
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.close)
	return f
}

// url is the websocket address of the fake.
func (f *fakeServer) url() string { return "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws" }

func (f *fakeServer) close() {
	f.closeOnce.Do(func() {
		f.set(func(f *fakeServer) { f.down = true })
		f.dropAll()
		f.srv.Close()
	})
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	down := f.down
	f.mu.Unlock()
	if down {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer ws.Close()
	ws.SetReadLimit(protocol.MaxMessageBytes)
	c := &fakeConn{ws: ws}
	ws.SetPingHandler(func(data string) error { // a silent server sends no pong either
		f.mu.Lock()
		silent := f.silent
		f.mu.Unlock()
		if silent {
			return nil
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		return ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
	})
	if !f.hello(c) {
		return
	}
	defer func() {
		f.mu.Lock()
		delete(f.conns, c)
		f.mu.Unlock()
	}()
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var cmd struct {
			Type string          `json:"type"`
			ID   string          `json:"id"`
			Data json.RawMessage `json:"data"`
		}
		if json.Unmarshal(data, &cmd) != nil {
			continue
		}
		f.command(c, cmd.Type, cmd.ID, cmd.Data)
	}
}

// hello answers the first message and, under the lock so that no live event
// slips in between, replays the events after since.
func (f *fakeServer) hello(c *fakeConn) bool {
	var cmd struct {
		ID   string         `json:"id"`
		Data protocol.Hello `json:"data"`
	}
	if err := c.ws.ReadJSON(&cmd); err != nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hellos = append(f.hellos, cmd.Data)
	if cmd.Data.Token != f.token {
		c.send(failReply(cmd.ID, queue.EUNAUTHORIZED, "Sai mã thiết bị"))
		return false
	}
	seq := uint64(len(f.events))
	r := protocol.HelloReply{Role: protocol.RoleKiosk, Device: cmd.Data.Device, Day: f.day, Seq: seq}
	replay := cmd.Data.Since != 0 && cmd.Data.Day == f.day && cmd.Data.Since <= seq
	if !replay {
		st := f.mirror.State()
		r.State = &st
	}
	c.send(protocol.Reply{Type: protocol.TypeReply, ID: cmd.ID, OK: true, Data: r})
	if replay {
		for _, ev := range f.events[cmd.Data.Since:] {
			c.send(ev)
		}
	}
	f.conns[c] = true
	return true
}

// command handles ping, issue_ticket (stored, with an event) and fail
// (always a conflict).
func (f *fakeServer) command(c *fakeConn, typ, id string, data json.RawMessage) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.silent {
		return
	}
	if typ == protocol.CmdPing {
		f.pings++
		c.send(protocol.Reply{Type: protocol.TypeReply, ID: id, OK: true, Data: protocol.Empty{}})
		return
	}
	f.commands = append(f.commands, id)
	if stored, ok := f.replies[id]; ok {
		c.mu.Lock()
		_ = c.ws.WriteMessage(websocket.TextMessage, stored)
		c.mu.Unlock()
		return
	}
	switch typ {
	case protocol.CmdIssueTicket:
		var d protocol.IssueTicket
		_ = json.Unmarshal(data, &d)
		t := f.newTicket(d.Service, d.Priority)
		f.emitLocked(protocol.EvTicketIssued, protocol.TicketEvent{Ticket: t})
		f.applied[id]++
		reply, _ := json.Marshal(protocol.Reply{Type: protocol.TypeReply, ID: id, OK: true,
			Data: protocol.IssueReply{Ticket: t}})
		f.replies[id] = reply
		if f.dropNext {
			f.dropNext, f.down = false, true
			f.dropAllLocked()
			return
		}
		c.mu.Lock()
		_ = c.ws.WriteMessage(websocket.TextMessage, reply)
		c.mu.Unlock()
	default:
		c.send(failReply(id, queue.ECONFLICT, "Quầy 1 đang phục vụ số A004"))
	}
}

func (f *fakeServer) newTicket(service string, priority bool) queue.Ticket {
	f.issuedFor[service]++
	n := f.issuedFor[service]
	number := fmt.Sprintf("%s%03d", service, n)
	return queue.Ticket{
		ID: f.day + "/" + number, Number: number, Service: service, Priority: priority,
		State: queue.Waiting, Order: uint64(len(f.events) + 1), IssuedService: service,
	}
}

func failReply(id, code, msg string) protocol.Reply {
	return protocol.Reply{Type: protocol.TypeReply, ID: id, Error: &protocol.Error{Code: code, Message: msg}}
}

// issue makes an event as if a kiosk elsewhere issued a ticket.
func (f *fakeServer) issue(service string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emitLocked(protocol.EvTicketIssued, protocol.TicketEvent{Ticket: f.newTicket(service, false)})
}

// emitLocked numbers an event, folds it into the server's state and sends
// it to every connection.
func (f *fakeServer) emitLocked(typ string, data any) protocol.Message {
	raw, _ := json.Marshal(data)
	at := queue.At(time.Date(2026, 11, 28, 9, 0, len(f.events), 0, time.UTC))
	ev := protocol.Message{Type: typ, Seq: uint64(len(f.events) + 1), At: &at, Data: raw}
	if err := f.mirror.Apply(ev); err != nil {
		f.t.Errorf("fake server: %v", err)
	}
	f.events = append(f.events, ev)
	f.broadcastLocked(ev)
	return ev
}

// newDay starts day, as the server does at midnight.
func (f *fakeServer) newDay(day string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.day, f.events, f.issuedFor = day, nil, map[string]int{}
	f.emitLocked(protocol.EvDayStarted, protocol.DayEvent{Day: day})
}

// broadcast sends v to every connection, outside the event log.
func (f *fakeServer) broadcast(v any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.broadcastLocked(v)
}

// broadcastLocked sends v to every connection as is.
func (f *fakeServer) broadcastLocked(v any) {
	for c := range f.conns {
		c.send(v)
	}
}

// dropAll closes every connection without a close frame.
func (f *fakeServer) dropAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dropAllLocked()
}

func (f *fakeServer) dropAllLocked() {
	for c := range f.conns {
		c.ws.Close()
		delete(f.conns, c)
	}
}

// set changes the fake's switches under its lock.
func (f *fakeServer) set(change func(f *fakeServer)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(f)
}

// get reads the fake's fields under its lock.
func get[T any](f *fakeServer, read func(f *fakeServer) T) T {
	f.mu.Lock()
	defer f.mu.Unlock()
	return read(f)
}

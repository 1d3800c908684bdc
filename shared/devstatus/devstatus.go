// Package devstatus tells the server how a device's printer or sound is
// doing (the device_status command), so that staff see a fault the citizen
// would otherwise be the only one to notice. A Reporter sends a state when
// it changes and sends every state again after each reconnect, since the
// server keeps them in memory only.
package devstatus

import (
	"context"
	"encoding/json"
	"log/slog"
	"sort"
	"sync"
	"time"

	"hallq/shared/protocol"
)

// Timings of a Reporter.
const (
	// sendTimeout bounds one device_status round trip.
	sendTimeout = 10 * time.Second
	// retryAfter is how long a state that could not be sent waits before
	// the next try, when no reconnect comes first.
	retryAfter = 30 * time.Second
)

// Sender sends one command and returns its reply data
// (*hallclient.Client in production).
type Sender interface {
	Send(ctx context.Context, typ string, data any) (json.RawMessage, error)
}

// Reporter keeps the latest state of each kind and sends it. Report and
// Connected never block; Run sends. Its methods are safe for concurrent use.
type Reporter struct {
	send Sender
	log  *slog.Logger
	wake chan struct{}

	mu     sync.Mutex
	latest map[string]protocol.DeviceStatus
	sent   map[string]protocol.DeviceStatus // what the server was last told
	// links counts Connected calls: a reply to a send begun before the
	// last reconnect may come from the server before its restart.
	links int
}

// New returns a Reporter that sends through s; start it with Run. A nil
// log is slog.Default().
func New(s Sender, log *slog.Logger) *Reporter {
	if log == nil {
		log = slog.Default()
	}
	return &Reporter{
		send: s, log: log, wake: make(chan struct{}, 1),
		latest: map[string]protocol.DeviceStatus{}, sent: map[string]protocol.DeviceStatus{},
	}
}

// Report records that kind (protocol.DevicePrinter or DeviceSound) works
// or not, with detail saying what is wrong, in Vietnamese for staff. It is
// sent unless the server already has the same state.
func (r *Reporter) Report(kind string, ok bool, detail string) {
	if ok {
		detail = ""
	}
	r.mu.Lock()
	r.latest[kind] = protocol.DeviceStatus{Kind: kind, OK: ok, Detail: detail}
	r.mu.Unlock()
	r.poke()
}

// Connected is called when the link comes up (hallclient's OnStatus): the
// server may have restarted, so every state is sent again.
func (r *Reporter) Connected() {
	r.mu.Lock()
	clear(r.sent)
	r.links++
	r.mu.Unlock()
	r.poke()
}

// Latest returns the last reported state of kind.
func (r *Reporter) Latest(kind string) (protocol.DeviceStatus, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.latest[kind]
	return s, ok
}

func (r *Reporter) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run sends the states the server lacks until ctx is done. Call it once,
// on its own goroutine. A state that cannot be sent (offline) is sent at
// the next reconnect or after retryAfter.
func (r *Reporter) Run(ctx context.Context) {
	retry := time.NewTimer(retryAfter)
	defer retry.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-retry.C:
		}
		failed := r.flush(ctx)
		if !retry.Stop() {
			select {
			case <-retry.C:
			default:
			}
		}
		if failed {
			retry.Reset(retryAfter)
		}
	}
}

// flush sends every pending state once and reports whether one failed.
func (r *Reporter) flush(ctx context.Context) bool {
	failed := false
	pending, links := r.pending()
	for _, s := range pending {
		sctx, cancel := context.WithTimeout(ctx, sendTimeout)
		_, err := r.send.Send(sctx, protocol.CmdDeviceStatus, s)
		cancel()
		if err != nil {
			if ctx.Err() == nil {
				r.log.Debug("devstatus: not sent yet", "kind", s.Kind, "err", err)
			}
			failed = true
			continue
		}
		r.mu.Lock()
		if r.links == links {
			r.sent[s.Kind] = s
		}
		r.mu.Unlock()
	}
	return failed
}

// pending returns the states the server lacks, by kind, and the link
// count they were taken at.
func (r *Reporter) pending() ([]protocol.DeviceStatus, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []protocol.DeviceStatus
	for kind, s := range r.latest {
		if sent, ok := r.sent[kind]; !ok || sent != s {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out, r.links
}

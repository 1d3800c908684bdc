// Package linktest is a test kit for the province link: Receiver, a small
// in-memory province service that keeps package wire's contract (it checks
// the signature and the time, refuses a replayed batch, keeps (hall, day,
// seq) unique and answers a gap with the missing range). It is an
// http.Handler, so that a test can put the real province service in its
// place.
package linktest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"hallq/server/province/wire"
)

// Receiver is the in-memory province service. Its methods are safe for
// concurrent use.
type Receiver struct {
	// Down, while set, answers every batch 503 with no ack.
	Down atomic.Bool
	// Delay, when set, holds each accepted batch's answer that long after
	// it is stored (to cut a hall mid-shipment).
	Delay atomic.Int64 // nanoseconds

	mu       sync.Mutex
	keys     map[string][]byte
	days     map[string]*day // "hall/day"
	feedback map[string]map[int64]json.RawMessage
	seen     map[string]bool // accepted signatures
	batches  int
	resent   int // events received again (already held)
	gaps     int
	refused  map[string]int // by error code
}

// day is what the receiver holds of one hall's day.
type day struct {
	events map[uint64]json.RawMessage
	contig uint64 // every seq up to it is held
	report json.RawMessage
}

// NewReceiver returns a receiver that knows the halls of keys (id → key).
func NewReceiver(keys map[string]string) *Receiver {
	r := &Receiver{keys: map[string][]byte{}, days: map[string]*day{}, feedback: map[string]map[int64]json.RawMessage{},
		seen: map[string]bool{}, refused: map[string]int{}}
	for id, k := range keys {
		r.keys[id] = []byte(k)
	}
	return r
}

// ServeHTTP takes one batch at wire.Path.
func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost || req.URL.Path != wire.Path {
		http.NotFound(w, req)
		return
	}
	if r.Down.Load() {
		http.Error(w, "province down", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, wire.MaxBody+1))
	if err != nil {
		return
	}
	ack, status := r.take(req.Header, body)
	if status == http.StatusOK {
		if d := time.Duration(r.Delay.Load()); d > 0 {
			time.Sleep(d)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(ack)
}

func refuse(code, msg string, status int) (wire.Ack, int) {
	return wire.Ack{Error: &wire.Error{Code: code, Message: msg}}, status
}

// take checks and stores one batch and returns the answer.
func (r *Receiver) take(h http.Header, body []byte) (wire.Ack, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ack, status := r.takeLocked(h, body)
	if ack.Error != nil {
		r.refused[ack.Error.Code]++
	}
	return ack, status
}

func (r *Receiver) takeLocked(h http.Header, body []byte) (wire.Ack, int) {
	hall := h.Get(wire.HeaderHall)
	key, ok := r.keys[hall]
	if !ok {
		return refuse(wire.CodeUnknownHall, "Không có đơn vị "+hall+" (unknown hall)", http.StatusUnauthorized)
	}
	ts, err := strconv.ParseInt(h.Get(wire.HeaderTime), 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > wire.MaxSkew {
		return refuse(wire.CodeStale, "Thời gian gửi lệch quá xa (stale)", http.StatusUnauthorized)
	}
	sig := h.Get(wire.HeaderSignature)
	if !wire.Verify(key, hall, ts, body, sig) {
		return refuse(wire.CodeBadSignature, "Chữ ký không khớp (bad signature)", http.StatusUnauthorized)
	}
	if r.seen[sig] {
		return refuse(wire.CodeReplayed, "Lô dữ liệu đã nhận (replayed)", http.StatusConflict)
	}
	b, err := wire.Decode(body)
	if err != nil {
		return refuse(wire.CodeBadRequest, "Dữ liệu không hợp lệ: "+err.Error(), http.StatusBadRequest)
	}
	if b.HallID != hall {
		return refuse(wire.CodeWrongHall, "hall_id khác đơn vị gửi (wrong hall)", http.StatusForbidden)
	}
	for i, e := range b.Events {
		var ev struct {
			Seq uint64 `json:"seq"`
		}
		if json.Unmarshal(e, &ev) != nil || ev.Seq != b.From+uint64(i) {
			return refuse(wire.CodeBadRequest, fmt.Sprintf("Sự kiện %d không liên tiếp (events not consecutive)", i), http.StatusBadRequest)
		}
	}
	d := r.day(hall, b.Day)
	if len(b.Events) > 0 && b.From > d.contig+1 {
		r.gaps++
		ack, status := refuse(wire.CodeGap, "Thiếu sự kiện (gap)", http.StatusConflict)
		ack.Day, ack.Seq = b.Day, d.contig
		ack.Missing = &wire.Range{Day: b.Day, From: d.contig + 1, To: b.From - 1}
		return ack, status
	}
	r.seen[sig] = true
	r.batches++
	for i, e := range b.Events {
		seq := b.From + uint64(i)
		if _, held := d.events[seq]; held {
			r.resent++
			continue
		}
		d.events[seq] = e
	}
	for d.events[d.contig+1] != nil {
		d.contig++
	}
	if b.Report != nil {
		d.report = b.Report
	}
	fb := r.feedback[hall]
	if fb == nil {
		fb = map[int64]json.RawMessage{}
		r.feedback[hall] = fb
	}
	for _, f := range b.Feedback {
		var item struct {
			ID int64 `json:"id"`
		}
		if json.Unmarshal(f, &item) == nil && item.ID > 0 {
			fb[item.ID] = f
		}
	}
	return wire.Ack{OK: true, Day: b.Day, Seq: d.contig}, http.StatusOK
}

func (r *Receiver) day(hall, date string) *day {
	d := r.days[hall+"/"+date]
	if d == nil {
		d = &day{events: map[uint64]json.RawMessage{}}
		r.days[hall+"/"+date] = d
	}
	return d
}

// Events returns the frames held for hall's day, in seq order, and
// whether their seqs run 1, 2, … with no hole.
func (r *Receiver) Events(hall, date string) ([]json.RawMessage, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := r.days[hall+"/"+date]
	if d == nil {
		return nil, true
	}
	seqs := make([]uint64, 0, len(d.events))
	for s := range d.events {
		seqs = append(seqs, s)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	out := make([]json.RawMessage, len(seqs))
	for i, s := range seqs {
		out[i] = d.events[s]
	}
	return out, len(seqs) == 0 || seqs[len(seqs)-1] == uint64(len(seqs))
}

// Report returns the closing report held for hall's day, or nil.
func (r *Receiver) Report(hall, date string) json.RawMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d := r.days[hall+"/"+date]; d != nil {
		return d.report
	}
	return nil
}

// Feedback returns the feedback items held for hall, by id.
func (r *Receiver) Feedback(hall string) map[int64]json.RawMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[int64]json.RawMessage{}
	for id, f := range r.feedback[hall] {
		out[id] = f
	}
	return out
}

// Forget drops hall's events of date from seq from on, as a province that
// lost them (restored from an older backup): the hall's next batch meets
// a gap.
func (r *Receiver) Forget(hall, date string, from uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := r.day(hall, date)
	for s := range d.events {
		if s >= from {
			delete(d.events, s)
		}
	}
	d.contig = min(d.contig, from-1)
}

// Stats are counts of what the receiver saw.
type Stats struct {
	Batches int            // accepted
	Resent  int            // events received again, not stored twice
	Gaps    int            // batches answered with a gap
	Refused map[string]int // by error code
}

// Stats returns the counts so far.
func (r *Receiver) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref := map[string]int{}
	for k, v := range r.refused {
		ref[k] = v
	}
	return Stats{Batches: r.batches, Resent: r.resent, Gaps: r.gaps, Refused: ref}
}

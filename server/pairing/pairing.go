// Package pairing keeps the hall's pending device pairings in memory: an
// app with no token asks to pair, gets a 6-digit code to read to an admin
// and a secret to poll with; the admin accepts the code on /admin/devices,
// and the next poll hands the app its device id and token. Requests expire
// after TTL; a server restart forgets them (the app simply asks again).
package pairing

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sort"
	"sync"
	"time"
)

// TTL is how long a request waits for an admin.
const TTL = 10 * time.Minute

// MaxPending bounds the requests kept at once, whoever made them.
const MaxPending = 64

// Errors of the registry.
var (
	ErrFull     = errors.New("pairing: too many pending requests")
	ErrNotFound = errors.New("pairing: no pending request with this code (wrong or expired)")
)

// Request is one app's wish to pair.
type Request struct {
	ID      string    `json:"request_id"`
	Code    string    `json:"code"`
	Role    string    `json:"role"`
	Host    string    `json:"host"`
	Version string    `json:"app_version"`
	IP      string    `json:"ip"`
	At      time.Time `json:"at"`
	secret  string
	result  *Result
	done    chan struct{} // closed when result is set
}

// Result is what an accepted request gives its app.
type Result struct {
	Device  string `json:"device"`
	Role    string `json:"role"`
	Token   string `json:"token"`
	Counter int    `json:"counter"`
}

// Registry holds the pending requests. It is safe for concurrent use.
type Registry struct {
	now  func() time.Time
	rand io.Reader
	mu   sync.Mutex
	byID map[string]*Request
}

// New returns an empty Registry on the clock now, drawing codes and
// secrets from random (crypto/rand.Reader when nil).
func New(now func() time.Time, random io.Reader) *Registry {
	if random == nil {
		random = rand.Reader
	}
	return &Registry{now: now, rand: random, byID: map[string]*Request{}}
}

// Add registers a request and returns it with its secret, which only the
// app learns.
func (r *Registry) Add(role, host, version, ip string) (Request, string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pruneLocked()
	if len(r.byID) >= MaxPending {
		return Request{}, "", ErrFull
	}
	id, err := r.hex(16)
	if err != nil {
		return Request{}, "", err
	}
	secret, err := r.hex(32)
	if err != nil {
		return Request{}, "", err
	}
	var code string
	for {
		if code, err = r.code(); err != nil {
			return Request{}, "", err
		}
		if _, taken := r.byCodeLocked(code); !taken {
			break
		}
	}
	req := &Request{ID: id, Code: code, Role: role, Host: host, Version: version, IP: ip, At: r.now(),
		secret: secret, done: make(chan struct{})}
	r.byID[id] = req
	return req.public(), secret, nil
}

// Poll returns the request id's result when it was accepted, nil while it
// waits, and ErrNotFound when it expired, never was, or secret is wrong.
// done is closed when the result is set, so that a caller may wait on it.
func (r *Registry) Poll(id, secret string) (res *Result, done <-chan struct{}, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pruneLocked()
	req, ok := r.byID[id]
	if !ok || subtle.ConstantTimeCompare([]byte(req.secret), []byte(secret)) != 1 {
		return nil, nil, ErrNotFound
	}
	return req.result, req.done, nil
}

// Pending returns the requests still waiting for an admin, oldest first.
func (r *Registry) Pending() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pruneLocked()
	var out []Request
	for _, req := range r.byID {
		if req.result == nil {
			out = append(out, req.public())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// Lookup returns the waiting request with code, or ErrNotFound.
func (r *Registry) Lookup(code string) (Request, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pruneLocked()
	req, ok := r.byCodeLocked(code)
	if !ok {
		return Request{}, ErrNotFound
	}
	return req.public(), nil
}

// Accept settles the waiting request with code: add is called (under the
// registry's lock, so that one code pairs at most one device) to store the
// device; when it succeeds the app's next poll gets its Result.
func (r *Registry) Accept(code string, add func(Request) (Result, error)) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pruneLocked()
	req, ok := r.byCodeLocked(code)
	if !ok {
		return ErrNotFound
	}
	res, err := add(req.public())
	if err != nil {
		return err
	}
	req.result = &res
	close(req.done)
	return nil
}

// Reject forgets the waiting request with code; its app's poll then says
// expired.
func (r *Registry) Reject(code string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	req, ok := r.byCodeLocked(code)
	if !ok {
		return ErrNotFound
	}
	delete(r.byID, req.ID)
	return nil
}

// byCodeLocked finds a waiting request by its code.
func (r *Registry) byCodeLocked(code string) (*Request, bool) {
	for _, req := range r.byID {
		if req.result == nil && subtle.ConstantTimeCompare([]byte(req.Code), []byte(code)) == 1 {
			return req, true
		}
	}
	return nil, false
}

// pruneLocked drops the requests older than TTL, accepted or not.
func (r *Registry) pruneLocked() {
	now := r.now()
	for id, req := range r.byID {
		if now.Sub(req.At) >= TTL {
			delete(r.byID, id)
		}
	}
}

func (req *Request) public() Request {
	return Request{ID: req.ID, Code: req.Code, Role: req.Role, Host: req.Host, Version: req.Version, IP: req.IP, At: req.At}
}

// code draws a 6-digit code, leading zeros allowed.
func (r *Registry) code() (string, error) {
	n, err := rand.Int(r.rand, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("pairing: code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func (r *Registry) hex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(r.rand, b); err != nil {
		return "", fmt.Errorf("pairing: random: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Token draws a device token of 32 characters from a 62-letter alphabet.
func Token(random io.Reader) (string, error) {
	if random == nil {
		random = rand.Reader
	}
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, 32)
	for i := range b {
		n, err := rand.Int(random, big.NewInt(int64(len(alphabet))))
		if err != nil {
			return "", fmt.Errorf("pairing: token: %w", err)
		}
		b[i] = alphabet[n.Int64()]
	}
	return string(b), nil
}

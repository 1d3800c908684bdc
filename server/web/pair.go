package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"hallq/server/config"
	"hallq/server/pairing"
	"hallq/server/throttle"
)

// PairRule bounds the pairing requests of one address: PairRule.Free within
// the window, then a wait that doubles. Every request counts, since a
// request costs the server memory and an admin's attention.
var PairRule = throttle.Rule{Free: 10, Base: 30 * time.Second, Max: 10 * time.Minute, Window: 10 * time.Minute}

// Pairing limits.
const (
	pairBodyMax = 4 << 10
	// pairPollWait is how long GET /pair/{id} holds a pending answer
	// before it says "pending".
	pairPollWait = 25 * time.Second
	pairHostMax  = 64
	pairVerMax   = 32
)

// pairRequest is the body of POST /pair.
type pairRequest struct {
	Role       string `json:"role"`
	Host       string `json:"host"`
	AppVersion string `json:"app_version"`
}

// pairStatus is the answer of GET /pair/{id}.
type pairStatus struct {
	Status  string `json:"status"` // pending | paired | expired
	Device  string `json:"device,omitempty"`
	Role    string `json:"role,omitempty"`
	Token   string `json:"token,omitempty"`
	Counter int    `json:"counter,omitempty"`
	CAPEM   string `json:"ca_pem,omitempty"`
}

// pairStart serves POST /pair: anyone on the hall network may ask; the
// answer is the code to show and the id and secret to poll with.
func (s *Server) pairStart(w http.ResponseWriter, r *http.Request) {
	ip := clientIP(r)
	if wait := max(s.pairIP.Wait(ip), s.pairIP.Fail(ip)); wait > 0 {
		w.Header().Set("Retry-After", itoa(int((wait+time.Second-1)/time.Second)))
		writeError(w, http.StatusTooManyRequests, "rate_limited", "Quá nhiều yêu cầu ghép thiết bị từ máy này, vui lòng thử lại sau")
		return
	}
	var in pairRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, pairBodyMax)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "Yêu cầu ghép thiết bị không hợp lệ (JSON)")
		return
	}
	if in.Role != config.RoleKiosk && in.Role != config.RoleCounter && in.Role != config.RoleDisplay {
		writeError(w, http.StatusBadRequest, "bad_request", "Vai trò phải là kiosk, counter hoặc display")
		return
	}
	host := printable(clip(in.Host, pairHostMax))
	req, secret, err := s.pairs.Add(in.Role, host, printable(clip(in.AppVersion, pairVerMax)), ip)
	if errors.Is(err, pairing.ErrFull) {
		writeError(w, http.StatusServiceUnavailable, "busy", "Đang có quá nhiều yêu cầu ghép thiết bị chờ duyệt")
		return
	}
	if err != nil {
		s.log.Error("pairing request", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống")
		return
	}
	s.log.Info("pairing requested", "role", req.Role, "host", req.Host, "remote", ip)
	writeJSON(w, http.StatusOK, map[string]any{"code": req.Code, "request_id": req.ID, "secret": secret,
		"expires_s": int(pairing.TTL / time.Second)})
}

// pairPoll serves GET /pair/{id}?secret=…: it waits up to pairPollWait
// (or ?wait=0 for none) for the admin, then answers pending, paired (with
// the device's id and token, and the hall's CA when the server has TLS) or
// expired (404: also for a wrong secret).
func (s *Server) pairPoll(w http.ResponseWriter, r *http.Request) {
	id, secret := r.PathValue("id"), r.URL.Query().Get("secret")
	res, done, err := s.pairs.Poll(id, secret)
	if err == nil && res == nil && r.URL.Query().Get("wait") != "0" {
		t := time.NewTimer(pairPollWait)
		select {
		case <-done:
		case <-t.C:
		case <-r.Context().Done():
		}
		t.Stop()
		res, _, err = s.pairs.Poll(id, secret)
	}
	switch {
	case err != nil:
		writeJSON(w, http.StatusNotFound, pairStatus{Status: "expired"})
	case res == nil:
		writeJSON(w, http.StatusOK, pairStatus{Status: "pending"})
	default:
		out := pairStatus{Status: "paired", Device: res.Device, Role: res.Role, Token: res.Token, Counter: res.Counter}
		if s.caPEM != nil {
			out.CAPEM = string(s.caPEM())
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// pendingJSON serves GET /api/pairing: the requests waiting for an admin.
func (s *Server) pendingJSON(w http.ResponseWriter, r *http.Request, _ string) {
	items := s.pairs.Pending()
	if items == nil {
		items = []pairing.Request{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"pending": items})
}

// printable drops control characters from a client-given label.
func printable(v string) string {
	if !utf8.ValidString(v) {
		v = strings.ToValidUTF8(v, "")
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, v)
}

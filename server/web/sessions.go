package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sync"
	"time"
)

// cookieName is the supervisor's session cookie.
const cookieName = "hall_session"

// Sessions keeps supervisors' signed-in sessions in memory (a restart signs
// everyone out). It is safe for concurrent use.
type Sessions struct {
	now   func() time.Time
	mu    sync.Mutex
	m     map[string]session
	onEnd func()
}

// OnEnd sets f to run after a session is deleted (sign-out), so that the
// websockets it opened are closed. Call it before serving.
func (s *Sessions) OnEnd(f func()) { s.onEnd = f }

type session struct {
	user    string
	csrf    string
	expires time.Time
}

// NewSessions returns an empty session store on clock now.
func NewSessions(now func() time.Time) *Sessions {
	return &Sessions{now: now, m: map[string]session{}}
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Create signs user in and returns the session id, its CSRF token and
// when it expires. Expired sessions are dropped on the way.
func (s *Sessions) Create(user string) (id string, csrf string, expires time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, ss := range s.m {
		if !now.Before(ss.expires) {
			delete(s.m, k) // sessions never used again would stay forever
		}
	}
	id = randomToken()
	csrf = randomToken()
	expires = now.Add(sessionTTL)
	s.m[id] = session{user: user, csrf: csrf, expires: expires}
	return id, csrf, expires
}

// Delete ends session id.
func (s *Sessions) Delete(id string) {
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
	if s.onEnd != nil {
		s.onEnd()
	}
}

// EndUser ends every session of user (a disabled account, a password
// reset by an admin).
func (s *Sessions) EndUser(user string) {
	s.mu.Lock()
	n := 0
	for k, ss := range s.m {
		if ss.user == user {
			delete(s.m, k)
			n++
		}
	}
	s.mu.Unlock()
	if n > 0 && s.onEnd != nil {
		s.onEnd()
	}
}

func (s *Sessions) get(id string) (session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.m[id]
	if !ok {
		return session{}, false
	}
	if !s.now().Before(ss.expires) {
		delete(s.m, id)
		return session{}, false
	}
	return ss, true
}

// User returns the supervisor signed in by r's session cookie.
func (s *Sessions) User(r *http.Request) (string, bool) {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return "", false
	}
	ss, ok := s.get(c.Value)
	return ss.user, ok
}

// CSRF returns the CSRF token of r's session.
func (s *Sessions) CSRF(r *http.Request) string {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return ""
	}
	ss, _ := s.get(c.Value)
	return ss.csrf
}

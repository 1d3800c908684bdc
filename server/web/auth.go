package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"hallq/server/config"
	"hallq/server/throttle"
)

// Sign-in throttling: a username may fail SignInRule.Free times from one
// address, then waits longer after each failure; one address may fail
// AddressRule.Free times over all usernames. Nothing is locked: the right
// password from another address always works.
var (
	SignInRule  = throttle.Rule{Free: 5, Base: 5 * time.Second, Max: 5 * time.Minute, Window: 15 * time.Minute}
	AddressRule = throttle.Rule{Free: 20, Base: 5 * time.Second, Max: 5 * time.Minute, Window: 15 * time.Minute}
)

// supervisor returns the supervisor making r, by session cookie or by HTTP
// basic auth. A failed basic auth is throttled as a failed sign-in is.
func (s *Server) supervisor(r *http.Request) (string, bool) {
	if u, ok := s.sessions.User(r); ok {
		if sv, found := s.hall.Supervisor(u); !found || sv.Disabled {
			// The account was disabled or removed: its sessions end.
			s.sessions.EndUser(u)
			return "", false
		}
		return u, true
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return "", false
	}
	_, err := s.checkPassword(r, user, pass)
	return clip(user, maxUsernameRunes), err == ""
}

// checkPassword checks a sign-in from r against the config and the
// throttle, and returns the supervisor's name or a message fit to show. A
// username is cut to maxUsernameRunes before it is counted or logged; a
// longer one never matches.
func (s *Server) checkPassword(r *http.Request, user, pass string) (name string, problem string) {
	full := user
	user = clip(user, maxUsernameRunes)
	ip := clientIP(r)
	key := user + "\x00" + ip
	if wait := max(s.userIP.Wait(key), s.perIP.Wait(ip)); wait > 0 {
		return "", waitMessage(wait)
	}
	sv, ok := s.hall.Supervisor(user)
	ok = ok && full == user
	if !ok {
		sv.PasswordHash = absentHash // as slow as a real check: names do not leak by timing
	}
	if !config.CheckHash(sv.PasswordHash, pass) || !ok {
		wait := max(s.userIP.Fail(key), s.perIP.Fail(ip))
		if wait > 0 {
			s.log.Warn("supervisor sign-in slowed", "user", user, "remote", ip, "wait", wait)
			return "", "Tên đăng nhập hoặc mật khẩu không đúng. " + waitMessage(wait)
		}
		return "", "Tên đăng nhập hoặc mật khẩu không đúng."
	}
	s.userIP.Succeed(key)
	if sv.Disabled {
		s.log.Info("disabled supervisor refused", "user", user, "remote", ip)
		return "", "Tài khoản này đã bị vô hiệu hóa; vui lòng liên hệ quản trị viên."
	}
	return sv.Name, ""
}

// waitMessage tells a supervisor how long to wait before trying again.
func waitMessage(d time.Duration) string {
	if d < time.Minute {
		return "Đăng nhập sai nhiều lần: vui lòng thử lại sau " + itoa(int((d+time.Second-1)/time.Second)) + " giây."
	}
	return "Đăng nhập sai nhiều lần: vui lòng thử lại sau " + itoa(int((d+time.Minute-1)/time.Minute)) + " phút."
}

// clientIP is r's client address without the port.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// absentHash is a bcrypt hash (cost 10) of a password nobody uses, checked
// for unknown usernames.
const absentHash = "$2a$10$E2MCHNZO6PuDtdH3N2u8NOIXxgsKgkCMDKeOiIeokLcDXio08u6Ci"

// api wraps a supervisor's API or download handler: 401 without a session or
// valid basic auth.
func (s *Server) api(h func(w http.ResponseWriter, r *http.Request, user string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, ok := s.supervisor(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="hall", charset="UTF-8"`)
			writeError(w, http.StatusUnauthorized, "unauthorized", "Vui lòng đăng nhập")
			return
		}
		h(w, r, user)
	}
}

// page wraps a supervisor's page: a redirect to the sign-in page without a
// session.
func (s *Server) page(h func(w http.ResponseWriter, r *http.Request, user string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, ok := s.supervisor(r)
		if !ok {
			// A form posted after the session ended cannot be replayed:
			// after sign-in the supervisor starts again from the hall.
			next := "/"
			if r.Method == http.MethodGet {
				next = r.URL.RequestURI()
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		h(w, r, user)
	}
}

// localPath returns next if it is a path on this server, or "/": a sign-in
// never sends the browser to another site. It accepts only a path that
// parses with no scheme and no host, starts with exactly one "/", and holds
// no byte at or below 0x20 (browsers drop tabs and newlines, turning
// "/\t/evil" into "//evil") and no backslash (read as "/").
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(u.Path, "//") ||
		!plainPath(next) || !plainPath(u.Path) {
		return "/"
	}
	return next
}

// plainPath reports whether p holds no control byte, space or backslash,
// as typed or once decoded.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] <= 0x20 || p[i] == 0x7f || p[i] == '\\' {
			return false
		}
	}
	return true
}

package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"hallq/server/config"
)

// supervisor returns the supervisor making r, by session cookie or by HTTP
// basic auth. A failed basic auth counts towards the user's lock-out as a
// failed sign-in does.
func (s *Server) supervisor(r *http.Request) (string, bool) {
	if u, ok := s.sessions.User(r); ok {
		return u, true
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return "", false
	}
	_, err := s.checkPassword(user, pass)
	return clip(user, maxUsernameRunes), err == ""
}

// checkPassword checks a sign-in against the config and the lock-out, and
// returns the supervisor's name or a message fit to show.
// A username is cut to maxUsernameRunes before it is counted or logged; a
// longer one never matches.
func (s *Server) checkPassword(user, pass string) (name string, problem string) {
	full := user
	user = clip(user, maxUsernameRunes)
	if until, locked := s.guard.locked(user); locked {
		return "", "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau " +
			until.In(s.hall.Settings().Location).Format("15:04") + "."
	}
	sv, ok := s.hall.Config().Supervisor(user)
	ok = ok && full == user
	if !ok {
		sv.PasswordHash = absentHash // as slow as a real check: names do not leak by timing
	}
	if !config.CheckHash(sv.PasswordHash, pass) || !ok {
		if s.guard.fail(user) {
			s.log.Warn("supervisor locked out", "user", user, "for", lockFor)
			return "", "Đăng nhập sai " + itoa(lockFailures) + " lần: tài khoản tạm khóa " + itoa(int(lockFor/time.Minute)) + " phút."
		}
		return "", "Tên đăng nhập hoặc mật khẩu không đúng."
	}
	s.guard.succeed(user)
	return sv.Name, ""
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

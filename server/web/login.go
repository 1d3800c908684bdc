package web

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"time"
)

// loginCookie carries the sign-in form's CSRF token before there is a
// session (a double-submit token: the form's field must match it).
const loginCookie = "hall_login"

// loginForm is the sign-in page's data.
type loginForm struct {
	CSRF     string
	Next     string
	Username string
	Error    string
}

// loginPage serves GET /login, or sends a signed-in supervisor on.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.URL.Query().Get("next"))
	if _, ok := s.sessions.User(r); ok {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginForm{Next: next})
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, f loginForm) {
	f.CSRF = randomToken()
	http.SetCookie(w, &http.Cookie{
		Name: loginCookie, Value: f.CSRF, Path: "/login", MaxAge: 3600,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	})
	s.render(w, status, "login", view{Title: "Đăng nhập", Hall: s.hall.Settings().Name, Data: f})
}

// login serves POST /login: it checks the form's CSRF token, the lock-out
// and the password, then starts a session.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	user := r.PostFormValue("username")
	f := loginForm{Next: localPath(r.PostFormValue("next")), Username: clip(user, maxUsernameRunes)}
	c, err := r.Cookie(loginCookie)
	token := r.PostFormValue("csrf")
	if err != nil || token == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(token)) != 1 {
		f.Error = "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại."
		s.renderLogin(w, r, http.StatusForbidden, f)
		return
	}
	if _, problem := s.checkPassword(r, user, r.PostFormValue("password")); problem != "" {
		s.log.Info("supervisor sign-in failed", "user", f.Username, "remote", r.RemoteAddr)
		f.Error = problem
		s.renderLogin(w, r, http.StatusUnauthorized, f)
		return
	}
	id, _, expires := s.sessions.Create(f.Username)
	http.SetCookie(w, &http.Cookie{
		// MaxAge as well as Expires: a browser whose clock differs from
		// the server's still keeps the cookie for the session's life.
		Name: cookieName, Value: id, Path: "/", Expires: expires, MaxAge: int(sessionTTL / time.Second),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	})
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Path: "/login", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	s.log.Info("supervisor signed in", "user", f.Username, "remote", r.RemoteAddr)
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// logout serves POST /logout: the session ends and its cookie is cleared.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, user string) {
	if c, err := r.Cookie(cookieName); err == nil {
		s.sessions.Delete(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	s.log.Info("supervisor signed out", "user", user)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func itoa(n int) string { return strconv.Itoa(n) }

package web

import (
	"crypto/subtle"
	"net/http"
)

// csrf wraps a supervisor's form handler: the form's csrf field must match
// the session's token. Basic-auth requests have no session and no token, so
// they cannot post forms.
func (s *Server) csrf(h func(w http.ResponseWriter, r *http.Request, user string)) func(w http.ResponseWriter, r *http.Request, user string) {
	return func(w http.ResponseWriter, r *http.Request, user string) {
		want := s.sessions.CSRF(r)
		got := r.PostFormValue("csrf")
		if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			s.log.Warn("csrf token rejected", "user", user, "path", r.URL.Path)
			s.errorPage(w, r, user, http.StatusForbidden, "Phiên làm việc không hợp lệ hoặc đã hết hạn (CSRF). Vui lòng tải lại trang và thử lại.")
			return
		}
		h(w, r, user)
	}
}

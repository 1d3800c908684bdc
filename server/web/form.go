package web

import (
	"errors"
	"mime"
	"net/http"
	"unicode/utf8"
)

// Form body limits.
const (
	signInBodyMax = 16 << 10 // sign-in and sign-out
	answerBodyMax = 64 << 10 // a feedback answer (2,000 characters, escaped)
	// maxUsernameRunes is where a username is cut before it is echoed,
	// logged or counted.
	maxUsernameRunes = 64
)

// form wraps a form handler: only URL-encoded bodies up to limit bytes are
// read (415 otherwise, 413 when too large), and the form is parsed before h
// runs, so no later read can go past the limit.
func (s *Server) form(limit int64, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		empty := r.ContentLength == 0 && ct == "" // a bare POST: an empty form
		if ct != "application/x-www-form-urlencoded" && !empty {
			s.plainError(w, http.StatusUnsupportedMediaType, "Biểu mẫu không hợp lệ (chỉ nhận application/x-www-form-urlencoded).")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if err := r.ParseForm(); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				s.log.Warn("form body too large", "path", r.URL.Path, "limit", limit, "remote", r.RemoteAddr)
				s.plainError(w, http.StatusRequestEntityTooLarge, "Nội dung gửi lên quá lớn.")
				return
			}
			s.plainError(w, http.StatusBadRequest, "Biểu mẫu không đọc được.")
			return
		}
		h(w, r)
	}
}

// plainError answers with a short text, before any user is known.
func (s *Server) plainError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Connection", "close")
	w.WriteHeader(status)
	w.Write([]byte(msg + "\n"))
}

// clip cuts a client-supplied value to n characters (runes), for echoing,
// logging and counting.
func clip(v string, n int) string {
	if utf8.RuneCountInString(v) <= n {
		return v
	}
	r := []rune(v)
	return string(r[:n])
}

package province

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"hallq/server/config"
	"hallq/server/province/pgstore"
)

// Sessions: a random token in a cookie, its SHA-256 in PostgreSQL (so any
// instance knows it), valid for sessionTTL.
const (
	sessionCookie = "hallq_province"
	sessionTTL    = 12 * time.Hour
)

type userKey struct{}

const mustChangeMsg = "Hãy đăng nhập trên trang web và đổi mật khẩu dùng một lần trước. (Sign in on the web page and change the one-time password first.)"

// user returns the signed-in account of r's context.
func user(r *http.Request) string {
	u, _ := r.Context().Value(userKey{}).(string)
	return u
}

// errThrottled says a username from an address must wait before trying
// again.
var errThrottled = errors.New("Sai mật khẩu nhiều lần: hãy thử lại sau ít phút. (Too many wrong passwords: try again in a few minutes.)")

// signIn checks username's password from r's address, slowed down after
// repeated failures (errThrottled).
func (s *Service) signIn(r *http.Request, username, password string) (bool, error) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	key := username + "|" + host
	if s.signins.Wait(key) > 0 {
		return false, errThrottled
	}
	ok, err := s.checkPassword(r.Context(), username, password)
	switch {
	case err != nil:
		return false, err
	case ok:
		s.signins.Succeed(key)
	default:
		s.signins.Fail(key)
	}
	return ok, nil
}

// checkPassword reports whether password is username's. An unknown user
// costs a bcrypt comparison too, so timing tells nothing.
func (s *Service) checkPassword(ctx context.Context, username, password string) (bool, error) {
	hash, err := s.store.PasswordHash(ctx, username)
	if errors.Is(err, pgstore.ErrNotFound) {
		decoy, _ := config.DecoyHash()
		config.CheckHash(decoy, password)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return config.CheckHash(hash, password), nil
}

// signedIn wraps h: a request with a valid session (or, for /api/, HTTP
// basic auth) goes through; a page without one is sent to the sign-in,
// an API call gets 401.
func (s *Service) signedIn(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		api := strings.HasPrefix(r.URL.Path, "/api/")
		if c, err := r.Cookie(sessionCookie); err == nil {
			sum := sha256.Sum256([]byte(c.Value))
			if u, must, err := s.store.Session(r.Context(), sum[:], s.Now()); err == nil {
				if must && !api {
					http.Redirect(w, r, "/account/password", http.StatusSeeOther)
					return
				}
				if must {
					http.Error(w, mustChangeMsg, http.StatusForbidden)
					return
				}
				h(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
				return
			}
		}
		if u, p, ok := r.BasicAuth(); ok && api {
			good, err := s.signIn(r, u, p)
			if errors.Is(err, errThrottled) {
				http.Error(w, err.Error(), http.StatusTooManyRequests)
				return
			}
			if err == nil && good {
				if must, err := s.store.MustChange(r.Context(), u); err != nil || must {
					http.Error(w, mustChangeMsg, http.StatusForbidden)
					return
				}
				h(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
				return
			}
		}
		if api {
			w.Header().Set("WWW-Authenticate", `Basic realm="province"`)
			http.Error(w, "Cần đăng nhập. (Sign-in required.)", http.StatusUnauthorized)
			return
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	}
}

// sameOrigin refuses a form posted from another site (the cookie is
// SameSite=Lax too).
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

type loginData struct {
	Error, Username, Next string
}

func (s *Service) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "login", "Đăng nhập", loginData{Next: r.URL.Query().Get("next")})
}

func (s *Service) login(w http.ResponseWriter, r *http.Request) {
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := r.PostFormValue("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/province"
	}
	if !sameOrigin(r) {
		http.Error(w, "Yêu cầu từ trang khác bị từ chối. (Cross-site request refused.)", http.StatusForbidden)
		return
	}
	ok, err := s.signIn(r, username, password)
	if errors.Is(err, errThrottled) {
		w.WriteHeader(http.StatusTooManyRequests)
		s.render(w, r, "login", "Đăng nhập", loginData{Error: err.Error(), Username: username, Next: next})
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		s.render(w, r, "login", "Đăng nhập", loginData{Error: "Sai tên đăng nhập hoặc mật khẩu. (Wrong username or password.)",
			Username: username, Next: next})
		return
	}
	token := rand.Text()
	sum := sha256.Sum256([]byte(token))
	if err := s.store.AddSession(r.Context(), sum[:], username, s.Now(), s.Now().Add(sessionTTL)); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: int(sessionTTL / time.Second)})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Service) logout(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "Yêu cầu từ trang khác bị từ chối. (Cross-site request refused.)", http.StatusForbidden)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		sum := sha256.Sum256([]byte(c.Value))
		s.store.DeleteSession(r.Context(), sum[:])
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// minPassword is the shortest password an account may choose.
const minPassword = 10

type passwordData struct{ Error string }

// passwordPage asks an account signed in with a one-time password (or
// any signed-in account) for a password of its own.
func (s *Service) passwordPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.sessionUser(w, r); !ok {
		return
	}
	s.render(w, r, "password", "Đổi mật khẩu", passwordData{})
}

func (s *Service) changePassword(w http.ResponseWriter, r *http.Request) {
	u, ok := s.sessionUser(w, r)
	if !ok {
		return
	}
	if !sameOrigin(r) {
		http.Error(w, "Yêu cầu từ trang khác bị từ chối. (Cross-site request refused.)", http.StatusForbidden)
		return
	}
	pw, again := r.PostFormValue("password"), r.PostFormValue("again")
	fail := func(msg string) {
		w.WriteHeader(http.StatusBadRequest)
		s.render(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)), "password", "Đổi mật khẩu", passwordData{Error: msg})
	}
	switch {
	case len([]rune(pw)) < minPassword:
		fail("Mật khẩu cần ít nhất 10 ký tự. (At least 10 characters.)")
		return
	case pw != again:
		fail("Hai lần nhập không khớp. (The two entries differ.)")
		return
	}
	if same, _ := s.checkPassword(r.Context(), u, pw); same {
		fail("Hãy chọn mật khẩu khác mật khẩu dùng một lần. (Choose another password than the one-time one.)")
		return
	}
	hash, err := config.Hash(pw)
	if err != nil {
		fail("Mật khẩu không dùng được: " + err.Error())
		return
	}
	c, _ := r.Cookie(sessionCookie)
	sum := sha256.Sum256([]byte(c.Value))
	if err := s.store.ChangePassword(r.Context(), u, hash, sum[:]); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/province", http.StatusSeeOther)
}

// sessionUser returns the account of r's session, even one that must
// change its password; without a session it redirects to the sign-in.
func (s *Service) sessionUser(w http.ResponseWriter, r *http.Request) (string, bool) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		sum := sha256.Sum256([]byte(c.Value))
		if u, _, err := s.store.Session(r.Context(), sum[:], s.Now()); err == nil {
			return u, true
		}
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return "", false
}

package main

import (
	"encoding/json"
	"image"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"hallq/kiosk/model"
	"hallq/kiosk/ui"
	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/pairing"
	"hallq/shared/pairscreen"
	"hallq/shared/protocol"
	"hallq/shared/xtest"
)

// TestPairingEndToEnd runs the real kiosk binary with no token under Xvfb:
// it shows the pairing window; the test reads the code from /api/pairing,
// accepts it on /admin/devices as an admin would, and the kiosk saves its
// token (mode 0600), starts and issues a ticket; revoking it sends the
// kiosk back to the pairing window with its saved token gone.
func TestPairingEndToEnd(t *testing.T) {
	xtest.Need(t, "Xvfb", "xdotool", "import")
	bin := xtest.Build(t, "hallq/kiosk")
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	saved := filepath.Join(home, ".config", "hallq", "kiosk.json")
	size := fyne.NewSize(1920, 1080)

	s := startServer(t)
	admin := signIn(t, s)
	watch := apptest.Connect(t, s.Addr, "display-1", "demo-display-1-token-01")
	d, _ := xtest.Launch(t, int(size.Width), int(size.Height), pairscreen.Title, bin,
		"-server", "ws://"+s.Addr+"/ws", "-printer", "file:"+t.TempDir(), "-fullscreen")

	code := pendingCode(t, s, "")
	if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
		t.Fatalf("code %q", code)
	}
	adminPost(t, admin, s, "/admin/devices", "/admin/devices/pair", url.Values{"code": {code}, "id": {"kiosk-7"}})
	if _, err := d.FindWindow("Cấp số thứ tự", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	d.WaitWindow(t, "Cấp số thứ tự", 5*time.Second)
	creds, err := pairing.Load(saved)
	if err != nil || creds.Device != "kiosk-7" || len(creds.Token) != 32 {
		t.Fatalf("saved: %+v, %v", creds, err)
	}
	if st, _ := os.Stat(saved); st.Mode().Perm() != 0o600 {
		t.Errorf("saved file mode %v, want 0600", st.Mode().Perm())
	}

	st := s.Hall.State()
	tileA := layoutOf(t, size, st, 0, nil).button(t, "A. "+serviceName(t, st, "A"))
	waitScreen(t, d, "home with tile A enabled", func(img image.Image) bool {
		return xtest.Share(img, tileA, 12, buttonColors()...) > 0.4
	})
	click(d, t, tileA)
	no := layoutOf(t, size, st, 0, func(m *model.Model) { m.ChooseService("A") }).button(t, ui.AnswerNo)
	waitScreen(t, d, "priority question", func(img image.Image) bool { return xtest.Share(img, no, 40, primary()) > 0.4 })
	click(d, t, no)
	xtest.Eventually(t, 10*time.Second, "no ticket_issued from kiosk-7", func() bool {
		return apptest.Saw(watch, protocol.EvTicketIssued, func(e protocol.TicketEvent) bool { return e.Ticket.Service == "A" })
	})

	adminPost(t, admin, s, "/admin/devices", "/admin/devices/kiosk-7/revoke", url.Values{})
	if _, err := d.FindWindow(pairscreen.Title, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	again := pendingCode(t, s, code)
	if again == "" {
		t.Fatal("no new pairing request after the revocation")
	}
	if _, err := pairing.Load(saved); err == nil {
		t.Error("the revoked token is still saved")
	}
}

// signIn signs the demo admin in.
func signIn(t *testing.T, s *app.Server) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	adminPost(t, c, s, "/login", "/login", url.Values{"username": {"giamsat"}, "password": {"giamsat2026"}, "next": {"/"}})
	return c
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// adminPost posts form to path with the CSRF token of the page at from,
// and wants a redirect.
func adminPost(t *testing.T, c *http.Client, s *app.Server, from, path string, form url.Values) {
	t.Helper()
	base := "http://" + s.Addr
	resp, err := c.Get(base + from)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(b)
	if m == nil {
		t.Fatalf("no csrf on %s", from)
	}
	form.Set("csrf", string(m[1]))
	resp, err = c.PostForm(base+path, form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s: %d\n%s", path, resp.StatusCode, b)
	}
}

// pendingCode waits for a kiosk's pairing request other than not and
// returns its code (GET /api/pairing, as an admin's script would).
func pendingCode(t *testing.T, s *app.Server, not string) string {
	t.Helper()
	var code string
	xtest.Eventually(t, 30*time.Second, "no pairing request from the kiosk", func() bool {
		req, _ := http.NewRequest("GET", "http://"+s.Addr+"/api/pairing", nil)
		req.SetBasicAuth("giamsat", "giamsat2026")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		var out struct{ Pending []struct{ Code, Role string } }
		json.NewDecoder(resp.Body).Decode(&out)
		for _, p := range out.Pending {
			if p.Role == "kiosk" && p.Code != not {
				code = p.Code
				return true
			}
		}
		return false
	})
	return code
}

package app

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hallq/server/web"
	"hallq/shared/xtest"

	"github.com/gorilla/websocket"
)

// pairStarted is the answer of POST /pair.
type pairStarted struct {
	Code      string `json:"code"`
	RequestID string `json:"request_id"`
	Secret    string `json:"secret"`
}

// pairPolled is the answer of GET /pair/{id}.
type pairPolled struct {
	Status  string `json:"status"`
	Device  string `json:"device"`
	Role    string `json:"role"`
	Token   string `json:"token"`
	Counter int    `json:"counter"`
}

func askPairing(t *testing.T, s *Server, role string) (pairStarted, int) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"role": role, "host": "PC-SANH-01", "app_version": "test"})
	resp, err := http.Post("http://"+s.Addr+"/pair", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out pairStarted
	json.NewDecoder(resp.Body).Decode(&out)
	return out, resp.StatusCode
}

func pollPairing(t *testing.T, s *Server, p pairStarted) (pairPolled, int) {
	t.Helper()
	var out pairPolled
	code := getJSON(t, "http://"+s.Addr+"/pair/"+p.RequestID+"?wait=0&secret="+url.QueryEscape(p.Secret), &out)
	return out, code
}

// postDevices posts an admin's form on the devices page and returns the
// status and the page it leads to.
func postDevices(t *testing.T, s *Server, c *http.Client, path string, form url.Values) (int, string) {
	t.Helper()
	form.Set("csrf", csrfOf(t, c, "http://"+s.Addr+"/"))
	resp, err := c.PostForm("http://"+s.Addr+path, form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(b)
}

var codeRe = regexp.MustCompile(`^[0-9]{6}$`)

func TestPairingRequest(t *testing.T) {
	s := startServer(t, "", nil)
	seen := map[string]bool{}
	for _, role := range []string{"kiosk", "counter", "display"} {
		p, status := askPairing(t, s, role)
		if status != http.StatusOK || !codeRe.MatchString(p.Code) || len(p.Secret) < 32 || p.RequestID == "" {
			t.Fatalf("%s: got %d %+v, want 200 with a 6-digit code, an id and a secret", role, status, p)
		}
		if seen[p.Code] {
			t.Fatalf("code %s given twice", p.Code)
		}
		seen[p.Code] = true
		if got, status := pollPairing(t, s, p); status != http.StatusOK || got.Status != "pending" {
			t.Fatalf("poll: got %d %+v, want pending", status, got)
		}
		p.Secret = "wrong"
		if got, status := pollPairing(t, s, p); status != http.StatusNotFound || got.Status != "expired" {
			t.Fatalf("poll with a wrong secret: got %d %+v, want 404 expired", status, got)
		}
	}
	if _, status := askPairing(t, s, "supervisor"); status != http.StatusBadRequest {
		t.Fatalf("role supervisor: got %d, want 400", status)
	}
	var list struct {
		Pending []struct{ Code, Role, Host string }
	}
	req, _ := http.NewRequest("GET", "http://"+s.Addr+"/api/pairing", nil)
	req.SetBasicAuth("giamsat", "giamsat2026")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if len(list.Pending) != 3 || list.Pending[0].Host != "PC-SANH-01" {
		t.Fatalf("GET /api/pairing: got %+v, want the 3 requests", list)
	}
}

func TestPairingExpires(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	web, _ := signInWeb(t, s)
	p, _ := askPairing(t, s, "kiosk")
	clk.Add(10 * time.Minute)
	if got, status := pollPairing(t, s, p); status != http.StatusNotFound || got.Status != "expired" {
		t.Fatalf("poll after 10 minutes: got %d %+v, want 404 expired", status, got)
	}
	status, _ := postDevices(t, s, web, "/admin/devices/pair", url.Values{"code": {p.Code}, "id": {"kiosk-9"}})
	if status != http.StatusNotFound {
		t.Fatalf("accept an expired code: got %d, want 404", status)
	}
	if _, ok := s.Hall.Config().Device("kiosk-9"); ok {
		t.Fatal("an expired code paired a device")
	}
}

func TestPairingRateLimit(t *testing.T) {
	s := startServer(t, "", nil)
	for i := range web.PairRule.Free {
		if _, status := askPairing(t, s, "display"); status != http.StatusOK {
			t.Fatalf("request %d: got %d, want 200", i+1, status)
		}
	}
	if _, status := askPairing(t, s, "display"); status != http.StatusTooManyRequests {
		t.Fatalf("request %d: got %d, want 429", web.PairRule.Free+1, status)
	}
}

func TestPairingAccept(t *testing.T) {
	s := startServer(t, "", nil)
	web, _ := signInWeb(t, s)
	p, _ := askPairing(t, s, "counter")

	wrong := "000000"
	if p.Code == wrong {
		wrong = "000001"
	}
	status, _ := postDevices(t, s, web, "/admin/devices/pair", url.Values{"code": {wrong}, "id": {"counter-9"}, "counter": {"1"}})
	if status != http.StatusNotFound {
		t.Fatalf("accept a wrong code: got %d, want 404", status)
	}
	if _, ok := s.Hall.Config().Device("counter-9"); ok {
		t.Fatal("a wrong code paired a device")
	}

	status, _ = postDevices(t, s, web, "/admin/devices/pair", url.Values{"code": {p.Code}, "id": {"counter-9"}, "counter": {"1"}})
	if status != http.StatusSeeOther {
		t.Fatalf("accept: got %d, want 303", status)
	}
	got, _ := pollPairing(t, s, p)
	if got.Status != "paired" || got.Device != "counter-9" || got.Role != "counter" || got.Counter != 1 || len(got.Token) != 32 {
		t.Fatalf("poll: got %+v, want paired as counter-9 at counter 1 with a 32-character token", got)
	}
	d, ok := s.Hall.Config().Device("counter-9")
	if !ok || d.Token != got.Token || d.Name != "PC-SANH-01" {
		t.Fatalf("config device: got %+v %v", d, ok)
	}
	c := dial(t, s)
	r := c.do("hello", map[string]any{"device": "counter-9", "token": got.Token, "version": "1.2.3"})
	if !r.OK {
		t.Fatalf("hello with the paired token: %+v", r.Error)
	}
	page := getPage(t, web, "http://"+s.Addr+"/admin/devices")
	for _, want := range []string{"counter-9", "Đang kết nối (1)", "1.2.3", "Máy quầy"} {
		if !strings.Contains(page, want) {
			t.Errorf("devices page lacks %q", want)
		}
	}
	// The code is spent: a second accept pairs nothing.
	status, _ = postDevices(t, s, web, "/admin/devices/pair", url.Values{"code": {p.Code}, "id": {"counter-10"}, "counter": {"1"}})
	if status != http.StatusNotFound {
		t.Fatalf("accept the same code again: got %d, want 404", status)
	}
}

func TestRevokeClosesConnections(t *testing.T) {
	s := startServer(t, "", nil)
	web, _ := signInWeb(t, s)
	a, b := connect(t, s, "kiosk-1"), connect(t, s, "kiosk-1")
	other := connect(t, s, "display-1")

	status, _ := postDevices(t, s, web, "/admin/devices/kiosk-1/revoke", url.Values{})
	if status != http.StatusSeeOther {
		t.Fatalf("revoke: got %d, want 303", status)
	}
	for _, c := range []*wsClient{a, b} {
		if code := c.closeCode(5 * time.Second); code != websocket.ClosePolicyViolation {
			t.Fatalf("revoked connection: close code %d, want 1008", code)
		}
	}
	c := dial(t, s)
	r := c.do("hello", map[string]any{"device": "kiosk-1", "token": demoToken("kiosk-1")})
	wantErr(t, r, "unauthorized", r.ID)
	if r := other.do("ping", nil); !r.OK {
		t.Fatalf("another device's connection: %+v", r.Error)
	}
	if _, ok := s.Hall.Config().Device("kiosk-1"); ok {
		t.Fatal("kiosk-1 is still configured")
	}
	if status, _ := postDevices(t, s, web, "/admin/devices/kiosk-1/revoke", url.Values{}); status != http.StatusBadRequest {
		t.Fatalf("revoke twice: got %d, want 400", status)
	}
}

func TestRenameDevice(t *testing.T) {
	s := startServer(t, "", nil)
	web, _ := signInWeb(t, s)
	status, _ := postDevices(t, s, web, "/admin/devices/display-1/rename", url.Values{"name": {"Màn hình sảnh chính"}})
	if status != http.StatusSeeOther {
		t.Fatalf("rename: got %d, want 303", status)
	}
	if d, _ := s.Hall.Config().Device("display-1"); d.Name != "Màn hình sảnh chính" {
		t.Fatalf("name: got %q", d.Name)
	}
}

func getPage(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", u, resp.StatusCode, b)
	}
	return string(b)
}

package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hallq/server/config"
	"hallq/server/hall"
	"hallq/shared/protocol"
)

// addSupervisor gives the fixture's hall one more supervisor account.
func (f *fixture) addSupervisor(username, password, role string) {
	f.t.Helper()
	hash, err := config.Hash(password)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.hall.UpdateConfig("test", "supervisor.add", "supervisor "+username, func(c *config.Config) error {
		c.Supervisors = append(c.Supervisors, config.Supervisor{Username: username, Name: "Nguyễn Thị Giám Sát", PasswordHash: hash, Role: role})
		return nil
	}); err != nil {
		f.t.Fatal(err)
	}
}

// signedInAs returns a client signed in as username.
func (f *fixture) signedInAs(username, password string) *http.Client {
	f.t.Helper()
	c := f.client()
	if resp, body := f.signIn(c, username, password); resp.StatusCode != http.StatusSeeOther {
		f.t.Fatalf("sign in %s: got %d, want 303: %s", username, resp.StatusCode, body)
	}
	return c
}

// adminPost posts form with the session's CSRF token.
func (f *fixture) adminPost(c *http.Client, path string, form url.Values) (*http.Response, string) {
	f.t.Helper()
	form.Set("csrf", f.pageCSRF(c))
	return f.post(c, path, form)
}

// configJSON is the hall's configuration in force, for "nothing changed".
func (f *fixture) configJSON() string {
	b, _ := json.Marshal(f.hall.Config())
	return string(b)
}

var adminGets = []string{"/admin", "/admin/", "/admin/hall", "/admin/services", "/admin/services/A", "/admin/counters",
	"/admin/counters/1", "/admin/clerks", "/admin/clerks/hang.nd", "/admin/supervisors", "/admin/supervisors/giamsat",
	"/admin/audit", "/admin/audit.json"}

var adminPosts = map[string]url.Values{
	"/admin/hall":                         {"name": {"X"}, "open": {"07:00"}, "close": {"17:00"}, "timezone": {"Asia/Ho_Chi_Minh"}, "rating_window": {"30m"}, "wait_alert": {"20m"}, "priority_streak": {"0"}, "announcement": {"x"}},
	"/admin/services":                     {"id": {"G"}, "name": {"G"}},
	"/admin/services/A":                   {"name": {"X"}},
	"/admin/services/A/move":              {"dir": {"down"}},
	"/admin/services/A/retire":            {},
	"/admin/services/A/restore":           {},
	"/admin/counters":                     {"id": {"9"}, "name": {"Quầy 9"}, "services": {"A"}},
	"/admin/counters/1":                   {"name": {"X"}, "services": {"A"}},
	"/admin/counters/1/retire":            {},
	"/admin/counters/1/restore":           {},
	"/admin/clerks":                       {"username": {"x"}, "name": {"X"}, "pin": {"1234"}},
	"/admin/clerks/hang.nd":               {"name": {"X"}},
	"/admin/clerks/hang.nd/pin":           {"pin": {"1234"}},
	"/admin/clerks/hang.nd/disable":       {},
	"/admin/clerks/hang.nd/enable":        {},
	"/admin/clerks/hang.nd/unlock":        {},
	"/admin/supervisors":                  {"username": {"x"}, "name": {"X"}, "role": {"admin"}, "password": {"12345678"}},
	"/admin/supervisors/giamsat":          {"name": {"X"}, "role": {"supervisor"}},
	"/admin/supervisors/giamsat/password": {"password": {"12345678"}},
	"/admin/supervisors/giamsat/disable":  {},
	"/admin/supervisors/giamsat/enable":   {},
}

// TestAdminSupervisorForbidden: a supervisor without the admin role sees
// no admin menu and gets 403, a Vietnamese page, on every admin page and
// action, which changes nothing.
func TestAdminSupervisorForbidden(t *testing.T) {
	f := newFixture(t)
	f.addSupervisor("xem", "xem-bao-cao-2026", config.RoleSupervisor)
	c := f.signedInAs("xem", "xem-bao-cao-2026")
	if _, page := f.get(c, "/"); strings.Contains(page, "/admin/hall") {
		t.Error("a supervisor's menu shows the admin pages")
	}
	_, page := f.get(f.signedIn(), "/")
	if !strings.Contains(page, `id="nav-admin"`) {
		t.Error("an admin's menu has no Quản trị entry")
	}
	before := f.configJSON()
	for _, path := range adminGets {
		resp, body := f.get(c, path)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "quản trị") {
			t.Errorf("GET %s as a supervisor: got %d, want 403 with a Vietnamese page", path, resp.StatusCode)
		}
	}
	for path, form := range adminPosts {
		resp, _ := f.adminPost(c, path, form)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s as a supervisor: got %d, want 403", path, resp.StatusCode)
		}
	}
	if f.configJSON() != before {
		t.Error("a supervisor's posts changed the config")
	}
	// Without a session: sent to sign in.
	if resp, _ := f.get(f.client(), "/admin/hall"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("GET /admin/hall signed out: got %d, want 303", resp.StatusCode)
	}
}

// TestAdminCSRF: every admin action needs the session's CSRF token.
func TestAdminCSRF(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	before := f.configJSON()
	for path, form := range adminPosts {
		form := url.Values(form)
		for _, token := range []string{"", "wrong-token"} {
			form.Set("csrf", token)
			if resp, _ := f.post(c, path, form); resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with csrf %q: got %d, want 403", path, token, resp.StatusCode)
			}
		}
	}
	if f.configJSON() != before {
		t.Error("a post without the CSRF token changed the config")
	}
}

// fieldError returns the message shown in the label of field name, or "".
func fieldError(page, name string) string {
	if name == "services" { // checkboxes, each in its label
		re := regexp.MustCompile(`(?s)<legend>Lĩnh vực phục vụ.*?(?:<span class="field-error" role="alert">([^<]*)</span>|</fieldset>)`)
		if m := re.FindStringSubmatch(page); m != nil {
			return m[1]
		}
		return ""
	}
	re := regexp.MustCompile(`(?s)name="` + regexp.QuoteMeta(name) + `".*?(?:<span class="field-error" role="alert">([^<]*)</span>|</label>|</fieldset>)`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// formAlert returns the form's whole-form message, or "".
func formAlert(page string) string {
	m := regexp.MustCompile(`id="form-alert">([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// refused posts a form that must be refused: status, the message at field
// containing want (field "" for the whole form), and no change.
func (f *fixture) refused(c *http.Client, path string, form url.Values, field, want string) string {
	f.t.Helper()
	before := f.configJSON()
	resp, page := f.adminPost(c, path, form)
	if resp.StatusCode == http.StatusSeeOther || resp.StatusCode == http.StatusOK {
		f.t.Fatalf("POST %s %v: got %d, want refused", path, form, resp.StatusCode)
	}
	got := formAlert(page)
	if field != "" {
		got = fieldError(page, field)
	}
	if !strings.Contains(got, want) {
		f.t.Errorf("POST %s: message at %q = %q, want it to contain %q", path, field, got, want)
	}
	if f.configJSON() != before {
		f.t.Errorf("POST %s: a refused change changed the config", path)
	}
	return page
}

// done posts a form that must succeed, and returns the page it leads to.
func (f *fixture) done(c *http.Client, path string, form url.Values) string {
	f.t.Helper()
	resp, body := f.adminPost(c, path, form)
	if resp.StatusCode != http.StatusSeeOther {
		f.t.Fatalf("POST %s: got %d, want 303: %s", path, resp.StatusCode, formAlert(body)+fieldErrors(body))
	}
	_, page := f.get(c, resp.Header.Get("Location"))
	if !strings.Contains(page, `id="saved"`) {
		f.t.Errorf("POST %s: the page after it does not say it is saved", path)
	}
	return page
}

func fieldErrors(page string) string {
	return strings.Join(regexp.MustCompile(`field-error" role="alert">([^<]*)<`).FindAllString(page, -1), "; ")
}

func TestAdminHall(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	_, page := f.get(c, "/admin/hall")
	if !strings.Contains(page, `value="07:30"`) {
		t.Fatal("the hall page does not show the opening time")
	}
	form := url.Values{"name": {"Sở Công Thương"}, "open": {"07:00"}, "close": {"17:30"}, "timezone": {"Asia/Ho_Chi_Minh"},
		"rating_window": {"45m"}, "wait_alert": {"15m"}, "service_alert": {"40m"}, "priority_streak": {"2"}, "feedback_contact": {"ĐT 0274"},
		"ticker": {"Nghỉ trưa 11:30-13:00"}, "announcement": {"Mời số {number} đến {counter}"}}
	bad := func(k, v string) url.Values {
		b := url.Values{}
		for kk, vv := range form {
			b[kk] = vv
		}
		b.Set(k, v)
		return b
	}
	page = f.refused(c, "/admin/hall", bad("open", "7h"), "open", "HH:MM")
	if !strings.Contains(page, `value="7h"`) {
		t.Error("a refused form does not keep what was typed")
	}
	f.refused(c, "/admin/hall", bad("timezone", "Asia/Hanoi"), "timezone", "múi giờ")
	f.refused(c, "/admin/hall", bad("rating_window", "-5m"), "rating_window", "rating_window")
	f.refused(c, "/admin/hall", bad("priority_streak", "hai"), "priority_streak", "số nguyên")
	f.refused(c, "/admin/hall", bad("service_alert", "nửa giờ"), "service_alert", "service_alert")
	f.refused(c, "/admin/hall", bad("close", "06:00"), "close", "phải sau giờ mở")
	f.refused(c, "/admin/hall", bad("public_url", "192.168.10.2:8080"), "public_url", "http://")
	form.Set("public_url", " http://192.168.10.2:8080 ")
	f.done(c, "/admin/hall", form)
	if got := f.hall.Config().Hall.PublicURL; got != "http://192.168.10.2:8080" {
		t.Errorf("public_url after save: got %q, want http://192.168.10.2:8080", got)
	}
	if got := f.hall.State().Hall.PublicURL; got != "http://192.168.10.2:8080" {
		t.Errorf("the state's hall.public_url: got %q, want the saved address", got)
	}
	form.Del("public_url")
	h := f.hall.Config().Hall
	if h.Open != "07:00" || h.Ticker != "Nghỉ trưa 11:30-13:00" || h.PriorityStreak != 2 || f.hall.Settings().WaitAlert.Minutes() != 15 ||
		h.HideClerkResults || f.hall.Settings().ServiceAlert.Minutes() != 40 {
		t.Errorf("hall after save = %+v", h)
	}
	form.Set("hide_clerk_results", "on")
	f.done(c, "/admin/hall", form)
	if !f.hall.Config().Hall.HideClerkResults {
		t.Error("the hide-clerk-results box was not saved")
	}
	if _, page := f.get(c, "/admin/hall"); !strings.Contains(page, `id="f-hide-clerks" checked`) {
		t.Error("the hall page does not show the box checked")
	}
}

func TestAdminServices(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	f.refused(c, "/admin/services", url.Values{"id": {"1"}, "name": {"X"}}, "id", "một chữ cái")
	f.refused(c, "/admin/services", url.Values{"id": {"A"}, "name": {"X"}}, "id", "trùng")
	f.refused(c, "/admin/services", url.Values{"id": {"G"}, "name": {" "}}, "name", "thiếu name")
	f.refused(c, "/admin/services", url.Values{"id": {"G"}, "name": {"X"}, "daily_limit": {"-1"}}, "daily_limit", "không được âm")
	f.done(c, "/admin/services", url.Values{"id": {"g"}, "name": {"Thương mại điện tử"}, "daily_limit": {"30"},
		"procedures": {"Đăng ký website\r\n\r\n  Thông báo website  \n"}})
	cfg := f.hall.Config()
	g := cfg.Services[len(cfg.Services)-1]
	if g.ID != "G" || g.DailyLimit != 30 || strings.Join(g.Procedures, "|") != "Đăng ký website|Thông báo website" {
		t.Fatalf("added service = %+v", g)
	}
	f.done(c, "/admin/services/G", url.Values{"name": {"TMĐT"}, "description": {"Website"}, "daily_limit": {"0"}, "procedures": {"Một"}})
	if g := f.hall.Config().Services[6]; g.Name != "TMĐT" || g.DailyLimit != 0 || len(g.Procedures) != 1 {
		t.Errorf("edited service = %+v", g)
	}
	f.refused(c, "/admin/services/G", url.Values{"name": {""}}, "name", "thiếu name")
	f.done(c, "/admin/services/G/move", url.Values{"dir": {"up"}})
	if ids := serviceIDs(f); ids != "ABCDEGF" {
		t.Errorf("order after moving G up = %s", ids)
	}
	f.refused(c, "/admin/services/A/move", url.Values{"dir": {"up"}}, "", "đầu hoặc cuối")

	// Retiring A while a ticket of it waits is refused with the reason.
	if msg, _ := f.do(kioskDev, "issue_ticket", `{"service":"A"}`); msg != "" {
		t.Fatal(msg)
	}
	f.refused(c, "/admin/services/A/retire", url.Values{}, "", "A")
	f.done(c, "/admin/services/G/retire", url.Values{})
	if !f.hall.Config().Services[5].Retired {
		t.Error("G is not retired")
	}
	_, page := f.get(c, "/admin/services")
	if !strings.Contains(page, `id="restore-G"`) {
		t.Error("the list offers no way back for the retired G")
	}
	f.done(c, "/admin/services/G/restore", url.Values{})
}

// do runs a command of a demo device at the hall and returns its error
// message ("" when it succeeded) and reply data.
func (f *fixture) do(dev hall.Device, typ, data string) (string, json.RawMessage) {
	f.t.Helper()
	f.seq++
	raw := f.hall.Do(dev, typ, fmt.Sprintf("c%d", f.seq), json.RawMessage(data))
	var r struct {
		OK    bool
		Data  json.RawMessage
		Error *struct{ Message string }
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		f.t.Fatal(err)
	}
	if !r.OK {
		return r.Error.Message, nil
	}
	return "", r.Data
}

var (
	kioskDev   = hall.Device{ID: "kiosk-1", Role: protocol.RoleKiosk}
	counterDev = hall.Device{ID: "counter-1", Role: protocol.RoleCounter, Counter: 1}
)

func serviceIDs(f *fixture) string {
	var b strings.Builder
	for _, s := range f.hall.Config().Services {
		b.WriteString(s.ID)
	}
	return b.String()
}

func TestAdminCounters(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	_, page := f.get(c, "/admin/counters")
	if !strings.Contains(page, `name="id" id="f-id" value="6"`) {
		t.Error("the add form does not propose the next free counter id")
	}
	f.refused(c, "/admin/counters", url.Values{"id": {"x"}, "name": {"Quầy X"}, "services": {"A"}}, "id", "số nguyên dương")
	f.refused(c, "/admin/counters", url.Values{"id": {"1"}, "name": {"Quầy X"}, "services": {"A"}}, "id", "trùng")
	f.refused(c, "/admin/counters", url.Values{"id": {"9"}, "name": {"Quầy 9"}}, "services", "ít nhất một")
	f.refused(c, "/admin/counters", url.Values{"id": {"9"}, "name": {"Quầy 9"}, "services": {"Z"}}, "services", "không có")
	f.done(c, "/admin/counters", url.Values{"id": {"9"}, "name": {"Quầy 9"}, "services": {"A", "F"}})
	cfg := f.hall.Config()
	if ct := cfg.Counters[len(cfg.Counters)-1]; ct.ID != 9 || strings.Join(ct.Services, ",") != "A,F" {
		t.Fatalf("added counter = %+v", ct)
	}
	f.refused(c, "/admin/counters/9", url.Values{"name": {""}, "services": {"A"}}, "name", "thiếu name")
	f.done(c, "/admin/counters/9", url.Values{"name": {"Quầy Chín"}, "services": {"B"}})
	if ct := f.hall.Config().Counters[len(cfg.Counters)-1]; ct.Name != "Quầy Chín" || strings.Join(ct.Services, ",") != "B" {
		t.Fatalf("edited counter = %+v", ct)
	}
	// A ticket called at counter 1: retiring it is refused.
	f.do(kioskDev, "issue_ticket", `{"service":"A"}`)
	if msg, _ := f.do(counterDev, "clerk_login", `{"username":"hang.nd","pin":"1111"}`); msg != "" {
		t.Fatal(msg)
	}
	if msg, _ := f.do(counterDev, "call_next", ""); msg != "" {
		t.Fatal(msg)
	}
	f.refused(c, "/admin/counters/1/retire", url.Values{}, "", "đang phục vụ")
	f.done(c, "/admin/counters/9/retire", url.Values{})
	f.done(c, "/admin/counters/9/restore", url.Values{})
}

func TestAdminClerks(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	f.refused(c, "/admin/clerks", url.Values{"username": {"an.nv"}, "name": {"Nguyễn Văn An"}, "pin": {"12a4"}}, "pin", "4 đến 8 chữ số")
	f.refused(c, "/admin/clerks", url.Values{"username": {"an.nv"}, "name": {"Nguyễn Văn An"}, "pin": {"123"}}, "pin", "4 đến 8 chữ số")
	f.refused(c, "/admin/clerks", url.Values{"username": {"an nv"}, "name": {"Nguyễn Văn An"}, "pin": {"1234"}}, "username", "khoảng trắng")
	f.refused(c, "/admin/clerks", url.Values{"username": {"hang.nd"}, "name": {"X"}, "pin": {"1234"}}, "username", "trùng")
	page := f.refused(c, "/admin/clerks", url.Values{"username": {"an.nv"}, "name": {""}, "pin": {"1234"}}, "name", "thiếu name")
	if strings.Contains(page, `value="1234"`) {
		t.Error("a refused form sends the PIN back")
	}
	f.done(c, "/admin/clerks", url.Values{"username": {"an.nv"}, "name": {"Nguyễn Văn An"}, "pin": {"246810"}})
	cfg := f.hall.Config()
	an := cfg.Clerks[len(cfg.Clerks)-1]
	if an.Username != "an.nv" || !an.MustChangePIN || !config.CheckHash(an.PINHash, "246810") {
		t.Fatalf("added clerk = %+v", an)
	}
	f.done(c, "/admin/clerks/an.nv", url.Values{"name": {"Nguyễn Văn Ân"}, "title": {"Chuyên viên"}, "phone": {"0274 3822 515"}})
	if an := f.hall.Config().Clerks[len(cfg.Clerks)-1]; an.Name != "Nguyễn Văn Ân" || an.Title != "Chuyên viên" || an.Phone != "0274 3822 515" {
		t.Errorf("edited clerk = %+v", an)
	}
	f.refused(c, "/admin/clerks/an.nv", url.Values{"name": {""}}, "name", "thiếu name")
	f.refused(c, "/admin/clerks/an.nv", url.Values{"name": {"Nguyễn Văn Ân"}, "phone": {"gọi 0274"}}, "phone", "chỉ gồm chữ số")
	f.refused(c, "/admin/clerks/hang.nd/pin", url.Values{"pin": {"123456789"}}, "pin", "4 đến 8 chữ số")
	f.done(c, "/admin/clerks/hang.nd/pin", url.Values{"pin": {"7531"}})
	if h := f.hall.Config().Clerks[0]; !h.MustChangePIN || !config.CheckHash(h.PINHash, "7531") {
		t.Errorf("hang.nd after a PIN reset = must change %v", h.MustChangePIN)
	}
	f.done(c, "/admin/clerks/minh.tq/disable", url.Values{})
	if !f.hall.Config().Clerks[1].Disabled {
		t.Fatal("minh.tq is not disabled")
	}
	if msg, _ := f.do(counterDev, "clerk_login", `{"username":"minh.tq","pin":"2222"}`); !strings.Contains(msg, "vô hiệu hóa") {
		t.Errorf("a disabled clerk's sign-in: %q, want refused", msg)
	}
	f.done(c, "/admin/clerks/minh.tq/enable", url.Values{})

	// Five wrong PINs slow lan.ptn down; an admin's unlock ends that.
	for range 5 {
		f.do(counterDev, "clerk_login", `{"username":"lan.ptn","pin":"0000"}`)
	}
	if msg, _ := f.do(counterDev, "clerk_login", `{"username":"lan.ptn","pin":"3333"}`); !strings.Contains(msg, "thử lại sau") {
		t.Fatalf("sign-in after five wrong PINs: %q, want a wait", msg)
	}
	f.done(c, "/admin/clerks/lan.ptn/unlock", url.Values{})
	if msg, _ := f.do(counterDev, "clerk_login", `{"username":"lan.ptn","pin":"3333"}`); msg != "" {
		t.Errorf("sign-in after unlock: %q, want ok", msg)
	}
}

func TestAdminSupervisors(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	f.refused(c, "/admin/supervisors", url.Values{"username": {"xem"}, "name": {"Xem"}, "role": {"supervisor"}, "password": {"ngan"}}, "password", "ít nhất 8")
	f.refused(c, "/admin/supervisors", url.Values{"username": {"xem"}, "name": {"Xem"}, "role": {"root"}, "password": {"du-dai-roi"}}, "role", "admin or supervisor")
	f.refused(c, "/admin/supervisors", url.Values{"username": {"giamsat"}, "name": {"Xem"}, "role": {"supervisor"}, "password": {"du-dai-roi"}}, "username", "trùng")
	f.done(c, "/admin/supervisors", url.Values{"username": {"xem"}, "name": {"Lê Xem"}, "role": {"supervisor"}, "password": {"xem-bao-cao-2026"}})
	xem := f.signedInAs("xem", "xem-bao-cao-2026")

	// The last enabled admin cannot be demoted or disabled.
	f.refused(c, "/admin/supervisors/giamsat", url.Values{"name": {"Giám"}, "role": {"supervisor"}}, "", "quản trị (admin)")
	f.refused(c, "/admin/supervisors/giamsat/disable", url.Values{}, "", "quản trị (admin)")

	// Promote xem; then giamsat may be demoted.
	f.done(c, "/admin/supervisors/xem", url.Values{"name": {"Lê Xem"}, "role": {"admin"}})
	if resp, _ := f.get(xem, "/admin/hall"); resp.StatusCode != http.StatusOK {
		t.Errorf("xem after promotion: GET /admin/hall = %d, want 200", resp.StatusCode)
	}
	f.refused(c, "/admin/supervisors/xem/password", url.Values{"password": {"short"}}, "password", "ít nhất 8")
	f.done(c, "/admin/supervisors/xem/password", url.Values{"password": {"mat-khau-moi-2026"}})
	if resp, _ := f.get(xem, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("xem's session after a password reset: got %d, want a redirect to sign in", resp.StatusCode)
	}
	xem = f.signedInAs("xem", "mat-khau-moi-2026")

	// Disabling ends the sessions and refuses the sign-in.
	f.done(c, "/admin/supervisors/xem/disable", url.Values{})
	if resp, _ := f.get(xem, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled account's session: got %d, want a redirect to sign in", resp.StatusCode)
	}
	resp, body := f.signIn(f.client(), "xem", "mat-khau-moi-2026")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "vô hiệu hóa") {
		t.Errorf("a disabled account's sign-in: got %d, want 401 saying it is disabled", resp.StatusCode)
	}
	f.done(c, "/admin/supervisors/xem/enable", url.Values{})
	f.signedInAs("xem", "mat-khau-moi-2026")
}

// TestAdminAudit: every change is in the log, newest first, by whom; the
// filters and the paging work; no PIN, password, hash or token shows.
func TestAdminAudit(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	f.done(c, "/admin/clerks", url.Values{"username": {"an.nv"}, "name": {"Nguyễn Văn An"}, "pin": {"246810"}})
	f.done(c, "/admin/clerks/hang.nd/pin", url.Values{"pin": {"97531"}})
	f.done(c, "/admin/supervisors", url.Values{"username": {"xem"}, "name": {"Lê Xem"}, "role": {"supervisor"}, "password": {"xem-bao-cao-2026"}})
	f.done(c, "/admin/supervisors/xem/password", url.Values{"password": {"mat-khau-moi-2026"}})
	f.done(c, "/admin/services/B/move", url.Values{"dir": {"up"}})
	_, page := f.get(c, "/admin/audit")
	_, raw := f.get(c, "/admin/audit.json")
	cfg := f.hall.Config()
	secrets := []string{"246810", "97531", "xem-bao-cao-2026", "mat-khau-moi-2026", "$2a$", cfg.Clerks[0].PINHash, cfg.Devices[0].Token}
	for _, s := range secrets {
		if strings.Contains(page, s) || strings.Contains(raw, s) {
			t.Errorf("the audit log shows the secret %q", s)
		}
	}
	var got struct {
		Entries []struct{ User, Action, Target string }
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range got.Entries {
		actions = append(actions, e.Action)
	}
	want := "service.move,supervisor.reset_password,supervisor.add,clerk.reset_pin,clerk.add,config.seed"
	if strings.Join(actions, ",") != want {
		t.Errorf("audit actions = %s, want %s", strings.Join(actions, ","), want)
	}
	if got.Entries[0].User != "giamsat" || got.Entries[3].Target != "clerk hang.nd" {
		t.Errorf("audit entries = %+v", got.Entries)
	}
	for _, s := range []string{"Đặt lại mã PIN", "clerk hang.nd", "giamsat"} {
		if !strings.Contains(page, s) {
			t.Errorf("the audit page does not show %q", s)
		}
	}
	_, raw = f.get(c, "/admin/audit.json?action=clerk")
	if strings.Count(raw, `"action"`) != 2 || strings.Contains(raw, "supervisor.") {
		t.Errorf("filter action=clerk: %s", raw)
	}
	_, raw = f.get(c, "/admin/audit.json?user=giamsat&from=2026-11-28&to=2026-11-28")
	if strings.Count(raw, `"action"`) != 5 {
		t.Errorf("filter user=giamsat on the day: %s", raw)
	}
	_, raw = f.get(c, "/admin/audit.json?to=2026-11-27")
	if strings.Count(raw, `"action"`) != 0 {
		t.Errorf("filter to the day before: %s", raw)
	}
	// Paging: more than a page of changes.
	for i := range 50 {
		if err := f.hall.UpdateConfig("giamsat", "hall.edit", "hall", func(c *config.Config) error {
			c.Hall.Ticker = fmt.Sprint("tin ", i)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	_, page = f.get(c, "/admin/audit")
	m := regexp.MustCompile(`href="(/admin/audit\?before=[^"]+)" id="audit-more"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no link to older entries on a full page")
	}
	_, page = f.get(c, strings.ReplaceAll(m[1], "&amp;", "&"))
	if !strings.Contains(page, "Nạp cấu hình ban đầu") || strings.Contains(page, `id="audit-more"`) {
		t.Error("the second page does not end with the seed")
	}
}

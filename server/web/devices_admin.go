package web

import (
	"errors"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"hallq/server/config"
	"hallq/server/pairing"
	"hallq/shared/protocol"
)

// DeviceConfig is what the devices page needs to change the hall's
// devices; server/hall satisfies it.
type DeviceConfig interface {
	Config() *config.Config
	UpdateConfig(user, action, target string, change func(*config.Config) error) error
}

// Links is what the devices page needs of the websocket hub (server/hub
// satisfies it): who is connected, and closing a revoked device's
// connections.
type Links interface {
	Links() []protocol.DeviceLink
	CloseDevice(id string) int
}

// deviceIDPattern is what an admin may name a device: short, plain, and
// safe in a URL path.
var deviceIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,31}$`)

// deviceRow is one configured device on /admin/devices.
type deviceRow struct {
	config.Device
	RoleLabel   string
	CounterName string
	Connected   int
	LastSeen    string
	Version     string
	Remote      string
}

// pendingRow is one pairing request on /admin/devices.
type pendingRow struct {
	pairing.Request
	RoleLabel string
	Age       string
	Suggested string
}

// devicesView is the data of /admin/devices.
type devicesView struct {
	Devices  []deviceRow
	Pending  []pendingRow
	Counters []config.Counter
	Done     string
}

// roleLabels name the roles for staff.
var roleLabels = map[string]string{
	config.RoleKiosk: "Ki-ốt", config.RoleCounter: "Máy quầy", config.RoleDisplay: "Màn hình",
}

// doneMessages are the notices after a change, by the done= key.
var doneMessages = map[string]string{
	"paired": "Đã ghép thiết bị. Thiết bị sẽ tự kết nối trong giây lát.", "revoked": "Đã thu hồi thiết bị và ngắt kết nối của nó.",
	"renamed": "Đã đổi tên hiển thị.", "rejected": "Đã từ chối yêu cầu ghép.",
}

// devicesPage serves GET /admin/devices.
func (s *Server) devicesPage(w http.ResponseWriter, r *http.Request, user string) {
	cfg := s.devcfg.Config()
	now := s.hall.Now().In(s.hall.Settings().Location)
	links := map[string]protocol.DeviceLink{}
	if s.links != nil {
		for _, l := range s.links.Links() {
			links[l.Device] = l
		}
	}
	counters := map[int]string{}
	var open []config.Counter
	for _, c := range cfg.Counters {
		counters[c.ID] = c.Name
		if !c.Retired {
			open = append(open, c)
		}
	}
	v := devicesView{Counters: open, Done: doneMessages[r.URL.Query().Get("done")]}
	for _, d := range cfg.Devices {
		row := deviceRow{Device: d, RoleLabel: roleLabels[d.Role], CounterName: counters[d.Counter], LastSeen: "chưa kết nối từ khi máy chủ khởi động"}
		row.Token = ""
		if l, ok := links[d.ID]; ok {
			row.Connected, row.Version, row.Remote = l.Conns, l.Version, l.Remote
			row.LastSeen = shortClock(l.LastSeen.Time, now)
			if l.Conns > 0 {
				row.LastSeen = "đang kết nối"
			}
		}
		v.Devices = append(v.Devices, row)
	}
	sort.Slice(v.Devices, func(i, j int) bool { return v.Devices[i].ID < v.Devices[j].ID })
	for _, p := range s.pairs.Pending() {
		v.Pending = append(v.Pending, pendingRow{Request: p, RoleLabel: roleLabels[p.Role],
			Age: age(now.Sub(p.At)), Suggested: suggestID(cfg, p.Role)})
	}
	s.render(w, http.StatusOK, "devices", s.view(r, user, "devices", "Thiết bị", v))
}

// acceptPairing serves POST /admin/devices/pair: code (the one the app
// shows), id and counter. It stores the device with a new token through
// the hall (action device.pair); the app's next poll gets it.
func (s *Server) acceptPairing(w http.ResponseWriter, r *http.Request, user string) {
	code := strings.TrimSpace(r.PostFormValue("code"))
	id := strings.TrimSpace(r.PostFormValue("id"))
	counter, _ := strconv.Atoi(r.PostFormValue("counter"))
	if !deviceIDPattern.MatchString(id) {
		s.errorPage(w, r, user, http.StatusBadRequest, "Mã thiết bị chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới (tối đa 32 ký tự), ví dụ kiosk-2.")
		return
	}
	token, err := pairing.Token(nil)
	if err != nil {
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống khi tạo mã truy cập.")
		return
	}
	err = s.pairs.Accept(code, func(req pairing.Request) (pairing.Result, error) {
		if req.Role == config.RoleDisplay {
			counter = 0
		}
		return pairing.Result{Device: id, Role: req.Role, Token: token, Counter: counter},
			s.devcfg.UpdateConfig(user, "device.pair", id, func(c *config.Config) error {
				if _, dup := c.Device(id); dup {
					return errDuplicateDevice
				}
				c.Devices = append(c.Devices, config.Device{ID: id, Role: req.Role, Token: token, Counter: counter, Name: req.Host})
				return nil
			})
	})
	if !s.configRefused(w, r, user, err, "ghép thiết bị") {
		return
	}
	s.log.Info("device paired", "device", id, "user", user)
	http.Redirect(w, r, "/admin/devices?done=paired", http.StatusSeeOther)
}

// rejectPairing serves POST /admin/devices/reject: it forgets a request.
func (s *Server) rejectPairing(w http.ResponseWriter, r *http.Request, user string) {
	if err := s.pairs.Reject(strings.TrimSpace(r.PostFormValue("code"))); err != nil {
		s.errorPage(w, r, user, http.StatusNotFound, "Mã ghép không đúng hoặc đã hết hạn.")
		return
	}
	http.Redirect(w, r, "/admin/devices?done=rejected", http.StatusSeeOther)
}

// renameDevice serves POST /admin/devices/{id}/rename: it sets the
// device's display name. The id stays: it is written in the day's events,
// the audit log and the apps' saved settings.
func (s *Server) renameDevice(w http.ResponseWriter, r *http.Request, user string) {
	id := r.PathValue("id")
	name := printable(clip(strings.TrimSpace(r.PostFormValue("name")), 64))
	err := s.devcfg.UpdateConfig(user, "device.rename", id, func(c *config.Config) error {
		for i := range c.Devices {
			if c.Devices[i].ID == id {
				c.Devices[i].Name = name
				return nil
			}
		}
		return errNoDevice
	})
	if !s.configRefused(w, r, user, err, "đổi tên thiết bị") {
		return
	}
	http.Redirect(w, r, "/admin/devices?done=renamed", http.StatusSeeOther)
}

// revokeDevice serves POST /admin/devices/{id}/revoke: it removes the
// device (action device.revoke), then closes its open connections, whose
// next hello is refused.
func (s *Server) revokeDevice(w http.ResponseWriter, r *http.Request, user string) {
	id := r.PathValue("id")
	err := s.devcfg.UpdateConfig(user, "device.revoke", id, func(c *config.Config) error {
		for i := range c.Devices {
			if c.Devices[i].ID == id {
				c.Devices = append(c.Devices[:i], c.Devices[i+1:]...)
				return nil
			}
		}
		return errNoDevice
	})
	if !s.configRefused(w, r, user, err, "thu hồi thiết bị") {
		return
	}
	n := 0
	if s.links != nil {
		n = s.links.CloseDevice(id)
	}
	s.log.Info("device revoked", "device", id, "user", user, "closed", n)
	http.Redirect(w, r, "/admin/devices?done=revoked", http.StatusSeeOther)
}

// pageError is a refusal whose text is shown to the admin as it is.
type pageError string

func (e pageError) Error() string { return string(e) }

const (
	errDuplicateDevice pageError = "Đã có thiết bị mang mã này, hãy chọn mã khác."
	errNoDevice        pageError = "Không tìm thấy thiết bị này."
)

// configRefused answers a failed change and reports whether err was nil.
func (s *Server) configRefused(w http.ResponseWriter, r *http.Request, user string, err error, what string) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, pairing.ErrNotFound):
		s.errorPage(w, r, user, http.StatusNotFound, "Mã ghép không đúng hoặc đã hết hạn: không ghép thiết bị nào.")
	case errors.Is(err, errDuplicateDevice), errors.Is(err, errNoDevice):
		s.errorPage(w, r, user, http.StatusBadRequest, err.Error())
	default:
		// A refusal names the rule the change breaks (hall.ConfigError);
		// a store failure is rare and its text helps the admin too.
		s.log.Warn("device change refused", "what", what, "user", user, "err", err)
		s.errorPage(w, r, user, http.StatusBadRequest, "Không "+what+" được: "+err.Error())
	}
	return false
}

// age writes how long ago a request came: "2 phút".
func age(d time.Duration) string {
	if d < time.Minute {
		return itoa(int(d/time.Second)) + " giây"
	}
	return itoa(int(d/time.Minute)) + " phút"
}

// suggestID proposes the next free id for a role: kiosk-3, counter-2…
func suggestID(c *config.Config, role string) string {
	for n := 1; ; n++ {
		id := role + "-" + itoa(n)
		if _, taken := c.Device(id); !taken {
			return id
		}
	}
}

package web

import (
	"net/http"
	"time"

	"hallq/shared/protocol"
)

// deviceItem is one device's printer or sound in GET /api/devices: the
// hall's record and, when something is wrong, the line the live page shows.
type deviceItem struct {
	protocol.DeviceHealth
	Line string `json:"line,omitempty"`
}

// devicesJSON serves GET /api/devices: the latest device_status of every
// device that reported since the server started.
func (s *Server) devicesJSON(w http.ResponseWriter, r *http.Request, _ string) {
	now := s.hall.Now().In(s.hall.Settings().Location)
	items := []deviceItem{}
	for _, d := range s.hall.Devices() {
		items = append(items, deviceItem{DeviceHealth: d, Line: problemLine(d, now)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"devices": items})
}

// problemLines returns the live page's red lines, one per device with a
// problem.
func problemLines(ds []protocol.DeviceHealth, now time.Time) []string {
	var out []string
	for _, d := range ds {
		if l := problemLine(d, now); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// problemLine writes a problem for staff: "Kiosk kiosk-1: máy in hết giấy
// — lần cuối hoạt động tốt 09:12"; "" when all is well.
func problemLine(d protocol.DeviceHealth, now time.Time) string {
	if d.OK {
		return ""
	}
	who := "Thiết bị"
	switch d.Role {
	case protocol.RoleKiosk:
		who = "Kiosk"
	case protocol.RoleDisplay:
		who = "Màn hình"
	}
	what := d.Detail
	if what == "" {
		what = map[string]string{protocol.DevicePrinter: "máy in không hoạt động", protocol.DeviceSound: "không có âm thanh"}[d.Kind]
	}
	last := "chưa hoạt động tốt lần nào từ khi máy chủ khởi động"
	if !d.LastOK.IsZero() {
		last = "lần cuối hoạt động tốt " + shortClock(d.LastOK.Time, now)
	}
	return who + " " + d.Device + ": " + what + " — " + last
}

// shortClock is t as 09:12, with the date when it is not today's.
func shortClock(t, now time.Time) string {
	t = t.In(now.Location())
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04")
	}
	return t.Format("15:04 02/01/2006")
}

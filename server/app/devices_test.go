package app

import (
	"encoding/json"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// devicesReply is GET /api/devices.
type devicesReply struct {
	Devices []struct {
		Device string  `json:"device"`
		Role   string  `json:"role"`
		Kind   string  `json:"kind"`
		OK     bool    `json:"ok"`
		Detail string  `json:"detail"`
		At     string  `json:"at"`
		LastOK *string `json:"last_ok"`
		Line   string  `json:"line"`
	} `json:"devices"`
}

func devices(t *testing.T, s *Server) devicesReply {
	t.Helper()
	code, body, _ := get(t, "http://"+s.Addr+"/api/devices", "giamsat", "giamsat2026")
	if code != 200 {
		t.Fatalf("GET /api/devices: got %d, want 200: %s", code, body)
	}
	var r devicesReply
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("GET /api/devices: %v: %s", err, body)
	}
	return r
}

func deviceMetric(t *testing.T, s *Server, device, kind string) float64 {
	t.Helper()
	_, body, _ := get(t, "http://"+s.Addr+"/metrics", "", "")
	return metric(body, `hall_device_status{device="`+device+`",kind="`+kind+`"}`)
}

// TestDeviceStatus: a kiosk reports its printer over the websocket; staff
// see it in /metrics and /api/devices, with the last time it was fine.
func TestDeviceStatus(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	k := connect(t, s, "kiosk-1")
	if got := deviceMetric(t, s, "kiosk-1", "printer"); got != -1 {
		t.Fatalf("hall_device_status before a report: got %v, want no series", got)
	}
	if got := devices(t, s); len(got.Devices) != 0 {
		t.Fatalf("/api/devices before a report: got %+v, want none", got)
	}

	clk.Add(12 * time.Minute) // 09:12
	k.mustOK("device_status", map[string]any{"kind": "printer", "ok": true, "detail": ""}, nil)
	if got := deviceMetric(t, s, "kiosk-1", "printer"); got != 1 {
		t.Fatalf("hall_device_status after ok: got %v, want 1", got)
	}

	clk.Add(10 * time.Minute) // 09:22
	k.mustOK("device_status", map[string]any{"kind": "printer", "ok": false, "detail": "máy in hết giấy"}, nil)
	if got := deviceMetric(t, s, "kiosk-1", "printer"); got != 0 {
		t.Fatalf("hall_device_status out of paper: got %v, want 0", got)
	}
	got := devices(t, s)
	if len(got.Devices) != 1 {
		t.Fatalf("/api/devices: got %+v, want one device", got)
	}
	d := got.Devices[0]
	if d.Device != "kiosk-1" || d.Role != "kiosk" || d.Kind != "printer" || d.OK || d.Detail != "máy in hết giấy" {
		t.Errorf("/api/devices: got %+v, want kiosk-1's printer out of paper", d)
	}
	if d.LastOK == nil || *d.LastOK != "2026-11-28T09:12:00.000+07:00" || d.At != "2026-11-28T09:22:00.000+07:00" {
		t.Errorf("/api/devices times: got at %s last_ok %v, want 09:22 and 09:12", d.At, d.LastOK)
	}
	if want := "Kiosk kiosk-1: máy in hết giấy — lần cuối hoạt động tốt 09:12"; d.Line != want {
		t.Errorf("line: got %q, want %q", d.Line, want)
	}

	clk.Add(time.Minute)
	k.mustOK("device_status", map[string]any{"kind": "printer", "ok": true}, nil)
	if got := deviceMetric(t, s, "kiosk-1", "printer"); got != 1 {
		t.Fatalf("hall_device_status after paper: got %v, want 1", got)
	}
	if d := devices(t, s).Devices[0]; !d.OK || d.Line != "" || d.LastOK == nil || *d.LastOK != "2026-11-28T09:23:00.000+07:00" {
		t.Errorf("/api/devices after paper: got %+v, want ok at 09:23", d)
	}
}

// TestDeviceStatusRefused: only kiosks and displays report, and only a
// printer or sound.
func TestDeviceStatusRefused(t *testing.T) {
	s := startServer(t, "", nil)
	c := connect(t, s, "counter-1")
	wantErr(t, c.rawReply(cmd("device_status", "c1", map[string]any{"kind": "printer", "ok": false})), "forbidden", "c1")
	d := connect(t, s, "display-1")
	wantErr(t, d.rawReply(cmd("device_status", "d1", map[string]any{"kind": "toaster", "ok": false})), "bad_request", "d1")
	d.mustOK("device_status", map[string]any{"kind": "sound", "ok": false, "detail": "không có âm thanh"}, nil)
	if got := deviceMetric(t, s, "display-1", "sound"); got != 0 {
		t.Errorf("hall_device_status display sound: got %v, want 0", got)
	}
	if got := deviceMetric(t, s, "counter-1", "printer"); got != -1 {
		t.Errorf("a refused report made a series: got %v", got)
	}
}

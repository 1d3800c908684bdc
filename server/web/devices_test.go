package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hallq/server/hall"
	"hallq/shared/protocol"
)

// report sends device_status from dev straight to the hall.
func (f *fixture) report(dev hall.Device, kind string, ok bool, detail string) {
	f.t.Helper()
	data, _ := json.Marshal(protocol.DeviceStatus{Kind: kind, OK: ok, Detail: detail})
	var r protocol.Reply
	if err := json.Unmarshal(f.hall.Do(dev, protocol.CmdDeviceStatus, fmt.Sprint(time.Now().UnixNano()), data), &r); err != nil || !r.OK {
		f.t.Fatalf("device_status: ok %v, err %v %+v", r.OK, err, r.Error)
	}
}

func TestLivePageDeviceProblems(t *testing.T) {
	f := newFixture(t)
	kiosk := hall.Device{ID: "kiosk-1", Role: protocol.RoleKiosk}
	display := hall.Device{ID: "display-1", Role: protocol.RoleDisplay}
	c := f.signedIn()

	_, page := f.get(c, "/")
	if strings.Contains(page, `class="problem"`) {
		t.Fatalf("a red line before any report")
	}

	f.report(kiosk, protocol.DevicePrinter, true, "")
	f.clk.Add(12 * time.Minute) // 09:12
	f.report(kiosk, protocol.DevicePrinter, true, "")
	f.clk.Add(8 * time.Minute)
	f.report(kiosk, protocol.DevicePrinter, false, "máy in hết giấy")
	f.report(display, protocol.DeviceSound, false, "không có âm thanh")

	_, page = f.get(c, "/")
	want := []string{
		"Kiosk kiosk-1: máy in hết giấy — lần cuối hoạt động tốt 09:12",
		"Màn hình display-1: không có âm thanh — chưa hoạt động tốt lần nào từ khi máy chủ khởi động",
	}
	for _, w := range want {
		if !strings.Contains(page, `<li class="problem">`+w+`</li>`) {
			t.Errorf("live page lacks the red line %q", w)
		}
	}
	if strings.Contains(page, `id="problems" hidden`) {
		t.Errorf("the problem list is hidden")
	}

	// The list over the API, which the page polls.
	resp, body := f.get(c, "/api/devices")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/devices: got %d, want 200", resp.StatusCode)
	}
	var got struct {
		Devices []struct {
			Device, Kind, Line string
			OK                 bool
			LastOK             *string `json:"last_ok"`
		}
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Devices) != 2 || got.Devices[0].Device != "display-1" || got.Devices[1].Line != want[0] || got.Devices[0].LastOK != nil {
		t.Errorf("GET /api/devices: got %s", body)
	}

	// Fixed: the line goes away.
	f.report(kiosk, protocol.DevicePrinter, true, "")
	_, page = f.get(c, "/")
	if strings.Contains(page, "Kiosk kiosk-1") {
		t.Errorf("the kiosk's line stays after it reported ok")
	}
	if resp, _ := f.get(f.client(), "/api/devices"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /api/devices without sign-in: got %d, want 401", resp.StatusCode)
	}
}

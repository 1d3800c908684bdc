package devstatus_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/devstatus"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// printerMetric reads hall_device_status of kiosk-1's printer: "1", "0",
// or "" when the series is missing.
func printerMetric(t *testing.T, h *apptest.InPlace) string {
	t.Helper()
	resp, err := http.Get("http://" + h.Addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, `hall_device_status{device="kiosk-1",kind="printer"} `); ok {
			return v
		}
	}
	return ""
}

// TestReporterRealServer: a kiosk's printer runs out of paper; the server
// learns it, and learns it again after a restart, over a real websocket.
func TestReporterRealServer(t *testing.T) {
	h := apptest.StartInPlace(t, nil)
	var rep *devstatus.Reporter
	client, start := apptest.NewClient(t, hallclient.Config{
		URL: h.URL(), Device: "kiosk-1", Token: "demo-kiosk-1-token-0001",
		OnStatus: func(s hallclient.Status) {
			if s.Connected {
				rep.Connected()
			}
		},
	})
	rep = devstatus.New(client, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); rep.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	start()

	rep.Report(protocol.DevicePrinter, false, "máy in hết giấy")
	apptest.WaitFor(t, 5*time.Second, "printer 0 in /metrics", func() bool { return printerMetric(t, h) == "0" })
	h.Restart() // a fresh server has no series until the kiosk says it again
	apptest.WaitFor(t, 5*time.Second, "printer 0 again after the restart", func() bool { return printerMetric(t, h) == "0" })
	rep.Report(protocol.DevicePrinter, true, "")
	apptest.WaitFor(t, 5*time.Second, "printer 1", func() bool { return printerMetric(t, h) == "1" })
}

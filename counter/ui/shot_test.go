package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// TestScreenshots writes the screens as PNG files to $COUNTER_SHOTS, for a
// person to look at; without it the test is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("COUNTER_SHOTS")
	if dir == "" {
		t.Skip("set COUNTER_SHOTS=DIR to write screenshots")
	}
	sizes := map[string]fyne.Size{"1366": fyne.NewSize(1366, 768), "1920": fyne.NewSize(1920, 1080)}
	for name, size := range sizes {
		for _, sc := range []struct {
			name string
			prep func(h *harness)
		}{
			{"serve", nil},
			{"serving", func(h *harness) { h.setState(serving(sampleState())) }},
			{"login", func(h *harness) { h.setState(signedOut(sampleState())) }},
			{"transfer", func(h *harness) { h.setState(serving(sampleState())); h.press("F5") }},
			{"offline", func(h *harness) { h.desk.SetStatus(false, 3, nil); h.ui.Refresh() }},
			{"login-error", func(h *harness) {
				h.send.errs = map[string]error{protocol.CmdClerkLogin: &queue.Error{Code: queue.ERATELIMITED, Message: "Nhập sai mã PIN quá 5 lần. Vui lòng thử lại sau 5 phút."}}
				h.setState(signedOut(sampleState()))
				h.ui.login.user.SetText("hang.nd")
				h.ui.login.pin.SetText("9999")
				h.press(fyne.KeyReturn)
			}},
			{"long-queue", func(h *harness) {
				st := serving(sampleState())
				for i := 10; i < 40; i++ {
					st.Waiting = append(st.Waiting, ticket("B0"+strconv.Itoa(i), uint64(i), i%7 == 0, 40-i))
				}
				h.setState(st)
			}},
		} {
			h := newHarness(t, sampleState(), nil)
			if sc.prep != nil {
				sc.prep(h)
			}
			h.ui.Window().Resize(size)
			h.ui.Refresh()
			img := h.ui.Window().Canvas().Capture()
			f, err := os.Create(filepath.Join(dir, sc.name+"-"+name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
	}
}

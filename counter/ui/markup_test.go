package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestMarkup compares each screen with its master in testdata/. After a
// deliberate change of the layout, check the new files in testdata/failed/
// and move them over the masters.
func TestMarkup(t *testing.T) {
	tests := []struct {
		name   string
		master string
		prep   func(h *harness)
	}{
		{"serve, idle", "serve_idle.xml", nil},
		{"serve, serving", "serve_serving.xml", func(h *harness) { h.setState(serving(sampleState())) }},
		{"serve, offline", "serve_offline.xml", func(h *harness) {
			h.setState(serving(sampleState()))
			h.desk.SetStatus(false, 2, nil)
			h.ui.Refresh()
		}},
		{"transfer picker", "transfer.xml", func(h *harness) {
			h.setState(serving(sampleState()))
			h.press(fyne.KeyF5)
		}},
		{"sign-in", "login.xml", func(h *harness) { h.setState(signedOut(sampleState())) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, sampleState(), nil)
			if tt.prep != nil {
				tt.prep(h)
			}
			h.ui.Window().Resize(fyne.NewSize(1366, 768))
			test.AssertRendersToMarkup(t, tt.master, h.ui.Window().Canvas())
		})
	}
}

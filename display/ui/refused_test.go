package ui

import (
	"testing"
	"time"

	"hallq/display/model"
	"hallq/shared/queue"
)

// TestRefusedTokenSaysSo: a display whose token the server refused shows
// the installer what is wrong where the counters go, not an empty hall.
func TestRefusedTokenSaysSo(t *testing.T) {
	s := newTestScreen(t, 1920, 1080)
	b := model.New(func() time.Time { return t0 })
	b.SetStatus(model.StatusOf(false, &queue.Error{Code: queue.EUNAUTHORIZED, Message: "Sai mã thiết bị"}, 2))
	s.render(b.View())
	if !s.empty.Visible() || s.empty.Text != queue.UnauthorizedText || s.empty.Color != colAlert {
		t.Errorf("middle: got %q in %v (shown %v), want %q in red", s.empty.Text, s.empty.Color, s.empty.Visible(), queue.UnauthorizedText)
	}
	if ts := test1TextSize(s.empty); ts < 40 {
		t.Errorf("message text size %.1f, want at least 40", ts)
	}
	b.SetStatus(model.StatusOf(true, nil, 0))
	b.SetState(sampleState())
	s.render(b.View())
	if s.empty.Visible() || !s.grid.Visible() {
		t.Errorf("accepted: empty shown %v, grid shown %v, want the tiles", s.empty.Visible(), s.grid.Visible())
	}
}

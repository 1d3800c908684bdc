package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"hallq/display/model"
)

// TestReadableFromTheHall: at 1920x1080 and 1080x1920 the "vừa gọi" rows
// and the waiting strip's counts and names are at least 48 px (read from
// 5 m), the date at least 32 px, and the feedback contact is on one page
// of the ticker.
func TestReadableFromTheHall(t *testing.T) {
	for _, sz := range []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1080, Height: 1920}} {
		t.Run(fmt.Sprintf("%vx%v", sz.Width, sz.Height), func(t *testing.T) {
			s := newTestScreen(t, sz.Width, sz.Height)
			v := sampleView()
			for len(v.Recent) < model.MaxRecent {
				v.Recent = append(v.Recent, model.Recent{Number: "E012", Counter: "Quầy 5"})
			}
			s.render(v)
			s.root.Refresh()
			shown := 0
			for i, r := range s.recent.rows {
				if !r.left.Visible() {
					continue
				}
				shown++
				for _, f := range []*fitText{r.left, r.right} {
					if ts := test1TextSize(f); ts < 48 {
						t.Errorf("vừa gọi row %d %q: text size %.1f, want at least 48", i+1, f.Text, ts)
					}
				}
			}
			if shown < 4 {
				t.Errorf("vừa gọi: %d rows shown, want at least 4", shown)
			}
			if len(s.waiting.chips) == 0 {
				t.Fatal("no waiting chips")
			}
			for i, c := range s.waiting.chips {
				if ts := test1TextSize(c.count); ts < 48 {
					t.Errorf("chip %d count: text size %.1f, want at least 48", i+1, ts)
				}
				if c.name.Min < 48 {
					t.Errorf("chip %d name %q: text size %.1f, want at least 48", i+1, c.name.Text, c.name.Min)
				}
			}
			if ts := test1TextSize(s.header.date); ts < 32 {
				t.Errorf("date %q: text size %.1f, want at least 32", s.header.date.Text, ts)
			}
			contact := "Góp ý, phản ánh: " + sampleState().Hall.FeedbackContact
			whole := false
			for _, p := range s.ticker.pages {
				whole = whole || strings.Contains(p, contact)
			}
			if !whole {
				t.Errorf("ticker pages %q: want one with the whole contact %q", s.ticker.pages, contact)
			}
		})
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/protocol"
)

// TestServicesChangeAtRuntime: a state with a service added, renamed or
// retired (what the client mirror makes of hall_updated) re-renders the
// home tiles and the header without a restart.
func TestServicesChangeAtRuntime(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	st := testState()
	st.Services = append(st.Services, protocol.ServiceInfo{ID: "E", Name: "Xúc tiến thương mại", Description: "Đăng ký thực hiện khuyến mại."})
	st.Services[0].Name = "Lưu thông hàng hóa"
	st.Services = append(st.Services[:2], st.Services[3:]...) // C retired
	st.Hall.Name = "Sở Công Thương tỉnh Bình Phước"
	f.m.SetState(st)

	f.tile(t, "E")
	if txt := visibleText(f); !contains(txt, "Lưu thông hàng hóa") || contains(txt, "Hóa chất") {
		t.Errorf("tiles after the change: %q", txt)
	}
	if !contains(visibleText(f), "Sở Công Thương tỉnh Bình Phước") {
		t.Error("the header keeps the old hall name")
	}
	test.Tap(f.tile(t, "E"))
	test.Tap(f.u.screens[model.ScreenPriority].(*priority).no)
	if got := f.s.got(protocol.CmdIssueTicket); len(got) != 1 || got[0].(protocol.IssueTicket).Service != "E" {
		t.Fatalf("issued %v, want one ticket of the new service E", got)
	}
}

// visibleText lists the texts laid out on the kiosk's canvas.
func visibleText(f *fixture) []string {
	var out []string
	for _, o := range test.LaidOutObjects(f.u.Window().Content()) {
		if !o.Visible() {
			continue
		}
		switch w := o.(type) {
		case *canvas.Text:
			out = append(out, w.Text)
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.RichText:
			out = append(out, w.String())
		case *widget.Button:
			out = append(out, w.Text)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.Contains(v, s) {
			return true
		}
	}
	return false
}

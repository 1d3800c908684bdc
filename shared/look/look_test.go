package look_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"hallq/shared/look"
)

func TestButtonsAreTouchSized(t *testing.T) {
	app := test.NewApp()
	defer app.Quit()
	app.Settings().SetTheme(look.Theme())
	tests := []struct {
		name  string
		label string
	}{
		{"short", "OK"},
		{"vietnamese", "Lấy số thứ tự"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := look.BigButton(tc.label, nil).MinSize().Height; got < look.MinTouch {
				t.Errorf("BigButton height got %v, want >= %v", got, look.MinTouch)
			}
			if got := look.Button(tc.label, nil).MinSize().Height; got < look.MinTouch {
				t.Errorf("Button height got %v, want >= %v", got, look.MinTouch)
			}
		})
	}
}

func TestThemeSizes(t *testing.T) {
	th := look.Theme()
	tests := []struct {
		name    string
		size    fyne.ThemeSizeName
		atLeast float32
	}{
		{"text", theme.SizeNameText, 24},
		{"big", look.SizeBig, 36},
		{"huge", look.SizeHuge, 64},
		{"giant", look.SizeGiant, 120},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := th.Size(tc.size); got < tc.atLeast {
				t.Errorf("Size(%s) got %v, want >= %v", tc.size, got, tc.atLeast)
			}
		})
	}
}

func TestTouchMinSize(t *testing.T) {
	got := look.Touch(look.Heading("A", 20), 300, look.MinTouch).MinSize()
	if got.Width < 300 || got.Height < look.MinTouch {
		t.Errorf("Touch min size got %v, want >= 300x%v", got, look.MinTouch)
	}
}

func TestThemeFont(t *testing.T) {
	if got := look.Theme().Font(fyne.TextStyle{}); got == nil || len(got.Content()) == 0 {
		t.Fatal("theme font is empty")
	}
}

func TestChoiceIsLarge(t *testing.T) {
	obj, b := look.Choice("KHÔNG", 44, true, nil)
	if got := obj.MinSize().Height; got < look.MinTouch*2 {
		t.Errorf("Choice height got %v, want >= %v", got, look.MinTouch*2)
	}
	if b == nil {
		t.Fatal("Choice returned no button")
	}
}

func TestVersionFooter(t *testing.T) {
	if f := look.VersionFooter(""); f != nil {
		t.Errorf("no version: got %v, want no footer", f)
	}
	f := look.VersionFooter("1.2.0")
	var found bool
	for _, o := range test.LaidOutObjects(f) {
		if txt, ok := o.(*canvas.Text); ok && txt.Text == "Phiên bản 1.2.0" {
			found = true
		}
	}
	if !found {
		t.Error(`footer: want the text "Phiên bản 1.2.0"`)
	}
	if h := f.MinSize().Height; h > 24 {
		t.Errorf("footer height: got %v, want at most 24 (a thin line)", h)
	}
}

package appmeta

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"fyne.io/fyne/v2/app"
)

const manifest = `[Details]
Icon = "Icon.png"
Name = "Ki-ốt lấy số"
ID = "vn.hallq.kiosk"
Version = "0.0.0"
Build = 3
`

// icon returns a small PNG.
func icon(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParse(t *testing.T) {
	img := icon(t)
	m, err := Parse([]byte(manifest), img, "1.2.0")
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != "vn.hallq.kiosk" || m.Name != "Ki-ốt lấy số" || m.Build != 3 || !m.Release {
		t.Errorf("got ID %q, Name %q, Build %d, Release %v; want vn.hallq.kiosk, Ki-ốt lấy số, 3, true", m.ID, m.Name, m.Build, m.Release)
	}
	if m.Version != "1.2.0" {
		t.Errorf("Version: got %q, want the stamped 1.2.0", m.Version)
	}
	if m.Icon == nil || m.Icon.Name() != "Icon.png" || !bytes.Equal(m.Icon.Content(), img) {
		t.Errorf("Icon: got %v, want Icon.png with the icon's bytes", m.Icon)
	}
}

// TestParseVersionFallback: with no stamped version the file's own is kept.
func TestParseVersionFallback(t *testing.T) {
	m, err := Parse([]byte(manifest), icon(t), "")
	if err != nil {
		t.Fatal(err)
	}
	if m.Version != "0.0.0" {
		t.Errorf("Version: got %q, want the file's 0.0.0", m.Version)
	}
}

func TestParseErrors(t *testing.T) {
	good := icon(t)
	tests := []struct {
		name     string
		manifest string
		icon     []byte
		want     string // in the error
	}{
		{"bad TOML", "[Details]\nName = \"Quầy\nID = \"x\"\n", good, "FyneApp.toml: toml: line 2"},
		{"wrong type", strings.Replace(manifest, "Build = 3", `Build = "3"`, 1), good, "FyneApp.toml"},
		{"unknown key", strings.Replace(manifest, "Name =", "Nmae =", 1), good, "unknown key Details.Nmae"},
		{"no ID", strings.Replace(manifest, `ID = "vn.hallq.kiosk"`, "", 1), good, "[Details] needs ID"},
		{"no name, no icon", "[Details]\nID = \"vn.hallq.kiosk\"\n", good, "[Details] needs Name, Icon"},
		{"empty icon", manifest, nil, "icon Icon.png: empty"},
		{"icon not a PNG", manifest, []byte("GIF89a"), "icon Icon.png: not a PNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.manifest), tt.icon, "1.2.0")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error: got %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestSet: an app made after Set reports the version and the icon.
func TestSet(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // the app's preferences
	img := icon(t)
	m, err := Set([]byte(manifest), img, "1.2.0")
	if err != nil {
		t.Fatal(err)
	}
	a := app.NewWithID(m.ID)
	if got := a.Metadata(); got.Version != "1.2.0" || got.Name != "Ki-ốt lấy số" {
		t.Errorf("app metadata: got version %q, name %q; want 1.2.0, Ki-ốt lấy số", got.Version, got.Name)
	}
	if a.Icon() == nil || !bytes.Equal(a.Icon().Content(), img) {
		t.Errorf("app icon: got %v, want the icon's bytes", a.Icon())
	}
}

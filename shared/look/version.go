package look

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// VersionCaption is how the apps name their version on screen:
// "Phiên bản 1.2.0".
func VersionCaption(version string) string { return "Phiên bản " + version }

// versionSize is the version's text size: read by staff up close, well
// below what citizens read from afar.
const versionSize = 14

// VersionText returns VersionCaption(version), small, grey and aligned
// right, so that staff can tell which release runs without it catching a
// citizen's eye.
func VersionText(version string) *canvas.Text {
	t := Colored(VersionCaption(version), versionSize, ToneMuted, false)
	t.Alignment = fyne.TextAlignTrailing
	return t
}

// VersionFooter returns a thin line for the bottom of a window with
// VersionText(version) at its right. It returns nil when version is
// empty.
func VersionFooter(version string) fyne.CanvasObject {
	if version == "" {
		return nil
	}
	return container.New(layout.NewCustomPaddedLayout(0, 2, 0, 8), VersionText(version))
}

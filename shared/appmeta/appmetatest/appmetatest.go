// Package appmetatest checks what the three apps share about their
// metadata and their -version flag; their main packages' tests call it.
package appmetatest

import (
	"testing"

	"hallq/shared/appmeta"
	"hallq/shared/version"
	"hallq/shared/xtest"
)

// Metadata checks an app's embedded FyneApp.toml and Icon.png: parsed
// with a stamped version they give the app's ID, a name and that version,
// and the icon passes AppIcon.
func Metadata(t *testing.T, manifest, icon []byte, wantID string) {
	t.Helper()
	m, err := appmeta.Parse(manifest, icon, "1.2.0")
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != wantID || m.Name == "" || m.Version != "1.2.0" {
		t.Errorf("got ID %q, name %q, version %q; want %s, a name, 1.2.0", m.ID, m.Name, m.Version, wantID)
	}
	xtest.AppIcon(t, icon)
}

// VersionFlag checks that the calling package's main, run in a child
// process (see xtest.RunMain) with -version, prints "hallq PROGRAM VERSION" and
// exits 0 at once, with no window and no connection.
func VersionFlag(t *testing.T, program string) {
	t.Helper()
	stdout, stderr, code := xtest.Main(t, "-version")
	if want := "hallq " + program + " " + version.Version + "\n"; code != 0 || stdout != want {
		t.Errorf("got exit %d, output %q (stderr %q); want exit 0, %q", code, stdout, stderr, want)
	}
}

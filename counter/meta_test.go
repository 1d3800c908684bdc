package main

import (
	"testing"

	"hallq/shared/appmeta"
	"hallq/shared/version"
	"hallq/shared/xtest"
)

// TestMain lets TestVersionFlag run main in a child process.
func TestMain(m *testing.M) { xtest.RunMain(m, main) }

// TestAppMetadata: the embedded FyneApp.toml and Icon.png make the counter's
// metadata, under the ID it always had, with the stamped version.
func TestAppMetadata(t *testing.T) {
	m, err := appmeta.Parse(manifest, icon, "1.2.0")
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != "vn.gov.hallq.counter" || m.Name == "" || m.Version != "1.2.0" {
		t.Errorf("got ID %q, name %q, version %q; want vn.gov.hallq.counter, a name, 1.2.0", m.ID, m.Name, m.Version)
	}
	xtest.AppIcon(t, icon)
}

// TestVersionFlag: -version prints "hallq counter VERSION" and exits 0 at
// once, with no window and no connection (main runs in a child process).
func TestVersionFlag(t *testing.T) {
	stdout, stderr, code := xtest.Main(t, "-version")
	if want := "hallq counter " + version.Version + "\n"; code != 0 || stdout != want {
		t.Errorf("got exit %d, output %q (stderr %q); want exit 0, %q", code, stdout, stderr, want)
	}
}

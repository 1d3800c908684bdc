package main

import (
	"testing"

	"hallq/shared/appmeta"
	"hallq/shared/xtest"
)

// TestAppMetadata: the embedded FyneApp.toml and Icon.png make the kiosk's
// metadata, under the ID it always had, with the stamped version.
func TestAppMetadata(t *testing.T) {
	m, err := appmeta.Parse(manifest, icon, "1.2.0")
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != "vn.hallq.kiosk" || m.Name == "" || m.Version != "1.2.0" {
		t.Errorf("got ID %q, name %q, version %q; want vn.hallq.kiosk, a name, 1.2.0", m.ID, m.Name, m.Version)
	}
	xtest.AppIcon(t, icon)
}


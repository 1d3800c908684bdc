package main

import (
	"testing"

	"hallq/shared/appmeta/appmetatest"
	"hallq/shared/xtest"
)

// TestMain lets TestVersionFlag run main in a child process.
func TestMain(m *testing.M) { xtest.RunMain(m, main) }

// TestAppMetadata: the embedded FyneApp.toml and Icon.png make the counter's
// metadata, under the ID it always had, with the stamped version.
func TestAppMetadata(t *testing.T) { appmetatest.Metadata(t, manifest, icon, "vn.gov.hallq.counter") }

// TestVersionFlag: -version prints "hallq counter VERSION" and exits 0 at
// once, with no window and no connection (main runs in a child process).
func TestVersionFlag(t *testing.T) { appmetatest.VersionFlag(t, "counter") }

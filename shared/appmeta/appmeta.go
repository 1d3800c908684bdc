// Package appmeta gives an app the metadata of its FyneApp.toml: the ID,
// name, build number and icon that `fyne package` would bundle, with the
// version stamped into the binary (hallq/shared/version).
//
// Release builds are made by plain `go build` (goreleaser), which never
// reads FyneApp.toml, so each app embeds the file and its icon and calls
// Set before it creates its fyne.App. One file then feeds both `fyne
// package` and the code.
package appmeta

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"image/png"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"
)

// file is the part of FyneApp.toml that becomes metadata; the other tables
// (LinuxAndBSD, Release, …) are for `fyne package` only.
type file struct {
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	Migrations map[string]bool
}

// Parse returns the metadata described by manifest, the bytes of a
// FyneApp.toml, with icon, the bytes of the PNG its Details.Icon names.
// version, when not empty, replaces the file's placeholder Version.
// Release is true: the metadata is the one a release binary carries.
//
// The error says what is wrong: bad TOML (with its line), an unknown key
// in [Details], a missing ID or Name, or an icon that is not a PNG.
func Parse(manifest, icon []byte, version string) (fyne.AppMetadata, error) {
	var f file
	md, err := toml.Decode(string(manifest), &f)
	if err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("appmeta: FyneApp.toml: %w", err)
	}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == "Details" {
			return fyne.AppMetadata{}, fmt.Errorf("appmeta: FyneApp.toml: unknown key %s", k)
		}
	}
	d := f.Details
	var missing []string
	for _, m := range []struct{ key, val string }{{"ID", d.ID}, {"Name", d.Name}, {"Icon", d.Icon}} {
		if strings.TrimSpace(m.val) == "" {
			missing = append(missing, m.key)
		}
	}
	if len(missing) > 0 {
		return fyne.AppMetadata{}, fmt.Errorf("appmeta: FyneApp.toml: [Details] needs %s", strings.Join(missing, ", "))
	}
	if err := checkPNG(icon); err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("appmeta: icon %s: %w", d.Icon, err)
	}
	return fyne.AppMetadata{
		ID:         d.ID,
		Name:       d.Name,
		Version:    cmp.Or(version, d.Version),
		Build:      d.Build,
		Icon:       fyne.NewStaticResource(d.Icon, icon),
		Release:    true,
		Migrations: f.Migrations,
	}, nil
}

// checkPNG reports whether b is not a PNG image.
func checkPNG(b []byte) error {
	if len(b) == 0 {
		return errors.New("empty")
	}
	if _, err := png.DecodeConfig(bytes.NewReader(b)); err != nil {
		return fmt.Errorf("not a PNG: %w", err)
	}
	return nil
}

// Set parses manifest and icon as Parse does and hands the metadata to
// Fyne (app.SetMetadata), which keeps it for the whole process. Call it
// before app.NewWithID, with the ID it returns.
func Set(manifest, icon []byte, version string) (fyne.AppMetadata, error) {
	m, err := Parse(manifest, icon, version)
	if err != nil {
		return m, err
	}
	app.SetMetadata(m)
	return m, nil
}

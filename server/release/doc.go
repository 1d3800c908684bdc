// Package release holds the packaging of the hall's four programs, which
// goreleaser builds from .goreleaser.yaml at the module's root (README,
// "Cài đặt / Installing"):
//
//   - linux/: the server's systemd unit, its /etc/default file and the
//     .deb maintainer scripts; the apps' desktop and autostart entries and
//     /etc/default files.
//   - windows/: HUONG-DAN.txt, the Vietnamese guide in the Windows zip.
//   - winres/: the command that writes the .exe files' icons and version
//     info before the Windows builds.
//
// Its tests run the release build in snapshot mode and check every
// artifact: the list, the Windows .exe headers, the .deb contents, the
// server package installed and removed with dpkg, the .exe files under
// Wine.
package release

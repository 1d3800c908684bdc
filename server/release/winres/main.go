// Command winres writes the Windows resources of the hall's programs: the
// icon, the version info Explorer shows and a manifest (per-monitor DPI, so
// Windows does not blur the Fyne windows), as rsrc_windows_amd64.syso next
// to each main package, where `go build` for windows/amd64 links it in.
// goreleaser runs it before the builds (.goreleaser.yaml); the .syso files
// are build outputs and not committed.
//
//	go run ./server/release/winres [-version 1.2.0] [-root DIR]
package main

import (
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// program is one main package that gets resources.
type program struct {
	dir, exe string
	// gui programs have a FyneApp.toml with their name and an Icon.png.
	gui bool
}

var programs = []program{
	{dir: "server", exe: "hallq-server.exe"},
	{dir: "kiosk", exe: "hallq-kiosk.exe", gui: true},
	{dir: "counter", exe: "hallq-counter.exe", gui: true},
	{dir: "display", exe: "hallq-display.exe", gui: true},
}

func main() {
	ver := flag.String("version", "0.0.0", "phiên bản ghi vào tệp .exe (the version written into the .exe files)")
	root := flag.String("root", ".", "thư mục gốc của mã nguồn (the module's root)")
	flag.Parse()
	for _, p := range programs {
		if err := write(*root, p, *ver); err != nil {
			fmt.Fprintf(os.Stderr, "winres: %s: %v\n", p.dir, err)
			os.Exit(1)
		}
	}
}

// write builds p's resources and writes them into p's folder.
func write(root string, p program, ver string) error {
	dir := filepath.Join(root, p.dir)
	name := "HallQ – máy chủ hàng đợi Bộ phận Một cửa (hall server)"
	var rs winres.ResourceSet
	if p.gui {
		var meta struct{ Details struct{ Name, Icon string } }
		if _, err := toml.DecodeFile(filepath.Join(dir, "FyneApp.toml"), &meta); err != nil {
			return err
		}
		name = meta.Details.Name
		f, err := os.Open(filepath.Join(dir, meta.Details.Icon))
		if err != nil {
			return err
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", meta.Details.Icon, err)
		}
		icon, err := winres.NewIconFromResizedImage(img, nil)
		if err != nil {
			return err
		}
		if err := rs.SetIcon(winres.Name("APPICON"), icon); err != nil {
			return err
		}
		rs.SetManifest(winres.AppManifest{
			DPIAwareness:        winres.DPIPerMonitorV2,
			UseCommonControlsV6: true,
		})
	}
	var vi version.Info
	vi.SetFileVersion(ver)
	vi.SetProductVersion(ver)
	for key, value := range map[string]string{
		version.ProductName:      "HallQ",
		version.FileDescription:  name,
		version.OriginalFilename: p.exe,
		version.CompanyName:      "HallQ",
	} {
		if err := vi.Set(version.LangNeutral, key, value); err != nil {
			return err
		}
	}
	rs.SetVersionInfo(vi)
	out, err := os.Create(filepath.Join(dir, "rsrc_windows_amd64.syso"))
	if err != nil {
		return err
	}
	if err := rs.WriteObject(out, winres.ArchAMD64); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

//go:build linux

package release_test

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"debug/elf"
	"debug/pe"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"hallq/shared/xtest"
)

// root is the module's root, where .goreleaser.yaml is.
const root = "../.."

// artifact is one entry of goreleaser's dist/artifacts.json.
type artifact struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Goos   string `json:"goos"`
	Goarch string `json:"goarch"`
	Type   string `json:"type"`
	Extra  struct {
		ID     string `json:"ID"`
		Binary string `json:"Binary"`
	} `json:"extra"`
}

// release is what one snapshot build produced.
type release struct {
	dist      string
	version   string
	artifacts []artifact
}

// of returns the artifacts of type typ (e.g. "Binary", "Linux Package").
func (r *release) of(typ string) []artifact {
	var out []artifact
	for _, a := range r.artifacts {
		if a.Type == typ {
			out = append(out, a)
		}
	}
	return out
}

// find returns the artifact of type typ named name for goos/goarch.
func (r *release) find(t *testing.T, typ, name, goos, goarch string) artifact {
	t.Helper()
	for _, a := range r.of(typ) {
		if (a.Name == name || a.Extra.Binary == name) && a.Goos == goos && a.Goarch == goarch {
			return a
		}
	}
	t.Fatalf("no %s %s for %s/%s in the release", typ, name, goos, goarch)
	return artifact{}
}

var (
	buildOnce sync.Once
	built     *release
	distDir   string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if distDir != "" {
		os.RemoveAll(distDir)
	}
	os.Exit(code)
}

// need skips t, or fails it under CI=true, when a tool is missing.
func need(t *testing.T, why string, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			msg := tool + " is needed: " + why + " (bash .ci/run installs it)"
			if os.Getenv("CI") == "true" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
}

// build runs the release command of the README once for the package's
// tests, in snapshot mode into a temp dist folder, and returns what it
// produced.
func build(t *testing.T) *release {
	t.Helper()
	if dist := os.Getenv("HALLQ_RELEASE_DIST"); dist != "" {
		// A dist folder built before (goreleaser release --snapshot), to
		// work on these tests without the build's minutes.
		buildOnce.Do(func() { built = readDist(t, dist) })
		return built
	}
	need(t, "the release build", "git", "x86_64-w64-mingw32-gcc")
	gr := goreleaser(t)
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hallq-dist-")
		if err != nil {
			t.Fatal(err)
		}
		distDir = dir
		cfg, err := os.ReadFile(filepath.Join(root, ".goreleaser.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		// The same config, its output in the temp folder.
		conf := filepath.Join(dir, "goreleaser.yaml")
		cfg = append(cfg, "\ndist: "+filepath.Join(dir, "dist")+"\n"...)
		if err := os.WriteFile(conf, cfg, 0o644); err != nil {
			t.Fatal(err)
		}
		// One build at a time: side by side, two apps' builds would both
		// compile the same cgo packages (GLFW, GL) before either is cached.
		xtest.RunBuild(t, root, nil, gr, "release", "--snapshot", "--clean", "--parallelism", "1", "--config", conf)
		built = readDist(t, filepath.Join(dir, "dist"))
	})
	if built == nil {
		t.Fatal("the release build failed (see the first test's log)")
	}
	return built
}

// readDist reads what goreleaser wrote in dist.
func readDist(t *testing.T, dist string) *release {
	t.Helper()
	r := &release{dist: dist}
	readJSON(t, filepath.Join(dist, "artifacts.json"), &r.artifacts)
	for i, a := range r.artifacts {
		if !filepath.IsAbs(a.Path) { // relative to where goreleaser ran
			r.artifacts[i].Path = filepath.Join(root, a.Path)
		}
	}
	var meta struct {
		Version string `json:"version"`
	}
	readJSON(t, filepath.Join(dist, "metadata.json"), &meta)
	r.version = meta.Version
	return r
}

// goreleaser finds the goreleaser command: on PATH or in GOPATH/bin, where
// .ci/run's go install puts it.
func goreleaser(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("goreleaser"); err == nil {
		return p
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "bin", "goreleaser")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	need(t, "the release build (go install github.com/goreleaser/goreleaser/v2@v2.15.1)", "goreleaser")
	return ""
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// The programs and the platforms each is built for (README, "Cài đặt").
var platforms = map[string][]string{
	"hallq-server":  {"linux/amd64", "linux/arm64", "windows/amd64"},
	"hallq-kiosk":   {"linux/amd64", "windows/amd64"},
	"hallq-counter": {"linux/amd64", "windows/amd64"},
	"hallq-display": {"linux/amd64", "windows/amd64"},
}

func TestArtifacts(t *testing.T) {
	r := build(t)
	if r.version == "" {
		t.Fatal("metadata.json has no version")
	}
	t.Logf("version %s", r.version)

	// Every program for every platform, and nothing else.
	var got, want []string
	for _, a := range r.of("Binary") {
		got = append(got, a.Extra.Binary+" "+a.Goos+"/"+a.Goarch)
	}
	for prog, ps := range platforms {
		for _, p := range ps {
			want = append(want, prog+" "+p)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("binaries:\n got %q\nwant %q", got, want)
	}

	// One .deb per program and Linux architecture.
	got, want = nil, nil
	for _, a := range r.of("Linux Package") {
		got = append(got, a.Name)
	}
	for prog, ps := range platforms {
		for _, p := range ps {
			if arch, ok := strings.CutPrefix(p, "linux/"); ok {
				want = append(want, prog+"_"+r.version+"_"+arch+".deb")
			}
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf(".deb packages:\n got %q\nwant %q", got, want)
	}

	// One Windows zip with the four .exe files and the guide.
	zips := r.of("Archive")
	if len(zips) != 1 || zips[0].Name != "hallq_"+r.version+"_windows_amd64.zip" {
		t.Fatalf("archives: %+v, want one hallq_%s_windows_amd64.zip", zips, r.version)
	}
	zr, err := zip.OpenReader(zips[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	got = nil
	for _, f := range zr.File {
		got = append(got, f.Name)
	}
	slices.Sort(got)
	want = []string{"HUONG-DAN.txt", "README.md", "hallq-counter.exe", "hallq-display.exe", "hallq-kiosk.exe", "hallq-server.exe"}
	if !slices.Equal(got, want) {
		t.Errorf("zip holds %q, want %q", got, want)
	}

	checkChecksums(t, r)
}

// checkChecksums reads the checksums file: every package and archive is in
// it with its real SHA-256.
func checkChecksums(t *testing.T, r *release) {
	t.Helper()
	sums := r.of("Checksum")
	if len(sums) != 1 {
		t.Fatalf("checksum files: %+v, want one", sums)
	}
	f, err := os.Open(sums[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("checksums: bad line %q", sc.Text())
		}
		listed[name] = sum
	}
	for _, a := range append(r.of("Linux Package"), r.of("Archive")...) {
		b, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if listed[a.Name] != hex.EncodeToString(sum[:]) {
			t.Errorf("checksums: %s listed as %q, is %x", a.Name, listed[a.Name], sum)
		}
	}
}

// TestWindowsExecutables: each .exe is a PE32+ for x86-64, a GUI program
// (no console window) for the apps and a console one for the server, with
// its resources (icon, version info) linked in.
func TestWindowsExecutables(t *testing.T) {
	r := build(t)
	for prog := range platforms {
		a := r.find(t, "Binary", prog, "windows", "amd64")
		f, err := pe.Open(a.Path)
		if err != nil {
			t.Fatalf("%s: %v", prog, err)
		}
		if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
			t.Errorf("%s: machine %#x, want AMD64", prog, f.Machine)
		}
		opt, ok := f.OptionalHeader.(*pe.OptionalHeader64)
		if !ok {
			t.Errorf("%s: not PE32+ (%T)", prog, f.OptionalHeader)
		} else {
			want := uint16(pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
			if prog == "hallq-server" {
				want = pe.IMAGE_SUBSYSTEM_WINDOWS_CUI
			}
			if opt.Subsystem != want {
				t.Errorf("%s: subsystem %d, want %d", prog, opt.Subsystem, want)
			}
		}
		if f.Section(".rsrc") == nil {
			t.Errorf("%s: no .rsrc section: the icon and version info are missing", prog)
		}
		f.Close()
	}
}

// TestLinuxExecutables: the right machine for each Linux binary, and the
// release's version stamped into each (-version).
func TestLinuxExecutables(t *testing.T) {
	r := build(t)
	machines := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}
	for prog, ps := range platforms {
		for _, p := range ps {
			arch, ok := strings.CutPrefix(p, "linux/")
			if !ok {
				continue
			}
			a := r.find(t, "Binary", prog, "linux", arch)
			f, err := elf.Open(a.Path)
			if err != nil {
				t.Fatalf("%s: %v", a.Path, err)
			}
			if f.Machine != machines[arch] {
				t.Errorf("%s %s: machine %v", prog, arch, f.Machine)
			}
			f.Close()
			if arch != "amd64" {
				continue
			}
			out, err := exec.Command(a.Path, "-version").CombinedOutput()
			if err != nil || !strings.Contains(string(out), r.version) {
				t.Errorf("%s -version: %v %q, want the version %s", prog, err, out, r.version)
			}
		}
	}
}

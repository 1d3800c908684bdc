//go:build linux

package release_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// debContents lists the paths in a .deb (dpkg-deb -c), "./" cut off.
func debContents(t *testing.T, deb string) map[string]bool {
	t.Helper()
	out, err := exec.Command("dpkg-deb", "-c", deb).Output()
	if err != nil {
		t.Fatalf("dpkg-deb -c %s: %v", deb, err)
	}
	paths := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 {
			paths[strings.TrimPrefix(f[5], ".")] = true
		}
	}
	return paths
}

// debField reads a control field of a .deb.
func debField(t *testing.T, deb, field string) string {
	t.Helper()
	out, err := exec.Command("dpkg-deb", "-f", deb, field).Output()
	if err != nil {
		t.Fatalf("dpkg-deb -f %s %s: %v", deb, field, err)
	}
	return strings.TrimSpace(string(out))
}

// TestDebContents: each package holds its program, the server's its unit
// and settings, the apps' their menu entry, icon and settings, and the
// kiosk's and the display's an autostart entry that starts them full
// screen.
func TestDebContents(t *testing.T) {
	need(t, "reading the .deb packages", "dpkg-deb")
	r := build(t)
	files := map[string][]string{
		"hallq-server": {"/usr/bin/hallq-server", "/lib/systemd/system/hallq-server.service", "/etc/default/hallq-server", "/usr/share/doc/hallq-server/README.md"},
	}
	for _, app := range []string{"kiosk", "counter", "display"} {
		files["hallq-"+app] = []string{"/usr/bin/hallq-" + app, "/usr/share/applications/vn.hallq." + app + ".desktop",
			"/usr/share/icons/hicolor/512x512/apps/vn.hallq." + app + ".png", "/etc/default/hallq-" + app}
	}
	files["hallq-kiosk"] = append(files["hallq-kiosk"], "/etc/xdg/autostart/vn.hallq.kiosk.desktop")
	files["hallq-display"] = append(files["hallq-display"], "/etc/xdg/autostart/vn.hallq.display.desktop")
	for _, a := range r.of("Linux Package") {
		name := debField(t, a.Path, "Package")
		if v := debField(t, a.Path, "Version"); v != r.version {
			t.Errorf("%s: version %q, want %q", a.Name, v, r.version)
		}
		got := debContents(t, a.Path)
		for _, f := range files[name] {
			if !got[f] {
				t.Errorf("%s: no %s in the package", a.Name, f)
			}
		}
		if name != "hallq-server" && !strings.Contains(debField(t, a.Path, "Depends"), "libgl1") {
			t.Errorf("%s: Depends %q lacks libgl1", a.Name, debField(t, a.Path, "Depends"))
		}
	}
	// The autostart entries start the apps full screen.
	for _, app := range []string{"kiosk", "display"} {
		b, err := os.ReadFile(filepath.Join(root, "server/release/linux/vn.hallq."+app+"-autostart.desktop"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "exec hallq-"+app+" -fullscreen") {
			t.Errorf("%s's autostart entry does not start it full screen:\n%s", app, b)
		}
	}
	if _, err := exec.LookPath("desktop-file-validate"); err == nil {
		entries, _ := filepath.Glob(filepath.Join(root, "server/release/linux/*.desktop"))
		for _, e := range entries {
			if out, err := exec.Command("desktop-file-validate", e).CombinedOutput(); err != nil || len(out) > 0 {
				t.Errorf("desktop-file-validate %s: %v\n%s", filepath.Base(e), err, out)
			}
		}
	}
}

// mayInstall says whether this test may install packages system-wide: as
// root, and only on CI (a fresh machine) or when asked (HALLQ_TEST_DPKG=1).
// It never runs where a hall server is installed already.
func mayInstall(t *testing.T) {
	t.Helper()
	ci := os.Getenv("CI") == "true"
	if !ci && os.Getenv("HALLQ_TEST_DPKG") != "1" {
		t.Skip("installs packages system-wide: runs on CI, or with HALLQ_TEST_DPKG=1 as root")
	}
	if os.Geteuid() != 0 {
		if ci {
			t.Fatal("dpkg -i needs root (CI runs as root)")
		}
		t.Skip("dpkg -i needs root")
	}
	need(t, "installing the packages", "dpkg", "systemd-analyze", "setpriv")
	for _, p := range []string{"/var/lib/hallq", "/etc/hallq"} {
		if _, err := os.Stat(p); err == nil {
			t.Fatalf("%s exists: a hall is installed on this machine; this test runs on a clean one", p)
		}
	}
}

// dpkg runs dpkg with args and returns its output; it fails t on error.
func dpkg(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("dpkg", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("dpkg %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestServerDeb installs the server's package as a hall's IT person would,
// checks the unit with systemd-analyze, runs the installed server the way
// its unit does (user, environment) until /healthz answers, stops it with
// SIGTERM, installs the package again over itself (data and config kept,
// no new password) and removes it: the data folder stays.
func TestServerDeb(t *testing.T) {
	mayInstall(t)
	r := build(t)
	deb := r.find(t, "Linux Package", "hallq-server_"+r.version+"_amd64.deb", "linux", "amd64").Path
	t.Cleanup(func() {
		exec.Command("dpkg", "--purge", "hallq-server").Run()
		os.RemoveAll("/var/lib/hallq")
		os.RemoveAll("/etc/hallq")
		exec.Command("userdel", "hallq").Run()
		exec.Command("groupdel", "hallq").Run()
	})

	out := dpkg(t, "-i", deb)
	if !strings.Contains(out, "Mật khẩu dùng một lần") || !strings.Contains(out, "admin") {
		t.Errorf("install did not print the admin's one-time password:\n%s", out)
	}
	u, err := user.Lookup("hallq")
	if err != nil {
		t.Fatalf("the package made no hallq user: %v", err)
	}
	for path, want := range map[string]string{"/var/lib/hallq": "hallq:hallq", "/etc/hallq": "root:hallq", "/etc/hallq/hall.toml": "root:hallq"} {
		if got := owner(t, path); got != want {
			t.Errorf("%s owned by %s, want %s", path, got, want)
		}
	}
	if st, err := os.Stat("/etc/hallq/hall.toml"); err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("/etc/hallq/hall.toml: %v %v, want mode 0640", st.Mode(), err)
	}

	unit := "/lib/systemd/system/hallq-server.service"
	if out, err := exec.Command("systemd-analyze", "verify", unit).CombinedOutput(); err != nil || strings.Contains(string(out), "hallq-server.service:") {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}

	// Start it as systemd would: its user, its environment, then SIGTERM.
	env := append(unitEnv(t, unit), "HALL_ADDR="+freeAddr(t))
	addr := strings.TrimPrefix(env[len(env)-1], "HALL_ADDR=")
	cmd := exec.Command("setpriv", "--reuid="+u.Uid, "--regid="+u.Gid, "--init-groups", "/usr/bin/hallq-server")
	cmd.Env, cmd.Dir = env, "/"
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(exited)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := waitHealthy(ctx, addr, exited); err != nil {
		cmd.Process.Kill()
		<-exited
		t.Fatalf("the installed server on %s: %v\n%s", addr, err, log.String())
	}
	if got := owner(t, "/var/lib/hallq/hall.db"); got != "hallq:hallq" {
		t.Errorf("hall.db owned by %s, want hallq:hallq", got)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
		if waitErr != nil {
			t.Errorf("the server did not stop cleanly on SIGTERM: %v\n%s", waitErr, log.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatalf("the server did not stop within 30 s of SIGTERM (TimeoutStopSec)\n%s", log.String())
	}

	// Installing over itself (as an upgrade does) keeps data and config.
	conf, db := readFile(t, "/etc/hallq/hall.toml"), readFile(t, "/var/lib/hallq/hall.db")
	if out := dpkg(t, "-i", deb); strings.Contains(out, "Mật khẩu dùng một lần") {
		t.Errorf("a reinstall wrote a new hall:\n%s", out)
	}
	if !bytes.Equal(conf, readFile(t, "/etc/hallq/hall.toml")) || !bytes.Equal(db, readFile(t, "/var/lib/hallq/hall.db")) {
		t.Error("a reinstall changed hall.toml or hall.db")
	}

	// Removed, and even purged: the program goes, the hall's data stays.
	dpkg(t, "-r", "hallq-server")
	for _, gone := range []string{"/usr/bin/hallq-server", unit} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still there after dpkg -r", gone)
		}
	}
	dpkg(t, "--purge", "hallq-server")
	if !bytes.Equal(db, readFile(t, "/var/lib/hallq/hall.db")) {
		t.Error("removing the package changed or removed hall.db")
	}
	if _, err := os.Stat("/etc/default/hallq-server"); err == nil {
		t.Error("/etc/default/hallq-server is still there after a purge")
	}
}

// TestAppDebs installs the three apps' packages: binaries on PATH that
// print their version, menu entries, autostart for kiosk and display; then
// removes them.
func TestAppDebs(t *testing.T) {
	mayInstall(t)
	r := build(t)
	for _, app := range []string{"kiosk", "counter", "display"} {
		name := "hallq-" + app
		deb := r.find(t, "Linux Package", name+"_"+r.version+"_amd64.deb", "linux", "amd64").Path
		t.Cleanup(func() { exec.Command("dpkg", "--purge", name).Run() })
		dpkg(t, "-i", deb)
		out, err := exec.Command("/usr/bin/"+name, "-version").CombinedOutput()
		if err != nil || !strings.Contains(string(out), r.version) {
			t.Errorf("installed %s -version: %v %q", name, err, out)
		}
		entry := "/usr/share/applications/vn.hallq." + app + ".desktop"
		if b := readFile(t, entry); !bytes.Contains(b, []byte("Icon=vn.hallq."+app)) {
			t.Errorf("%s has no icon line:\n%s", entry, b)
		}
		dpkg(t, "--purge", name)
		if _, err := os.Stat("/usr/bin/" + name); err == nil {
			t.Errorf("/usr/bin/%s is still there after a purge", name)
		}
	}
}

// unitEnv is the environment the unit gives the server: its Environment=
// line, then its EnvironmentFile.
func unitEnv(t *testing.T, unit string) []string {
	t.Helper()
	env := []string{"PATH=/usr/bin:/bin"}
	var files []string
	for _, line := range strings.Split(string(readFile(t, unit)), "\n") {
		if v, ok := strings.CutPrefix(line, "Environment="); ok {
			env = append(env, strings.Fields(v)...)
		}
		if v, ok := strings.CutPrefix(line, "EnvironmentFile="); ok {
			files = append(files, strings.TrimPrefix(v, "-"))
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line != "" && !strings.HasPrefix(line, "#") {
				env = append(env, line)
			}
		}
	}
	return env
}

// owner is path's "user:group".
func owner(t *testing.T, path string) string {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	u, err := user.LookupId(fmt.Sprint(sys.Uid))
	if err != nil {
		t.Fatal(err)
	}
	g, err := user.LookupGroupId(fmt.Sprint(sys.Gid))
	if err != nil {
		t.Fatal(err)
	}
	return u.Username + ":" + g.Name
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

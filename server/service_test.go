package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/config"
	"hallq/shared/xtest"
)

// TestServiceFolders: the service's folders sit under ProgramData, with
// C:\ProgramData when the variable is unset.
func TestServiceFolders(t *testing.T) {
	tests := []struct {
		name, programData, data, log string
	}{
		{"unset", "", `C:\ProgramData\hallq\data`, `C:\ProgramData\hallq\logs\server.log`},
		{"default", `C:\ProgramData`, `C:\ProgramData\hallq\data`, `C:\ProgramData\hallq\logs\server.log`},
		{"trailing backslash", `D:\Data\`, `D:\Data\hallq\data`, `D:\Data\hallq\logs\server.log`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := serviceDataDir(tt.programData); got != tt.data {
				t.Errorf("data: got %q, want %q", got, tt.data)
			}
			if got := serviceLogPath(tt.programData); got != tt.log {
				t.Errorf("log: got %q, want %q", got, tt.log)
			}
		})
	}
}

// TestParseService: install's flags become the service's command line,
// with the data folder under ProgramData unless given, paths made
// absolute; wrong commands and flags are refused in Vietnamese first.
func TestParseService(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	const pd = `C:\ProgramData`
	dataArgs := []string{"-data", `C:\ProgramData\hallq\data`}
	tests := []struct {
		name    string
		args    []string
		action  string
		want    []string // the service's command line (install)
		wantErr string   // part of the error; "" for none
	}{
		{"install", []string{"install"}, "install", dataArgs, ""},
		{"install with flags", []string{"install", "-addr", ":9090", "-tls"}, "install",
			append([]string{"-addr", ":9090"}, append(dataArgs, "-tls=true")...), ""},
		{"own data folder", []string{"install", "-data", "/srv/hall"}, "install", []string{"-data", "/srv/hall"}, ""},
		{"relative paths made absolute", []string{"install", "-data", "hall", "-config", "h.toml"}, "install",
			[]string{"-config", filepath.Join(cwd, "h.toml"), "-data", filepath.Join(cwd, "hall")}, ""},
		{"uninstall", []string{"uninstall"}, "uninstall", nil, ""},
		{"start", []string{"start"}, "start", nil, ""},
		{"stop", []string{"stop"}, "stop", nil, ""},
		{"nothing", nil, "", nil, "thiếu lệnh"},
		{"unknown command", []string{"restart"}, "", nil, `không có lệnh service "restart" (unknown service command)`},
		{"stop with arguments", []string{"stop", "now"}, "", nil, "service stop không nhận thêm đối số: now"},
		{"unknown flag", []string{"install", "-adr", ":80"}, "", nil, "Không có cờ -adr\nflag provided but not defined: -adr"},
		{"demo refused", []string{"install", "-demo"}, "", nil, "dịch vụ không chạy với -demo"},
		{"init refused", []string{"install", "-init"}, "", nil, "dịch vụ không chạy với -init"},
		{"fast clock refused", []string{"install", "-fast-clock", "20"}, "", nil, "dịch vụ không chạy với -fast-clock: đồng hồ nhanh chỉ để thử nghiệm"},
		{"extra argument", []string{"install", "extra"}, "", nil, "đối số thừa: extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			c, err := parseService(tt.args, pd, &stderr)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error: got %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v (stderr %q)", err, stderr.String())
			}
			if c.Action != tt.action || !slices.Equal(c.Args, tt.want) {
				t.Errorf("got %s %q, want %s %q", c.Action, c.Args, tt.action, tt.want)
			}
		})
	}
}

// TestParseServiceOptions: install's options are those the service runs
// with, and -h is help, not an error.
func TestParseServiceOptions(t *testing.T) {
	c, err := parseService([]string{"install", "-addr", "127.0.0.1:8443", "-tls"}, `E:\PD`, new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	if o := c.Options; o.Data != `E:\PD\hallq\data` || o.Addr != "127.0.0.1:8443" || !o.TLS {
		t.Errorf("options: got data %q addr %q tls %v, want E:\\PD\\hallq\\data, 127.0.0.1:8443, true", o.Data, o.Addr, o.TLS)
	}
	if got, want := pagesURL(c.Options), "https://127.0.0.1:8443/"; got != want {
		t.Errorf("pages: got %q, want %q", got, want)
	}
	for _, args := range [][]string{{"-h"}, {"help"}, {"install", "-h"}} {
		var stderr bytes.Buffer
		if _, err := parseService(args, "", &stderr); !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr.String(), "Cách dùng (usage): server service") {
			t.Errorf("%q: got %v and %q, want flag.ErrHelp and the usage", args, err, stderr.String())
		}
	}
}

// TestPagesURL: the address printed after install, seen from the machine.
func TestPagesURL(t *testing.T) {
	tests := []struct {
		name string
		o    app.Options
		want string
	}{
		{"all interfaces", app.Options{Addr: ":8080"}, "http://localhost:8080/"},
		{"ipv4 any", app.Options{Addr: "0.0.0.0:80"}, "http://localhost:80/"},
		{"one address", app.Options{Addr: "192.168.1.5:8080"}, "http://192.168.1.5:8080/"},
		{"own certificate", app.Options{Addr: ":443", TLSCert: "c.pem"}, "https://localhost:443/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pagesURL(tt.o); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestInstallHall: a new data folder gets -init's hall and the one-time
// password is printed; a folder with a hall.toml is left alone; one with
// only a hall.db is refused, as -init refuses it.
func TestInstallHall(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var out bytes.Buffer
	created, err := installHall(app.Options{Data: dir}, &out)
	if err != nil || !created {
		t.Fatalf("new folder: got %v, %v; want a new hall", created, err)
	}
	if !strings.Contains(out.String(), "Mật khẩu dùng một lần (one-time password): ") {
		t.Errorf("output: got %q, want the one-time password", out.String())
	}
	if _, err := config.Load(filepath.Join(dir, "hall.toml")); err != nil {
		t.Errorf("hall.toml: %v", err)
	}
	out.Reset()
	if created, err := installHall(app.Options{Data: dir}, &out); err != nil || created || out.Len() > 0 {
		t.Errorf("second install: got %v, %v, %q; want the hall left alone, nothing printed", created, err, out.String())
	}
	dbOnly := t.TempDir()
	if err := os.WriteFile(filepath.Join(dbOnly, "hall.db"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := installHall(app.Options{Data: dbOnly}, &out); !errors.Is(err, app.ErrNotEmpty) {
		t.Errorf("folder with hall.db: got %v, want app.ErrNotEmpty", err)
	}
}

// TestOpenServiceLog: the log is appended to, and a log past the limit is
// kept once as server.old.log.
func TestOpenServiceLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logs", "server.log")
	write := func(s string) {
		t.Helper()
		f, err := openServiceLog(path, 10)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(s); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	read := func(p string) string {
		t.Helper()
		b, _ := os.ReadFile(p)
		return string(b)
	}
	write("first\n")
	write("second\n")
	if got := read(path); got != "first\nsecond\n" {
		t.Fatalf("log: got %q, want both lines", got)
	}
	write("third\n") // the log is 13 bytes, past 10: renamed first
	old := filepath.Join(filepath.Dir(path), "server.old.log")
	if got, gotOld := read(path), read(old); got != "third\n" || gotOld != "first\nsecond\n" {
		t.Errorf("after the limit: got %q and old %q, want third and the first two", got, gotOld)
	}
}

// TestServiceCommandOffWindows: off Windows "server service" says that
// systemd runs the server, in Vietnamese and English, and exits 1.
func TestServiceCommandOffWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Windows command talks to the service manager")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code, _, stderr := runServer(ctx, t, "service", "install")
	if code != 1 {
		t.Errorf("exit: got %d, want 1", code)
	}
	for _, want := range []string{"chỉ dùng trên Windows", "systemctl status hallq-server", "is for Windows only"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr: got %q, want it to contain %q", stderr, want)
		}
	}
}

// TestWindowsBuild: the server cross-builds for Windows (pure Go), so
// the files behind the windows build tag keep compiling.
func TestWindowsBuild(t *testing.T) {
	exe := xtest.GoBuildWindows(t, "hallq/server")
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("MZ")) {
		t.Errorf("%s: got %q, want a Windows executable (MZ)", exe, b[:min(len(b), 2)])
	}
}

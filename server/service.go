package main

// The Windows service, the parts that do not need Windows: the command's
// arguments, the service's command line, its folders under ProgramData,
// its data folder's first hall and its log file. They are tested on Linux;
// service_windows.go talks to the service manager, service_other.go says
// that on Linux systemd runs the server.

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"

	"hallq/server/app"
	"hallq/shared/flagenv"
)

// The service as the Windows service manager lists it.
const (
	serviceName        = "hallq-server"
	serviceDisplayName = "HallQ – Máy chủ hàng đợi Bộ phận Một cửa"
	serviceDescription = "Máy chủ hàng đợi HallQ: cấp số, gọi số, màn hình sảnh, đánh giá và báo cáo. " +
		"(HallQ queue server for the one-stop hall: tickets, calls, hall display, ratings and reports.)"
)

// maxLogSize is the size past which the service's log file is renamed to
// server.old.log when the service starts, so that it does not grow for
// ever; the older one is dropped.
const maxLogSize = 10 << 20

const serviceUsageText = `Cách dùng (usage): server service install [cờ của máy chủ (server flags)] | uninstall | start | stop
  install    cài dịch vụ Windows "hallq-server", tự chạy khi máy khởi động, khởi động lại khi lỗi,
             dữ liệu ở %ProgramData%\hallq\data; lần đầu tạo sảnh trống với tài khoản admin
             (install the Windows service: automatic start, restart on failure, data under
             %ProgramData%\hallq\data; a new data folder gets an empty hall with an admin account)
             ví dụ (e.g.): server service install -addr :8080 -tls
  uninstall  dừng và gỡ dịch vụ, giữ nguyên dữ liệu (stop and remove the service; the data stays)
  start      chạy dịch vụ (start the service)
  stop       dừng dịch vụ (stop the service)
Nhật ký (log): %ProgramData%\hallq\logs\server.log
`

// serviceCmd is a parsed "server service ..." command.
type serviceCmd struct {
	Action string // install, uninstall, start or stop
	// For install: the server's options as the service will run with
	// them, and its command line after the exe.
	Options app.Options
	Args    []string
}

// hallqDir is %ProgramData%\hallq, given the variable's value
// (C:\ProgramData when empty). It is joined with a backslash whatever the
// system, so that Linux tests see the Windows path.
func hallqDir(programData string) string {
	return strings.TrimRight(cmp.Or(programData, `C:\ProgramData`), `\/`) + `\hallq`
}

// serviceDataDir is the service's default data folder.
func serviceDataDir(programData string) string { return hallqDir(programData) + `\data` }

// serviceLogPath is the service's log file.
func serviceLogPath(programData string) string { return hallqDir(programData) + `\logs\server.log` }

// parseService parses the arguments of "server service". For install,
// the rest are server flags, checked with the server's own flag set:
// a typo is caught now, not by a service that fails at every restart. The
// data folder defaults to serviceDataDir(programData); paths given are
// made absolute, since a service starts in C:\Windows\System32. -demo,
// -init and the fast clock are refused. Usage and flag errors are written
// to stderr; -h returns flag.ErrHelp.
func parseService(args []string, programData string, stderr io.Writer) (serviceCmd, error) {
	if len(args) == 0 {
		fmt.Fprint(stderr, serviceUsageText)
		return serviceCmd{}, errors.New("thiếu lệnh: install, uninstall, start hoặc stop (missing command: install, uninstall, start or stop)")
	}
	c := serviceCmd{Action: args[0]}
	switch c.Action {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stderr, serviceUsageText)
		return serviceCmd{}, flag.ErrHelp
	case "uninstall", "start", "stop":
		if len(args) > 1 {
			return serviceCmd{}, fmt.Errorf("service %s không nhận thêm đối số: %s (takes no arguments)", c.Action, strings.Join(args[1:], " "))
		}
		return c, nil
	case "install":
	default:
		fmt.Fprint(stderr, serviceUsageText)
		return serviceCmd{}, fmt.Errorf("không có lệnh service %q (unknown service command)", c.Action)
	}
	fs, _ := serverFlags(&c.Options)
	fs.Init("server service install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	noEnv := func(string) (string, bool) { return "", false }
	if err := flagenv.Parse(fs, args[1:], noEnv); err != nil {
		return serviceCmd{}, err
	}
	if fs.NArg() > 0 {
		return serviceCmd{}, fmt.Errorf("đối số thừa: %s (unexpected arguments)", strings.Join(fs.Args(), " "))
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, name := range []string{"demo", "init", "version"} {
		if given[name] {
			return serviceCmd{}, fmt.Errorf("dịch vụ không chạy với -%s: install tự tạo sảnh trống có tài khoản admin "+
				"(the service does not run with -%s: install writes an empty hall with an admin account)", name, name)
		}
	}
	for _, name := range commandLineOnly {
		if given[name] {
			return serviceCmd{}, fmt.Errorf("dịch vụ không chạy với -%s: đồng hồ nhanh chỉ để thử nghiệm "+
				"(the service does not run with -%s: the fast clock is for tests and demos only)", name, name)
		}
	}
	for _, name := range []string{"data", "config", "tls-cert", "tls-key"} {
		if !given[name] {
			continue
		}
		abs, err := filepath.Abs(fs.Lookup(name).Value.String())
		if err != nil {
			return serviceCmd{}, fmt.Errorf("-%s: %w", name, err)
		}
		fs.Set(name, abs)
	}
	if !given["data"] {
		fs.Set("data", serviceDataDir(programData))
	}
	fs.Visit(func(f *flag.Flag) {
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			c.Args = append(c.Args, "-"+f.Name+"="+f.Value.String())
			return
		}
		c.Args = append(c.Args, "-"+f.Name, f.Value.String())
	})
	return c, nil
}

// installHall gives the data folder of o its first hall, the empty hall
// of -init with its admin's one-time password printed on stdout, unless
// it has a hall config already. It reports whether it wrote one.
func installHall(o app.Options, stdout io.Writer) (bool, error) {
	_, err := os.Stat(cmp.Or(o.Config, filepath.Join(o.Data, "hall.toml")))
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	o.Stdout = stdout
	if err := app.Init(o); err != nil {
		return false, err
	}
	return true, nil
}

// pagesURL is where the supervisor pages of a server run with o are, seen
// from the same machine.
func pagesURL(o app.Options) string {
	scheme := "http"
	if o.TLS || o.TLSCert != "" {
		scheme = "https"
	}
	host, port, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return scheme + "://" + o.Addr + "/"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return scheme + "://" + net.JoinHostPort(host, port) + "/"
}

// openServiceLog opens the service's log file at path for appending,
// creating its folder. A file larger than max is first renamed to
// server.old.log next to it.
func openServiceLog(path string, max int64) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > max {
		old := filepath.Join(filepath.Dir(path), "server.old.log")
		if err := os.Rename(path, old); err != nil {
			return nil, err
		}
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
}

// Command server runs the hall: the websocket hub, the bbolt store, the
// daily jobs and the supervisor's web pages (see SPEC.md).
//
//	server [-addr :8080] [-data DIR] [-config FILE] [-demo | -init]
//	       [-tls] [-tls-cert FILE -tls-key FILE]
//	       [-fast-clock N [-fast-clock-start 2026-12-03T07:00]]
//	server hash-pin < pin.txt
//	server export-config [-data DIR] [-o FILE]
//	server restore [-data DIR] BACKUP.db
//	server init [-data DIR] [-config FILE]
//	server service install [server flags] | uninstall | start | stop
//	server simulate [-profile commune|province|FILE.json] [-speed 20] ...
//	server province -pg postgres://… [-addr :8090] [add-hall … | add-account … | migrate]
//
// "server service" installs and controls the Windows service (see
// service.go); started by the Windows service manager, the server runs as
// that service.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"hallq/server/app"
	"hallq/server/config"
	"hallq/server/province"
	"hallq/server/simulate"
	"hallq/server/store"
	"hallq/shared/flagenv"
	"hallq/shared/version"
)

// subcommands are "server NAME ARGS..." that run once and exit.
var subcommands = map[string]func(args []string, stdout, stderr io.Writer) error{
	"restore":  restore,
	"init":     initCmd,
	"service":  serviceCommand,
	"simulate": simulate.Command,
	"province": province.Command,
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "hash-pin" {
		if err := hashPIN(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "hash-pin:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "export-config" {
		exportConfig(os.Args[2:])
		return
	}
	if len(os.Args) > 1 {
		if cmd, ok := subcommands[os.Args[1]]; ok {
			err := cmd(os.Args[2:], os.Stdout, os.Stderr)
			if err != nil && !errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
				os.Exit(1)
			}
			return
		}
	}
	var o app.Options
	fs, showVersion := serverFlags(&o)
	if err := flagenv.CommandLineOnly(os.LookupEnv, commandLineOnly...); err != nil {
		flagenv.Usage(fs)
		flagenv.Exit(err)
	}
	if err := flagenv.ParseOS(fs); err != nil {
		flagenv.Exit(err)
	}
	if *showVersion {
		fmt.Println("hallq server", version.Version)
		return
	}
	if o.Init && o.Demo {
		flagenv.Usage(fs)
		flagenv.Exit(errors.New("không dùng -init cùng -demo (-init and -demo exclude each other)"))
	}
	if o.FastClockStart != "" && o.FastClock == 0 {
		flagenv.Usage(fs)
		flagenv.Exit(errors.New("-fast-clock-start cần -fast-clock (-fast-clock-start needs -fast-clock)"))
	}
	if isWindowsService() {
		os.Exit(runService(o))
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o.Logger = log
	o.Stdout = os.Stdout
	if err := app.Run(ctx, o); err != nil {
		// Printed as is: a config error spans several lines.
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// serverFlags defines the server's flags on a new flag set, writing into
// o; the -version flag is returned. "server service install" checks the
// flags it is given with it too.
func serverFlags(o *app.Options) (*flag.FlagSet, *bool) {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.StringVar(&o.Addr, "addr", ":8080", "địa chỉ lắng nghe (address to listen on)")
	fs.StringVar(&o.Data, "data", "./data", "thư mục dữ liệu, tệp bbolt là DIR/hall.db (data directory)")
	fs.StringVar(&o.Config, "config", "", "tệp cấu hình, mặc định DIR/hall.toml (config file)")
	fs.BoolVar(&o.Demo, "demo", false, "tạo cấu hình sảnh mẫu nếu chưa có và in mã thiết bị, tài khoản (write a demo hall config when none exists)")
	fs.BoolVar(&o.Init, "init", false, "tạo một sảnh trống với tài khoản quản trị admin trong thư mục dữ liệu mới, in mật khẩu một lần rồi chạy (write an empty hall with an admin account into a new data folder, then start)")
	fs.BoolVar(&o.TLS, "tls", false, "phục vụ HTTPS và wss:// bằng chứng chỉ của sảnh trong DIR/tls (serve HTTPS and wss:// with the hall's own CA in DIR/tls)")
	fs.StringVar(&o.TLSCert, "tls-cert", "", "tệp chứng chỉ PEM riêng của sảnh, bật TLS (the hall's own PEM certificate chain; turns TLS on)")
	fs.StringVar(&o.TLSKey, "tls-key", "", "tệp khóa riêng PEM của chứng chỉ đó (its PEM private key)")
	fs.Float64Var(&o.FastClock, "fast-clock", 0, "CHỈ ĐỂ THỬ: đồng hồ của máy chủ chạy nhanh gấp N lần, chỉ nhận trên dòng lệnh (TESTS AND DEMOS ONLY: the server's clock runs N times faster; command line only)")
	fs.StringVar(&o.FastClockStart, "fast-clock-start", "", "giờ bắt đầu của đồng hồ nhanh theo múi giờ của sảnh, ví dụ 2026-12-03T07:00; mặc định là bây giờ (where the fast clock starts, in the hall's time zone; default now)")
	showVersion := fs.Bool("version", false, "in phiên bản rồi thoát (print the version and exit)")
	return fs, showVersion
}

// commandLineOnly are the flags refused from HALL_ variables: a fast clock
// left in an environment file would run a real hall on a fake day.
var commandLineOnly = []string{"fast-clock", "fast-clock-start"}

func hashPIN(in io.Reader, out io.Writer) error {
	h, err := config.HashFromReader(in)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, h)
	return err
}

// isInUse reports whether err says another process holds the database.
func isInUse(err error) bool { return errors.Is(err, store.ErrInUse) }

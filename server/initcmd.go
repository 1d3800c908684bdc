package main

import (
	"flag"
	"fmt"
	"io"

	"hallq/server/app"
)

// initCmd runs "server init [-data DIR] [-config FILE]": it writes an empty
// hall with one admin account, prints the account's one-time password and
// exits without serving. The Linux package runs it once at install.
func initCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("server init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := app.Options{Stdout: stdout}
	fs.StringVar(&o.Data, "data", "./data", "thư mục dữ liệu mới (a new data directory)")
	fs.StringVar(&o.Config, "config", "", "tệp cấu hình sẽ viết, mặc định DIR/hall.toml (config file to write)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Cách dùng (usage): server init [-data DIR] [-config FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return fmt.Errorf("thừa đối số %q (unexpected argument)", fs.Arg(0))
	}
	return app.Init(o)
}

package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"hallq/server/app"
	"hallq/shared/flagenv"
)

// exportConfig runs `server export-config [-data DIR] [-o FILE]`: the
// stored configuration as a hall.toml, on standard output or in FILE
// (mode 0600: it holds the devices' tokens).
func exportConfig(args []string) {
	fs := flag.NewFlagSet("server export-config", flag.ContinueOnError)
	data := fs.String("data", "./data", "thư mục dữ liệu có hall.db (data directory)")
	out := fs.String("o", "", "ghi ra tệp này thay vì đầu ra chuẩn (write to FILE instead of standard output)")
	if err := flagenv.Parse(fs, args, os.LookupEnv); err != nil {
		flagenv.Exit(err)
	}
	text, err := app.ExportConfig(*data, time.Now())
	if err == nil && *out == "" {
		_, err = os.Stdout.Write(text)
	} else if err == nil {
		err = os.WriteFile(*out, text, 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "export-config:", err)
		os.Exit(1)
	}
	if *out != "" {
		fmt.Fprintf(os.Stderr, "Đã ghi cấu hình vào %s (configuration written)\n", *out)
	}
}

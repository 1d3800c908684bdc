// Command server runs the hall: the websocket hub, the bbolt store, the
// daily jobs and the supervisor's web pages (see SPEC.md).
//
//	server [-addr :8080] [-data DIR] [-config FILE] [-demo]
//	server hash-pin < pin.txt
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"hallq/server/app"
	"hallq/server/config"
	"hallq/shared/flagenv"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "hash-pin" {
		if err := hashPIN(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "hash-pin:", err)
			os.Exit(1)
		}
		return
	}
	fs := flag.NewFlagSet("server", flag.ExitOnError)
	var o app.Options
	fs.StringVar(&o.Addr, "addr", ":8080", "address to listen on")
	fs.StringVar(&o.Data, "data", "./data", "data directory (the bbolt file is DIR/hall.db)")
	fs.StringVar(&o.Config, "config", "", "config file (default DIR/hall.toml)")
	fs.BoolVar(&o.Demo, "demo", false, "write a demo hall config when none exists, and print its tokens and logins")
	if err := flagenv.ParseOS(fs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
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

func hashPIN(in io.Reader, out io.Writer) error {
	h, err := config.HashFromReader(in)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, h)
	return err
}

// Package apptest starts the real hall server for tests in other packages:
// on a loopback port, in a temp data dir, with the demo hall. Around it:
// Hall (restartable in place, on a settable Clock), Proxy (a link to mute
// and cut), Peer (a second client that sends commands and keeps the live
// events), NewClient/RunClient and WaitFor. It imports no Fyne: server
// tests use it too.
//
// The demo config is generated once per test process and copied into each
// data dir: its bcrypt hashes cost a second each under the race detector.
package apptest

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"hallq/server/app"
	"hallq/server/config"
)

var demo struct {
	once sync.Once
	data []byte
	err  error
}

// WriteDemo writes the demo hall.toml into dir.
func WriteDemo(t testing.TB, dir string) string {
	t.Helper()
	demo.once.Do(func() {
		tmp, err := os.MkdirTemp("", "hall-demo-")
		if err != nil {
			demo.err = err
			return
		}
		defer os.RemoveAll(tmp)
		path := filepath.Join(tmp, "hall.toml")
		if _, err := config.WriteDemo(path); err != nil {
			demo.err = err
			return
		}
		demo.data, demo.err = os.ReadFile(path)
	})
	if demo.err != nil {
		t.Fatalf("demo config: %v", demo.err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "hall.toml")
	if err := os.WriteFile(path, demo.data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Start starts the server with o, filling in a loopback address, a temp
// data dir holding the demo config (unless o.Data has a config already) and
// a silent logger; it stops the server when t ends.
func Start(t testing.TB, o app.Options) *app.Server {
	t.Helper()
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	if o.Data == "" {
		o.Data = t.TempDir()
	}
	if _, err := os.Stat(filepath.Join(o.Data, "hall.toml")); err != nil && o.Config == "" {
		WriteDemo(t, o.Data)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s, err := app.Start(o)
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

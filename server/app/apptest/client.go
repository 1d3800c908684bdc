package apptest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"hallq/shared/hallclient"
)

// NewClient makes a client with cfg, a silent logger (unless cfg has one)
// and, where cfg leaves them zero, a quick reconnect backoff of 20–200 ms;
// start runs it until t ends. The two steps let cfg's callbacks use a value
// made after the client.
func NewClient(t testing.TB, cfg hallclient.Config) (c *hallclient.Client, start func()) {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.MinBackoff == 0 {
		cfg.MinBackoff = 20 * time.Millisecond
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = 200 * time.Millisecond
	}
	c = hallclient.New(cfg)
	return c, func() {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); _ = c.Run(ctx) }()
		t.Cleanup(func() { cancel(); <-done })
	}
}

// RunClient is NewClient, started.
func RunClient(t testing.TB, cfg hallclient.Config) *hallclient.Client {
	t.Helper()
	c, start := NewClient(t, cfg)
	start()
	return c
}

//go:build windows

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/eventlog"

	"hallq/server/app"
)

// isWindowsService reports whether the Windows service manager started
// this process.
func isWindowsService() bool {
	if ok, err := svc.IsWindowsService(); err == nil && ok {
		return true
	}
	// svc.IsWindowsService wants services.exe as the parent in session 0;
	// Wine runs everything, services included, in session 1.
	return onWine() && parentIs("services.exe")
}

// runService runs the server with o as the Windows service and returns
// the exit status. There is no console: the log and what the server would
// print go to %ProgramData%\hallq\logs\server.log; start, stop and failure
// also go to the Application event log.
func runService(o app.Options) int {
	var out io.Writer = io.Discard
	f, logErr := openServiceLog(serviceLogPath(programData()), maxLogSize)
	if logErr == nil {
		defer f.Close()
		out = f
	}
	o.Logger = slog.New(slog.NewTextHandler(out, nil))
	o.Stdout = out
	h := &serviceHandler{o: o}
	if el, err := eventlog.Open(serviceName); err == nil {
		defer el.Close()
		h.events = el
	}
	if logErr != nil {
		h.event(eventlog.Error, fmt.Sprintf("server.log: %v", logErr))
	}
	if err := svc.Run(serviceName, h); err != nil {
		o.Logger.Error("windows service", "err", err)
		h.event(eventlog.Error, fmt.Sprintf("svc.Run: %v", err))
		return 1
	}
	return 0
}

// serviceHandler is the server as a svc.Handler.
type serviceHandler struct {
	o      app.Options
	events *eventlog.Log // nil when the event log cannot be opened
}

// Execute runs the server until the service manager asks it to stop or
// the system shuts down, then closes it cleanly (connections, jobs, the
// database) before reporting the service stopped. A server that stops by
// itself (a broken config, the port in use) ends the service with the
// service-specific exit code 1, which the recovery actions restart.
func (h *serviceHandler) Execute(_ []string, req <-chan svc.ChangeRequest, status chan<- svc.Status) (bool, uint32) {
	status <- svc.Status{State: svc.StartPending, WaitHint: 60_000}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	listening := make(chan struct{})
	done := make(chan error, 1)
	o := h.o
	o.Ready = func() { close(listening) }
	go func() { done <- app.Run(ctx, o) }()
	ready := (<-chan struct{})(listening) // nil once reported
	for {
		select {
		case <-ready:
			ready = nil
			status <- svc.Status{State: svc.Running, Accepts: svc.AcceptStop | svc.AcceptShutdown}
			h.event(eventlog.Info, "hallq server started")
		case err := <-done:
			h.fail(err)
			return true, 1
		case c := <-req:
			switch c.Cmd {
			case svc.Interrogate:
				status <- c.CurrentStatus
			case svc.Stop, svc.Shutdown:
				status <- svc.Status{State: svc.StopPending, WaitHint: 20_000}
				cancel()
				if err := <-done; err != nil {
					h.fail(err)
					return true, 1
				}
				h.o.Logger.Info("windows service stopped")
				h.event(eventlog.Info, "hallq server stopped")
				return false, 0
			}
		}
	}
}

// fail records that the server stopped by itself.
func (h *serviceHandler) fail(err error) {
	if err == nil {
		err = fmt.Errorf("máy chủ tự dừng (the server stopped by itself)")
	}
	h.o.Logger.Error("server stopped", "err", err)
	fmt.Fprintln(h.o.Stdout, "server:", err)
	h.event(eventlog.Error, "hallq server: "+err.Error())
}

// event writes msg to the event log, if open.
func (h *serviceHandler) event(kind uint32, msg string) {
	if h.events == nil {
		return
	}
	switch kind {
	case eventlog.Error:
		h.events.Error(1, msg)
	case eventlog.Warning:
		h.events.Warning(1, msg)
	default:
		h.events.Info(1, msg)
	}
}

//go:build windows

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/eventlog"
	"golang.org/x/sys/windows/svc/mgr"
)

// stateTimeout is how long start, stop and uninstall wait for the service
// to reach its new state: the server's own shutdown takes up to 10 s.
const stateTimeout = 30 * time.Second

// recoveryActions restart the service after a failure: 5 s after the
// first, 30 s after the second, then every minute; the count is reset
// after a day without failure (recoveryReset, in seconds).
var recoveryActions = []mgr.RecoveryAction{
	{Type: mgr.ServiceRestart, Delay: 5 * time.Second},
	{Type: mgr.ServiceRestart, Delay: 30 * time.Second},
	{Type: mgr.ServiceRestart, Delay: time.Minute},
}

const recoveryReset = 24 * 60 * 60

// serviceCommand runs "server service install|uninstall|start|stop". Its
// error (main prints it and exits with status 1) is Vietnamese first;
// usage errors have printed the usage on stderr already.
func serviceCommand(args []string, stdout, stderr io.Writer) error {
	c, err := parseService(args, programData(), stderr)
	if err != nil {
		return err
	}
	switch c.Action {
	case "install":
		err = installService(c, stdout)
	case "uninstall":
		err = uninstallService(stdout)
	case "start":
		err = startService(stdout)
	case "stop":
		err = stopService(stdout)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", c.Action, err)
	}
	return nil
}

// installService registers the running exe as the service, with c.Args,
// then gives its data folder a first hall if it has none; when a step
// fails the service is removed again.
func installService(c serviceCmd, stdout io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return err
	}
	m, err := connect()
	if err != nil {
		return err
	}
	defer m.Disconnect()
	if s, err := m.OpenService(serviceName); err == nil {
		s.Close()
		return fmt.Errorf("dịch vụ %s đã được cài; gỡ trước bằng: %s service uninstall (already installed; uninstall it first)", serviceName, exeName())
	}
	dir := hallqDir(programData())
	if err := protectDir(dir); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	s, err := m.CreateService(serviceName, exe, mgr.Config{
		DisplayName:  serviceDisplayName,
		Description:  serviceDescription,
		StartType:    mgr.StartAutomatic,
		ErrorControl: mgr.ErrorNormal,
	}, c.Args...)
	if err != nil {
		return fmt.Errorf("tạo dịch vụ (create service): %w", err)
	}
	defer s.Close()
	if err := setRecovery(s, stdout); err != nil {
		s.Delete()
		return fmt.Errorf("đặt khởi động lại khi lỗi (set recovery actions): %w", err)
	}
	// The hall comes last: a failed install leaves no service and no
	// one-time password that nobody could use.
	created, err := installHall(c.Options, stdout)
	if err != nil {
		s.Delete()
		return err
	}
	if !created {
		fmt.Fprintf(stdout, "Dùng sảnh có sẵn trong %s (using the hall already there)\n", c.Options.Data)
	}
	// A source of its own in the Application log; "already exists" is
	// left from an earlier install and fine.
	eventlog.InstallAsEventCreate(serviceName, eventlog.Error|eventlog.Warning|eventlog.Info)
	fmt.Fprintf(stdout, `Đã cài dịch vụ %s, tự chạy khi máy khởi động (service installed, automatic start):
  %s %s
Chạy ngay (start it now): %s service start
Mở trang giám sát (open the supervisor pages): %s
Nhật ký (log): %s
`, serviceName, exe, windows.ComposeCommandLine(c.Args), exeName(), pagesURL(c.Options), serviceLogPath(programData()))
	return nil
}

// setRecovery makes the service manager restart the service when it
// fails, including when it stops by itself with an error (a port in use,
// a broken config), not only when it crashes. A service manager without
// that last setting (Wine's: ERROR_INVALID_LEVEL) gets a warning on
// stdout, not a failed install: the service still runs.
func setRecovery(s *mgr.Service, stdout io.Writer) error {
	if err := s.SetRecoveryActions(recoveryActions, recoveryReset); err != nil {
		return err
	}
	err := s.SetRecoveryActionsOnNonCrashFailures(true)
	if errors.Is(err, windows.ERROR_INVALID_LEVEL) {
		fmt.Fprintf(stdout, "Cảnh báo: trình quản lý dịch vụ này chỉ khởi động lại dịch vụ khi nó sập, không khi nó tự dừng với lỗi: %v "+
			"(warning: this service manager restarts the service only after a crash, not after it stops with an error)\n", err)
		return nil
	}
	return err
}

// uninstallService stops the service if it runs and removes it; the data
// and the log stay.
func uninstallService(stdout io.Writer) error {
	m, s, err := openService()
	if err != nil {
		return err
	}
	defer m.Disconnect()
	defer s.Close()
	if err := stop(s); err != nil {
		return err
	}
	if err := s.Delete(); err != nil {
		return fmt.Errorf("gỡ dịch vụ (delete service): %w", err)
	}
	eventlog.Remove(serviceName)
	fmt.Fprintf(stdout, "Đã gỡ dịch vụ %s; dữ liệu và nhật ký vẫn ở %s (service removed; the data and log stay)\n",
		serviceName, hallqDir(programData()))
	return nil
}

// startService starts the service and waits until the server listens.
func startService(stdout io.Writer) error {
	m, s, err := openService()
	if err != nil {
		return err
	}
	defer m.Disconnect()
	defer s.Close()
	if err := s.Start(); err != nil {
		return fmt.Errorf("chạy dịch vụ (start service): %w", err)
	}
	st, err := waitState(s, svc.Running)
	if err != nil {
		return err
	}
	if st.State != svc.Running {
		return fmt.Errorf("dịch vụ đã dừng, mã lỗi %d; xem nhật ký %s (the service stopped, exit code %d; see the log)",
			st.ServiceSpecificExitCode, serviceLogPath(programData()), st.ServiceSpecificExitCode)
	}
	fmt.Fprintf(stdout, "Dịch vụ %s đang chạy (the service is running)\n", serviceName)
	return nil
}

// stopService stops the service and waits until the server has closed.
func stopService(stdout io.Writer) error {
	m, s, err := openService()
	if err != nil {
		return err
	}
	defer m.Disconnect()
	defer s.Close()
	if err := stop(s); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Dịch vụ %s đã dừng (the service is stopped)\n", serviceName)
	return nil
}

// stop asks s to stop, unless it is stopped, and waits until it is.
func stop(s *mgr.Service) error {
	st, err := s.Query()
	if err != nil {
		return err
	}
	if st.State == svc.Stopped {
		return nil
	}
	if _, err := s.Control(svc.Stop); err != nil && !errors.Is(err, windows.ERROR_SERVICE_NOT_ACTIVE) {
		return fmt.Errorf("dừng dịch vụ (stop service): %w", err)
	}
	st, err = waitState(s, svc.Stopped)
	if err != nil {
		return err
	}
	if st.State != svc.Stopped {
		return fmt.Errorf("dịch vụ chưa dừng sau %v (the service did not stop in time)", stateTimeout)
	}
	return nil
}

// waitState polls s until it is in state want or stopped, or stateTimeout
// has passed, and returns its last status.
func waitState(s *mgr.Service, want svc.State) (svc.Status, error) {
	deadline := time.Now().Add(stateTimeout)
	for {
		st, err := s.Query()
		if err != nil {
			return st, err
		}
		if st.State == want || st.State == svc.Stopped || time.Now().After(deadline) {
			return st, nil
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// connect opens the service manager; without administrator rights it says
// how to get them.
func connect() (*mgr.Mgr, error) {
	m, err := mgr.Connect()
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return nil, errors.New("cần quyền quản trị: mở cửa sổ lệnh bằng \"Run as administrator\" (administrator rights needed)")
	}
	if err != nil {
		return nil, fmt.Errorf("mở trình quản lý dịch vụ (connect to the service manager): %w", err)
	}
	return m, nil
}

// openService opens the installed service; the caller disconnects m and
// closes s.
func openService() (*mgr.Mgr, *mgr.Service, error) {
	m, err := connect()
	if err != nil {
		return nil, nil, err
	}
	s, err := m.OpenService(serviceName)
	if errors.Is(err, windows.ERROR_SERVICE_DOES_NOT_EXIST) {
		m.Disconnect()
		return nil, nil, fmt.Errorf("dịch vụ %s chưa được cài; cài bằng: %s service install (not installed)", serviceName, exeName())
	}
	if err != nil {
		m.Disconnect()
		return nil, nil, err
	}
	return m, s, nil
}

//go:build !windows

package main

import (
	"errors"
	"io"

	"hallq/server/app"
)

// serviceCommand runs "server service ...", which is for Windows only: on
// Linux the .deb's systemd unit runs the server. Its error says so (main
// prints it and exits with status 1).
func serviceCommand([]string, io.Writer, io.Writer) error {
	return errors.New(`lệnh "server service" chỉ dùng trên Windows. Trên Linux, gói .deb đã cài đơn vị systemd chạy máy chủ:
  systemctl status hallq-server    (xem trạng thái / status)
  sudo systemctl restart hallq-server
(The "server service" command is for Windows only. On Linux the .deb's systemd unit
runs the server: systemctl status hallq-server.)`)
}

// isWindowsService is false: only Windows has a service manager that
// starts the server this way.
func isWindowsService() bool { return false }

// runService is never called off Windows (isWindowsService is false).
func runService(app.Options) int { panic("runService: not on Windows") }

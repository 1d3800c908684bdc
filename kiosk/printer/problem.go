package printer

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"syscall"
)

// Problem says in Vietnamese, for staff, what a Print error means: "máy in
// hết giấy", "máy in không kết nối được", … followed by the error itself
// when it helps the technician.
func Problem(err error) string {
	var op *net.OpError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrNoPaper):
		return "máy in hết giấy"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "máy in từ chối kết nối (tắt hoặc sai địa chỉ): " + err.Error()
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "máy in không phản hồi (mất kết nối hoặc đang tắt): " + err.Error()
	case errors.Is(err, fs.ErrNotExist):
		return "không thấy máy in (chưa cắm hoặc sai cổng): " + err.Error()
	case errors.Is(err, fs.ErrPermission):
		return "không có quyền ghi vào máy in: " + err.Error()
	case errors.As(err, &op):
		return "máy in không kết nối được: " + err.Error()
	}
	return "máy in lỗi: " + err.Error()
}

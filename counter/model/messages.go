package model

import (
	"context"
	"errors"
	"strconv"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// connectionText is the offline banner; a refused token gets its own words,
// since reconnecting will not help until the configuration is fixed.
func connectionText(attempt int, err error) string {
	if queue.IsUnauthorized(err) {
		return "Thiết bị chưa được cấp quyền (sai mã thiết bị hoặc token). Vui lòng báo quản trị hệ thống."
	}
	s := "Mất kết nối máy chủ. Đang kết nối lại"
	if attempt > 0 {
		s += " (lần " + strconv.Itoa(attempt) + ")"
	}
	return s + "… Các nút thao tác tạm khóa."
}

// statusText names a counter status.
func statusText(s queue.CounterStatus) string {
	switch s {
	case queue.CounterOpen:
		return "Đang mở"
	case queue.CounterPaused:
		return "Tạm nghỉ"
	}
	return "Đóng"
}

// errorText turns a failed command into a line for the clerk. The server's
// messages are already Vietnamese and fit to show; a code without a message
// gets ours.
func errorText(typ string, err error, online bool) string {
	var qe *queue.Error
	if errors.As(err, &qe) {
		if qe.Message != "" {
			return qe.Message
		}
		return codeText(typ, qe.Code)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "Máy chủ không phản hồi. Vui lòng thử lại."
	}
	if errors.Is(err, context.Canceled) {
		return "Thao tác đã bị hủy."
	}
	if !online {
		return "Mất kết nối máy chủ, thao tác chưa được thực hiện. Vui lòng thử lại khi có kết nối."
	}
	return "Không gửi được thao tác tới máy chủ. Vui lòng thử lại."
}

// codeText is the default wording of an error code.
func codeText(typ, code string) string {
	switch code {
	case queue.EUNAUTHORIZED:
		if typ == protocol.CmdClerkLogin {
			return "Sai tên đăng nhập hoặc mã PIN."
		}
		return "Thiết bị chưa được xác thực với máy chủ."
	case queue.ERATELIMITED:
		return "Nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút."
	case queue.ECONFLICT:
		return "Thao tác không phù hợp với trạng thái hiện tại của quầy hoặc của số."
	case queue.EQUEUEEMPTY:
		return "Không còn số nào đang chờ."
	case queue.ENOTFOUND:
		return "Không tìm thấy số này."
	case queue.ECLOSED:
		return "Ngoài giờ làm việc."
	case queue.EFORBIDDEN:
		return "Thiết bị này không được phép thực hiện thao tác này."
	case queue.EBADREQUEST:
		return "Yêu cầu không hợp lệ."
	}
	return "Lỗi hệ thống, vui lòng thử lại."
}

// successText is the line shown after a command succeeded; t is the ticket
// of the reply, when it has one; extra is the clerk's name for a sign-in and
// the service's name for a transfer.
func successText(typ string, t *queue.Ticket, extra string) string {
	num := ""
	if t != nil {
		num = t.Number
	}
	switch typ {
	case protocol.CmdClerkLogin:
		return "Xin chào " + extra + "."
	case protocol.CmdClerkLogout:
		return "Đã đăng xuất."
	case protocol.CmdCallNext, protocol.CmdCallTicket:
		return "Đã gọi số " + num + "."
	case protocol.CmdRecall:
		return "Đã gọi lại số " + num + "."
	case protocol.CmdFinish:
		return "Đã hoàn thành số " + num + "."
	case protocol.CmdSetFileCodes:
		return "Đã lưu mã hồ sơ của số " + num + "."
	case protocol.CmdNoShow:
		return "Số " + num + " vắng mặt."
	case protocol.CmdHold:
		return "Đã tạm giữ số " + num + " chờ bổ sung hồ sơ."
	case protocol.CmdTransfer:
		return "Đã chuyển số " + num + " sang lĩnh vực " + extra + "."
	case protocol.CmdPause:
		return "Quầy đang tạm nghỉ."
	case protocol.CmdResume:
		return "Quầy đã mở lại."
	}
	return ""
}

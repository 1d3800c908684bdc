package queue

// UnauthorizedText is what a device shows, in place of an empty hall, when
// the server refused its device id or token; UnauthorizedHint, where there
// is room, says what the installer should check.
const (
	UnauthorizedText = "Thiết bị chưa được cấp quyền: mã thiết bị hoặc token không đúng."
	UnauthorizedHint = "Kiểm tra -device và -token (hoặc HALL_DEVICE, HALL_TOKEN) với hall.toml của máy chủ. " +
		"(Device not authorized: wrong device id or token.)"
)

// IsUnauthorized reports whether err is the server refusing the device
// (code unauthorized), as hallclient reports it in Status.Err.
func IsUnauthorized(err error) bool { return err != nil && ErrorCode(err) == EUNAUTHORIZED }

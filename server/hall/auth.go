package hall

import (
	"crypto/subtle"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Device is an authenticated connection's identity.
type Device = protocol.Device

// Authenticate checks a device's token in constant time.
func (h *Hall) Authenticate(id, token string) (Device, error) {
	d, ok := h.config().Device(id)
	if !ok || token == "" || subtle.ConstantTimeCompare([]byte(d.Token), []byte(token)) != 1 {
		return Device{}, queue.Errorf(queue.EUNAUTHORIZED, "Thiết bị hoặc mã truy cập không đúng")
	}
	return Device{ID: d.ID, Role: d.Role, Counter: d.Counter}, nil
}

// Supervisor returns the identity of a supervisor's browser connection.
func Supervisor(username string) Device { return protocol.SupervisorDevice(username) }

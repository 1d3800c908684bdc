package protocol

import (
	"encoding/json"

	"hallq/shared/queue"
)

// Device is an authenticated connection's identity: a hall device by its
// token, or a supervisor's browser.
type Device struct {
	ID      string
	Role    string
	Counter int
	// Ticket is the ticket a citizen's connection follows (RoleCitizen).
	Ticket string
}

// SupervisorDevice is the identity of a supervisor's browser connection.
func SupervisorDevice(username string) Device {
	return Device{ID: "supervisor:" + username, Role: RoleSupervisor}
}

// Subscriber receives a connection's frames. Enqueue must not block; it
// reports false when the connection is gone or too slow. The frames of one
// call (a command's events) are queued together, so that the connection's
// writer takes them at once: one write for all, not one per event.
type Subscriber interface {
	Enqueue(frames ...[]byte) bool
}

// Replayer is a Subscriber that takes a replay at the pace its client
// reads: EnqueueReplay queues frames and waits until the connection has
// written them (and may first wait its turn behind other connections'
// replays); it reports false when the connection is dropped or ends. It is
// called from one goroutine at a time, never under a lock that commands
// need.
type Replayer interface {
	Subscriber
	EnqueueReplay(frames [][]byte) bool
}

// ErrorFrame encodes the error reply to command id (empty when the
// command's id could not be read) and returns it with its code.
func ErrorFrame(id string, err error) ([]byte, string) {
	code := queue.ErrorCode(err)
	b, _ := json.Marshal(Reply{
		Type: TypeReply, ID: id, OK: false,
		Error: &Error{Code: code, Message: queue.ErrorMessage(err)},
	})
	return b, code
}

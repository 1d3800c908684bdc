package queue

import (
	"errors"
	"fmt"
)

// Error codes, the same words as the protocol's error codes (SPEC 4.2).
const (
	EBADREQUEST   = "bad_request"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EQUEUEEMPTY   = "queue_empty"
	ECLOSED       = "closed"
	ERATELIMITED  = "rate_limited"
	EINTERNAL     = "internal"
)

// Error is a domain error with a code and a message fit to show a person, in
// Vietnamese.
type Error struct {
	Code    string
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err: its *Error's code, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the person-facing message of err; an error without a
// code gets a generic one, so internals never reach a screen.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Lỗi hệ thống, vui lòng thử lại"
}

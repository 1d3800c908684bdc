package model

import (
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// A clerk signed in with a one-time PIN (an admin gave it: clerk_login's
// reply says must_change_pin) chooses a new PIN on ScreenChangePIN before
// serving; the server refuses serving commands until then.

// ChangePIN sends the clerk's new PIN, typed twice. A PIN that is not 4 to
// 8 digits, or typed differently the second time, is refused with a
// message and nothing is sent. It reports whether it sent.
func (d *Desk) ChangePIN(pin, again string) bool {
	d.mu.Lock()
	if v := d.viewLocked(); !v.CanChangePIN {
		d.mu.Unlock()
		return false
	}
	var problem string
	switch {
	case !queue.ValidPIN(pin):
		problem = "Mã PIN mới phải gồm 4 đến 8 chữ số."
	case pin != again:
		problem = "Hai lần nhập mã PIN mới không khớp nhau. Vui lòng nhập lại."
	}
	if problem != "" {
		d.msg = Message{Text: problem, Error: true}
		d.mu.Unlock()
		d.cfg.OnChange()
		return false
	}
	return d.startLocked(protocol.CmdChangePIN, protocol.ChangePIN{NewPIN: pin}, "")
}

// LogoutFromChangePIN signs the clerk out without changing the PIN (the
// sign-out button of ScreenChangePIN). It reports whether it sent.
func (d *Desk) LogoutFromChangePIN() bool {
	d.mu.Lock()
	if v := d.viewLocked(); !v.CanChangePIN {
		d.mu.Unlock()
		return false
	}
	return d.startLocked(protocol.CmdClerkLogout, nil, "")
}

package hall

import (
	"encoding/json"

	"hallq/server/config"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// PIN changes at the counter. A clerk given a one-time PIN by an admin
// (config.Clerk.MustChangePIN) signs in as usual, is told so in the
// clerk_login reply, and may send nothing but change_pin and clerk_logout
// until the PIN is changed.

// openCommands are the counter commands a clerk with a one-time PIN may
// still send.
var openCommands = map[string]bool{
	protocol.CmdClerkLogin: true, protocol.CmdClerkLogout: true, protocol.CmdChangePIN: true,
}

// mustChangeLocked returns the error for a counter command refused because
// the clerk signed in at dev's counter still has a one-time PIN.
func (h *Hall) mustChangeLocked(dev Device, typ string) error {
	if dev.Role != protocol.RoleCounter || openCommands[typ] {
		return nil
	}
	user := string(h.eng.CounterView(dev.Counter).Clerk)
	if user == "" {
		return nil
	}
	if cl, ok := h.settings.Clerk(user); ok && cl.MustChangePIN {
		return queue.Errorf(queue.EFORBIDDEN, "Bạn đang dùng mã PIN tạm thời: vui lòng đổi mã PIN trước khi phục vụ")
	}
	return nil
}

// changePIN runs change_pin: the clerk signed in at dev's counter gets the
// new PIN, and MustChangePIN is cleared, through UpdateConfig (audited as
// "clerk.change_pin" by the clerk). bcrypt runs outside the hall's lock. A
// retry after success (the new PIN already in force and no one-time PIN
// left) is answered ok again without a second change.
func (h *Hall) changePIN(dev Device, id string, data json.RawMessage) ([]byte, string) {
	var in protocol.ChangePIN
	if err := decode(data, &in); err != nil {
		return ErrorFrame(id, err)
	}
	if err := queue.CheckPIN(in.NewPIN); err != nil {
		return ErrorFrame(id, err)
	}
	h.mu.Lock()
	user := string(h.eng.CounterView(dev.Counter).Clerk)
	h.mu.Unlock()
	if user == "" {
		return ErrorFrame(id, queue.Errorf(queue.ECONFLICT, "Chưa có công chức đăng nhập tại quầy này"))
	}
	set := h.snapshot()
	cl, ok := set.Clerk(user)
	if !ok {
		return ErrorFrame(id, queue.Errorf(queue.ENOTFOUND, "Không tìm thấy công chức %s", user))
	}
	if config.CheckHash(cl.PINHash, in.NewPIN) {
		if !cl.MustChangePIN {
			return OKFrame(id, protocol.Empty{}), ""
		}
		return ErrorFrame(id, queue.Errorf(queue.EBADREQUEST, "Mã PIN mới phải khác mã PIN tạm thời"))
	}
	hash, err := config.Hash(in.NewPIN)
	if err != nil {
		return ErrorFrame(id, queue.Errorf(queue.EINTERNAL, "Không tạo được mã PIN, vui lòng thử lại"))
	}
	err = h.UpdateConfig(user, "clerk.change_pin", "clerk "+user, func(c *config.Config) error {
		for i := range c.Clerks {
			if c.Clerks[i].Username == user {
				c.Clerks[i].PINHash, c.Clerks[i].MustChangePIN = hash, false
				return nil
			}
		}
		return queue.Errorf(queue.ENOTFOUND, "Không tìm thấy công chức %s", user)
	})
	if err != nil {
		if _, ok := IsConfigError(err); ok {
			err = queue.Errorf(queue.ECONFLICT, "%s", err.Error())
		}
		return ErrorFrame(id, err)
	}
	return OKFrame(id, protocol.Empty{}), ""
}

// UnlockClerk clears the wrong-PIN slow-down of username at every counter
// device (an admin's unlock after a lock-out) and returns how many devices
// had one.
func (h *Hall) UnlockClerk(username string) int { return h.pins.forget(username) }

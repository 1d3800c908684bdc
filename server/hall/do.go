package hall

import (
	"encoding/json"
	"errors"
	"time"

	"hallq/server/config"
	"hallq/server/store"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// handler runs one command under the hall's lock and returns its reply
// data. It changes nothing when it returns an error.
type handler func(h *Hall, now time.Time, dev Device, data json.RawMessage) (any, error)

var handlers = map[string]handler{
	protocol.CmdIssueTicket:  (*Hall).issue,
	protocol.CmdCheckIn:      (*Hall).checkIn,
	protocol.CmdRate:         (*Hall).rate,
	protocol.CmdRateDetails:  (*Hall).rateDetails,
	protocol.CmdFeedback:     (*Hall).feedback,
	protocol.CmdClerkLogin:   (*Hall).clerkLogin,
	protocol.CmdClerkLogout:  (*Hall).clerkLogout,
	protocol.CmdCallNext:     (*Hall).callNext,
	protocol.CmdCallTicket:   ticketCommand((*queue.Engine).CallTicket),
	protocol.CmdRecall:       ticketCommand((*queue.Engine).Recall),
	protocol.CmdHold:         ticketCommand((*queue.Engine).Hold),
	protocol.CmdNoShow:       ticketCommand((*queue.Engine).NoShow),
	protocol.CmdFinish:       (*Hall).finish,
	protocol.CmdSetFileCodes: (*Hall).setFileCodes,
	protocol.CmdTransfer:     (*Hall).transfer,
	protocol.CmdPause:        (*Hall).pause,
	protocol.CmdResume:       (*Hall).resume,

	protocol.CmdCitizenRate:     (*Hall).citizenRate,
	protocol.CmdCitizenFeedback: (*Hall).citizenFeedback,
}

// unlocked are the commands that change no queue state: they run without
// the hall's lock and are not stored.
var unlocked = map[string]bool{protocol.CmdPing: true, protocol.CmdDeviceStatus: true, protocol.CmdChangePIN: true}

// Do runs one command of an authenticated device and returns the reply
// frame to send it. The reply is returned only after the command's effect
// and its events are committed and handed to the subscribers.
func (h *Hall) Do(dev Device, typ, id string, data json.RawMessage) []byte {
	start := time.Now()
	frame, code := h.do(dev, typ, id, data)
	d := time.Since(start)
	result := "ok"
	if code != "" {
		result = code
	}
	h.metrics.Command(metricType(typ), result, d)
	h.log.Info("command", "device", dev.ID, "type", typ, "id", id, "result", result, "duration", d)
	return frame
}

// metricType is typ as a metrics label: a type the protocol does not know
// is "unknown", so that a client cannot make a series per made-up type.
func metricType(typ string) string {
	if _, ok := handlers[typ]; ok || unlocked[typ] || typ == protocol.CmdHello {
		return typ
	}
	return "unknown"
}

func (h *Hall) do(dev Device, typ, id string, data json.RawMessage) ([]byte, string) {
	if typ == protocol.CmdHello {
		return ErrorFrame(id, queue.Errorf(queue.ECONFLICT, "Thiết bị đã chào (hello) trên kết nối này"))
	}
	run, known := handlers[typ]
	if !known && !unlocked[typ] {
		return ErrorFrame(id, queue.Errorf(queue.EBADREQUEST, "Lệnh %q không tồn tại", typ))
	}
	if !protocol.Allowed(typ, dev.Role) {
		return ErrorFrame(id, queue.Errorf(queue.EFORBIDDEN, "Thiết bị %s (%s) không được gửi lệnh %s", dev.ID, dev.Role, typ))
	}
	if typ == protocol.CmdPing {
		return OKFrame(id, protocol.Empty{}), ""
	}
	if typ == protocol.CmdDeviceStatus {
		return h.deviceStatus(dev, id, data)
	}
	if typ == protocol.CmdChangePIN {
		return h.changePIN(dev, id, data)
	}
	if typ == protocol.CmdClerkLogin {
		if frame, code, done := h.checkPIN(dev, id, data); done {
			return frame, code
		}
	}
	h.citizens.commandStarted()
	defer h.citizens.commandDone()
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	h.turnDayIfDueLocked()
	day := h.eng.Day()
	if stored, ok, err := h.st.StoredReply(day, dev.ID, id); err != nil {
		return ErrorFrame(id, err)
	} else if ok {
		return stored, ""
	}
	if err := h.mustChangeLocked(dev, typ); err != nil {
		return ErrorFrame(id, err)
	}
	out, err := run(h, now, dev, data)
	if err != nil {
		h.eng.DiscardChanges()
		return ErrorFrame(id, err)
	}
	frame := OKFrame(id, out)
	if err := h.commitLocked(&store.Reply{Day: day, Device: dev.ID, ID: id, Frame: frame}); err != nil {
		return ErrorFrame(id, queue.Errorf(queue.EINTERNAL, "Lỗi lưu dữ liệu, vui lòng thử lại"))
	}
	return frame, ""
}

// checkPIN verifies a clerk_login's PIN outside the hall's lock (bcrypt is
// slow on purpose). done is true when the reply is already decided.
func (h *Hall) checkPIN(dev Device, id string, data json.RawMessage) ([]byte, string, bool) {
	day, _ := h.Day()
	if stored, ok, err := h.st.StoredReply(day, dev.ID, id); err == nil && ok {
		return stored, "", true
	}
	var in protocol.ClerkLogin
	if err := decode(data, &in); err != nil {
		f, c := ErrorFrame(id, err)
		return f, c, true
	}
	if in.Username == "" || in.PIN == "" {
		f, c := ErrorFrame(id, queue.Errorf(queue.EBADREQUEST, "Vui lòng nhập tên đăng nhập và mã PIN"))
		return f, c, true
	}
	user := in.Username
	if len([]rune(user)) > 64 {
		user = string([]rune(user)[:64]) // counted and logged cut
	}
	if wait := h.pins.wait(user, dev.ID); wait > 0 {
		f, c := ErrorFrame(id, queue.Errorf(queue.ERATELIMITED,
			"Nhập sai mã PIN nhiều lần. Vui lòng thử lại sau %s", waitText(wait)))
		return f, c, true
	}
	set := h.snapshot()
	cl, ok := set.Clerk(in.Username)
	if !ok {
		// Spend the same bcrypt time as for a known clerk, so that
		// timing tells nothing about which usernames exist; unknown
		// names count at the device.
		config.CheckHash(h.decoy(), in.PIN)
		msg := "Sai tên đăng nhập hoặc mã PIN"
		if wait := h.pins.fail(user, dev.ID); wait > 0 {
			msg += ". Nhập sai nhiều lần: vui lòng thử lại sau " + waitText(wait)
		}
		f, c := ErrorFrame(id, queue.Errorf(queue.EUNAUTHORIZED, "%s", msg))
		return f, c, true
	}
	if !config.CheckHash(cl.PINHash, in.PIN) {
		msg := "Sai tên đăng nhập hoặc mã PIN"
		if wait := h.pins.fail(user, dev.ID); wait > 0 {
			msg += ". Nhập sai nhiều lần: vui lòng thử lại sau " + waitText(wait)
		}
		f, c := ErrorFrame(id, queue.Errorf(queue.EUNAUTHORIZED, "%s", msg))
		return f, c, true
	}
	h.pins.succeed(user, dev.ID)
	if cl.Disabled {
		f, c := ErrorFrame(id, queue.Errorf(queue.EFORBIDDEN, "Tài khoản %s đã bị vô hiệu hóa; vui lòng liên hệ quản trị", cl.Username))
		return f, c, true
	}
	return nil, "", false
}

// newDecoy returns the hash checked for usernames that do not exist: a
// random secret's, at the cost of the clerks' hashes (config.DecoyHash).
func newDecoy(clerks []queue.Clerk) string {
	hashes := make([]string, len(clerks))
	for i, c := range clerks {
		hashes[i] = c.PINHash
	}
	d, _ := config.DecoyHash(hashes...) // fails only for an empty secret
	return d
}

// turnDayIfDueLocked starts a new day when the clock has passed midnight,
// whether or not the midnight job has run yet.
func (h *Hall) turnDayIfDueLocked() {
	now := h.now()
	if !h.eng.NeedsNewDay(now) {
		return
	}
	h.eng.ExpireWaiting(now)
	if err := h.commitLocked(nil); err != nil {
		h.log.Error("expiring the old day failed", "err", err)
	}
	h.eng.StartDay(now)
	if err := h.commitLocked(nil); err != nil {
		h.log.Error("day turn failed", "err", err)
	}
}

func decode(data json.RawMessage, v any) error {
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return queue.Errorf(queue.EBADREQUEST, "Dữ liệu lệnh không hợp lệ: %s", fieldError(err))
	}
	return nil
}

func fieldError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "trường " + te.Field + " phải là " + te.Type.String()
	}
	return "data phải là một đối tượng JSON"
}

// OKFrame encodes a successful reply.
func OKFrame(id string, data any) []byte {
	b, err := json.Marshal(protocol.Reply{Type: protocol.TypeReply, ID: id, OK: true, Data: data})
	if err != nil {
		b, _ = ErrorFrame(id, err)
	}
	return b
}

// ErrorFrame encodes a failed reply for err and returns its code. This is
// the one place where domain errors become protocol errors.
func ErrorFrame(id string, err error) ([]byte, string) { return protocol.ErrorFrame(id, err) }

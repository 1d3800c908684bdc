package model

import (
	"context"
	"encoding/json"
	"strings"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Do performs action a of the serve screen: it sends the command, or, for
// ActTransfer, opens the picker. It reports false, doing nothing, when a
// does not apply now (disabled button, command in flight, offline).
// ActCallTicket needs a ticket: use CallTicket.
func (d *Desk) Do(a Action) bool {
	d.mu.Lock()
	v := d.viewLocked()
	if !v.Can(a) || a == ActCallTicket {
		d.mu.Unlock()
		return false
	}
	t := d.currentLocked()
	switch a {
	case ActCallNext:
		return d.startLocked(protocol.CmdCallNext, nil, "")
	case ActRecall:
		return d.startLocked(protocol.CmdRecall, protocol.TicketRef{TicketID: t.ID}, "")
	case ActFinish:
		return d.finishLocked(t)
	case ActNoShow:
		return d.startLocked(protocol.CmdNoShow, protocol.TicketRef{TicketID: t.ID}, "")
	case ActHold:
		return d.startLocked(protocol.CmdHold, protocol.TicketRef{TicketID: t.ID}, "")
	case ActPause:
		if v.Paused {
			return d.startLocked(protocol.CmdResume, nil, "")
		}
		return d.startLocked(protocol.CmdPause, nil, "")
	case ActLogout:
		return d.startLocked(protocol.CmdClerkLogout, nil, "")
	case ActTransfer:
		d.picker = &Picker{TicketID: t.ID, Number: t.Number, Options: d.transferOptions(t.Service)}
		d.mu.Unlock()
		d.cfg.OnChange()
		return true
	}
	d.mu.Unlock()
	return false
}

// CallTicket calls one waiting ticket of the counter's services, or one held
// at the counter (call_ticket). It reports false when calling does not apply
// now.
func (d *Desk) CallTicket(id string) bool {
	d.mu.Lock()
	if v := d.viewLocked(); !v.Can(ActCallTicket) || id == "" {
		d.mu.Unlock()
		return false
	}
	return d.startLocked(protocol.CmdCallTicket, protocol.TicketRef{TicketID: id}, "")
}

// Transfer sends the ticket of the open picker to service and closes the
// picker. It reports false when no picker is open, the service is not one
// of its options, or sending does not apply now.
func (d *Desk) Transfer(service string) bool {
	d.mu.Lock()
	p := d.picker
	if p == nil || !d.online || d.busy {
		d.mu.Unlock()
		return false
	}
	for _, o := range p.Options {
		if o.Service == service {
			d.picker = nil
			return d.startLocked(protocol.CmdTransfer, protocol.Transfer{TicketID: p.TicketID, Service: service}, o.Name)
		}
	}
	d.mu.Unlock()
	return false
}

// ClosePicker closes the transfer picker without transferring.
func (d *Desk) ClosePicker() {
	d.mu.Lock()
	open := d.picker != nil
	d.picker = nil
	d.mu.Unlock()
	if open {
		d.cfg.OnChange()
	}
}

// Login signs a clerk in at this device's counter. Empty fields are refused
// with a message and nothing is sent. It reports whether it sent.
func (d *Desk) Login(username, pin string) bool {
	username = strings.TrimSpace(username)
	d.mu.Lock()
	if v := d.viewLocked(); !v.CanLogin {
		d.mu.Unlock()
		return false
	}
	if username == "" || pin == "" {
		d.msg = Message{Text: "Vui lòng nhập tên đăng nhập và mã PIN.", Error: true}
		d.mu.Unlock()
		d.cfg.OnChange()
		return false
	}
	return d.startLocked(protocol.CmdClerkLogin, protocol.ClerkLogin{Username: username, PIN: pin}, "")
}

// HandleKey performs what a key does on the serve screen: F1 or Enter call
// the next ticket, F2 to F8 the other buttons; with the transfer picker
// open, a digit picks a service and Escape closes it. key is a fyne.KeyName.
// It reports whether the key did something.
func (d *Desk) HandleKey(key string) bool {
	d.mu.Lock()
	screen, _ := d.screenLocked()
	p := d.picker
	d.mu.Unlock()
	if screen != ScreenServe {
		return false
	}
	if p != nil {
		if key == KeyEscape {
			d.ClosePicker()
			return true
		}
		for _, o := range p.Options {
			if o.Key != "" && o.Key == key {
				return d.Transfer(o.Service)
			}
		}
		return false
	}
	a, ok := actionForKey(key)
	if !ok {
		return false
	}
	return d.Do(a)
}

// startLocked marks a command in flight and sends it on its own goroutine.
// It is called with d.mu held and releases it.
func (d *Desk) startLocked(typ string, data any, extra string) bool {
	d.busy = true
	d.msg = Message{}
	d.wg.Add(1)
	d.mu.Unlock()
	d.cfg.OnChange()
	go d.run(typ, data, extra)
	return true
}

// run sends one command and records its outcome.
func (d *Desk) run(typ string, data any, extra string) {
	defer d.wg.Done()
	ctx, cancel := context.WithTimeout(d.ctx, d.cfg.Timeout)
	start := d.cfg.Now()
	raw, err := d.cfg.Sender.Send(ctx, typ, data)
	cancel()
	if err != nil {
		d.cfg.Logger.Warn("counter: command failed", "type", typ, "err", err, "after", d.cfg.Now().Sub(start))
	} else {
		d.cfg.Logger.Info("counter: command done", "type", typ, "after", d.cfg.Now().Sub(start))
	}
	d.mu.Lock()
	d.busy = false
	if err != nil {
		d.msg = Message{Text: errorText(typ, err, d.online), Error: true}
	} else {
		d.msg = Message{Text: d.replyText(typ, raw, extra)}
		if typ == protocol.CmdSetFileCodes || typ == protocol.CmdFinish {
			d.sentFileCodeLocked(extra)
		}
		d.checkPickerLocked()
	}
	d.mu.Unlock()
	d.cfg.OnChange()
}

// replyText reads a successful reply and words it, and notes a one-time
// PIN. It is called with d.mu held.
func (d *Desk) replyText(typ string, raw json.RawMessage, extra string) string {
	switch typ {
	case protocol.CmdClerkLogin:
		var r protocol.ClerkReply
		_ = json.Unmarshal(raw, &r)
		name := r.Clerk.Name
		if name == "" {
			name = r.Clerk.Username
		}
		d.mustChange = ""
		if r.Clerk.MustChangePIN {
			d.mustChange = r.Clerk.Username
			return "Xin chào " + name + ". Bạn đang dùng mã PIN tạm thời: vui lòng đặt mã PIN mới."
		}
		return successText(typ, nil, name)
	case protocol.CmdChangePIN:
		d.mustChange = ""
		return "Đã đổi mã PIN. Từ lần đăng nhập sau, hãy dùng mã PIN mới."
	case protocol.CmdCallNext, protocol.CmdCallTicket, protocol.CmdRecall, protocol.CmdFinish,
		protocol.CmdNoShow, protocol.CmdHold, protocol.CmdTransfer, protocol.CmdSetFileCodes:
		var r protocol.TicketReply
		_ = json.Unmarshal(raw, &r)
		return successText(typ, &r.Ticket, extra)
	}
	return successText(typ, (*queue.Ticket)(nil), extra)
}

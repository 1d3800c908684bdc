package model

import (
	"errors"
	"slices"
	"strings"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// SetFileCodeInput records what the clerk has typed in the file-code
// (mã hồ sơ) field; the view checks it as typed (View.FileCodeHint).
func (d *Desk) SetFileCodeInput(s string) {
	d.mu.Lock()
	changed := d.codeInput != s
	d.codeInput = s
	d.mu.Unlock()
	if changed {
		d.cfg.OnChange()
	}
}

// AddFileCode attaches the typed code to the ticket being served
// (set_file_codes with the codes it has plus this one). A code that is not
// valid is refused with a message and nothing is sent. It reports whether
// it sent.
func (d *Desk) AddFileCode() bool {
	d.mu.Lock()
	v := d.viewLocked()
	t := d.currentLocked()
	code := strings.TrimSpace(d.codeInput)
	if !v.CanEditFileCodes || t == nil || code == "" {
		d.mu.Unlock()
		return false
	}
	codes := append(slices.Clone(t.FileCodes), code)
	if err := queue.CheckFileCodes(codes); err != nil {
		d.msg = Message{Text: fileCodeText(err), Error: true}
		d.mu.Unlock()
		d.cfg.OnChange()
		return false
	}
	return d.startLocked(protocol.CmdSetFileCodes, protocol.FileCodes{TicketID: t.ID, FileCodes: codes}, code)
}

// RemoveFileCode takes code off the ticket being served. It reports
// whether it sent.
func (d *Desk) RemoveFileCode(code string) bool {
	d.mu.Lock()
	v := d.viewLocked()
	t := d.currentLocked()
	if !v.CanEditFileCodes || t == nil || !slices.Contains(t.FileCodes, code) {
		d.mu.Unlock()
		return false
	}
	codes := slices.DeleteFunc(slices.Clone(t.FileCodes), func(c string) bool { return c == code })
	return d.startLocked(protocol.CmdSetFileCodes, protocol.FileCodes{TicketID: t.ID, FileCodes: codes}, "")
}

// finishLocked sends finish for t; a code typed but not yet added goes
// with it (file_codes), and a typed code that is not valid stops the
// finish with a message. It is called with d.mu held and releases it.
func (d *Desk) finishLocked(t *queue.Ticket) bool {
	code := strings.TrimSpace(d.codeInput)
	if code == "" {
		return d.startLocked(protocol.CmdFinish, protocol.Finish{TicketID: t.ID}, "")
	}
	codes := append(slices.Clone(t.FileCodes), code)
	if err := queue.CheckFileCodes(codes); err != nil {
		d.msg = Message{Text: fileCodeText(err) + " Sửa hoặc xoá ô mã hồ sơ rồi nhấn Hoàn thành.", Error: true}
		d.mu.Unlock()
		d.cfg.OnChange()
		return false
	}
	return d.startLocked(protocol.CmdFinish, protocol.Finish{TicketID: t.ID, FileCodes: codes}, code)
}

// sentFileCodeLocked clears the file-code field after the code typed in it
// was stored (by set_file_codes or finish). Called with d.mu held.
func (d *Desk) sentFileCodeLocked(code string) {
	if code != "" && strings.TrimSpace(d.codeInput) == code {
		d.codeInput = ""
	}
}

// fileCodeHintLocked checks the typed code against the ticket's codes, as
// typed: "" when it is empty or fine, else what is wrong.
func (d *Desk) fileCodeHintLocked(t *queue.Ticket) string {
	code := strings.TrimSpace(d.codeInput)
	if code == "" || t == nil {
		return ""
	}
	return fileCodeText(queue.CheckFileCodes(append(slices.Clone(t.FileCodes), code)))
}

// fileCodeText is err's message for the clerk ("" for nil).
func fileCodeText(err error) string {
	var qe *queue.Error
	if errors.As(err, &qe) {
		return qe.Message + "."
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

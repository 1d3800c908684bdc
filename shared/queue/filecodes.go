package queue

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a ticket's file codes (mã hồ sơ: the code of the procedure's
// file in the one-stop electronic system, Decree 118 Art. 28).
const (
	MaxFileCodes   = 10
	MaxFileCodeLen = 32
)

// CheckFileCode reports why code is not a file code: 1 to 32 characters,
// each an ASCII letter or digit, '.', '-' or '/'. The message is
// Vietnamese, fit to show the clerk.
func CheckFileCode(code string) error {
	if code == "" {
		return Errorf(EBADREQUEST, "Mã hồ sơ không được để trống")
	}
	if n := utf8.RuneCountInString(code); n > MaxFileCodeLen {
		return Errorf(EBADREQUEST, "Mã hồ sơ %q dài %d ký tự, tối đa %d", cut(code, 40), n, MaxFileCodeLen)
	}
	for _, r := range code {
		if !fileCodeRune(r) {
			return Errorf(EBADREQUEST, "Mã hồ sơ %q có ký tự %q không hợp lệ: chỉ dùng chữ cái không dấu, chữ số và các dấu . - /", code, r)
		}
	}
	return nil
}

// CheckFileCodes checks a ticket's list of file codes: at most
// MaxFileCodes, each valid, none repeated.
func CheckFileCodes(codes []string) error {
	if len(codes) > MaxFileCodes {
		return Errorf(EBADREQUEST, "Tối đa %d mã hồ sơ cho một số thứ tự (nhận %d)", MaxFileCodes, len(codes))
	}
	seen := make(map[string]bool, len(codes))
	for _, c := range codes {
		if err := CheckFileCode(c); err != nil {
			return err
		}
		if seen[strings.ToUpper(c)] {
			return Errorf(EBADREQUEST, "Mã hồ sơ %q bị trùng", c)
		}
		seen[strings.ToUpper(c)] = true
	}
	return nil
}

func fileCodeRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return r == '.' || r == '-' || r == '/'
}

// cut returns s cut to n runes, for quoting in a message.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// SetFileCodes replaces the file codes of the ticket called at counter
// (an empty list clears them) and emits ticket_file_codes.
func (e *Engine) SetFileCodes(now time.Time, counter int, id string, codes []string) (Ticket, error) {
	if codes == nil {
		return Ticket{}, Errorf(EBADREQUEST, "Thiếu danh sách mã hồ sơ (file_codes)")
	}
	if err := CheckFileCodes(codes); err != nil {
		return Ticket{}, err
	}
	t, _, err := e.calledHere(counter, id)
	if err != nil {
		return Ticket{}, err
	}
	t.FileCodes = cloneCodes(codes)
	e.saveTicket(t)
	e.ticketEvent(now, EvTicketFileCodes, t)
	return *t, nil
}

// FinishWithCodes is Finish that first replaces the ticket's file codes
// with codes; nil codes keep those set before (SetFileCodes).
func (e *Engine) FinishWithCodes(now time.Time, counter int, id string, codes []string) (Ticket, error) {
	if codes != nil {
		if err := CheckFileCodes(codes); err != nil {
			return Ticket{}, err
		}
	}
	t, _, err := e.calledHere(counter, id)
	if err != nil {
		return Ticket{}, err
	}
	if codes != nil {
		t.FileCodes = cloneCodes(codes)
	}
	return e.Finish(now, counter, id)
}

// cloneCodes copies codes; an empty list becomes nil (no codes).
func cloneCodes(codes []string) []string {
	if len(codes) == 0 {
		return nil
	}
	return append([]string(nil), codes...)
}

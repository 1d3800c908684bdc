package model

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// MaxComment is the longest rating comment, in characters.
const MaxComment = 500

// OpenRateCode shows the screen that asks for the ticket's QR code, or its
// number and the code printed under the QR.
func (m *Model) OpenRateCode() {
	m.update(func() {
		m.touch()
		m.show(ScreenRateCode)
		m.v.Form = FormView{}
	})
}

var (
	qrForm     = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}/[A-Z]\d{3,})\s+([2-9A-Z]{8})$`)
	numberForm = regexp.MustCompile(`^([A-Z]\d{3,})([2-9A-Z]{8})$`)
)

// ParseCode reads what the citizen scanned or typed: the QR content
// "<ticket id> <token>", or the number and the token ("A001 7KQ2M9XH",
// spaces and dashes ignored), which belong to day. It reports false for
// anything else.
func ParseCode(text, day string) (ticketID, token string, ok bool) {
	text = strings.ToUpper(strings.TrimSpace(text))
	if g := qrForm.FindStringSubmatch(strings.Join(strings.Fields(text), " ")); g != nil {
		return g[1], g[2], true
	}
	compact := strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(text)
	if g := numberForm.FindStringSubmatch(compact); g != nil && day != "" {
		return day + "/" + g[1], g[2], true
	}
	return "", "", false
}

// SubmitCode takes the scanned or typed code and, when it reads, shows the
// five levels for that ticket.
func (m *Model) SubmitCode(text string) {
	m.update(func() {
		m.touch()
		id, token, ok := ParseCode(text, m.day())
		if !ok {
			m.show(ScreenRateCode)
			m.v.Form = FormView{Error: "Mã chưa đúng. Vui lòng nhập số thứ tự (ví dụ A001) và mã đánh giá 8 ký tự in dưới mã QR."}
			return
		}
		m.show(ScreenRate)
		m.v.Rate = RateView{Number: id[strings.LastIndexByte(id, '/')+1:]}
		m.rateID, m.rateToken = id, token
		m.rateFrom = ScreenRateCode
	})
}

// Scan takes a line typed by a USB scanner outside any field: a QR code of
// a ticket starts its rating, anything else is ignored.
func (m *Model) Scan(text string) {
	m.mu.Lock()
	_, _, ok := ParseCode(text, "")
	busy := m.issuing || m.v.Screen == ScreenIssuing
	m.mu.Unlock()
	if ok && !busy {
		m.SubmitCode(text)
	}
}

// day is the hall's day, for typed numbers. The caller holds the lock.
func (m *Model) day() string {
	if m.state.Day != "" {
		return m.state.Day
	}
	return m.cfg.Now().Format(queue.DayLayout)
}

// ChooseLevel takes a level, 1 to 5: 4 and 5 are sent at once, 1 to 3 open
// the reasons and comment.
func (m *Model) ChooseLevel(level int) {
	if level < 1 || level > 5 {
		return
	}
	send := false
	m.update(func() {
		m.touch()
		if m.v.Screen != ScreenRate {
			return
		}
		m.v.Rate.Level = level
		m.v.Rate.Error = ""
		if level <= 3 {
			m.show(ScreenReasons)
			return
		}
		send = true
	})
	if send {
		m.sendRating("")
	}
}

// ToggleReason adds or removes a reason code (queue.Reasons).
func (m *Model) ToggleReason(code string) {
	m.update(func() {
		m.touch()
		r := &m.v.Rate
		if i := slices.Index(r.Reasons, code); i >= 0 {
			r.Reasons = slices.Delete(r.Reasons, i, i+1)
			return
		}
		r.Reasons = append(r.Reasons, code)
	})
}

// SubmitRating sends the rating with its reasons and comment.
func (m *Model) SubmitRating(comment string) {
	if utf8.RuneCountInString(comment) > MaxComment {
		m.update(func() { m.v.Rate.Error = "Ý kiến tối đa 500 ký tự" })
		return
	}
	m.sendRating(strings.TrimSpace(comment))
}

func (m *Model) sendRating(comment string) {
	var msg protocol.Rate
	m.update(func() {
		m.touch()
		if m.sending || m.v.Rate.Level == 0 || (m.v.Screen != ScreenRate && m.v.Screen != ScreenReasons) {
			return
		}
		m.sending = true
		m.v.Rate.Sending = true
		msg = protocol.Rate{TicketID: m.rateID, Rating: m.v.Rate.Level,
			Reasons: append([]string{}, m.v.Rate.Reasons...), Comment: comment, Token: m.rateToken}
		if msg.Rating > 3 {
			msg.Reasons = []string{}
		}
	})
	if msg.Rating == 0 {
		return
	}
	m.cfg.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
		defer cancel()
		_, err := m.cfg.Sender.Send(ctx, protocol.CmdRate, msg)
		m.rated(err)
	})
}

func (m *Model) rated(err error) {
	m.update(func() {
		m.sending = false
		m.v.Rate.Sending = false
		if err == nil {
			m.done(ThanksRate, false)
			return
		}
		m.log.Warn("kiosk: rate", "ticket", m.rateID, "err", err)
		var qe *queue.Error
		switch {
		case !errors.As(err, &qe):
			m.v.Rate.Error = "Chưa gửi được do mất kết nối, vui lòng thử lại"
		case qe.Code == queue.EUNAUTHORIZED:
			m.done("Mã đánh giá không đúng với số thứ tự. Vui lòng kiểm tra lại phiếu.", true)
		default:
			m.done(queue.ErrorMessage(err), true)
		}
	})
}

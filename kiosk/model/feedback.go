package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// MaxFeedback is the longest feedback message, in characters.
const MaxFeedback = 2000

// OpenFeedback shows the feedback form.
func (m *Model) OpenFeedback() {
	m.update(func() {
		m.touch()
		m.show(ScreenFeedback)
		m.v.Form = FormView{}
	})
}

// SendFeedback checks and sends the form. An empty or too long message, or
// a phone that is not a phone number, is refused on the form.
func (m *Model) SendFeedback(message, name, phone string) {
	message, name, phone = strings.TrimSpace(message), strings.TrimSpace(name), strings.TrimSpace(phone)
	msg := protocol.FeedbackMsg{Message: message, Name: name, Phone: phone}
	problem := ""
	switch {
	case message == "":
		problem = "Vui lòng nhập nội dung phản ánh, kiến nghị"
	case utf8.RuneCountInString(message) > MaxFeedback:
		problem = "Nội dung tối đa 2000 ký tự"
	case !validPhone(phone):
		problem = "Số điện thoại chưa đúng"
	}
	ok := false
	m.update(func() {
		m.touch()
		if m.v.Screen != ScreenFeedback || m.sending {
			return
		}
		if problem != "" {
			m.v.Form.Error = problem
			return
		}
		m.sending = true
		m.v.Form = FormView{Sending: true}
		ok = true
	})
	if !ok {
		return
	}
	m.cfg.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
		defer cancel()
		raw, err := m.cfg.Sender.Send(ctx, protocol.CmdFeedback, msg)
		m.feedbackSent(raw, err)
	})
}

func validPhone(p string) bool {
	digits := 0
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" .-+()", r):
		default:
			return false
		}
	}
	return p == "" || (digits >= 8 && digits <= 15)
}

func (m *Model) feedbackSent(raw json.RawMessage, err error) {
	var r protocol.FeedbackReply
	if err == nil {
		err = json.Unmarshal(raw, &r)
	}
	m.update(func() {
		m.sending = false
		if err != nil {
			m.log.Warn("kiosk: feedback", "err", err)
			var qe *queue.Error
			m.v.Form = FormView{Error: "Chưa gửi được do mất kết nối, vui lòng thử lại"}
			if errors.As(err, &qe) {
				m.v.Form.Error = queue.ErrorMessage(err)
			}
			return
		}
		text := fmt.Sprintf("Cảm ơn ông/bà! Phản ánh, kiến nghị đã được ghi nhận (số %d).", r.FeedbackID)
		if m.state.Hall.FeedbackContact != "" {
			text += "\nNơi tiếp nhận và trả lời: " + m.state.Hall.FeedbackContact
		}
		m.done(text, false)
		m.until = m.cfg.Now().Add(2 * DoneShowFor)
	})
}

package model

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// MaxComment is the longest rating comment, in characters.
const MaxComment = 500

// rating is one citizen's rating, from the prompt until the server has all
// of it. The level is sent the moment it is tapped, so a citizen who walks
// away, or a clerk who calls the next citizen, loses nothing; reasons, a
// comment and another face follow with rate_details. A rating outlives its
// screen: its sends finish even after the pad moved on.
type rating struct {
	id, token, number        string
	counterName, clerkName   string
	level                    int      // the face chosen now
	reasons                  []string // chosen on the reasons screen
	comment                  string   // typed so far
	stored                   int      // the level the server has (0: none)
	inflight, failed, closed bool     // rate on its way; could not be sent; details sent or given up
	// finish asks for the details to go as soon as the level is stored
	// (the citizen pressed "Gửi" or left); thank says the citizen waits
	// for the answer on screen.
	finish, thank bool
}

// hasDetails reports whether there is anything for rate_details.
func (r *rating) hasDetails() bool {
	return r.level != r.stored || len(r.reasons) > 0 || strings.TrimSpace(r.comment) != ""
}

// startRating shows the five levels for r. The caller holds the lock.
func (m *Model) startRating(r *rating, from Screen) {
	m.abandonRating()
	m.show(ScreenRate)
	m.rate = r
	m.rateFrom = from
	m.v.Rate = RateView{Number: r.number, CounterName: r.counterName, ClerkName: r.clerkName}
	m.lastTouch = m.cfg.Now()
}

// ChooseLevel takes a level, 1 to 5, and sends it at once. Levels 1 to 3
// then offer the reasons and a comment; on the reasons screen another face
// may be chosen (4 or 5 ends the rating there).
func (m *Model) ChooseLevel(level int) {
	if level < 1 || level > 5 {
		return
	}
	var send func()
	m.update(func() {
		m.touch()
		r := m.rate
		if r == nil || (m.v.Screen != ScreenRate && m.v.Screen != ScreenReasons) || m.sending {
			return
		}
		m.v.Rate.Error = ""
		r.level = level
		m.v.Rate.Level = level
		if level > queue.Neutral {
			r.reasons = nil
			m.v.Rate.Reasons = nil
		}
		if m.v.Screen == ScreenRate && !r.inflight && r.stored == 0 {
			send = m.sendLevel(r)
		}
		if level <= queue.Neutral {
			m.show(ScreenReasons)
			return
		}
		send = m.finishRating(r, send)
	})
	if send != nil {
		send()
	}
}

// ToggleReason adds or removes a reason code (queue.Reasons).
func (m *Model) ToggleReason(code string) {
	m.update(func() {
		m.touch()
		if m.rate == nil {
			return
		}
		r := &m.v.Rate
		if i := slices.Index(r.Reasons, code); i >= 0 {
			r.Reasons = slices.Delete(r.Reasons, i, i+1)
		} else {
			r.Reasons = append(r.Reasons, code)
		}
		m.rate.reasons = slices.Clone(r.Reasons)
	})
}

// SetComment keeps what the citizen typed so far, so that it reaches the
// server even if they leave without pressing "Gửi đánh giá".
func (m *Model) SetComment(text string) {
	m.mu.Lock()
	defer m.unlock()
	m.touch()
	if m.rate != nil && utf8.RuneCountInString(text) <= MaxComment {
		m.rate.comment = text
	}
}

// SubmitRating sends the reasons and comment ("Gửi đánh giá").
func (m *Model) SubmitRating(comment string) {
	if utf8.RuneCountInString(comment) > MaxComment {
		m.update(func() { m.v.Rate.Error = "Ý kiến tối đa 500 ký tự" })
		return
	}
	var send func()
	m.update(func() {
		m.touch()
		r := m.rate
		if r == nil || r.level == 0 || m.sending || (m.v.Screen != ScreenRate && m.v.Screen != ScreenReasons) {
			return
		}
		r.comment = comment
		send = m.finishRating(r, nil)
	})
	if send != nil {
		send()
	}
}

// finishRating ends r on screen: the citizen waits for the thank-you
// while what is left is sent. first is a send already due (the level).
// The caller holds the lock; it runs the returned function after.
func (m *Model) finishRating(r *rating, first func()) func() {
	r.finish, r.thank = true, true
	m.sending = true
	m.v.Rate.Sending = true
	switch {
	case first != nil || r.inflight:
		return first // the level's reply sends the rest
	case r.stored == 0:
		return m.sendLevel(r) // the level was never stored: send all of it
	case !r.hasDetails():
		r.closed = true
		m.rated(r, nil)
		return nil
	}
	return m.sendDetails(r)
}

// abandonRating lets the rating on screen go (the citizen left, the clerk
// called the next, the pad went home): what was chosen is still sent.
// The caller holds the lock.
func (m *Model) abandonRating() {
	r := m.rate
	m.rate = nil
	if r == nil || r.closed || r.level == 0 {
		return
	}
	if r.thank { // the citizen was waiting for the answer on screen
		m.sending = false
		m.v.Rate.Sending = false
	}
	r.thank = false
	r.finish = true
	switch {
	case r.inflight: // the level's reply sends the rest
	case r.stored == 0: // the level was lost with the link: once more, all of it
		m.later = append(m.later, m.sendLevel(r))
	case r.hasDetails():
		m.later = append(m.later, m.sendDetails(r))
	}
}

// sendLevel returns the function that sends r's level (with whatever else
// is chosen, when the details already wait) as rate. The caller holds the
// lock.
func (m *Model) sendLevel(r *rating) func() {
	r.inflight, r.failed = true, false
	full := r.finish // the citizen is done: the reasons and comment go too
	msg := protocol.Rate{TicketID: r.id, Rating: r.level, Reasons: []string{}, Token: r.token}
	if full {
		msg.Reasons = append(msg.Reasons, r.reasons...)
		msg.Comment = strings.TrimSpace(r.comment)
	}
	if msg.Rating > queue.Neutral {
		msg.Reasons = []string{}
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
		defer cancel()
		_, err := m.cfg.Sender.Send(ctx, protocol.CmdRate, msg)
		m.update(func() {
			r.inflight = false
			if err != nil {
				r.failed = !isRefusal(err)
				r.closed = !r.failed
				m.rated(r, err)
				return
			}
			r.stored = msg.Rating
			switch {
			case !r.finish: // the citizen is still choosing
			case full || !r.hasDetails():
				r.closed = true
				m.rated(r, nil)
			default:
				m.later = append(m.later, m.sendDetails(r))
			}
		})
	}
}

// sendDetails returns the function that sends rate_details for r. The
// caller holds the lock.
func (m *Model) sendDetails(r *rating) func() {
	r.closed = true
	msg := protocol.RateDetails{TicketID: r.id, Reasons: append([]string{}, r.reasons...),
		Comment: strings.TrimSpace(r.comment), Token: r.token}
	if r.level != r.stored {
		msg.Rating = r.level
	}
	if r.level > queue.Neutral {
		msg.Reasons = []string{}
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
		defer cancel()
		_, err := m.cfg.Sender.Send(ctx, protocol.CmdRateDetails, msg)
		m.update(func() {
			if err != nil {
				m.log.Warn("kiosk: rate_details", "ticket", r.id, "err", err)
			}
			// The level is stored; a lost addition is not worth the
			// citizen's wait, so they are thanked either way.
			m.rated(r, nil)
		})
	}
}

// isRefusal reports whether err is the server's answer (not a lost link).
func isRefusal(err error) bool {
	var qe *queue.Error
	return errors.As(err, &qe)
}

// rated shows the outcome of r's sends, if the citizen still waits for it
// on screen. The caller holds the lock.
func (m *Model) rated(r *rating, err error) {
	if err != nil {
		m.log.Warn("kiosk: rate", "ticket", r.id, "err", err)
	}
	if m.rate != r {
		return // the screen moved on; the server has what it could get
	}
	if r.thank || err != nil {
		m.sending = false
		m.v.Rate.Sending = false
	}
	var qe *queue.Error
	switch {
	case err == nil && r.thank:
		m.rate = nil
		m.done(ThanksRate, false)
		if m.queued != nil {
			m.until = m.cfg.Now().Add(ThanksBeforeNext)
		}
	case err == nil:
	case !errors.As(err, &qe):
		r.finish, r.thank = false, false
		m.v.Rate.Error = "Chưa gửi được do mất kết nối, vui lòng thử lại"
	case qe.Code == queue.EUNAUTHORIZED:
		m.rate = nil
		m.done("Mã đánh giá không đúng với số thứ tự. Vui lòng kiểm tra lại phiếu.", true)
	default:
		m.rate = nil
		m.done(queue.ErrorMessage(err), true)
	}
}

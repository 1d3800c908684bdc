package model

import "time"

// Touch records a tap, which keeps the current screen up for another idle
// period.
func (m *Model) Touch() {
	m.mu.Lock()
	m.touch()
	m.unlock()
}

// touch is Touch with the lock held.
func (m *Model) touch() { m.lastTouch = m.cfg.Now() }

// Tick applies the clock: a screen whose time is up, or that was left
// without a touch for IdleHome (PadIdleHome for a rating pad's rating),
// goes home; a notice on the home screen disappears. The UI calls it about
// once a second.
func (m *Model) Tick() {
	m.mu.Lock()
	changed := m.tick()
	m.unlock()
	if changed && m.cfg.OnChange != nil {
		m.cfg.OnChange()
	}
}

func (m *Model) tick() bool {
	now := m.cfg.Now()
	if m.v.Screen == ScreenHome {
		if m.v.Notice != "" && !m.until.IsZero() && !now.Before(m.until) {
			m.v.Notice = ""
			m.until = time.Time{}
			return true
		}
		return false
	}
	if m.issuing || m.sending {
		return false
	}
	idle := IdleHome
	if m.v.Counter != 0 && m.rateFrom == ScreenHome && isRating(m.v.Screen) {
		idle = PadIdleHome
	}
	timeUp := !m.until.IsZero() && !now.Before(m.until)
	if timeUp || now.Sub(m.lastTouch) >= idle {
		m.goHome()
		return true
	}
	return false
}

func isRating(s Screen) bool {
	return s == ScreenRate || s == ScreenReasons
}

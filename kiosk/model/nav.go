package model

// Home goes back to the home screen (the "Về trang chủ" button). It does
// nothing while a ticket is being issued.
func (m *Model) Home() {
	m.update(func() {
		m.touch()
		if m.issuing {
			return
		}
		m.v.Notice = ""
		m.goHome()
	})
}

// OpenProcedures shows the list of services' procedures.
func (m *Model) OpenProcedures() {
	m.update(func() {
		m.touch()
		m.show(ScreenProcedures)
	})
}

// OpenProcedure shows the description of service id.
func (m *Model) OpenProcedure(id string) {
	m.update(func() {
		m.touch()
		for _, t := range m.v.Tiles {
			if t.ID == id {
				m.show(ScreenProcedure)
				m.v.Service = t
			}
		}
	})
}

// RequestExit shows the PIN screen (after staff's long press in a corner).
// Without a PIN check there is no way out.
func (m *Model) RequestExit() {
	m.update(func() {
		m.touch()
		if m.cfg.CheckPIN == nil || m.issuing {
			return
		}
		m.show(ScreenExit)
		m.v.ExitError = ""
	})
}

// SubmitExitPIN quits on the right PIN.
func (m *Model) SubmitExitPIN(pin string) {
	ok := false
	m.update(func() {
		m.touch()
		if m.v.Screen != ScreenExit {
			return
		}
		if m.cfg.CheckPIN(pin) {
			ok = true
			return
		}
		m.log.Warn("kiosk: wrong exit PIN")
		m.v.ExitError = "Mã PIN không đúng"
	})
	if ok && m.cfg.Quit != nil {
		m.log.Info("kiosk: exit by staff")
		m.cfg.Quit()
	}
}

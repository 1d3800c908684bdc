package web

import (
	"hallq/server/pairing"
	"hallq/server/throttle"
)

// Form body limit of the devices page's forms.
const devicesBodyMax = 8 << 10

// pairRoutes registers device pairing: the apps' unauthenticated
// POST /pair and GET /pair/{id}, and the admin's devices page.
func (s *Server) pairRoutes(o Options) {
	s.pairs = pairing.New(o.Hall.Now, nil)
	s.pairIP = throttle.New(PairRule, o.Hall.Now)
	s.links, s.caPEM, s.devcfg = o.Links, o.CAPEM, o.Devices
	if s.devcfg == nil {
		s.devcfg, _ = o.Hall.(DeviceConfig)
	}
	s.mux.HandleFunc("POST /pair", s.pairStart)
	s.mux.HandleFunc("GET /pair/{id}", s.pairPoll)
	if s.devcfg == nil {
		return
	}
	s.mux.HandleFunc("GET /admin/devices", s.page(s.admin(s.devicesPage)))
	s.mux.HandleFunc("POST /admin/devices/pair", s.form(devicesBodyMax, s.page(s.admin(s.csrf(s.acceptPairing)))))
	s.mux.HandleFunc("POST /admin/devices/reject", s.form(devicesBodyMax, s.page(s.admin(s.csrf(s.rejectPairing)))))
	s.mux.HandleFunc("POST /admin/devices/{id}/rename", s.form(devicesBodyMax, s.page(s.admin(s.csrf(s.renameDevice)))))
	s.mux.HandleFunc("POST /admin/devices/{id}/revoke", s.form(devicesBodyMax, s.page(s.admin(s.csrf(s.revokeDevice)))))
	s.mux.HandleFunc("GET /api/pairing", s.api(s.admin(s.pendingJSON)))
}

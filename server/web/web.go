// Package web serves the hall's HTTP paths (SPEC section 6): health,
// metrics, the websocket endpoint, the supervisor's sign-in, pages, reports
// and exports. Routing is the standard library's; pages are html/template
// files and one stylesheet and script, all embedded, so the hall network
// needs no build step and no CDN.
package web

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"hallq/server/config"
	"hallq/server/pairing"
	"hallq/server/report"
	"hallq/server/store"
	"hallq/server/throttle"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Hall is what the pages need of the hall's application service;
// server/hall satisfies it. Reads come from it, and the writes the pages
// make (a feedback answer, an admin's change) go through it, so its rules
// hold.
type Hall interface {
	Settings() *queue.Settings
	Supervisor(username string) (config.Supervisor, bool) // for sign-in
	Now() time.Time
	Day() (day string, seq uint64)
	State() protocol.State
	Report(day string) (report.Report, error)
	// DayReports returns the days' reports from rollups, without low
	// ratings, for the month, year and period pages.
	DayReports(from, to string) ([]report.Report, error)
	Devices() []protocol.DeviceHealth
	FeedbackPage(f store.FeedbackFilter, limit int) ([]queue.Feedback, bool, error)
	AnswerFeedback(id int64, status, answer, user string) (bool, error)

	// For the admin and public pages: a copy of the configuration, and
	// the one way to change it.
	Config() *config.Config
	UpdateConfig(user, action, target string, change func(*config.Config) error) error
	Audit(before uint64, limit int, keep func(store.AuditEntry) bool) ([]store.AuditEntry, error)
	UnlockClerk(username string) int

	// CitizenView is today's ticket id's view for its token, for the
	// citizen's page; false for an unknown ticket or a wrong token.
	CitizenView(id, token string) (protocol.CitizenView, bool)
}

// Options are the Server's dependencies.
type Options struct {
	Hall     Hall
	Sessions *Sessions
	WS       http.Handler // the websocket hub
	Metrics  http.Handler
	Logger   *slog.Logger
	// DemoSecrets lists the secrets still equal to a published demo
	// value; every supervisor page shows them in a red banner.
	DemoSecrets func() []string
	// Devices changes the hall's devices (the devices page); nil uses
	// Hall when it can.
	Devices DeviceConfig
	// Links tells who is connected and closes a revoked device's
	// connections (the hub); nil shows no presence.
	Links Links
	// CAFingerprint is the SHA-256 fingerprint of the certificate
	// authority clients trust (hex pairs with colons); empty without TLS.
	CAFingerprint string
	// CAPEM returns the hall CA's certificate (PEM) that a newly paired
	// app pins and /admin/tls offers; nil (or an empty answer) when the
	// server has no TLS.
	CAPEM func() []byte
	// Version is the server's release (hallq/shared/version), shown in
	// the footer of every signed-in page; empty shows none.
	Version string
	// ClockSpeed is the speed of the server's fast clock (-fast-clock),
	// 0 for the real clock: /healthz reports it and the live page's
	// timers run that much faster.
	ClockSpeed float64
	// ProvinceLink returns the live page's warning about the province
	// link ("" when it is up or off); nil for none.
	ProvinceLink func() string
}

// Server is the hall's HTTP handler.
type Server struct {
	hall     Hall
	sessions *Sessions
	log      *slog.Logger
	mux      *http.ServeMux
	pages    pages
	demo     func() []string
	// pubMonth caches the public page's month report.
	pubMonth monthCache
	// caFingerprint is Options.CAFingerprint (the TLS page).
	caFingerprint string
	// userIP slows failed sign-ins of one username from one address;
	// perIP slows all sign-ins from one address.
	userIP, perIP *throttle.Limiter
	// Device pairing (pair.go, devices_admin.go).
	pairs  *pairing.Registry
	pairIP *throttle.Limiter
	devcfg DeviceConfig
	links  Links
	caPEM  func() []byte
	// version is Options.Version (the pages' footer).
	version string
	// clockSpeed is Options.ClockSpeed.
	clockSpeed float64
	// The booking page (hen.go): the hall's appointments, and the limit
	// per address.
	appts Appointments
	henIP *throttle.Limiter
	// provinceLink is Options.ProvinceLink.
	provinceLink func() string
	// ticketRate and ticketMiss limit the citizen's ticket page per
	// address (ticket_page.go).
	ticketRate *throttle.Bucket
	ticketMiss *throttle.Limiter
}

// New returns the Server with every route registered. It panics if the
// embedded templates do not parse, which a test catches.
func New(o Options) *Server {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.DemoSecrets == nil {
		o.DemoSecrets = func() []string { return nil }
	}
	if o.CAPEM == nil {
		o.CAPEM = func() []byte { return nil }
	}
	s := &Server{
		demo: o.DemoSecrets, caFingerprint: o.CAFingerprint, version: o.Version, clockSpeed: o.ClockSpeed,
		provinceLink: o.ProvinceLink,
		hall:         o.Hall, sessions: o.Sessions, log: o.Logger, mux: http.NewServeMux(),
		pages:  mustParsePages(),
		userIP: throttle.New(SignInRule, o.Hall.Now), perIP: throttle.New(AddressRule, o.Hall.Now),
		ticketRate: throttle.NewBucket(ticketRate, ticketBurst, o.Hall.Now), ticketMiss: throttle.New(TicketRule, o.Hall.Now),
	}
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("GET /metrics", o.Metrics)
	s.mux.Handle("GET /ws", o.WS)
	s.routes()
	s.pairRoutes(o)
	if a, ok := o.Hall.(Appointments); ok {
		s.appts = a
		s.henRoutes()
		s.appointmentPages()
	}
	return s
}

// ServeHTTP implements http.Handler. Every answer forbids content sniffing
// and keeps the referrer on this server; over TLS it also asks for HTTPS
// only (HSTS).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	hsts(w, r)
	s.mux.ServeHTTP(w, r)
}

// healthz answers the SPEC's {"status", "day", "seq"} and the hall's
// clock, "now"; on a fast clock also its "clock_speed", so that `server
// simulate` can follow the server's day.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	day, seq := s.hall.Day()
	v := map[string]any{"status": "ok", "day": day, "seq": seq,
		"now": queue.At(s.hall.Now().In(s.hall.Settings().Location))}
	if s.clockSpeed > 0 {
		v["clock_speed"] = s.clockSpeed
	}
	writeJSON(w, http.StatusOK, v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers an API request with a JSON error.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

// sessionTTL is how long a supervisor's sign-in lasts.
const sessionTTL = 12 * time.Hour

package web

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"time"

	"hallq/server/throttle"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// The citizen's ticket page, /t/{day}-{number}?k={token} (README "Trang
// theo dõi số trên điện thoại"): what the kiosk prints in the QR code when
// the hall has a public_url. It needs no sign-in; the token is the key. A
// wrong or missing token and an unknown ticket get the same "not found"
// page, with the same status. The page then follows the ticket over the
// websocket, role citizen (static/ticket.js).

// TicketRule slows an address that asks for tickets it cannot open (a
// wrong token, an unknown id): past Free misses a minute, every request
// of the address waits, 1 s doubling to a minute.
var TicketRule = throttle.Rule{Free: 20, Base: time.Second, Max: time.Minute, Window: time.Minute}

// Ticket page request rate per address: a guest Wi-Fi behind one NAT
// address shows every phone as one, so the bucket is wide.
const (
	ticketRate  = 20 // requests a second
	ticketBurst = 200
)

// ticketTemplate is the page, on its own: no supervisor's layout, no
// menu, a few kilobytes.
var ticketTemplate = template.Must(template.New("ticket.html").ParseFS(embedded, "templates/ticket.html"))

// ticketView is what the ticket page's template receives.
type ticketView struct {
	Missing bool
	Hall    string
	View    protocol.CitizenView
	Wait    string // the estimate in words
	Levels  [][2]string
}

// ticketPage serves GET /t/{ticket} and /t/{day}/{number}.
func (s *Server) ticketPage(w http.ResponseWriter, r *http.Request) {
	ip := clientIP(r)
	if !s.ticketRate.Allow(ip) || s.ticketMiss.Wait(ip) > 0 {
		w.Header().Set("Retry-After", "10")
		s.renderTicket(w, r, http.StatusTooManyRequests, ticketView{Missing: true, Hall: s.hall.Settings().Name})
		return
	}
	slug := r.PathValue("ticket")
	if d := r.PathValue("day"); d != "" {
		slug = d + "/" + r.PathValue("number")
	}
	v, ok := s.hall.CitizenView(slug, r.URL.Query().Get("k"))
	if !ok {
		if wait := s.ticketMiss.Fail(ip); wait == TicketRule.Base {
			s.log.Warn("ticket page guessing slowed", "remote", ip)
		}
		s.renderTicket(w, r, http.StatusNotFound, ticketView{Missing: true, Hall: s.hall.Settings().Name})
		return
	}
	tv := ticketView{Hall: v.Hall.Name, View: v, Wait: waitWords(v)}
	for level := 5; level >= 1; level-- {
		tv.Levels = append(tv.Levels, [2]string{string(rune('0' + level)), queue.RatingLabels[level]})
	}
	s.renderTicket(w, r, http.StatusOK, tv)
}

// ticketWorker serves the ticket page's service worker (static/ticket-sw.js)
// at /t/sw.js, so that its scope is /t/: the pages it may notify for. It is
// revalidated on each registration, so a new release's worker replaces the
// old one at once.
func ticketWorker(static fs.FS) http.HandlerFunc {
	body, err := fs.ReadFile(static, "ticket-sw.js")
	if err != nil {
		panic(err) // embedded: present in every build
	}
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Security-Policy", "default-src 'none'")
		w.Write(body)
	}
}

// waitWords writes a waiting ticket's estimate as the kiosk prints it.
func waitWords(v protocol.CitizenView) string {
	switch {
	case v.Ticket == nil || v.Ticket.State != queue.Waiting:
		return ""
	case v.NoOpenCounter:
		return "Chưa có quầy mở cho lĩnh vực này"
	case v.Ahead == 0 || v.EstimatedWaitS <= 0:
		return "Sắp đến lượt"
	}
	m := (v.EstimatedWaitS + 59) / 60
	if m < 60 {
		return "khoảng " + itoa(m) + " phút"
	}
	return "khoảng " + itoa(m/60) + " giờ " + itoa(m%60) + " phút"
}

// renderTicket writes the ticket page. The address holds the ticket's
// token, so no referrer leaves it; the script may open this server's
// websocket only.
func (s *Server) renderTicket(w http.ResponseWriter, r *http.Request, status int, v ticketView) {
	var buf bytes.Buffer
	if err := ticketTemplate.Execute(&buf, v); err != nil {
		s.log.Error("render ticket page", "err", err)
		http.Error(w, "Lỗi hệ thống khi hiển thị trang", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
		"connect-src 'self' ws://"+r.Host+" wss://"+r.Host+"; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

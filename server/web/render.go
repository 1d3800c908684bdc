package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
)

// embedded holds the page templates, the stylesheet and the live hall's
// script.
//
//go:embed templates/*.html static/*
var embedded embed.FS

// pageNames are the templates under templates/, each rendered inside
// layout.html; templates/_*.html hold the pieces pages share.
var pageNames = []string{"login", "hall", "report", "month", "feedback", "error", "devices", "public", "period",
	"admin_hall", "admin_services", "admin_service", "admin_counters", "admin_counter",
	"admin_clerks", "admin_clerk", "admin_supervisors", "admin_supervisor", "admin_audit", "tls",
	"admin_appointments", "appointments"}

// standalonePages are templates that are whole documents of their own:
// the citizens' booking page (small, for phones; no supervisor layout).
var standalonePages = []string{"hen"}

// pages holds one parsed template set per page.
type pages map[string]*template.Template

func mustParsePages() pages {
	p := pages{}
	for _, name := range pageNames {
		t := template.New("layout.html").Funcs(templateFuncs())
		p[name] = template.Must(t.ParseFS(embedded, "templates/layout.html", "templates/_*.html", "templates/"+name+".html"))
	}
	for _, name := range standalonePages {
		t := template.New(name + ".html").Funcs(templateFuncs())
		p[name] = template.Must(t.ParseFS(embedded, "templates/"+name+".html"))
	}
	return p
}

// dict makes a map of its key and value arguments, for a template that
// takes several values: {{template "row-button" dict "ID" .ID ...}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// view is what every page's template receives.
type view struct {
	Title    string
	Nav      string // the menu entry to highlight
	Hall     string // the hall's name, for the header
	User     string // the signed-in supervisor's username; empty on sign-in
	UserName string // the supervisor's full name
	CSRF     string
	Data     any
	// Admin is true for an admin: the menu shows the admin pages.
	Admin bool
	// DemoSecrets are the published demo secrets still in use (signed-in
	// pages only).
	DemoSecrets []string
	// Version is the server's release (Options.Version), in the footer of
	// signed-in pages only: a stranger need not learn which release runs.
	Version string
}

// view starts the view of a supervisor's page.
func (s *Server) view(r *http.Request, user, nav, title string, data any) view {
	v := view{Title: title, Nav: nav, Hall: s.hall.Settings().Name, User: user, CSRF: s.sessions.CSRF(r), Data: data}
	if sv, ok := s.hall.Supervisor(user); ok {
		v.UserName = sv.Name
		v.Admin = sv.IsAdmin() && !sv.Disabled
	}
	if v.UserName == "" {
		v.UserName = user
	}
	if user != "" {
		v.DemoSecrets = s.demo()
	}
	return v
}

// render writes page with v, or a plain 500 if the template fails (the
// page is rendered to a buffer first, so that no half page goes out).
func (s *Server) render(w http.ResponseWriter, status int, page string, v view) {
	v.Version = s.version
	var buf bytes.Buffer
	if err := s.pages[page].Execute(&buf, v); err != nil {
		s.log.Error("render page", "page", page, "err", err)
		http.Error(w, "Lỗi hệ thống khi hiển thị trang", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage answers a page request with a message in the layout.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, user string, status int, msg string) {
	s.render(w, status, "error", s.view(r, user, "", "Lỗi", msg))
}

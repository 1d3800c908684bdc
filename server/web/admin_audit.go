package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hallq/server/store"
)

// auditPageSize is how many audit entries a page shows.
const auditPageSize = 50

func (s *Server) auditRoutes() {
	s.adminGet("/admin/audit", s.auditPage)
	s.adminGet("/admin/audit.json", s.auditJSON)
}

// auditFilter is the audit page's query: user (exact), action (exact, or
// a prefix such as "clerk" or "clerk."), from and to (hall days,
// inclusive), and before (an entry id: the page after it).
type auditFilter struct {
	User, Action, From, To string
	Before                 uint64
	Errs                   map[string]string
}

func (s *Server) readAuditFilter(r *http.Request) (auditFilter, func(store.AuditEntry) bool) {
	q := r.URL.Query()
	f := auditFilter{User: clip(strings.TrimSpace(q.Get("user")), maxUsernameRunes),
		Action: clip(strings.TrimSpace(q.Get("action")), 64), From: q.Get("from"), To: q.Get("to"), Errs: map[string]string{}}
	f.Before, _ = strconv.ParseUint(q.Get("before"), 10, 64)
	loc := s.hall.Settings().Location
	var from, to time.Time
	if f.From != "" {
		t, err := time.ParseInLocation(time.DateOnly, f.From, loc)
		if err != nil {
			f.Errs["from"] = "Ngày phải có dạng YYYY-MM-DD."
		}
		from = t
	}
	if f.To != "" {
		t, err := time.ParseInLocation(time.DateOnly, f.To, loc)
		if err != nil {
			f.Errs["to"] = "Ngày phải có dạng YYYY-MM-DD."
		}
		to = t.AddDate(0, 0, 1)
	}
	keep := func(e store.AuditEntry) bool {
		if f.User != "" && e.User != f.User {
			return false
		}
		if f.Action != "" && e.Action != f.Action && !strings.HasPrefix(e.Action, strings.TrimSuffix(f.Action, ".")+".") {
			return false
		}
		if !from.IsZero() && e.At.Before(from) {
			return false
		}
		return to.IsZero() || e.At.Before(to)
	}
	return f, keep
}

// auditEntries returns a page of entries and the id to continue before
// (0: no older entry).
func (s *Server) auditEntries(r *http.Request) (auditFilter, []store.AuditEntry, uint64, error) {
	f, keep := s.readAuditFilter(r)
	list, err := s.hall.Audit(f.Before, auditPageSize+1, keep)
	if err != nil {
		return f, nil, 0, err
	}
	var next uint64
	if len(list) > auditPageSize {
		list = list[:auditPageSize]
		next = list[auditPageSize-1].ID
	}
	return f, list, next, nil
}

// auditRow is an entry as the page shows it.
type auditRow struct {
	ID                  uint64
	At, User, Action    string
	Target, ActionLabel string
	Changes             []store.Change
}

// auditPage serves GET /admin/audit: the audit log, newest first.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, user string) {
	f, list, next, err := s.auditEntries(r)
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	loc := s.hall.Settings().Location
	rows := make([]auditRow, len(list))
	for i, e := range list {
		rows[i] = auditRow{ID: e.ID, At: e.At.In(loc).Format("02/01/2006 15:04:05"), User: e.User, Action: e.Action,
			ActionLabel: actionLabels[e.Action], Target: e.Target, Changes: e.Changes}
		if rows[i].User == "" {
			rows[i].User = "hệ thống"
		}
	}
	more := ""
	if next != 0 {
		q := url.Values{"before": {strconv.FormatUint(next, 10)}}
		for k, v := range map[string]string{"user": f.User, "action": f.Action, "from": f.From, "to": f.To} {
			if v != "" {
				q.Set(k, v)
			}
		}
		more = "/admin/audit?" + q.Encode()
	}
	s.render(w, http.StatusOK, "admin_audit", s.view(r, user, "admin", "Quản trị: nhật ký thay đổi",
		adminPage{Menu: "audit", Data: struct {
			Filter auditFilter
			Rows   []auditRow
			More   string
		}{f, rows, more}}))
}

// auditJSON serves GET /admin/audit.json: the same page as JSON, with
// next_before for the following page (0: none).
func (s *Server) auditJSON(w http.ResponseWriter, r *http.Request, user string) {
	_, list, next, err := s.auditEntries(r)
	if err != nil {
		s.log.Error("audit", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống")
		return
	}
	if list == nil {
		list = []store.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": list, "next_before": next})
}

// actionLabels say each action in Vietnamese.
var actionLabels = map[string]string{
	"config.seed":               "Nạp cấu hình ban đầu từ hall.toml",
	"hall.edit":                 "Sửa thông tin chung",
	"service.add":               "Thêm lĩnh vực",
	"service.edit":              "Sửa lĩnh vực",
	"service.move":              "Đổi thứ tự lĩnh vực",
	"service.retire":            "Ngừng lĩnh vực",
	"service.restore":           "Dùng lại lĩnh vực",
	"counter.add":               "Thêm quầy",
	"counter.edit":              "Sửa quầy",
	"counter.retire":            "Ngừng quầy",
	"counter.restore":           "Dùng lại quầy",
	"clerk.add":                 "Thêm công chức",
	"clerk.edit":                "Sửa công chức",
	"clerk.reset_pin":           "Đặt lại mã PIN",
	"clerk.change_pin":          "Công chức đổi mã PIN",
	"clerk.disable":             "Khóa tài khoản công chức",
	"clerk.enable":              "Mở lại tài khoản công chức",
	"clerk.unlock":              "Gỡ khóa nhập sai PIN",
	"supervisor.add":            "Thêm tài khoản giám sát",
	"supervisor.edit":           "Sửa tài khoản giám sát",
	"supervisor.reset_password": "Đặt lại mật khẩu",
	"supervisor.disable":        "Khóa tài khoản giám sát",
	"supervisor.enable":         "Mở lại tài khoản giám sát",
}

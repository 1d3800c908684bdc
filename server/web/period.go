package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"hallq/server/report"
	"hallq/shared/queue"
)

// maxPeriodDays is the longest run of days /reports/range sums: a year,
// a leap year's included.
const maxPeriodDays = 366

// periodKind tells a year's paths from a range's.
type periodKind int

const (
	kindYear  periodKind = iota // ?year=2026
	kindRange                   // ?from=01/01/2026&to=31/03/2026
)

// reportYear reads ?year=2026, defaulting to this year; msg says in
// Vietnamese what is wrong with a bad one.
func (s *Server) reportYear(r *http.Request) (year int, msg string) {
	q := r.URL.Query().Get("year")
	if q == "" {
		return s.hall.Now().In(s.hall.Settings().Location).Year(), ""
	}
	y, err := strconv.Atoi(q)
	if len(q) != 4 || err != nil || y < 2000 {
		return 0, fmt.Sprintf("Năm “%s” không hợp lệ: nhập năm bằng 4 chữ số, ví dụ 2026.", shorten(q, 20))
	}
	return y, ""
}

// reportRange reads ?from=&to= (dd/mm/yyyy, or YYYY-MM-DD), defaulting to
// the first of this month and today; msg says in Vietnamese what is wrong.
func (s *Server) reportRange(r *http.Request) (from, to, msg string) {
	q := r.URL.Query()
	today := s.today()
	from, to = today[:len(monthLayout)]+"-01", today
	if f := q.Get("from"); f != "" {
		var ok bool
		if from, ok = parseDay(f); !ok {
			return "", "", fmt.Sprintf("Ngày bắt đầu “%s” không hợp lệ: dùng dạng dd/mm/yyyy, ví dụ 01/01/2026.", shorten(f, 20))
		}
	}
	if t := q.Get("to"); t != "" {
		var ok bool
		if to, ok = parseDay(t); !ok {
			return "", "", fmt.Sprintf("Ngày kết thúc “%s” không hợp lệ: dùng dạng dd/mm/yyyy, ví dụ 31/03/2026.", shorten(t, 20))
		}
	}
	a, _ := time.Parse(queue.DayLayout, from)
	b, _ := time.Parse(queue.DayLayout, to)
	switch n := int(b.Sub(a).Hours()/24) + 1; {
	case n < 1:
		return "", "", fmt.Sprintf("Ngày kết thúc %s trước ngày bắt đầu %s: chọn lại khoảng thời gian.", displayDate(to), displayDate(from))
	case n > maxPeriodDays:
		return "", "", fmt.Sprintf("Khoảng từ %s đến %s dài %d ngày; mỗi báo cáo tối đa %d ngày. Xem từng năm ở trang Báo cáo năm.",
			displayDate(from), displayDate(to), n, maxPeriodDays)
	}
	return from, to, ""
}

// periodReport reads the year or the range of r and sums its days; msg is
// set for a bad request, err for a failure.
func (s *Server) periodReport(r *http.Request, kind periodKind) (p report.Period, msg string, err error) {
	if kind == kindYear {
		year, msg := s.reportYear(r)
		if msg != "" {
			return p, msg, nil
		}
		days, err := s.dayReports(fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
		if err != nil {
			return p, "", err
		}
		return report.Yearly(year, days), "", nil
	}
	from, to, msg := s.reportRange(r)
	if msg != "" {
		return p, msg, nil
	}
	days, err := s.dayReports(from, to)
	if err != nil {
		return p, "", err
	}
	return report.Summed(from, to, days), "", nil
}

// period answers a bad request or a failure of an API or download path
// itself and returns false.
func (s *Server) period(w http.ResponseWriter, r *http.Request, kind periodKind) (report.Period, bool) {
	p, msg, err := s.periodReport(r, kind)
	switch {
	case msg != "":
		writeError(w, http.StatusBadRequest, "bad_request", msg)
		return p, false
	case err != nil:
		s.log.Error("period report", "query", r.URL.RawQuery, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi lập báo cáo")
		return p, false
	}
	return p, true
}

// periodFile names a period's download: bao-cao-nam-2026, or
// bao-cao-2026-01-01-den-2026-03-31.
func periodFile(p report.Period) string {
	if p.Year != "" {
		return "bao-cao-nam-" + p.Year
	}
	return "bao-cao-" + p.From + "-den-" + p.To
}

// periodJSON serves GET /api/reports/yearly?year= and /api/reports/range.
func (s *Server) periodJSON(kind periodKind) func(http.ResponseWriter, *http.Request, string) {
	return func(w http.ResponseWriter, r *http.Request, _ string) {
		if p, ok := s.period(w, r, kind); ok {
			writeJSON(w, http.StatusOK, p)
		}
	}
}

// periodXLSX serves GET /reports/yearly.xlsx?year= and /reports/range.xlsx.
func (s *Server) periodXLSX(kind periodKind) func(http.ResponseWriter, *http.Request, string) {
	return func(w http.ResponseWriter, r *http.Request, _ string) {
		p, ok := s.period(w, r, kind)
		if !ok {
			return
		}
		var buf bytes.Buffer
		if err := report.WritePeriodXLSX(&buf, p, s.hall.Settings().Name); err != nil {
			s.log.Error("period xlsx", "err", err)
			writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi xuất báo cáo")
			return
		}
		download(w, periodFile(p)+".xlsx", xlsxType, buf.Bytes())
	}
}

// periodCSV serves GET /reports/yearly.csv?year= and /reports/range.csv,
// with ?sep=semicolon as the other csv files.
func (s *Server) periodCSV(kind periodKind) func(http.ResponseWriter, *http.Request, string) {
	return func(w http.ResponseWriter, r *http.Request, _ string) {
		p, ok := s.period(w, r, kind)
		if !ok {
			return
		}
		var buf bytes.Buffer
		if err := report.WritePeriodCSV(&buf, p, csvStyle(r)); err != nil {
			s.log.Error("period csv", "err", err)
			writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi xuất báo cáo")
			return
		}
		download(w, periodFile(p)+".csv", "text/csv; charset=utf-8", buf.Bytes())
	}
}

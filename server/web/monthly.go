package web

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"hallq/server/report"
	"hallq/shared/queue"
)

// reportMonth reads ?month=YYYY-MM (or 11/2026, as typed in the page's
// month field), defaulting to this month.
func (s *Server) reportMonth(r *http.Request) (string, bool) {
	m := r.URL.Query().Get("month")
	if m == "" {
		return s.today()[:len(monthLayout)], true
	}
	return parseMonth(m)
}

// monthReport sums the daily reports of month, computing every day from
// the first of the month to its last or to today, whichever comes first.
// Days without a ticket or a rating are left out.
func (s *Server) monthReport(month string) (report.Month, error) {
	first, err := time.Parse(monthLayout, month)
	if err != nil {
		return report.Month{}, fmt.Errorf("web: month %q: %w", month, err)
	}
	last := first.AddDate(0, 1, -1)
	reports, err := s.dayReports(first.Format(queue.DayLayout), last.Format(queue.DayLayout))
	if err != nil {
		return report.Month{}, err
	}
	return report.Monthly(month, reports), nil
}

// dayReports returns the reports of the days from from to to (YYYY-MM-DD,
// both included) that are not after today and have a ticket or a rating:
// past days from their stored rollups, today live (hall.DayReports).
func (s *Server) dayReports(from, to string) ([]report.Report, error) {
	return s.hall.DayReports(from, to)
}

// monthly answers a bad month or a failure itself and returns false.
func (s *Server) monthly(w http.ResponseWriter, r *http.Request) (report.Month, bool) {
	month, ok := s.reportMonth(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "bad_request", "Tháng không hợp lệ, dùng dạng YYYY-MM")
		return report.Month{}, false
	}
	m, err := s.monthReport(month)
	if err != nil {
		s.log.Error("monthly report", "month", month, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi lập báo cáo")
		return report.Month{}, false
	}
	return m, true
}

func (s *Server) monthlyJSON(w http.ResponseWriter, r *http.Request, _ string) {
	if m, ok := s.monthly(w, r); ok {
		writeJSON(w, http.StatusOK, m)
	}
}

func (s *Server) monthlyXLSX(w http.ResponseWriter, r *http.Request, _ string) {
	m, ok := s.monthly(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := report.WriteMonthlyXLSX(&buf, m, s.hall.Settings().Name); err != nil {
		s.log.Error("monthly xlsx", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi xuất báo cáo")
		return
	}
	download(w, "bao-cao-thang-"+m.Month+".xlsx", xlsxType, buf.Bytes())
}

// monthlyCSV serves GET /reports/monthly.csv?month=YYYY-MM.
func (s *Server) monthlyCSV(w http.ResponseWriter, r *http.Request, _ string) {
	m, ok := s.monthly(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := report.WriteMonthlyCSV(&buf, m, csvStyle(r)); err != nil {
		s.log.Error("monthly csv", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi xuất báo cáo")
		return
	}
	download(w, "bao-cao-thang-"+m.Month+".csv", "text/csv; charset=utf-8", buf.Bytes())
}

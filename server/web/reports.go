package web

import (
	"bytes"
	"net/http"

	"hallq/server/report"
	"hallq/shared/queue"
)

// reportDate reads ?date=YYYY-MM-DD (or 28/11/2026, as typed in the
// page's date field), defaulting to today.
func (s *Server) reportDate(r *http.Request) (string, bool) {
	d := r.URL.Query().Get("date")
	if d == "" {
		return s.today(), true
	}
	return parseDay(d)
}

// today returns the hall's day now.
func (s *Server) today() string {
	return queue.DayOf(s.hall.Now(), s.hall.Settings().Location)
}

// dayReport computes the report of day, names included.
func (s *Server) dayReport(day string) (report.Report, error) {
	return s.hall.Report(day)
}

func (s *Server) dailyJSON(w http.ResponseWriter, r *http.Request, _ string) {
	rep, ok := s.dailyReport(w, r)
	if ok {
		writeJSON(w, http.StatusOK, rep)
	}
}

// dailyReport answers a bad date or a failure itself and returns false.
func (s *Server) dailyReport(w http.ResponseWriter, r *http.Request) (report.Report, bool) {
	day, ok := s.reportDate(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "bad_request", "Ngày không hợp lệ, dùng dạng YYYY-MM-DD")
		return report.Report{}, false
	}
	rep, err := s.dayReport(day)
	if err != nil {
		s.log.Error("report", "day", day, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi lập báo cáo")
		return report.Report{}, false
	}
	return rep, true
}

func (s *Server) dailyXLSX(w http.ResponseWriter, r *http.Request, _ string) {
	rep, ok := s.dailyReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := report.WriteDailyXLSX(&buf, rep, s.hall.Settings().Name); err != nil {
		s.log.Error("xlsx", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi xuất báo cáo")
		return
	}
	download(w, "bao-cao-"+rep.Date+".xlsx", xlsxType, buf.Bytes())
}

func (s *Server) dailyCSV(w http.ResponseWriter, r *http.Request, _ string) {
	rep, ok := s.dailyReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := report.WriteDailyCSV(&buf, rep, csvStyle(r)); err != nil {
		s.log.Error("csv", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi xuất báo cáo")
		return
	}
	download(w, "bao-cao-"+rep.Date+".csv", "text/csv; charset=utf-8", buf.Bytes())
}

// csvStyle reads ?sep=semicolon: fields separated by ";" and decimal
// commas, for Excel set to the Vietnamese locale.
func csvStyle(r *http.Request) report.CSVStyle {
	if r.URL.Query().Get("sep") == "semicolon" {
		return report.CSVSemicolon
	}
	return report.CSVComma
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func download(w http.ResponseWriter, name, ctype string, data []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"hallq/server/report"
	"hallq/shared/queue"
)

// periodView is the data of the year page and the range page.
type periodView struct {
	P      report.Period
	IsYear bool
	// Prev and Next are the neighbouring years (Next only up to this year).
	Prev, Next int
	Levels     []levelLine
	Rated      int
	// ChartIndex and ChartIssued are drawn by month.
	ChartIndex, ChartIssued template.HTML
	Downloads               downloads
}

// yearPage serves GET /reports/year?year=2026.
func (s *Server) yearPage(w http.ResponseWriter, r *http.Request, user string) {
	s.periodPage(w, r, user, kindYear)
}

// rangePage serves GET /reports/range?from=dd/mm/yyyy&to=dd/mm/yyyy.
func (s *Server) rangePage(w http.ResponseWriter, r *http.Request, user string) {
	s.periodPage(w, r, user, kindRange)
}

func (s *Server) periodPage(w http.ResponseWriter, r *http.Request, user string, kind periodKind) {
	p, msg, err := s.periodReport(r, kind)
	switch {
	case msg != "":
		s.errorPage(w, r, user, http.StatusBadRequest, msg)
		return
	case err != nil:
		s.log.Error("period page", "query", r.URL.RawQuery, "err", err)
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống khi lập báo cáo.")
		return
	}
	v := buildPeriodView(p, s.today())
	s.render(w, http.StatusOK, "period", s.view(r, user, "year", report.PeriodTitle(p), v))
}

func buildPeriodView(p report.Period, today string) periodView {
	v := periodView{P: p, IsYear: p.Year != "", Rated: p.Ratings.Total(),
		Downloads: downloadLinks("range", url.Values{"from": {p.From}, "to": {p.To}})}
	if v.IsYear {
		v.Downloads = downloadLinks("yearly", url.Values{"year": {p.Year}})
	}
	if v.IsYear {
		y, _ := strconv.Atoi(p.Year)
		v.Prev = y - 1
		if next := strconv.Itoa(y + 1); next <= today[:4] {
			v.Next = y + 1
		}
	}
	for level := 5; level >= 1; level-- {
		n := p.Ratings.Count(level)
		v.Levels = append(v.Levels, levelLine{Level: level, Label: queue.RatingLabels[level], Count: n, Share: share(n, v.Rated)})
	}
	var index, issued []bar
	for _, m := range p.Months {
		label := inputMonth(m.Month)
		if v.IsYear {
			label = "T" + strconv.Itoa(int(m.Month[5]-'0')*10+int(m.Month[6]-'0'))
		}
		ib := indexBar(label, m.SatisfactionIndex)
		ib.Text = "—"
		if m.SatisfactionIndex != nil {
			ib.Text = decimalComma(*m.SatisfactionIndex)
		}
		index = append(index, ib)
		issued = append(issued, bar{Label: label, Value: float64(m.Issued), Text: displayCount(m.Issued)})
	}
	v.ChartIndex = vbarChart("Chỉ số hài lòng theo tháng (%)", index, 100)
	v.ChartIssued = vbarChart("Số phiếu đã cấp theo tháng", issued, 0)
	return v
}

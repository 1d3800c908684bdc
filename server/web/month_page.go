package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"hallq/server/report"
	"hallq/shared/queue"
)

// monthView is the month page's data.
type monthView struct {
	M          report.Month
	Downloads  downloads
	Prev, Next string
	// Year, From and To lead to the year page and the range page.
	Year, From, To        string
	Levels                []levelLine
	Rated                 int
	ChartIndex, ChartDays template.HTML
}

// monthPage serves GET /reports/month?month=: the month's days.
func (s *Server) monthPage(w http.ResponseWriter, r *http.Request, user string) {
	month, ok := s.reportMonth(r)
	if !ok {
		s.errorPage(w, r, user, http.StatusBadRequest, "Tháng không hợp lệ, dùng dạng YYYY-MM.")
		return
	}
	m, err := s.monthReport(month)
	if err != nil {
		s.log.Error("month page", "month", month, "err", err)
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống khi lập báo cáo.")
		return
	}
	v := buildMonthView(m, s.today())
	s.render(w, http.StatusOK, "month", s.view(r, user, "month", "Báo cáo "+displayMonth(month), v))
}

func buildMonthView(m report.Month, today string) monthView {
	t, _ := time.Parse(monthLayout, m.Month)
	v := monthView{M: m, Downloads: downloadLinks("monthly", url.Values{"month": {m.Month}}), Prev: t.AddDate(0, -1, 0).Format(monthLayout), Rated: m.Ratings.Total()}
	v.Year, v.From, v.To = m.Month[:4], t.Format(queue.DayLayout), t.AddDate(0, 1, -1).Format(queue.DayLayout)
	if next := t.AddDate(0, 1, 0).Format(monthLayout); next <= today[:len(monthLayout)] {
		v.Next = next
	}
	for level := 5; level >= 1; level-- {
		n := m.Ratings.Count(level)
		v.Levels = append(v.Levels, levelLine{Level: level, Label: queue.RatingLabels[level], Count: n, Share: share(n, v.Rated)})
	}
	var index, days []bar
	for _, d := range m.Days {
		label := d.Date[len(d.Date)-2:]
		ib := indexBar(label, d.SatisfactionIndex)
		if d.SatisfactionIndex != nil {
			ib.Text = decimalComma(*d.SatisfactionIndex)
		} else {
			ib.Text = "—"
		}
		index = append(index, ib)
		days = append(days, bar{Label: label, Value: float64(d.Issued), Text: displayCount(d.Issued)})
	}
	v.ChartIndex = vbarChart("Chỉ số hài lòng theo ngày (%)", index, 100)
	v.ChartDays = vbarChart("Số phiếu đã cấp theo ngày", days, 0)
	return v
}

package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"hallq/server/report"
	"hallq/shared/queue"
)

// reportView is the daily report page's data.
type reportView struct {
	R                                          report.Report
	Downloads                                  downloads
	Prev, Next                                 string // the neighbouring days
	IsToday                                    bool
	Levels                                     []levelLine
	Rated                                      int
	Clerks                                     map[string]string // username → name, for the low ratings
	Services                                   map[string]string // id → name
	ChartLevels, ChartCounters, ChartClerks    template.HTML
	ChartWaits, ChartIssued, ChartServiceWaits template.HTML
}

// levelLine is one rating level in the levels table.
type levelLine struct {
	Level int
	Label string
	Count int
	Share *float64
}

// reportPage serves GET /reports?date=: the day's report.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, user string) {
	day, ok := s.reportDate(r)
	if !ok {
		s.errorPage(w, r, user, http.StatusBadRequest, "Ngày không hợp lệ, dùng dạng YYYY-MM-DD.")
		return
	}
	rep, err := s.dayReport(day)
	if err != nil {
		s.log.Error("report page", "day", day, "err", err)
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống khi lập báo cáo.")
		return
	}
	v := buildReportView(rep, s.hall.Settings(), s.today())
	s.render(w, http.StatusOK, "report", s.view(r, user, "report", "Báo cáo ngày "+displayDate(day), v))
}

func buildReportView(rep report.Report, set *queue.Settings, today string) reportView {
	t, _ := time.Parse(queue.DayLayout, rep.Date)
	v := reportView{
		R: rep, Downloads: downloadLinks("daily", url.Values{"date": {rep.Date}}), Prev: t.AddDate(0, 0, -1).Format(queue.DayLayout), IsToday: rep.Date == today,
		Rated: rep.Ratings.Total(), Clerks: map[string]string{}, Services: map[string]string{},
	}
	if next := t.AddDate(0, 0, 1).Format(queue.DayLayout); next <= today {
		v.Next = next
	}
	for _, c := range set.Clerks {
		v.Clerks[c.Username] = c.Name
	}
	for _, sv := range set.Services {
		v.Services[sv.ID] = sv.Name
	}
	var levelBars []bar
	for level := 5; level >= 1; level-- {
		n := rep.Ratings.Count(level)
		v.Levels = append(v.Levels, levelLine{Level: level, Label: queue.RatingLabels[level], Count: n, Share: share(n, v.Rated)})
		levelBars = append(levelBars, bar{Label: queue.RatingLabels[level], Value: float64(n), Text: displayCount(n), Color: levelColors[level]})
	}
	v.ChartLevels = hbarChart("Đánh giá theo mức", levelBars, 0)

	var counterBars, clerkBars []bar
	for _, c := range rep.ByCounter {
		counterBars = append(counterBars, indexBar(nameOr(c.Name, "Quầy "+itoa(c.ID)), c.SatisfactionIndex))
	}
	for _, c := range rep.ByClerk {
		clerkBars = append(clerkBars, indexBar(nameOr(c.Name, c.Username), c.SatisfactionIndex))
	}
	v.ChartCounters = hbarChart("Chỉ số hài lòng theo quầy (%)", counterBars, 100)
	v.ChartClerks = hbarChart("Chỉ số hài lòng theo công chức (%)", clerkBars, 100)

	var waitBars, issuedBars []bar
	for _, h := range rep.Hourly {
		label := itoa(h.Hour) + "h"
		wb := bar{Label: label, Text: "—"}
		if h.MeanWaitS != nil {
			wb.Value = float64(*h.MeanWaitS) / 60
			wb.Text = itoa((*h.MeanWaitS+30)/60) + "′"
		}
		waitBars = append(waitBars, wb)
		issuedBars = append(issuedBars, bar{Label: label, Value: float64(h.Issued), Text: displayCount(h.Issued)})
	}
	var serviceBars []bar
	for _, sv := range rep.ByService {
		sb := bar{Label: nameOr(sv.Name, sv.ID), Text: "chưa gọi"}
		if sv.WaitS.Mean != nil {
			sb.Value, sb.Text = float64(*sv.WaitS.Mean)/60, itoa((*sv.WaitS.Mean+30)/60)+" phút"
		}
		serviceBars = append(serviceBars, sb)
	}
	// The wait charts are scaled from the wait alert (twice it, or the
	// longest wait if longer), not from their own longest bar, and mark it.
	alert := reference{Value: set.WaitAlert.Minutes(), Label: "Ngưỡng cảnh báo " + itoa(int(set.WaitAlert.Minutes())) + " phút"}
	v.ChartServiceWaits = hbarChartRef("Thời gian chờ trung bình theo lĩnh vực (phút)", serviceBars, refScale(serviceBars, alert.Value), alert)
	v.ChartWaits = vbarChartRef("Thời gian chờ trung bình theo giờ lấy số (phút)", waitBars, refScale(waitBars, alert.Value), alert)
	v.ChartIssued = vbarChart("Số phiếu đã cấp theo giờ", issuedBars, 0)
	return v
}

// indexBar is a satisfaction index bar; no rating draws no bar.
func indexBar(label string, index *float64) bar {
	b := bar{Label: label, Text: "chưa có đánh giá", Color: colorBlue}
	if index != nil {
		b.Value, b.Text = *index, decimalComma(*index)+" %"
		if *index < 80 {
			b.Color = levelColors[2]
		}
	}
	return b
}

func nameOr(name, fallback string) string {
	if name == "" {
		return fallback
	}
	return name
}

// share returns part/whole in percent, rounded half up to two decimals as
// the report rounds, or nil when whole is 0.
func share(part, whole int) *float64 {
	if whole <= 0 {
		return nil
	}
	h := (20000*int64(part) + int64(whole)) / (2 * int64(whole))
	v := float64(h) / 100
	return &v
}

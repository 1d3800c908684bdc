package province

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"hallq/server/province/pgstore"
	"hallq/server/report"
)

// Ranking is every hall ranked by satisfaction index over a period, and
// the province's total.
type Ranking struct {
	Period   Period `json:"period"`
	Halls    []Row  `json:"halls"`
	Province Row    `json:"province"`
	// SilentLinks counts the halls whose link is silent now.
	SilentLinks int `json:"silent_links"`
}

// ranking computes the ranking of period p from the day rollups.
func (s *Service) ranking(ctx context.Context, p Period) (Ranking, error) {
	now := s.Now()
	halls, err := s.store.Ranking(ctx, p.From, p.To, now.In(ict).Format("2006-01-02"))
	if err != nil {
		return Ranking{}, err
	}
	out := Ranking{Period: p, Halls: make([]Row, 0, len(halls))}
	var total pgstore.Figures
	var fb Feedback
	for _, h := range halls {
		r := rowOf(h.Figures)
		r.HallID, r.Name, r.LastDay = h.Hall.ID, h.Hall.Name, h.LastDay
		if r.LastDay == "" {
			r.LastDay = p.To
		}
		r.Feedback = &Feedback{Received: h.Feedback.Received, Handled: h.Feedback.Handled,
			HandledLate: h.Feedback.HandledLate, Overdue: h.Feedback.Overdue, DeadlineDays: h.Hall.DeadlineDays}
		link := &Link{Silent: silent(h.Hall, now), Version: h.Hall.Version}
		if !h.Hall.LastBatchAt.IsZero() {
			at := h.Hall.LastBatchAt.In(ict)
			link.LastBatchAt = &at
		}
		r.Link = link
		if link.Silent {
			out.SilentLinks++
		}
		out.Halls = append(out.Halls, r)
		plus(&total, h.Figures)
		fb.Received += h.Feedback.Received
		fb.Handled += h.Feedback.Handled
		fb.HandledLate += h.Feedback.HandledLate
		fb.Overdue += h.Feedback.Overdue
	}
	rank(out.Halls)
	out.Province = rowOf(total)
	out.Province.Name = "Toàn tỉnh"
	out.Province.Feedback = &fb
	return out, nil
}

// ServiceComparison compares each service across the halls offering it.
type ServiceComparison struct {
	Period   Period         `json:"period"`
	Services []ServiceBlock `json:"services"`
}

// ServiceBlock is one service (by its letter) in every hall, ranked.
type ServiceBlock struct {
	Service string `json:"service"`
	Halls   []Row  `json:"halls"`
	Total   Row    `json:"total"`
}

func (s *Service) services(ctx context.Context, p Period) (ServiceComparison, error) {
	rows, err := s.store.Services(ctx, p.From, p.To)
	if err != nil {
		return ServiceComparison{}, err
	}
	halls, err := s.store.Halls(ctx)
	if err != nil {
		return ServiceComparison{}, err
	}
	names := map[string]string{}
	for _, h := range halls {
		names[h.ID] = h.Name
	}
	out := ServiceComparison{Period: p, Services: []ServiceBlock{}}
	var total pgstore.Figures
	for i, sf := range rows {
		if i == 0 || rows[i-1].Service != sf.Service {
			out.Services = append(out.Services, ServiceBlock{Service: sf.Service})
			total = pgstore.Figures{}
		}
		b := &out.Services[len(out.Services)-1]
		r := rowOf(sf.Figures)
		r.HallID, r.Name = sf.HallID, names[sf.HallID]
		b.Halls = append(b.Halls, r)
		plus(&total, sf.Figures)
		b.Total = rowOf(total)
	}
	for i := range out.Services {
		rank(out.Services[i].Halls)
	}
	return out, nil
}

// DayView is one hall's day.
type DayView struct {
	HallID   string         `json:"hall_id"`
	Name     string         `json:"name"`
	Date     string         `json:"date"`
	Seq      uint64         `json:"seq"`
	Figures  Row            `json:"figures"`
	Services []Row          `json:"by_service"`
	Tickets  []TicketView   `json:"tickets"`
	Report   map[string]any `json:"report"`
	// Check compares the province's figures with the closing report the
	// hall shipped (nil until it has).
	Check *ReportCheck `json:"report_check"`
}

// ReportCheck lists the figures where the province's count differs from
// the hall's closing report.
type ReportCheck struct {
	Matches bool     `json:"matches"`
	Differ  []string `json:"differ"`
}

// checkReport compares a day's figures with the hall's report.
func checkReport(f Row, raw []byte) *ReportCheck {
	var r report.Report
	if err := json.Unmarshal(raw, &r); err != nil {
		return &ReportCheck{Differ: []string{"báo cáo không đọc được (unreadable report)"}}
	}
	c := &ReportCheck{Differ: []string{}}
	pairs := []struct {
		name      string
		got, want int
	}{
		{"phiếu đã cấp", f.Issued, r.Issued}, {"đã gọi", f.Called, r.Called}, {"đã giải quyết", f.Finished, r.Finished},
		{"vắng mặt", f.NoShow, r.NoShow}, {"hết hạn", f.Expired, r.Expired}, {"lượt đánh giá", f.Rated, r.Ratings.Total()},
	}
	for level := 1; level <= 5; level++ {
		pairs = append(pairs, struct {
			name      string
			got, want int
		}{fmt.Sprintf("đánh giá mức %d", level), f.Ratings.Count(level), r.Ratings.Count(level)})
	}
	for _, p := range pairs {
		if p.got != p.want {
			c.Differ = append(c.Differ, fmt.Sprintf("%s: tỉnh %d, sảnh %d", p.name, p.got, p.want))
		}
	}
	c.Matches = len(c.Differ) == 0
	return c
}

// TicketView is a ticket on a hall's day.
type TicketView struct {
	ID        string   `json:"id"`
	Number    string   `json:"number"`
	Service   string   `json:"service"`
	State     string   `json:"state"`
	Counter   int      `json:"counter,omitempty"`
	Clerk     string   `json:"clerk,omitempty"`
	FileCodes []string `json:"file_codes"`
	WaitS     *int     `json:"wait_s"`
	ServiceS  *int     `json:"service_s"`
	Rating    int      `json:"rating,omitempty"`
	IssuedAt  string   `json:"issued_at"`
}

func (s *Service) day(ctx context.Context, h pgstore.Hall, date string) (DayView, error) {
	d, err := s.store.Day(ctx, h.ID, date)
	if err != nil {
		return DayView{}, err
	}
	v := DayView{HallID: h.ID, Name: h.Name, Date: date, Seq: d.Seq, Figures: rowOf(d.Figures),
		Services: []Row{}, Tickets: []TicketView{}}
	for _, sf := range d.Services {
		r := rowOf(sf.Figures)
		r.Name = sf.Service
		v.Services = append(v.Services, r)
	}
	for _, t := range d.Tickets {
		tv := TicketView{ID: t.ID, Number: t.Number, Service: t.Service, State: t.State, Counter: t.Counter,
			Clerk: t.Clerk, FileCodes: slices.Clip(t.FileCodes), Rating: t.Rating}
		if tv.FileCodes == nil {
			tv.FileCodes = []string{}
		}
		if t.WaitMs != nil {
			tv.WaitS = meanSeconds(*t.WaitMs, 1)
		}
		if t.ServiceMs != nil {
			tv.ServiceS = meanSeconds(*t.ServiceMs, 1)
		}
		if !t.IssuedAt.IsZero() {
			tv.IssuedAt = t.IssuedAt.In(ict).Format("15:04:05")
		}
		v.Tickets = append(v.Tickets, tv)
	}
	if d.Report != nil {
		v.Report = map[string]any{}
		_ = json.Unmarshal(d.Report, &v.Report)
		v.Check = checkReport(v.Figures, d.Report)
	}
	return v, nil
}

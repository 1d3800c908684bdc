package web

import (
	"net/http"
	"sync"
	"time"

	"hallq/server/report"
	"hallq/shared/queue"
)

// The public page /cong-khai (no sign-in) publishes what Decree
// 118/2025/NĐ-CP Art. 9.8 and 34 ask a one-stop hall to make public: its
// hours, services and procedures, who is at each counter today, and last
// month's satisfaction results by service and by official. It never shows a
// citizen's comment, token or phone number. /cong-khai.json is the same
// for the hall display's results page and other programs.

// publicView is the public page's data.
type publicView struct {
	Hall     string    `json:"hall"`
	Open     string    `json:"open"`
	Close    string    `json:"close"`
	Services []pubSvc  `json:"services"`
	Counters []pubDesk `json:"counters"`
	// Month is last month (mm/yyyy); ByService and ByClerk its results
	// (ByClerk nil when an admin hid it).
	Month     string         `json:"month"`
	Index     *float64       `json:"satisfaction_index"`
	Ratings   int            `json:"ratings"`
	ByService []pubResult    `json:"by_service"`
	ByClerk   []pubResult    `json:"by_clerk,omitempty"`
	Clerks    bool           `json:"-"` // the per-clerk part is shown
	Contact   string         `json:"feedback_contact"`
	Levels    map[int]string `json:"-"`
}

// pubSvc is a service as the public sees it.
type pubSvc struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Procedures  []string `json:"procedures,omitempty"`
	// Appointments is true when the service takes bookings on /hen.
	Appointments bool `json:"appointments,omitempty"`
}

// pubDesk is a counter and the official at it now.
type pubDesk struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Services string `json:"services"`
	Clerk    string `json:"clerk,omitempty"`
	Title    string `json:"title,omitempty"`
	Phone    string `json:"phone,omitempty"`
}

// pubResult is one service's or official's month: index and ratings.
type pubResult struct {
	Name    string   `json:"name"`
	Title   string   `json:"title,omitempty"`
	Index   *float64 `json:"satisfaction_index"`
	Ratings int      `json:"ratings"`
}

// monthCache keeps the public month's report: a past month no longer
// changes but costs a month of days to compute.
type monthCache struct {
	mu    sync.Mutex
	month string
	at    time.Time
	m     report.Month
}

// publicMonth returns month's report, computed at most once an hour.
func (s *Server) publicMonth(month string) (report.Month, error) {
	c := &s.pubMonth
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.month == month && time.Since(c.at) < time.Hour {
		return c.m, nil
	}
	m, err := s.monthReport(month)
	if err != nil {
		return report.Month{}, err
	}
	c.month, c.at, c.m = month, time.Now(), m
	return m, nil
}

// publicData builds the public page's data.
func (s *Server) publicData() (publicView, error) {
	cfg := s.hall.Config()
	set := s.hall.Settings()
	st := s.hall.State()
	v := publicView{
		Hall: set.Name, Open: queue.FormatClock(set.Open), Close: queue.FormatClock(set.Close),
		Contact: set.FeedbackContact, Clerks: !cfg.Hall.HideClerkResults, Levels: queue.RatingLabels,
		Services: []pubSvc{}, Counters: []pubDesk{}, ByService: []pubResult{},
	}
	names := map[string]string{}
	for _, sv := range cfg.Services {
		names[sv.ID] = sv.Name
		if !sv.Retired {
			v.Services = append(v.Services, pubSvc{ID: sv.ID, Name: sv.Name, Description: sv.Description, Procedures: sv.Procedures,
				Appointments: sv.Appointments})
		}
	}
	clerks := map[string]int{}
	for i, cl := range cfg.Clerks {
		clerks[cl.Username] = i
	}
	for _, c := range st.Counters {
		d := pubDesk{ID: c.ID, Name: c.Name}
		for i, id := range c.Services {
			if i > 0 {
				d.Services += ", "
			}
			d.Services += names[id]
		}
		if i, ok := clerks[string(c.Clerk)]; ok && c.Clerk != "" {
			cl := cfg.Clerks[i]
			d.Clerk, d.Title, d.Phone = cl.Name, cl.Title, cl.Phone
		}
		v.Counters = append(v.Counters, d)
	}
	first, _ := time.Parse(monthLayout, s.today()[:len(monthLayout)])
	last := first.AddDate(0, -1, 0)
	month := last.Format(monthLayout)
	v.Month = last.Format("01/2006")
	m, err := s.publicMonth(month)
	if err != nil {
		return v, err
	}
	v.Index, v.Ratings = m.SatisfactionIndex, m.Ratings.Total()
	for _, r := range m.ByService {
		v.ByService = append(v.ByService, pubResult{Name: nameOr(r.Name, r.ID), Index: r.SatisfactionIndex, Ratings: r.Ratings.Total()})
	}
	if v.Clerks {
		v.ByClerk = []pubResult{}
		for _, r := range m.ByClerk {
			res := pubResult{Name: r.Name, Index: r.SatisfactionIndex, Ratings: r.Ratings.Total()}
			if i, ok := clerks[r.Username]; ok {
				res.Name, res.Title = cfg.Clerks[i].Name, cfg.Clerks[i].Title
			}
			if res.Name == "" {
				continue // an account no longer configured: no name to publish
			}
			v.ByClerk = append(v.ByClerk, res)
		}
	}
	return v, nil
}

// publicPage serves GET /cong-khai.
func (s *Server) publicPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.publicData()
	if err != nil {
		s.log.Error("public page", "err", err)
		s.errorPage(w, r, "", http.StatusInternalServerError, "Lỗi hệ thống khi lập trang công khai.")
		return
	}
	s.render(w, http.StatusOK, "public", view{Title: "Công khai thông tin", Nav: "public", Hall: v.Hall, Data: v})
}

// publicJSON serves GET /cong-khai.json.
func (s *Server) publicJSON(w http.ResponseWriter, r *http.Request) {
	v, err := s.publicData()
	if err != nil {
		s.log.Error("public json", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống")
		return
	}
	writeJSON(w, http.StatusOK, v)
}

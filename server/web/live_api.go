package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"hallq/server/store"
	"hallq/shared/queue"
)

// lowAlertWindow is how far back the live page shows low ratings.
const lowAlertWindow = time.Hour

// lowAlertComment is how much of a citizen's comment an alert line shows;
// the feedback page has it whole.
const lowAlertComment = 120

// liveExtras is what the live hall polls besides the websocket (GET
// /api/live): the feedback still to answer and the low ratings of the last
// hour, which the events do not carry in full.
type liveExtras struct {
	// FeedbackNew counts the items nobody has opened; FeedbackOpen those
	// not handled yet (new and in progress).
	FeedbackNew  int `json:"feedback_new"`
	FeedbackOpen int `json:"feedback_open"`
	// LowRatings are the ratings of levels 1 and 2 of the last hour,
	// newest first.
	LowRatings []lowAlert `json:"low_ratings"`
	// ProvinceLink is the warning shown when the link to the province
	// service has been down for 10 minutes; absent otherwise.
	ProvinceLink string `json:"province_link,omitempty"`
}

// lowAlert is one low rating, with the names and the line the page shows.
type lowAlert struct {
	TicketID    string      `json:"ticket_id"`
	Number      string      `json:"number"`
	Rating      int         `json:"rating"`
	Label       string      `json:"label"`
	Reasons     []string    `json:"reasons"` // labels, in Vietnamese
	Comment     string      `json:"comment"`
	Counter     int         `json:"counter"`
	CounterName string      `json:"counter_name"`
	Clerk       string      `json:"clerk"`
	ClerkName   string      `json:"clerk_name"`
	At          queue.Stamp `json:"at"`
	Line        string      `json:"line"`
}

// liveJSON serves GET /api/live.
func (s *Server) liveJSON(w http.ResponseWriter, r *http.Request, _ string) {
	l, err := s.liveExtras()
	if err != nil {
		s.log.Error("live extras", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Lỗi hệ thống khi đọc số liệu trực tiếp")
		return
	}
	writeJSON(w, http.StatusOK, l)
}

// liveExtras counts the open feedback and finds today's low ratings of the
// last hour.
func (s *Server) liveExtras() (liveExtras, error) {
	l := liveExtras{LowRatings: []lowAlert{}}
	if s.provinceLink != nil {
		l.ProvinceLink = s.provinceLink()
	}
	items, _, err := s.hall.FeedbackPage(store.FeedbackFilter{}, 0)
	if err != nil {
		return l, err
	}
	for _, fb := range items {
		switch fb.Status {
		case queue.FeedbackNew:
			l.FeedbackNew++
			l.FeedbackOpen++
		case queue.FeedbackHandled:
		default:
			l.FeedbackOpen++
		}
	}
	now := s.hall.Now()
	rep, err := s.dayReport(queue.DayOf(now, s.hall.Settings().Location))
	if err != nil {
		return l, err
	}
	set := s.hall.Settings()
	for _, r := range rep.LowRatings {
		if r.Rating > 2 || now.Sub(r.At.Time) > lowAlertWindow {
			continue
		}
		l.LowRatings = append(l.LowRatings, newLowAlert(r, set))
	}
	return l, nil
}

// newLowAlert names r's counter and clerk and writes its line:
// "Đánh giá thấp: A002 · Rất không hài lòng · Quầy 1 · Nguyễn Diệu Hằng · 09:15 · Lý do:
// thời gian chờ · “Chờ lâu”".
func newLowAlert(r queue.Rating, set *queue.Settings) lowAlert {
	a := lowAlert{TicketID: r.TicketID, Number: r.Number, Rating: r.Rating, Label: queue.RatingLabels[r.Rating],
		Reasons: queue.ReasonLabels(r.Reasons), Comment: r.Comment, Counter: r.Counter, Clerk: r.Clerk, At: r.At}
	for _, c := range set.Counters {
		if c.ID == r.Counter {
			a.CounterName = c.Name
		}
	}
	if a.CounterName == "" && r.Counter != 0 {
		a.CounterName = "Quầy " + strconv.Itoa(r.Counter)
	}
	a.ClerkName = r.Clerk
	if c, ok := set.Clerk(r.Clerk); ok && c.Name != "" {
		a.ClerkName = c.Name
	}
	parts := []string{a.Number, a.Label}
	for _, p := range []string{a.CounterName, a.ClerkName, displayClock(r.At)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(a.Reasons) > 0 {
		parts = append(parts, "Lý do: "+strings.Join(a.Reasons, "; "))
	}
	if c := strings.TrimSpace(r.Comment); c != "" {
		parts = append(parts, "“"+shorten(c, lowAlertComment)+"”")
	}
	a.Line = "Đánh giá thấp: " + strings.Join(parts, " · ")
	return a
}

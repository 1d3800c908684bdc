package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hallq/server/store"
	"hallq/shared/queue"
)

// feedbackLimit is how many items the inbox shows at once; narrower
// filters show older ones.
const feedbackLimit = 200

// feedbackView is the inbox's data.
type feedbackView struct {
	Filter  store.FeedbackFilter
	Query   string // the filter as a query string, for the forms to come back to
	Items   []feedbackItem
	More    bool
	Saved   int64
	Problem string
	Limit   int
}

// feedbackItem is one item with the names the page shows.
type feedbackItem struct {
	queue.Feedback
	Number      string // the rated ticket's number, for low ratings
	ClerkName   string
	HandlerName string
}

// feedbackFilter reads ?status=&from=&to=; invalid values are dropped and
// reported.
func feedbackFilter(q url.Values) (store.FeedbackFilter, string) {
	var f store.FeedbackFilter
	var problem string
	if st := q.Get("status"); st != "" {
		if statusLabel(st) == st {
			problem = "Trạng thái không hợp lệ, đã bỏ qua."
		} else {
			f.Status = st
		}
	}
	for _, p := range []struct {
		key string
		to  *string
	}{{"from", &f.From}, {"to", &f.To}} {
		d := q.Get(p.key)
		if d == "" {
			continue
		}
		day, ok := parseDay(d)
		if !ok {
			problem = "Ngày không hợp lệ (cần dd/mm/yyyy), đã bỏ qua."
			continue
		}
		*p.to = day
	}
	return f, problem
}

func filterQuery(f store.FeedbackFilter) string {
	q := url.Values{}
	for k, v := range map[string]string{"status": f.Status, "from": f.From, "to": f.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// feedbackPage serves GET /feedback: every item, newest first, filtered.
func (s *Server) feedbackPage(w http.ResponseWriter, r *http.Request, user string) {
	f, problem := feedbackFilter(r.URL.Query())
	items, more, err := s.hall.FeedbackPage(f, feedbackLimit)
	if err != nil {
		s.log.Error("feedback page", "err", err)
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống khi đọc phản ánh, kiến nghị.")
		return
	}
	v := feedbackView{Filter: f, Query: filterQuery(f), More: more, Problem: problem, Limit: feedbackLimit}
	v.Saved, _ = strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64)
	set := s.hall.Settings()
	for _, fb := range items {
		it := feedbackItem{Feedback: fb, HandlerName: fb.HandledBy}
		if c, ok := set.Clerk(fb.Clerk); ok {
			it.ClerkName = c.Name
		}
		if sv, ok := s.hall.Supervisor(fb.HandledBy); ok && sv.Name != "" {
			it.HandlerName = sv.Name
		}
		if i := len(queue.DayLayout) + 1; len(fb.TicketID) > i {
			it.Number = fb.TicketID[i:]
		}
		v.Items = append(v.Items, it)
	}
	s.render(w, http.StatusOK, "feedback", s.view(r, user, "feedback", "Phản ánh, kiến nghị", v))
}

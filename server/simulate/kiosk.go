package simulate

import (
	"context"
	"math/rand/v2"
	"slices"
	"time"

	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// arrival is a citizen coming to a kiosk for a ticket.
type arrival struct {
	at       time.Time
	kiosk    int
	service  string
	priority bool
}

// planArrivals draws the day's arrivals: times from the profile's curve,
// a kiosk each, a service by the services' weights, priority by its share.
func (s *sim) planArrivals(rnd *rand.Rand) ([]arrival, error) {
	c, err := NewCurve(s.p.Arrivals)
	if err != nil {
		return nil, err
	}
	out := make([]arrival, 0, s.p.Tickets)
	for _, t := range c.Times(s.p.Tickets, rnd) {
		out = append(out, arrival{
			at:       s.midnight.Add(t),
			kiosk:    rnd.IntN(len(s.h.Kiosks)),
			service:  s.pickService(rnd, ""),
			priority: rnd.Float64() < s.p.Priority,
		})
	}
	return out, nil
}

// pickService draws a service by weight, other than not.
func (s *sim) pickService(rnd *rand.Rand, not string) string {
	total := 0.0
	for _, sv := range s.p.Services {
		if sv.ID != not {
			total += sv.Weight
		}
	}
	x := rnd.Float64() * total
	last := ""
	for _, sv := range s.p.Services {
		if sv.ID == not {
			continue
		}
		last = sv.ID
		if x < sv.Weight {
			return sv.ID
		}
		x -= sv.Weight
	}
	return last
}

// runKiosk issues the tickets of the arrivals at kiosk i, each at its
// time, keeping each ticket's token for the citizen's rating.
func (s *sim) runKiosk(ctx context.Context, i int, arrivals []arrival) {
	dev := s.h.Kiosks[i].ID
	c := s.kiosks[i]
	for _, a := range arrivals {
		if a.kiosk != i {
			continue
		}
		if !s.sleepUntil(ctx, a.at) {
			return
		}
		var r protocol.IssueReply
		res := s.do(ctx, c, dev, protocol.CmdIssueTicket, protocol.IssueTicket{Service: a.service, Priority: a.priority}, &r)
		if !res.ok {
			continue
		}
		s.tokens.Store(r.Ticket.ID, r.Ticket.Token)
		lag := r.Ticket.IssuedAt.Sub(a.at)
		s.st.add(func(st *stats) {
			st.issued++
			st.maxLag = max(st.maxLag, lag)
			if r.Ticket.Priority {
				st.priority++
			}
			st.hour(r.Ticket.IssuedAt.Time.In(s.loc)).issued++
			st.ticketsOut[r.Ticket.ID] = "waiting"
		})
	}
}

// feedbackMessages are what citizens write at the kiosk.
var feedbackMessages = []string{
	"Đề nghị bố trí thêm ghế chờ ở khu vực lĩnh vực đất đai.",
	"Màn hình gọi số ở cửa ra vào hơi nhỏ, người cao tuổi khó đọc.",
	"Cán bộ quầy hướng dẫn tận tình, xin cảm ơn.",
	"Đề nghị có thêm chỗ để xe cho người đến làm thủ tục.",
	"Máy lấy số nên có hướng dẫn bằng giọng nói.",
}

// runFeedback sends the day's free-text feedback from kiosks at random
// times of the arrival curve's span.
func (s *sim) runFeedback(ctx context.Context, rnd *rand.Rand) {
	c, _ := NewCurve(s.p.Arrivals)
	times := c.Times(s.p.Feedback, rnd)
	for _, t := range times {
		if !s.sleepUntil(ctx, s.midnight.Add(t)) {
			return
		}
		k := rnd.IntN(len(s.kiosks))
		msg := protocol.FeedbackMsg{Message: feedbackMessages[rnd.IntN(len(feedbackMessages))]}
		if rnd.IntN(2) == 0 {
			msg.Name, msg.Phone = "Công dân mô phỏng", "0900000000"
		}
		if s.do(ctx, s.kiosks[k], s.h.Kiosks[k].ID, protocol.CmdFeedback, msg, nil).ok {
			s.st.add(func(st *stats) { st.feedback++ })
		}
	}
}

// rating is a citizen's rating of a finished ticket, drawn when the
// ticket was finished.
type rating struct {
	ticket  string
	at      time.Time
	kiosk   int
	level   int
	reasons []string
	comment string
}

// reasonWeights weigh the reasons of a rating of 1 to 3.
var reasonWeights = []struct {
	id string
	w  float64
}{{"waiting", 35}, {"procedure", 25}, {"guidance", 20}, {"attitude", 10}, {"other", 8}, {"fee", 2}}

var lowComments = []string{"Chờ lâu quá.", "Hồ sơ phải bổ sung nhiều lần.", "Chưa được hướng dẫn rõ giấy tờ cần mang."}
var highComments = []string{"Cán bộ nhiệt tình.", "Nhanh, gọn.", "Cảm ơn cán bộ."}

// drawRating draws the rating of ticket, finished at finished: a level by
// the profile's weights, reasons and perhaps a comment for a low one, the
// kiosk the citizen walks to and when (1 to 8 minutes later, well within
// the 30-minute rating window).
func (s *sim) drawRating(rnd *rand.Rand, ticket string, finished time.Time) rating {
	r := rating{ticket: ticket, at: finished.Add(time.Minute + time.Duration(rnd.Int64N(int64(7*time.Minute)))),
		kiosk: rnd.IntN(len(s.kiosks)), level: 1}
	total := 0.0
	for _, w := range s.p.Ratings {
		total += w
	}
	x := rnd.Float64() * total
	for i, w := range s.p.Ratings {
		if x < w {
			r.level = i + 1
			break
		}
		x -= w
		r.level = i + 1
	}
	if r.level <= 3 {
		for n := 1 + rnd.IntN(2); len(r.reasons) < n; {
			y := rnd.Float64() * 100
			for _, rw := range reasonWeights {
				if y < rw.w {
					if !slices.Contains(r.reasons, rw.id) {
						r.reasons = append(r.reasons, rw.id)
					}
					break
				}
				y -= rw.w
			}
		}
		if rnd.Float64() < 0.4 {
			r.comment = lowComments[rnd.IntN(len(lowComments))]
		}
	} else if rnd.Float64() < 0.05 {
		r.comment = highComments[rnd.IntN(len(highComments))]
	}
	return r
}

// rate sends r at its time from its kiosk, with the ticket's token.
func (s *sim) rate(ctx context.Context, r rating) {
	defer s.ratings.Done()
	if !s.sleepUntil(ctx, r.at) {
		return
	}
	token, _ := s.tokens.Load(r.ticket)
	tok, _ := token.(string)
	data := protocol.Rate{TicketID: r.ticket, Rating: r.level, Reasons: r.reasons, Comment: r.comment, Token: tok}
	if s.do(ctx, s.kiosks[r.kiosk], s.h.Kiosks[r.kiosk].ID, protocol.CmdRate, data, nil).ok {
		s.st.add(func(st *stats) { st.ratings[r.level]++ })
	}
}

// newClient returns the hall client of a kiosk or counter, through the
// proxy, reconnecting quickly after the blip.
func (s *sim) newClient(d Device, onEvent func(hallclient.Event), onHello func(protocol.HelloReply)) *hallclient.Client {
	return hallclient.New(hallclient.Config{
		URL: s.wsURL, Device: d.ID, Token: d.Token, Version: "simulate", Logger: s.clientLog,
		OnEvent: onEvent, OnHello: onHello,
		MinBackoff: 50 * time.Millisecond, MaxBackoff: time.Second,
	})
}

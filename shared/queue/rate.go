package queue

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on citizens' text.
const (
	MaxCommentRunes  = 500
	MaxFeedbackRunes = 2000
	MaxNameRunes     = 100
	MaxPhoneRunes    = 20
)

// RateInput is a rating as a kiosk sends it.
type RateInput struct {
	TicketID string
	Rating   int
	Reasons  []string
	Comment  string
	Token    string
	Device   string
	// BoundCounter is the counter the kiosk stands at as a rating pad, or 0.
	BoundCounter int
	// Phone is an optional number to call the citizen back on, kept on
	// the case a level 1 or 2 opens (the citizen's phone page).
	Phone string
}

func validReason(code string) bool {
	for _, r := range Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

func (in *RateInput) validate() error {
	if in.Rating < 1 || in.Rating > 5 {
		return Errorf(EBADREQUEST, "Mức đánh giá phải từ 1 đến 5")
	}
	if len(in.Reasons) > 0 && in.Rating > Neutral {
		return Errorf(EBADREQUEST, "Chỉ đánh giá từ 1 đến 3 mới kèm lý do")
	}
	if err := validReasons(in.Reasons, in.Comment); err != nil {
		return err
	}
	if in.TicketID == "" && in.Token != "" {
		return Errorf(EBADREQUEST, "Thiếu mã số (ticket_id)")
	}
	if !validPhone(strings.TrimSpace(in.Phone)) {
		return Errorf(EBADREQUEST, "Số điện thoại không hợp lệ")
	}
	return nil
}

// Rate records a citizen's rating of a finished ticket. A rating of 1 or 2
// also opens a feedback item. It returns the feedback id, or 0.
func (e *Engine) Rate(now time.Time, in RateInput) (int64, error) {
	if err := in.validate(); err != nil {
		return 0, err
	}
	t, err := e.ratedTicket(in)
	if err != nil {
		return 0, err
	}
	switch {
	case t.State != Finished:
		return 0, Errorf(ECONFLICT, "Số %s chưa được phục vụ xong, chưa thể đánh giá", t.Number)
	case t.Rating != 0:
		return 0, Errorf(ECONFLICT, "Số %s đã được đánh giá. Xin cảm ơn!", t.Number)
	case now.Sub(t.FinishedAt.Time) > e.cfg.RatingWindow:
		return 0, Errorf(ECONFLICT, "Đã quá thời gian đánh giá số %s", t.Number)
	}
	t.Rating = OptInt(in.Rating)
	r := Rating{
		TicketID: t.ID, Number: t.Number, Service: t.Service, Rating: in.Rating,
		Reasons: append([]string{}, in.Reasons...), Comment: CleanText(in.Comment),
		Counter: int(t.Counter), Clerk: string(t.Clerk), Device: in.Device, At: e.stamp(now),
	}
	e.clerkDay(r.Clerk).Ratings[r.Rating]++
	e.saveTicket(t)
	if in.Rating <= Dissatisfied {
		r.FeedbackID = e.openCase(now, &r, strings.TrimSpace(in.Phone))
	}
	e.ratings[t.ID] = &r
	e.pending.Ratings = append(e.pending.Ratings, r)
	e.emit(now, Event{Type: EvTicketRated, Rating: &r, Counter: r.Counter})
	return r.FeedbackID, nil
}

// openCase opens the feedback item of a rating of 1 or 2 and returns its id.
func (e *Engine) openCase(now time.Time, r *Rating, phone string) int64 {
	return e.addFeedback(now, Feedback{
		Device: r.Device, Message: caseMessage(r), TicketID: r.TicketID, Rating: r.Rating,
		Reasons: r.Reasons, Counter: r.Counter, Clerk: r.Clerk, Phone: phone,
	})
}

// caseMessage is the text of a rating's feedback item: the citizen's
// comment, or the level's words when there is none.
func caseMessage(r *Rating) string {
	if r.Comment != "" {
		return r.Comment
	}
	msg := "Công dân đánh giá: " + RatingLabels[r.Rating]
	if r.FirstRating != 0 {
		msg += " (lúc đầu chọn: " + RatingLabels[r.FirstRating] + ")"
	}
	return msg
}

// ratedTicket finds the ticket a rating is for, by token or, for a rating
// pad, as the ticket last finished at its counter.
func (e *Engine) ratedTicket(in RateInput) (*Ticket, error) {
	if in.Token != "" {
		t, ok := e.tickets[in.TicketID]
		if !ok {
			return nil, Errorf(ENOTFOUND, "Không tìm thấy số %s hôm nay", in.TicketID)
		}
		if !strings.EqualFold(t.Token, in.Token) {
			return nil, Errorf(EUNAUTHORIZED, "Mã đánh giá không đúng, vui lòng kiểm tra lại phiếu")
		}
		return t, nil
	}
	if in.BoundCounter == 0 {
		return nil, Errorf(EFORBIDDEN, "Vui lòng quét mã QR hoặc nhập mã in trên phiếu để đánh giá")
	}
	c, ok := e.counters[in.BoundCounter]
	if !ok {
		return nil, Errorf(ENOTFOUND, "Không có quầy số %d", in.BoundCounter)
	}
	last := c.LastFinished
	if in.TicketID == "" {
		in.TicketID = last
	}
	t, ok := e.tickets[in.TicketID]
	if !ok {
		return nil, Errorf(ENOTFOUND, "Chưa có số nào vừa được phục vụ tại %s", e.counterName(in.BoundCounter))
	}
	if t.ID != last {
		return nil, Errorf(EFORBIDDEN, "Chỉ đánh giá được số vừa phục vụ tại %s", e.counterName(in.BoundCounter))
	}
	return t, nil
}

// FeedbackInput is a citizen's message as a kiosk sends it.
type FeedbackInput struct {
	Message, Name, Phone, Device string
	// TicketID links the item to a ticket (sent from its phone page).
	TicketID string
}

// SubmitFeedback records a citizen's feedback and returns its id.
func (e *Engine) SubmitFeedback(now time.Time, in FeedbackInput) (int64, error) {
	msg := CleanText(in.Message)
	name := CleanLine(in.Name)
	phone := strings.TrimSpace(in.Phone)
	switch {
	case !utf8.ValidString(in.Message) || !utf8.ValidString(in.Name) || !utf8.ValidString(in.Phone):
		return 0, Errorf(EBADREQUEST, "Nội dung không hợp lệ")
	case msg == "":
		return 0, Errorf(EBADREQUEST, "Vui lòng nhập nội dung phản ánh, kiến nghị")
	case utf8.RuneCountInString(msg) > MaxFeedbackRunes:
		return 0, Errorf(EBADREQUEST, "Nội dung tối đa %d ký tự", MaxFeedbackRunes)
	case utf8.RuneCountInString(name) > MaxNameRunes:
		return 0, Errorf(EBADREQUEST, "Họ tên tối đa %d ký tự", MaxNameRunes)
	case !validPhone(phone):
		return 0, Errorf(EBADREQUEST, "Số điện thoại không hợp lệ")
	}
	return e.addFeedback(now, Feedback{Device: in.Device, Message: msg, Name: name, Phone: phone, TicketID: in.TicketID}), nil
}

func validPhone(p string) bool {
	if utf8.RuneCountInString(p) > MaxPhoneRunes {
		return false
	}
	for i, c := range p {
		switch {
		case c >= '0' && c <= '9', c == ' ', c == '.', c == '-':
		case c == '+' && i == 0:
		default:
			return false
		}
	}
	return true
}

func (e *Engine) addFeedback(now time.Time, f Feedback) int64 {
	e.feedback++
	f.ID = e.feedback
	f.Day = e.day
	f.At = e.stamp(now)
	f.Status = FeedbackNew
	e.pending.Feedback = append(e.pending.Feedback, f)
	return f.ID
}

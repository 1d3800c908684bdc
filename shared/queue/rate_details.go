package queue

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// RateDetailsInput adds to a stored rating what the citizen gave after
// tapping a level: the reasons, a comment and, when they chose another face
// on the reasons screen, the level itself.
type RateDetailsInput struct {
	TicketID string
	// Rating is the new level, or 0 to keep the stored one.
	Rating  int
	Reasons []string
	Comment string
	// Token is the ticket's token; without it only the device that stored
	// the rating may add to it.
	Token  string
	Device string
}

func (in *RateDetailsInput) validate() error {
	if in.TicketID == "" {
		return Errorf(EBADREQUEST, "Thiếu mã số (ticket_id)")
	}
	if in.Rating < 0 || in.Rating > 5 {
		return Errorf(EBADREQUEST, "Mức đánh giá phải từ 1 đến 5")
	}
	if len(in.Reasons) > 0 && in.Rating > Neutral {
		return Errorf(EBADREQUEST, "Chỉ đánh giá từ 1 đến 3 mới kèm lý do")
	}
	return validReasons(in.Reasons, in.Comment)
}

// validReasons checks reason codes (known, once each) and the comment's
// length.
func validReasons(reasons []string, comment string) error {
	seen := map[string]bool{}
	for _, r := range reasons {
		if !validReason(r) || seen[r] {
			return Errorf(EBADREQUEST, "Lý do %q không hợp lệ", r)
		}
		seen[r] = true
	}
	if !utf8.ValidString(comment) || utf8.RuneCountInString(comment) > MaxCommentRunes {
		return Errorf(EBADREQUEST, "Góp ý tối đa %d ký tự", MaxCommentRunes)
	}
	return nil
}

// RateDetails adds reasons and a comment to a rating already stored, once,
// within the rating window, and may change its level. The rating's feedback
// item gets them too; a level changed to 1 or 2 opens one, and a level
// changed from 1 or 2 to another keeps its item (a supervisor closes it).
// It returns the rating's feedback id, or 0.
func (e *Engine) RateDetails(now time.Time, in RateDetailsInput) (int64, error) {
	if err := in.validate(); err != nil {
		return 0, err
	}
	t, ok := e.tickets[in.TicketID]
	if !ok {
		return 0, Errorf(ENOTFOUND, "Không tìm thấy số %s hôm nay", in.TicketID)
	}
	if in.Token != "" && !strings.EqualFold(t.Token, in.Token) {
		return 0, Errorf(EUNAUTHORIZED, "Mã đánh giá không đúng, vui lòng kiểm tra lại phiếu")
	}
	r, rated := e.ratings[t.ID]
	switch {
	case !rated:
		return 0, Errorf(ECONFLICT, "Số %s chưa được đánh giá", t.Number)
	case in.Token == "" && r.Device != in.Device:
		return 0, Errorf(EFORBIDDEN, "Chỉ thiết bị đã nhận đánh giá số %s mới bổ sung được", t.Number)
	case r.DetailedAt != nil:
		return 0, Errorf(ECONFLICT, "Đánh giá số %s đã được bổ sung. Xin cảm ơn!", t.Number)
	case now.Sub(t.FinishedAt.Time) > e.cfg.RatingWindow:
		return 0, Errorf(ECONFLICT, "Đã quá thời gian đánh giá số %s", t.Number)
	}
	level := r.Rating
	if in.Rating != 0 {
		level = in.Rating
	}
	if len(in.Reasons) > 0 && level > Neutral {
		return 0, Errorf(EBADREQUEST, "Chỉ đánh giá từ 1 đến 3 mới kèm lý do")
	}

	nr := *r
	nr.Reasons = slices.Clone(in.Reasons)
	if nr.Reasons == nil {
		nr.Reasons = []string{}
	}
	if c := CleanText(in.Comment); c != "" {
		nr.Comment = c
	}
	stamp := e.stamp(now)
	nr.DetailedAt = &stamp
	if level != r.Rating {
		e.changeLevel(now, t, &nr, level)
	}
	switch {
	case nr.FeedbackID == 0 && level <= Dissatisfied:
		nr.FeedbackID = e.openCase(now, &nr, "")
	case nr.FeedbackID != 0:
		e.pending.FeedbackDetails = append(e.pending.FeedbackDetails, FeedbackDetails{
			ID: nr.FeedbackID, Message: caseMessage(&nr), Rating: level, Reasons: nr.Reasons,
		})
	}
	*r = nr
	e.pending.Ratings = append(e.pending.Ratings, nr)
	return nr.FeedbackID, nil
}

// changeLevel moves a stored rating to another level: the ticket, the
// clerk's figures and an event rating_changed.
func (e *Engine) changeLevel(now time.Time, t *Ticket, r *Rating, level int) {
	from := r.Rating
	if r.FirstRating == 0 {
		r.FirstRating = from
	}
	r.Rating = level
	cd := e.clerkDay(r.Clerk)
	cd.Ratings[from]--
	cd.Ratings[level]++
	t.Rating = OptInt(level)
	e.saveTicket(t)
	ev := *r
	e.emit(now, Event{Type: EvRatingChanged, Rating: &ev, Counter: r.Counter, FromRating: from})
}

// Apply sets in f what d changes: the message (when d has one), the level
// and the reasons. The status and a supervisor's answer stay.
func (d FeedbackDetails) Apply(f *Feedback) {
	if d.Message != "" {
		f.Message = d.Message
	}
	f.Rating = d.Rating
	f.Reasons = slices.Clone(d.Reasons)
}

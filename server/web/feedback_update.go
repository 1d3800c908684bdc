package web

import (
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"hallq/shared/queue"
)

// maxAnswerRunes bounds a supervisor's answer.
const maxAnswerRunes = 2000

// updateFeedback serves POST /feedback/{id}: it sets the item's status and
// answer. Marking it handled records who and when; moving it back clears
// that.
func (s *Server) updateFeedback(w http.ResponseWriter, r *http.Request, user string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không tìm thấy phản ánh, kiến nghị này.")
		return
	}
	status := r.PostFormValue("status")
	if statusLabel(status) == status {
		s.errorPage(w, r, user, http.StatusBadRequest, "Trạng thái không hợp lệ.")
		return
	}
	answer := queue.CleanText(r.PostFormValue("answer"))
	if utf8.RuneCountInString(answer) > maxAnswerRunes {
		s.errorPage(w, r, user, http.StatusBadRequest, "Nội dung trả lời dài quá "+itoa(maxAnswerRunes)+" ký tự.")
		return
	}
	now := queue.At(s.hall.Now().In(s.hall.Settings().Location))
	found, err := s.hall.Store().UpdateFeedback(id, func(fb *queue.Feedback) {
		fb.Answer = answer
		switch {
		case status == queue.FeedbackHandled && fb.Status != queue.FeedbackHandled:
			fb.HandledBy, fb.HandledAt = user, now
		case status != queue.FeedbackHandled:
			fb.HandledBy, fb.HandledAt = "", queue.Stamp{}
		}
		fb.Status = status
	})
	if err != nil {
		s.log.Error("update feedback", "id", id, "err", err)
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống khi lưu phản ánh, kiến nghị.")
		return
	}
	if !found {
		s.errorPage(w, r, user, http.StatusNotFound, "Không tìm thấy phản ánh, kiến nghị này.")
		return
	}
	s.log.Info("feedback updated", "id", id, "status", status, "user", user)
	back, _ := url.ParseQuery(r.PostFormValue("back"))
	f, _ := feedbackFilter(back)
	q := filterQuery(f)
	if q != "" {
		q += "&"
	}
	http.Redirect(w, r, "/feedback?"+q+"saved="+itoa(int(id))+"#fb-"+itoa(int(id)), http.StatusSeeOther)
}

package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hallq/shared/queue"
)

// updateFeedback serves POST /feedback/{id}: it sets the item's status and
// answer through the hall (queue.Feedback.SetAnswer holds the rule).
func (s *Server) updateFeedback(w http.ResponseWriter, r *http.Request, user string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không tìm thấy phản ánh, kiến nghị này.")
		return
	}
	found, err := s.hall.AnswerFeedback(id, r.PostFormValue("status"), r.PostFormValue("answer"), user)
	switch {
	case queue.ErrorCode(err) == queue.EBADREQUEST:
		s.errorPage(w, r, user, http.StatusBadRequest, queue.ErrorMessage(err))
		return
	case err != nil:
		s.log.Error("update feedback", "id", id, "err", err)
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống khi lưu phản ánh, kiến nghị.")
		return
	case !found:
		s.errorPage(w, r, user, http.StatusNotFound, "Không tìm thấy phản ánh, kiến nghị này.")
		return
	}
	back, _ := url.ParseQuery(r.PostFormValue("back"))
	f, _ := feedbackFilter(back)
	q := filterQuery(f)
	if q != "" {
		q += "&"
	}
	http.Redirect(w, r, "/feedback?"+q+"saved="+itoa(int(id))+"#fb-"+itoa(int(id)), http.StatusSeeOther)
}

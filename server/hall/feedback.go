package hall

import (
	"hallq/server/store"
	"hallq/shared/queue"
)

// AnswerFeedback sets feedback item id's status and answer as supervisor
// user (the rule is queue.Feedback.SetAnswer). It reports false when there
// is no such item; a bad status or answer is an EBADREQUEST error and
// changes nothing. The rollup of the item's day, when it has one, counts
// the answer in the same transaction.
func (h *Hall) AnswerFeedback(id int64, status, answer, user string) (bool, error) {
	now := queue.At(h.now().In(h.snapshot().Location))
	var probe queue.Feedback
	if err := probe.SetAnswer(status, answer, user, now); err != nil {
		return false, err
	}
	found, err := h.st.UpdateFeedback(id, func(fb *queue.Feedback) {
		fb.SetAnswer(status, answer, user, now) // checked above
	}, refreshRollup)
	if err != nil {
		return false, queue.Errorf(queue.EINTERNAL, "store: %v", err)
	}
	if found {
		h.log.Info("feedback updated", "id", id, "status", status, "user", user)
	}
	return found, nil
}

// FeedbackPage returns at most limit feedback items matching f, newest
// first, and whether more match (store.FeedbackPage).
func (h *Hall) FeedbackPage(f store.FeedbackFilter, limit int) ([]queue.Feedback, bool, error) {
	return h.st.FeedbackPage(f, limit)
}

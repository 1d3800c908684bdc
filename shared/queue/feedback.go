package queue

import "unicode/utf8"

// MaxAnswerRunes bounds a supervisor's answer to a feedback item.
const MaxAnswerRunes = 2000

// ValidFeedbackStatus reports whether s is a feedback status.
func ValidFeedbackStatus(s string) bool {
	return s == FeedbackNew || s == FeedbackInProgress || s == FeedbackHandled
}

// SetAnswer sets fb's status and the supervisor's answer (cleaned as
// CleanText does). Marking it handled records who (user) and when (now);
// moving it back to another status clears both; handling it again keeps
// the first record.
func (fb *Feedback) SetAnswer(status, answer, user string, now Stamp) error {
	if !ValidFeedbackStatus(status) {
		return Errorf(EBADREQUEST, "Trạng thái không hợp lệ.")
	}
	answer = CleanText(answer)
	if utf8.RuneCountInString(answer) > MaxAnswerRunes {
		return Errorf(EBADREQUEST, "Nội dung trả lời dài quá %d ký tự.", MaxAnswerRunes)
	}
	fb.Answer = answer
	switch {
	case status == FeedbackHandled && fb.Status != FeedbackHandled:
		fb.HandledBy, fb.HandledAt = user, now
	case status != FeedbackHandled:
		fb.HandledBy, fb.HandledAt = "", Stamp{}
	}
	fb.Status = status
	return nil
}

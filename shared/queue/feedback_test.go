package queue

import (
	"strings"
	"testing"
	"time"
)

func TestFeedbackSetAnswer(t *testing.T) {
	t1 := At(time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC))
	t2 := At(time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC))
	fb := Feedback{Status: FeedbackNew}
	if err := fb.SetAnswer("done", "x", "a", t1); ErrorCode(err) != EBADREQUEST {
		t.Fatalf("unknown status: %v", err)
	}
	if err := fb.SetAnswer(FeedbackHandled, strings.Repeat("ư", MaxAnswerRunes+1), "a", t1); ErrorCode(err) != EBADREQUEST {
		t.Fatalf("long answer: %v", err)
	}
	if fb.Status != FeedbackNew || fb.Answer != "" {
		t.Fatalf("a refused answer changed the item: %+v", fb)
	}
	if err := fb.SetAnswer(FeedbackHandled, " Đã liên hệ\u202E lại ", "giamsat", t1); err != nil {
		t.Fatal(err)
	}
	if fb.HandledBy != "giamsat" || fb.HandledAt != t1 || fb.Answer != "Đã liên hệ lại" {
		t.Fatalf("handled: %+v", fb)
	}
	fb.SetAnswer(FeedbackHandled, "thêm", "other", t2)
	if fb.HandledBy != "giamsat" || fb.HandledAt != t1 {
		t.Fatalf("handled again changed the record: %+v", fb)
	}
	fb.SetAnswer(FeedbackInProgress, "", "other", t2)
	if fb.HandledBy != "" || !fb.HandledAt.IsZero() || fb.Status != FeedbackInProgress {
		t.Fatalf("moved back: %+v", fb)
	}
}

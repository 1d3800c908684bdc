package store

import (
	"fmt"
	"slices"
	"testing"

	"hallq/shared/queue"
)

// countFill stores a day's figures as its feedback counts, "received/handled".
func countFill(items []queue.Feedback) ([]byte, error) {
	handled := 0
	for _, f := range items {
		if f.Status == queue.FeedbackHandled {
			handled++
		}
	}
	return fmt.Appendf(nil, "%d/%d", len(items), handled), nil
}

func TestRollups(t *testing.T) {
	s := openTemp(t)
	err := s.Commit("2026-11-02", queue.Changes{Feedback: []queue.Feedback{
		{ID: 1, Day: "2026-11-01", Status: queue.FeedbackNew},
		{ID: 2, Day: "2026-11-02", Status: queue.FeedbackNew},
		{ID: 3, Day: "2026-11-02", Status: queue.FeedbackHandled},
	}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var rs []NewRollup
	for _, day := range []string{"2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"} {
		rs = append(rs, NewRollup{Day: day, Fill: countFill, Low: []byte("low " + day)})
	}
	if err := s.SaveRollups(rs...); err != nil {
		t.Fatal(err)
	}

	var got []string
	err = s.Rollups("2026-11-01", "2026-11-02", func(day string, figures []byte) error {
		got = append(got, day+" "+string(figures))
		return nil
	})
	if want := []string{"2026-11-01 1/0", "2026-11-02 2/1"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("range: got %q (%v), want %q", got, err, want)
	}
	figures, low, ok, err := s.Rollup("2026-11-03")
	if !ok || err != nil || string(figures) != "0/0" || string(low) != "low 2026-11-03" {
		t.Errorf("one day: %q %q %v %v", figures, low, ok, err)
	}
	if _, _, ok, _ := s.Rollup("2026-11-04"); ok {
		t.Error("a day without a rollup has one")
	}

	// An answer recounts its day's rollup in its own transaction.
	refresh := func(old []byte, items []queue.Feedback) ([]byte, error) { return countFill(items) }
	handle := func(f *queue.Feedback) { f.Status = queue.FeedbackHandled }
	if ok, err := s.UpdateFeedback(2, handle, refresh); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if figures, _, _, _ := s.Rollup("2026-11-02"); string(figures) != "2/2" {
		t.Errorf("after the answer: %q, want 2/2", figures)
	}
	if figures, _, _, _ := s.Rollup("2026-11-01"); string(figures) != "1/0" {
		t.Errorf("another day changed: %q, want 1/0", figures)
	}
	// A day without a rollup gets none.
	if err := s.Commit("2026-11-05", queue.Changes{Feedback: []queue.Feedback{{ID: 4, Day: "2026-11-05"}}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.UpdateFeedback(4, handle, refresh); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if _, _, ok, _ := s.Rollup("2026-11-05"); ok {
		t.Error("answering made a rollup for a day that had none")
	}
}

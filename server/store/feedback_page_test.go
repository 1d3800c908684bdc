package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"hallq/shared/queue"
)

func TestFeedbackPage(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "hall.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Three items a day on 2026-11-02, -04 and -06; the middle one of each
	// day is handled.
	var items []queue.Feedback
	id := int64(0)
	for _, day := range []string{"2026-11-02", "2026-11-04", "2026-11-06"} {
		for i := range 3 {
			id++
			fb := queue.Feedback{ID: id, Day: day, Message: fmt.Sprint(id), Status: queue.FeedbackNew}
			if i == 1 {
				fb.Status = queue.FeedbackHandled
			}
			items = append(items, fb)
		}
	}
	if err := st.Commit("2026-11-06", queue.Changes{Feedback: items}, nil, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		f     FeedbackFilter
		limit int
		want  []int64
		more  bool
	}{
		{"all", FeedbackFilter{}, 0, []int64{9, 8, 7, 6, 5, 4, 3, 2, 1}, false},
		{"limit", FeedbackFilter{}, 4, []int64{9, 8, 7, 6}, true},
		{"one day", FeedbackFilter{From: "2026-11-04", To: "2026-11-04"}, 0, []int64{6, 5, 4}, false},
		{"a day between", FeedbackFilter{From: "2026-11-03", To: "2026-11-03"}, 0, nil, false},
		{"to before all", FeedbackFilter{To: "2026-11-01"}, 0, nil, false},
		{"from after all", FeedbackFilter{From: "2026-11-07"}, 0, nil, false},
		{"to the middle", FeedbackFilter{To: "2026-11-05"}, 0, []int64{6, 5, 4, 3, 2, 1}, false},
		{"from the middle", FeedbackFilter{From: "2026-11-03"}, 0, []int64{9, 8, 7, 6, 5, 4}, false},
		{"handled", FeedbackFilter{Status: queue.FeedbackHandled}, 0, []int64{8, 5, 2}, false},
		{"handled, limit", FeedbackFilter{Status: queue.FeedbackHandled}, 2, []int64{8, 5}, true},
		{"handled in range", FeedbackFilter{Status: queue.FeedbackHandled, From: "2026-11-04", To: "2026-11-06"}, 0, []int64{8, 5}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, more, err := st.FeedbackPage(tc.f, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, fb := range got {
				ids = append(ids, fb.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tc.want) || more != tc.more {
				t.Errorf("got %v more %v, want %v more %v", ids, more, tc.want, tc.more)
			}
			// The same items as the full scan.
			all, _ := st.Feedback(tc.f)
			if tc.limit == 0 && len(all) != len(got) {
				t.Errorf("Feedback: got %d items, FeedbackPage %d", len(all), len(got))
			}
		})
	}
}

package report

import (
	"strings"
	"testing"

	"hallq/shared/queue"
)

// TestRollupIsDaily checks that a rollup, stored and read back, gives the
// day's report exactly as Daily computes it, names added afterwards.
func TestRollupIsDaily(t *testing.T) {
	tickets, ratings, feedback := scenario(t)
	set := queue.Settings{
		Services: []queue.Service{{ID: "A", Name: "Lĩnh vực A"}},
		Counters: []queue.CounterConfig{{ID: 1, Name: "Quầy 1"}},
		Clerks:   []queue.Clerk{{Username: "hang.nd", Name: "Nguyễn Diệu Hằng"}},
	}
	want := Daily(testDay, tickets, ratings, feedback)
	want.AddNames(set)

	ru, low := DailyRollup(testDay, tickets, ratings, feedback)
	ru.Report.AddNames(set) // EncodeRollup must leave names out
	figures, err := EncodeRollup(ru)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(figures), "Quầy 1") || strings.Contains(string(figures), "Hằng") {
		t.Errorf("stored figures hold names: %s", figures)
	}
	if ru.Report.ByCounter[0].Name != "Quầy 1" {
		t.Errorf("EncodeRollup changed its argument's rows")
	}
	lowData, err := EncodeLow(low)
	if err != nil {
		t.Fatal(err)
	}
	back, current, err := DecodeRollup(figures)
	if err != nil || !current {
		t.Fatalf("decode: current %v, err %v", current, err)
	}
	backLow, err := DecodeLow(lowData)
	if err != nil {
		t.Fatal(err)
	}
	got := back.Full(backLow)
	got.AddNames(set)
	if g, w := dump(t, got), dump(t, want); g != w {
		t.Errorf("report from the rollup:\ngot  %s\nwant %s", g, w)
	}
}

// TestRollupTotals checks the sums and counts of the scenario's durations
// (see scenario for the waits and service times).
func TestRollupTotals(t *testing.T) {
	tickets, ratings, feedback := scenario(t)
	ru, _ := DailyRollup(testDay, tickets, ratings, feedback)
	tests := []struct {
		name      string
		got, want Total
	}{
		// 30 59.5 100 100 120 120 180 240.5 600.
		{"wait", ru.Wait, Total{N: 9, Ms: 1_550_000}},
		// 120 120.5 180 240.5 300 599.5.
		{"service", ru.Service, Total{N: 6, Ms: 1_560_500}},
		// A001 100, A002 120, A003 180, A004 600, A005 120, A006 59.5.
		{"wait A", ru.ByService["A"].Wait, Total{N: 6, Ms: 1_179_500}},
		// A001 300, A002 120.5, A003 120, A005 180, A006 240.5.
		{"service A", ru.ByService["A"].Service, Total{N: 5, Ms: 961_000}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
	if ru.Version != RollupVersion || ru.Final {
		t.Errorf("version %d final %v: want %d, not final", ru.Version, ru.Final, RollupVersion)
	}
}

// TestRollupFeedback checks that SetFeedback counts the day's items again
// and only them.
func TestRollupFeedback(t *testing.T) {
	tickets, ratings, feedback := scenario(t)
	ru, _ := DailyRollup(testDay, tickets, ratings, feedback)
	if ru.Report.Feedback != (FeedbackCount{Received: 3, Handled: 1}) {
		t.Fatalf("feedback: got %+v, want 3 received, 1 handled", ru.Report.Feedback)
	}
	feedback[0].Status = queue.FeedbackHandled
	ru.SetFeedback(feedback)
	if ru.Report.Feedback != (FeedbackCount{Received: 3, Handled: 2}) {
		t.Errorf("after an answer: got %+v, want 3 received, 2 handled", ru.Report.Feedback)
	}
}

// TestRollupOtherVersion checks that a rollup of another version is not
// current, so that it is computed again.
func TestRollupOtherVersion(t *testing.T) {
	_, current, err := DecodeRollup([]byte(`{"version":0,"final":true,"report":{"date":"2026-11-27"}}`))
	if err != nil || current {
		t.Errorf("version 0: current %v, err %v; want not current", current, err)
	}
	if _, _, err := DecodeRollup([]byte(`{`)); err == nil {
		t.Error("a broken rollup decoded")
	}
}

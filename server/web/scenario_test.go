package web_test

import (
	"testing"

	"hallq/shared/queue"
)

// scenarioDay is the day of the report scenario, the day before the
// fixture's today.
const scenarioDay = "2026-11-27"

// ticketAt builds one of the scenario's tickets.
func ticketAt(t testing.TB, number string, state queue.TicketState, issued, calledAt string, counter int, clerk, finished string) queue.Ticket {
	t.Helper()
	tk := queue.Ticket{
		ID: scenarioDay + "/" + number, Number: number, Service: number[:1], IssuedService: number[:1],
		State: state, IssuedAt: stamp(t, scenarioDay, issued),
	}
	if calledAt != "" {
		at := stamp(t, scenarioDay, calledAt)
		tk.CalledAt, tk.FirstCalledAt = at, at
		tk.Counter, tk.Clerk = queue.OptInt(counter), queue.OptString(clerk)
		tk.Calls = []queue.Call{{Counter: counter, Clerk: clerk, At: at}}
	}
	if finished != "" {
		tk.FinishedAt = stamp(t, scenarioDay, finished)
	}
	return tk
}

// commitScenario stores a hand-checked day:
//
//	A001 issued 08:00, called 08:10 at 1 by hang.nd, finished 08:20, rated 5
//	A002 issued 08:05, called 08:25 at 1 by hang.nd, finished 08:30, rated 2 (waiting, "Chờ lâu")
//	B001 issued 09:00, called 09:02 at 2 by minh.tq, no-show
//	B002 issued 09:30, expired
//	feedback 1: opened by A002's rating (new); feedback 2: a kiosk message, handled
//
// so: issued 4, called 3, finished 2, no-show 1, expired 1; waits 600, 1200,
// 120 (mean 640, p50 600, p90 1200); service 600, 300 (mean 450, p50 300,
// p90 600); ratings one 5 and one 2: index 50.00, rated share 100.00;
// feedback received 2, handled 1; hour 8: 2 issued, mean wait 900; hour 9:
// 2 issued, mean wait 120.
func (f *fixture) commitScenario() {
	t := f.t
	t.Helper()
	ch := queue.Changes{
		Tickets: []queue.Ticket{
			ticketAt(t, "A001", queue.Finished, "08:00:00", "08:10:00", 1, "hang.nd", "08:20:00"),
			ticketAt(t, "A002", queue.Finished, "08:05:00", "08:25:00", 1, "hang.nd", "08:30:00"),
			ticketAt(t, "B001", queue.NoShow, "09:00:00", "09:02:00", 2, "minh.tq", ""),
			ticketAt(t, "B002", queue.Expired, "09:30:00", "", 0, "", ""),
		},
		Ratings: []queue.Rating{
			{TicketID: scenarioDay + "/A001", Number: "A001", Service: "A", Rating: 5, Counter: 1, Clerk: "hang.nd", At: stamp(t, scenarioDay, "08:21:00")},
			{TicketID: scenarioDay + "/A002", Number: "A002", Service: "A", Rating: 2, Reasons: []string{"waiting"}, Comment: "Chờ lâu",
				Counter: 1, Clerk: "hang.nd", At: stamp(t, scenarioDay, "08:31:00")},
		},
		Feedback: []queue.Feedback{
			{ID: 1, Day: scenarioDay, At: stamp(t, scenarioDay, "08:31:00"), Message: "Chờ lâu", TicketID: scenarioDay + "/A002",
				Rating: 2, Reasons: []string{"waiting"}, Counter: 1, Clerk: "hang.nd", Status: queue.FeedbackNew},
			{ID: 2, Day: scenarioDay, At: stamp(t, scenarioDay, "10:00:00"), Message: "Đề nghị thêm ghế chờ", Name: "Nguyễn Văn An",
				Status: queue.FeedbackHandled, Answer: "Đã bổ sung", HandledBy: "giamsat", HandledAt: stamp(t, scenarioDay, "11:00:00")},
		},
	}
	if err := f.store.Commit(scenarioDay, ch, nil, nil); err != nil {
		t.Fatalf("commit scenario: %v", err)
	}
}

package report

import (
	"testing"
	"time"

	"hallq/shared/queue"
)

// testDay is the day of the hand-computed scenario.
const testDay = "2026-11-28"

// hallZone is the hall's offset, as the store's stamps carry it.
var hallZone = time.FixedZone("ICT", 7*3600)

// at returns the stamp of clock time hms ("08:01:40.5") on testDay.
func at(t testing.TB, hms string) queue.Stamp {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04:05.999", testDay+" "+hms, hallZone)
	if err != nil {
		t.Fatalf("bad time %q: %v", hms, err)
	}
	return queue.At(v)
}

// call is one call at counter by clerk at hms.
func call(t testing.TB, counter int, clerk, hms string) queue.Call {
	t.Helper()
	return queue.Call{Counter: counter, Clerk: clerk, At: at(t, hms)}
}

// ticket builds a ticket of testDay as the store would hand it: the first
// and latest calls come from calls, counter and clerk from the latest call.
func ticket(t testing.TB, number, issuedFor, service string, state queue.TicketState, issued string, calls []queue.Call, finished string) queue.Ticket {
	t.Helper()
	tk := queue.Ticket{
		ID: testDay + "/" + number, Number: number, Service: service, IssuedService: issuedFor,
		State: state, IssuedAt: at(t, issued), Calls: calls,
	}
	if len(calls) > 0 {
		last := calls[len(calls)-1]
		tk.FirstCalledAt = calls[0].At
		tk.CalledAt = last.At
		tk.Counter = queue.OptInt(last.Counter)
		tk.Clerk = queue.OptString(last.Clerk)
	}
	if finished != "" {
		tk.FinishedAt = at(t, finished)
	}
	return tk
}

// scenario is a day of ten tickets at two counters, A and B services:
//
//	#   number issued  state     calls (counter/clerk@time)          finished    wait   service
//	1   A001   08:00:00 finished  1/hang@08:01:40                     08:06:40    100    300
//	2   A002   08:00:10 finished  2/minh@08:02:10 (+1 recall)         08:04:10.5  120    120.5
//	3   A003   08:00:20 finished  1/hang@08:03:20, transferred to B,  08:12:00    180    120
//	                              2/minh@08:10:00
//	4   B001   08:01:00 no_show   1/hang@08:05:00.5                   -           240.5  -
//	5   B002   08:02:00 expired   -                                   -           -      -
//	6   A004   09:00:00 expired   1/hang@09:10:00 (held, never back)  -           600    -
//	7   B003   09:30:00 finished  1/hang@09:30:30                     09:40:29.5  30     599.5
//	8   A005   09:45:00 finished  2/minh@09:47:00                     09:50:00    120    180
//	9   B004   10:05:00 called    2/minh@10:06:40                     -           100    -
//	10  A006   10:00:00 finished  1/lan@10:00:59.5                    10:05:00    59.5   240.5
//
// Ratings: A001 5 (1/hang), A002 4 (2/minh), A003 2 (2/minh), B003 3
// (1/hang), A005 5 (2/minh, from its ticket); ignored: a second rating of A001 and a rating
// of another day's ticket. Feedback: three of the day (one handled), one of
// the day before.
func scenario(t testing.TB) ([]queue.Ticket, []queue.Rating, []queue.Feedback) {
	t.Helper()
	tickets := []queue.Ticket{
		ticket(t, "A001", "A", "A", queue.Finished, "08:00:00", []queue.Call{call(t, 1, "hang.nd", "08:01:40")}, "08:06:40"),
		ticket(t, "A002", "A", "A", queue.Finished, "08:00:10", []queue.Call{call(t, 2, "minh.tv", "08:02:10")}, "08:04:10.5"),
		ticket(t, "A003", "A", "B", queue.Finished, "08:00:20", []queue.Call{
			call(t, 1, "hang.nd", "08:03:20"), call(t, 2, "minh.tv", "08:10:00")}, "08:12:00"),
		ticket(t, "B001", "B", "B", queue.NoShow, "08:01:00", []queue.Call{call(t, 1, "hang.nd", "08:05:00.5")}, ""),
		ticket(t, "B002", "B", "B", queue.Expired, "08:02:00", nil, ""),
		ticket(t, "A004", "A", "A", queue.Expired, "09:00:00", []queue.Call{call(t, 1, "hang.nd", "09:10:00")}, ""),
		ticket(t, "B003", "B", "B", queue.Finished, "09:30:00", []queue.Call{call(t, 1, "hang.nd", "09:30:30")}, "09:40:29.5"),
		ticket(t, "A005", "A", "A", queue.Finished, "09:45:00", []queue.Call{call(t, 2, "minh.tv", "09:47:00")}, "09:50:00"),
		ticket(t, "B004", "B", "B", queue.Called, "10:05:00", []queue.Call{call(t, 2, "minh.tv", "10:06:40")}, ""),
		ticket(t, "A006", "A", "A", queue.Finished, "10:00:00", []queue.Call{call(t, 1, "lan.pt", "10:00:59.5")}, "10:05:00"),
	}
	tickets[1].Recalls = 1
	// A transfer does not change the issued service; an old record without
	// IssuedService falls back to Service.
	tickets[4].IssuedService = ""

	rate := func(number string, level, counter int, clerk, hms string, reasons []string, comment string) queue.Rating {
		return queue.Rating{TicketID: testDay + "/" + number, Number: number, Service: number[:1], Rating: level,
			Reasons: reasons, Comment: comment, Counter: counter, Clerk: clerk, Device: "kiosk-1", At: at(t, hms)}
	}
	ratings := []queue.Rating{
		rate("A001", 5, 1, "hang.nd", "08:07:00", nil, ""),
		rate("A002", 4, 2, "minh.tv", "08:05:00", nil, "Nhanh"),
		rate("A003", 2, 2, "minh.tv", "08:13:00", []string{"waiting"}, "=Chờ lâu quá"),
		rate("B003", 3, 1, "hang.nd", "09:41:00", []string{"attitude", "guidance"}, "Hướng dẫn chưa rõ ràng"),
		// A record that names no counter or clerk counts at its ticket's.
		rate("A005", 5, 0, "", "09:51:00", nil, ""),
		rate("A001", 1, 1, "hang.nd", "08:08:00", nil, "second rating of A001: ignored"),
		{TicketID: "2026-11-27/A009", Number: "A009", Rating: 1, Counter: 1, Clerk: "hang.nd"},
	}
	feedback := []queue.Feedback{
		{ID: 1, Day: testDay, TicketID: testDay + "/A003", Rating: 2, Status: queue.FeedbackNew},
		{ID: 2, Day: testDay, Message: "Ghế chờ không đủ", Status: queue.FeedbackHandled},
		{ID: 3, Day: testDay, Message: "Cần thêm quầy", Status: queue.FeedbackInProgress},
		{ID: 4, Day: "2026-11-27", Message: "Hôm qua", Status: queue.FeedbackHandled},
	}
	return tickets, ratings, feedback
}

// scenarioReport is Daily of the scenario.
func scenarioReport(t testing.TB) Report {
	t.Helper()
	tickets, ratings, feedback := scenario(t)
	return Daily(testDay, tickets, ratings, feedback)
}

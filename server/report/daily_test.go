package report

import (
	"reflect"
	"testing"

	"hallq/shared/queue"
)

func ip(v int) *int         { return &v }
func fp(v float64) *float64 { return &v }
func dur(mean, p50, p90 int) Durations {
	return Durations{Mean: ip(mean), P50: ip(p50), P90: ip(p90)}
}

// levels builds Levels from the counts of levels 1 to 5.
func levels(one, two, three, four, five int) Levels {
	return Levels{"1": one, "2": two, "3": three, "4": four, "5": five}
}

// TestDailyScenario checks every field of the scenario's report against
// numbers computed by hand (see scenario for the tickets).
func TestDailyScenario(t *testing.T) {
	r := scenarioReport(t)
	tickets, ratings, _ := scenario(t)
	lowB003, lowA003 := ratings[3], ratings[2]
	lowA003.Reasons = []string{"waiting"}

	tests := []struct {
		name      string
		got, want any
	}{
		{"date", r.Date, testDay},
		// Ten tickets; nine have a call (all but B002); finished A001 A002
		// A003 B003 A005 A006; no-show B001; expired B002 A004 (B004 is
		// still called).
		{"issued", r.Issued, 10},
		{"called", r.Called, 9},
		{"finished", r.Finished, 6},
		{"no_show", r.NoShow, 1},
		{"expired", r.Expired, 2},
		// Waits sorted: 30 59.5 100 100 120 120 180 240.5 600; sum 1550;
		// mean 1550/9 = 172.2 -> 172; p50 rank ceil(4.5) = 5 -> 120 (ranks 5
		// and 6 tie); p90 rank ceil(8.1) = 9 -> 600.
		{"wait_s", r.WaitS, dur(172, 120, 600)},
		// Service times sorted: 120 (A003, from its second call) 120.5 180
		// 240.5 300 599.5; sum 1560.5; mean 260.08 -> 260; p50 rank 3 ->
		// 180; p90 rank ceil(5.4) = 6 -> 599.5 rounds half up to 600.
		{"service_s", r.ServiceS, dur(260, 180, 600)},
		// Counted: 5, 4, 2, 3, 5 (the second rating of A001 and the other
		// day's rating are not).
		{"ratings", r.Ratings, levels(0, 1, 1, 1, 2)},
		// 5 rated of 6 finished = 83.333 -> 83.33.
		{"rated_share", r.RatedShare, fp(83.33)},
		// Levels 4-5: 3 of 5 = 60.
		{"satisfaction_index", r.SatisfactionIndex, fp(60)},
		{"by_service", r.ByService, []ServiceRow{
			// A: A001 A002 A003 A004 A005 A006; all called; A004 expired.
			// Waits 59.5 100 120 120 180 600: sum 1179.5, mean 196.58 ->
			// 197, p50 rank 3 -> 120, p90 rank ceil(5.4) = 6 -> 600.
			// Service 120 120.5 180 240.5 300: sum 961, mean 192.2 -> 192,
			// p50 rank ceil(2.5) = 3 -> 180, p90 rank ceil(4.5) = 5 -> 300.
			{ID: "A", Issued: 6, Called: 6, Finished: 5, NoShow: 0, Expired: 1,
				WaitS: dur(197, 120, 600), ServiceS: dur(192, 180, 300),
				// Rated A001 5, A002 4, A003 2, A005 5: 3 of 4 = 75.
				Ratings: levels(0, 1, 0, 1, 2), SatisfactionIndex: fp(75)},
			// B: B001 B002 (no IssuedService: falls back to B) B003 B004.
			// Waits 30 100 240.5: mean 370.5/3 = 123.5 -> 124 (half up),
			// p50 rank ceil(1.5) = 2 -> 100, p90 rank ceil(2.7) = 3 ->
			// 240.5 -> 241. Service: n = 1, 599.5 -> 600 everywhere.
			{ID: "B", Issued: 4, Called: 3, Finished: 1, NoShow: 1, Expired: 1,
				WaitS: dur(124, 100, 241), ServiceS: dur(600, 600, 600),
				// Rated B003 3: 0 of 1.
				Ratings: levels(0, 0, 1, 0, 0), SatisfactionIndex: fp(0)},
		}},
		{"by_counter", r.ByCounter, []CounterRow{
			// Calls at 1: A001 A003(first) B001 A004 B003 A006; finished
			// there A001 B003 A006; no-show B001; ratings 5, 3 -> 1/2 = 50.
			// Service: A001 300 + B003 599.5 + A006 240.5 = 1140 -> 380.
			{ID: 1, Work: Work{Called: 6, Finished: 3, NoShow: 1, Ratings: levels(0, 0, 1, 0, 1), SatisfactionIndex: fp(50),
				ServiceSeconds: 1140, MeanServiceS: ip(380)}},
			// Calls at 2: A002 A003(second) A005 B004; finished A002 A003
			// A005; ratings 4, 2, 5 -> 2/3 = 66.666 -> 66.67.
			// Service: A002 120.5 + A003 120 + A005 180 = 420.5 -> 140.17 -> 140.
			{ID: 2, Work: Work{Called: 4, Finished: 3, NoShow: 0, Ratings: levels(0, 1, 0, 1, 1), SatisfactionIndex: fp(66.67),
				ServiceSeconds: 420.5, MeanServiceS: ip(140)}},
		}},
		{"by_clerk", r.ByClerk, []ClerkRow{
			// Service: A001 300 + B003 599.5 = 899.5 -> 449.75 -> 450.
			{Username: "hang.nd", Work: Work{Called: 5, Finished: 2, NoShow: 1, Ratings: levels(0, 0, 1, 0, 1), SatisfactionIndex: fp(50),
				ServiceSeconds: 899.5, MeanServiceS: ip(450)}},
			// lan.pt served A006, which was not rated: no index.
			{Username: "lan.pt", Work: Work{Called: 1, Finished: 1, NoShow: 0, Ratings: levels(0, 0, 0, 0, 0),
				ServiceSeconds: 240.5, MeanServiceS: ip(241)}},
			{Username: "minh.tv", Work: Work{Called: 4, Finished: 3, NoShow: 0, Ratings: levels(0, 1, 0, 1, 1), SatisfactionIndex: fp(66.67),
				ServiceSeconds: 420.5, MeanServiceS: ip(140)}},
		}},
		// Three items of the day, one handled; the day before's is left out.
		{"feedback", r.Feedback, FeedbackCount{Received: 3, Handled: 1}},
		// 08h: A001 A002 A003 B001 B002, waits 100 120 180 240.5 -> 640.5/4
		// = 160.1 -> 160; 09h: A004 B003 A005, 600 30 120 -> 250; 10h:
		// B004 A006, 100 59.5 -> 79.75 -> 80.
		{"hourly", r.Hourly, []HourRow{
			{Hour: 8, Issued: 5, MeanWaitS: ip(160)},
			{Hour: 9, Issued: 3, MeanWaitS: ip(250)},
			{Hour: 10, Issued: 2, MeanWaitS: ip(80)},
		}},
		// Ratings 1-3, newest first: B003 (09:41) then A003 (08:13).
		{"low_ratings", r.LowRatings, []queue.Rating{lowB003, lowA003}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %s, want %s", dump(t, tc.got), dump(t, tc.want))
			}
		})
	}
	// Daily must leave its arguments alone.
	again, _, _ := scenario(t)
	if !reflect.DeepEqual(tickets, again) {
		t.Error("Daily changed its tickets")
	}
}

// TestDailyEmpty checks that a day with no records has nulls, zeros and all
// five rating keys.
func TestDailyEmpty(t *testing.T) {
	r := Daily(testDay, nil, nil, nil)
	const want = `{"date":"2026-11-28","issued":0,"called":0,"finished":0,"no_show":0,"expired":0,` +
		`"wait_s":{"mean":null,"p50":null,"p90":null},"service_s":{"mean":null,"p50":null,"p90":null},` +
		`"ratings":{"1":0,"2":0,"3":0,"4":0,"5":0},"rated_share":null,"satisfaction_index":null,` +
		`"by_service":[],"by_counter":[],"by_clerk":[],"feedback":{"received":0,"handled":0},` +
		`"appointments":{"tickets":0,"called":0,"wait_s":{"mean":null,"p50":null,"p90":null},"booked":0,"checked_in":0,` +
		`"on_time":0,"early":0,"late":0,"missed":0,"cancelled":0},` +
		`"hourly":[],"low_ratings":[],"files":[]}`
	if got := dump(t, r); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// TestDailyNothingFinished checks that rated_share stays null while the
// waiting time exists.
func TestDailyNothingFinished(t *testing.T) {
	tk := ticket(t, "A001", "A", "A", queue.Called, "08:00:00", []queue.Call{call(t, 1, "hang.nd", "08:00:00.5")}, "")
	r := Daily(testDay, []queue.Ticket{tk}, nil, nil)
	if r.RatedShare != nil {
		t.Errorf("rated_share: got %v, want null", *r.RatedShare)
	}
	// n = 1 and 0.5 s: every statistic rounds half up to 1.
	if want := dur(1, 1, 1); !reflect.DeepEqual(r.WaitS, want) {
		t.Errorf("wait_s: got %s, want %s", dump(t, r.WaitS), dump(t, want))
	}
	if r.ServiceS != (Durations{}) {
		t.Errorf("service_s: got %s, want nulls", dump(t, r.ServiceS))
	}
}

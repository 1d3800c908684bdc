package report

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"
)

// monthDays are three reports of November, given out of order, one of
// October and a second report of 1 November.
func monthDays() []Report {
	return []Report{
		// 1 of 3 ratings at 4-5: 33.33.
		{Date: "2026-11-02", Issued: 50, Finished: 45, Ratings: levels(1, 1, 0, 1, 0),
			ByService: []ServiceRow{{ID: "A", Name: "Lưu thông hàng hóa", Issued: 50, Finished: 45, Ratings: levels(1, 1, 0, 1, 0)}},
			ByCounter: []CounterRow{
				{ID: 2, Name: "Quầy 2", Work: Work{Called: 30, Finished: 25, NoShow: 5, Ratings: levels(1, 1, 0, 1, 0), ServiceSeconds: 7500}},
				{ID: 1, Name: "Quầy 1", Work: Work{Called: 20, Finished: 20, Ratings: NewLevels(), ServiceSeconds: 3000}},
			},
			ByClerk: []ClerkRow{{Username: "minh.tq", Name: "Trần Quang Minh",
				Work: Work{Called: 50, Finished: 45, NoShow: 5, Ratings: levels(1, 1, 0, 1, 0), ServiceSeconds: 10500}}}},
		// 1 of 1: 100.
		{Date: "2026-11-01", Issued: 30, Finished: 28, Ratings: levels(0, 0, 0, 0, 1),
			ByService: []ServiceRow{{ID: "A", Issued: 20, Finished: 19, Ratings: levels(0, 0, 0, 0, 1)},
				{ID: "B", Name: "Xúc tiến thương mại", Issued: 10, Finished: 9, Ratings: NewLevels()}},
			ByCounter: []CounterRow{{ID: 1, Name: "Quầy 1", Work: Work{Called: 29, Finished: 28, NoShow: 1, Ratings: levels(0, 0, 0, 0, 1), ServiceSeconds: 5600}}},
			ByClerk: []ClerkRow{{Username: "hang.nd", Name: "Nguyễn Diệu Hằng",
				Work: Work{Called: 29, Finished: 28, NoShow: 1, Ratings: levels(0, 0, 0, 0, 1), ServiceSeconds: 5600}}}},
		// No rating: null.
		{Date: "2026-11-03", Issued: 5, Finished: 0, Ratings: NewLevels()},
		{Date: "2026-10-31", Issued: 99, Finished: 99, Ratings: levels(9, 0, 0, 0, 0)},
		{Date: "2026-11-01", Issued: 1000, Finished: 1000, Ratings: levels(0, 0, 0, 0, 0)},
	}
}

func TestMonthly(t *testing.T) {
	m := Monthly("2026-11", monthDays())
	tests := []struct {
		name      string
		got, want any
	}{
		{"month", m.Month, "2026-11"},
		{"days", m.Days, []DayRow{
			{Date: "2026-11-01", Issued: 30, Finished: 28, Ratings: 1, SatisfactionIndex: fp(100)},
			{Date: "2026-11-02", Issued: 50, Finished: 45, Ratings: 3, SatisfactionIndex: fp(33.33)},
			{Date: "2026-11-03", Issued: 5, Finished: 0, Ratings: 0},
		}},
		{"issued", m.Issued, 85},     // 30 + 50 + 5
		{"finished", m.Finished, 73}, // 28 + 45 + 0
		{"ratings", m.Ratings, levels(1, 1, 0, 1, 1)},
		// From the summed counts, 2 of 4 = 50, not the mean of the days'
		// indexes (100 and 33.33 give 66.67).
		{"satisfaction_index", m.SatisfactionIndex, fp(50)},
		// Counter 1: 29 + 20 called, 28 + 20 finished, 5600 + 3000 s over
		// 48 = 179.17 -> 179; one rating at 5: 100. Counter 2 only on the
		// 2nd: 7500 / 25 = 300, 1 of 3: 33.33.
		{"by_counter", m.ByCounter, []CounterRow{
			{ID: 1, Name: "Quầy 1", Work: Work{Called: 49, Finished: 48, NoShow: 1, Ratings: levels(0, 0, 0, 0, 1),
				SatisfactionIndex: fp(100), ServiceSeconds: 8600, MeanServiceS: ip(179)}},
			{ID: 2, Name: "Quầy 2", Work: Work{Called: 30, Finished: 25, NoShow: 5, Ratings: levels(1, 1, 0, 1, 0),
				SatisfactionIndex: fp(33.33), ServiceSeconds: 7500, MeanServiceS: ip(300)}},
		}},
		// A: 20 + 50 issued, ratings 5 and 1, 2, 4: 2 of 4 = 50; B: no
		// rating, no index.
		{"by_service", m.ByService, []MonthServiceRow{
			{ID: "A", Name: "Lưu thông hàng hóa", Issued: 70, Finished: 64, Ratings: levels(1, 1, 0, 1, 1), SatisfactionIndex: fp(50)},
			{ID: "B", Name: "Xúc tiến thương mại", Issued: 10, Finished: 9, Ratings: NewLevels()},
		}},
		{"by_clerk", m.ByClerk, []ClerkRow{
			{Username: "hang.nd", Name: "Nguyễn Diệu Hằng", Work: Work{Called: 29, Finished: 28, NoShow: 1, Ratings: levels(0, 0, 0, 0, 1),
				SatisfactionIndex: fp(100), ServiceSeconds: 5600, MeanServiceS: ip(200)}},
			{Username: "minh.tq", Name: "Trần Quang Minh", Work: Work{Called: 50, Finished: 45, NoShow: 5, Ratings: levels(1, 1, 0, 1, 0),
				SatisfactionIndex: fp(33.33), ServiceSeconds: 10500, MeanServiceS: ip(233)}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %s, want %s", dump(t, tc.got), dump(t, tc.want))
			}
		})
	}
}

func TestMonthlyEmpty(t *testing.T) {
	const want = `{"month":"2026-12","days":[],"issued":0,"finished":0,` +
		`"ratings":{"1":0,"2":0,"3":0,"4":0,"5":0},"satisfaction_index":null,"by_counter":[],"by_clerk":[],"by_service":[]}`
	if got := dump(t, Monthly("2026-12", monthDays())); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestWriteMonthlyXLSX(t *testing.T) {
	m := Monthly("2026-11", monthDays())
	f := reopen(t, func(b *bytes.Buffer) error { return WriteMonthlyXLSX(b, m, "Sở Công Thương") })
	if got, want := f.GetSheetList(), []string{sheetMonth, sheetCounters, sheetClerks}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets: got %q, want %q", got, want)
	}
	// The clerks' sheet has names next to the usernames, and the month's
	// sums (minh.tq: 10500 s over 45 finished = 233).
	minh := strconv.Itoa(findRow(t, f, sheetClerks, "minh.tq"))
	checkCell(t, f, sheetClerks, "B"+minh, "Trần Quang Minh", false)
	checkCell(t, f, sheetClerks, "F"+minh, "233", true)
	checkCell(t, f, sheetMonth, "A2", "Báo cáo tháng 11/2026", false)
	day := strconv.Itoa(findRow(t, f, sheetMonth, "2026-11-02"))
	checkCell(t, f, sheetMonth, "B"+day, "50", true)
	checkCell(t, f, sheetMonth, "E"+day, "33.33", true)
	total := strconv.Itoa(findRow(t, f, sheetMonth, "Cả tháng"))
	checkCell(t, f, sheetMonth, "B"+total, "85", true)
	checkCell(t, f, sheetMonth, "C"+total, "73", true)
	checkCell(t, f, sheetMonth, "D"+total, "4", true)
	checkCell(t, f, sheetMonth, "E"+total, "50", true)
	checkBold(t, f, sheetMonth, "A"+total)
	checkBold(t, f, sheetMonth, "E"+total)
	// The month's ratings by level follow the total.
	checkCell(t, f, sheetMonth, "C"+strconv.Itoa(findRow(t, f, sheetMonth, "5")), "1", true)
}

func TestWriteMonthlyCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMonthlyCSV(&buf, Monthly("2026-11", monthDays()), CSVComma); err != nil {
		t.Fatal(err)
	}
	const wantTail = "Cả tháng,85,73,4,50\n"
	if got := buf.String(); !bytes.Contains(buf.Bytes(), []byte(wantTail)) {
		t.Errorf("got %q, want a line %q", got, wantTail)
	}
}

package report

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// yearDays are monthDays (October and November) and a day of December
// 2026 and of January 2027.
func yearDays() []Report {
	return append(monthDays(),
		Report{Date: "2026-12-01", Issued: 7, Finished: 6, Ratings: levels(0, 0, 0, 2, 2),
			ByCounter: []CounterRow{{ID: 1, Name: "Quầy 1", Work: Work{Called: 7, Finished: 6, Ratings: levels(0, 0, 0, 2, 2), ServiceSeconds: 600}}}},
		Report{Date: "2027-01-02", Issued: 1, Finished: 1, Ratings: NewLevels()},
	)
}

// TestSummedMonthIsMonthly: a period of one calendar month has the month's
// days, totals and tables.
func TestSummedMonthIsMonthly(t *testing.T) {
	m := Monthly("2026-11", yearDays())
	p := Summed("2026-11-01", "2026-11-30", yearDays())
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"days", p.Days, m.Days}, {"issued", p.Issued, m.Issued}, {"finished", p.Finished, m.Finished},
		{"ratings", p.Ratings, m.Ratings}, {"index", p.SatisfactionIndex, m.SatisfactionIndex},
		{"by_counter", p.ByCounter, m.ByCounter}, {"by_clerk", p.ByClerk, m.ByClerk}, {"by_service", p.ByService, m.ByService},
		{"months", p.Months, []MonthRow{{Month: "2026-11", Days: 3, Issued: 85, Finished: 73, Ratings: 4, SatisfactionIndex: fp(50),
			levels: levels(1, 1, 0, 1, 1)}}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %s, want %s", c.name, dump(t, c.got), dump(t, c.want))
		}
	}
}

func TestYearly(t *testing.T) {
	p := Yearly(2026, yearDays())
	if p.Year != "2026" || p.From != "2026-01-01" || p.To != "2026-12-31" {
		t.Errorf("year, from, to: got %q %q %q", p.Year, p.From, p.To)
	}
	var months []string
	for _, m := range p.Months {
		months = append(months, m.Month+":"+strconv.Itoa(m.Issued))
	}
	// October 99, November 85 (the second report of 1 November ignored),
	// December 7; January 2027 is another year.
	if got, want := strings.Join(months, " "), "2026-10:99 2026-11:85 2026-12:7"; got != want {
		t.Errorf("months: got %s, want %s", got, want)
	}
	// 9 ratings at 1 in October, 2 of 4 in November, 4 of 4 in December:
	// 6 of 17 = 35.29.
	if p.Issued != 191 || p.Ratings.Total() != 17 || p.SatisfactionIndex == nil || *p.SatisfactionIndex != 35.29 {
		t.Errorf("issued %d, ratings %d, index %v; want 191, 17, 35.29", p.Issued, p.Ratings.Total(), dump(t, p.SatisfactionIndex))
	}
	// Counter 1: November's 49 calls and December's 7.
	if len(p.ByCounter) == 0 || p.ByCounter[0].ID != 1 || p.ByCounter[0].Called != 56 || *p.ByCounter[0].MeanServiceS != 170 {
		t.Errorf("by_counter: got %s", dump(t, p.ByCounter))
	}
}

func TestSummedEmpty(t *testing.T) {
	const want = `{"from":"2025-01-01","to":"2025-03-31","months":[],"days":[],"issued":0,"finished":0,` +
		`"ratings":{"1":0,"2":0,"3":0,"4":0,"5":0},"satisfaction_index":null,"by_counter":[],"by_clerk":[],"by_service":[]}`
	if got := dump(t, Summed("2025-01-01", "2025-03-31", yearDays())); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestWritePeriod(t *testing.T) {
	year := Yearly(2026, yearDays())
	f := reopen(t, func(b *bytes.Buffer) error { return WritePeriodXLSX(b, year, "Sở Công Thương") })
	if got, want := f.GetSheetList(), []string{sheetPeriod, sheetServices, sheetCounters, sheetClerks}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets: got %q, want %q", got, want)
	}
	checkCell(t, f, sheetPeriod, "A2", "Báo cáo năm 2026", false)
	nov := strconv.Itoa(findRow(t, f, sheetPeriod, "11/2026"))
	checkCell(t, f, sheetPeriod, "C"+nov, "85", true)
	checkCell(t, f, sheetPeriod, "F"+nov, "50", true)
	total := strconv.Itoa(findRow(t, f, sheetPeriod, "Cả năm"))
	checkCell(t, f, sheetPeriod, "C"+total, "191", true)
	checkBold(t, f, sheetPeriod, "A"+total)
	a := strconv.Itoa(findRow(t, f, sheetServices, "A"))
	checkCell(t, f, sheetServices, "C"+a, "70", true)

	var buf bytes.Buffer
	q := Summed("2026-11-02", "2026-12-01", yearDays())
	if err := WritePeriodCSV(&buf, q, CSVSemicolon); err != nil {
		t.Fatal(err)
	}
	// 2 and 3 November and 1 December: 62 issued, 7 ratings, 5 at 4-5.
	for _, want := range []string{"Theo ngày", "2026-12-01;7;6;4;100\n", "Cả kỳ;62;51;7;71,43\n", "Đánh giá theo mức (cả kỳ)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("range csv lacks %q:\n%s", want, buf.String())
		}
	}
	if got := PeriodTitle(q); got != "Báo cáo từ 02/11/2026 đến 01/12/2026" {
		t.Errorf("title: got %q", got)
	}
}

package report

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"

	"hallq/shared/queue"
)

// TestDailyFiles checks the report's files: the tickets with file codes,
// with their rating, in the JSON, the xlsx and the rollup.
func TestDailyFiles(t *testing.T) {
	tickets, ratings, feedback := scenario(t)
	codes := map[string][]string{
		"A001": {"H12.34-251128-0001", "H12.34-251128-0002"}, // rated 5 (its second rating ignored)
		"B001": {"B/2025/77"},                                // no-show, not rated
	}
	for i := range tickets {
		tickets[i].FileCodes = codes[tickets[i].Number]
	}
	r := Daily(testDay, tickets, ratings, feedback)
	want := []FileRow{
		{TicketID: testDay + "/A001", Number: "A001", Service: "A", State: queue.Finished, Counter: 1, Clerk: "hang.nd",
			FinishedAt: tickets[0].FinishedAt, FileCodes: codes["A001"], Rating: 5},
		{TicketID: testDay + "/B001", Number: "B001", Service: "B", State: queue.NoShow, Counter: 1, Clerk: "hang.nd",
			FileCodes: codes["B001"]},
	}
	if !reflect.DeepEqual(r.Files, want) {
		t.Fatalf("files:\n got %+v\nwant %+v", r.Files, want)
	}
	if n := FileCodeCount(r.Files); n != 3 {
		t.Errorf("file code count: got %d, want 3", n)
	}

	f := reopen(t, func(b *bytes.Buffer) error { return WriteDailyXLSX(b, r, "Sở") })
	row := strconv.Itoa(findRow(t, f, sheetFiles, "A001"))
	checkCell(t, f, sheetFiles, "D"+row, "H12.34-251128-0001; H12.34-251128-0002", false)
	checkCell(t, f, sheetFiles, "E"+row, "2", true)
	checkCell(t, f, sheetFiles, "J"+row, "5", true)
	checkCell(t, f, sheetFiles, "K"+row, "Rất hài lòng", false)
	row = strconv.Itoa(findRow(t, f, sheetFiles, "B001"))
	checkCell(t, f, sheetFiles, "F"+row, "vắng mặt", false)
	checkCell(t, f, sheetFiles, "J"+row, "", false)
	row = strconv.Itoa(findRow(t, f, sheetSummary, "Số mã hồ sơ đã ghi nhận"))
	checkCell(t, f, sheetSummary, "B"+row, "3", true)

	ru, _ := DailyRollup(testDay, tickets, ratings, feedback)
	data, err := EncodeRollup(ru)
	if err != nil {
		t.Fatal(err)
	}
	back, current, err := DecodeRollup(data)
	if err != nil || !current {
		t.Fatalf("decode rollup: current %v, err %v", current, err)
	}
	if got := dump(t, back.Report.Files); got != dump(t, want) {
		t.Errorf("rollup files:\n got %s\nwant %s", got, dump(t, want))
	}
}

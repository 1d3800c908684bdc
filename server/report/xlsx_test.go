package report

import (
	"bytes"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"hallq/shared/queue"
)

// reopen reads back a workbook that a writer produced.
func reopen(t *testing.T, write func(*bytes.Buffer) error) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatalf("write xlsx: %v", err)
	}
	f, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("reopen xlsx: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// findRow returns the 1-based row of sheet whose first cell is key.
func findRow(t *testing.T, f *excelize.File, sheet, key string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("rows of %q: %v", sheet, err)
	}
	for i, row := range rows {
		if len(row) > 0 && row[0] == key {
			return i + 1
		}
	}
	t.Fatalf("no row %q on sheet %q", key, sheet)
	return 0
}

// checkCell checks the value of a cell and whether it is stored as a number.
func checkCell(t *testing.T, f *excelize.File, sheet, ref, want string, number bool) {
	t.Helper()
	got, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	if got != want {
		t.Errorf("%s!%s: got %q, want %q", sheet, ref, got, want)
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s type: %v", sheet, ref, err)
	}
	isNumber := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
	if want != "" && isNumber != number {
		t.Errorf("%s!%s: stored as number %v, want %v", sheet, ref, isNumber, number)
	}
}

// checkBold checks that a cell is set in bold.
func checkBold(t *testing.T, f *excelize.File, sheet, ref string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s style: %v", sheet, ref, err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("style %d: %v", id, err)
	}
	if st.Font == nil || !st.Font.Bold {
		t.Errorf("%s!%s: not bold", sheet, ref)
	}
}

func TestWriteDailyXLSX(t *testing.T) {
	r := scenarioReport(t)
	r.AddNames(queue.Settings{
		Services: []queue.Service{{ID: "A", Name: "Lưu thông hàng hóa trong nước"}, {ID: "B", Name: "Điện năng"}},
		Counters: []queue.CounterConfig{{ID: 1, Name: "Quầy 1"}, {ID: 2, Name: "Quầy 2"}},
		Clerks:   []queue.Clerk{{Username: "hang.nd", Name: "Nguyễn Diệu Hằng"}},
	})
	f := reopen(t, func(b *bytes.Buffer) error { return WriteDailyXLSX(b, r, "Sở Công Thương tỉnh Bình Dương") })

	wantSheets := []string{sheetSummary, "Đánh giá thấp", sheetServices, sheetCounters, sheetClerks, sheetHourly, sheetFiles}
	slices.Sort(wantSheets)
	gotSheets := f.GetSheetList()
	slices.Sort(gotSheets)
	if !slices.Equal(gotSheets, wantSheets) {
		t.Errorf("sheets: got %q, want %q", gotSheets, wantSheets)
	}
	if first := f.GetSheetList()[0]; first != "Tổng hợp" {
		t.Errorf("first sheet: got %q, want Tổng hợp", first)
	}

	checkCell(t, f, sheetSummary, "A1", "Sở Công Thương tỉnh Bình Dương", false)
	checkCell(t, f, sheetSummary, "A2", "Báo cáo ngày 28/11/2026", false)
	// Rows 4 and 5 are the table's title and header; the numbers follow.
	checkCell(t, f, sheetSummary, "A5", "Chỉ số", false)
	checkBold(t, f, sheetSummary, "B5")
	checkCell(t, f, sheetSummary, "B7", "10", true) // issued
	tests := []struct {
		name, sheet, key, col, want string
		number                      bool
	}{
		{"service p90", sheetSummary, "Thời gian phục vụ phân vị 90 (giây)", "B", "600", true},
		{"rated share", sheetSummary, "Tỷ lệ phiếu được đánh giá (%)", "B", "83.33", true},
		{"level 2", sheetSummary, "2", "C", "1", true},
		{"service name", sheetServices, "A", "B", "Lưu thông hàng hóa trong nước", false},
		{"service B wait mean", sheetServices, "B", "H", "124", true},
		{"counter name", sheetCounters, "2", "B", "Quầy 2", false},
		{"counter mean service", sheetCounters, "2", "F", "140", true},
		{"counter index", sheetCounters, "2", "M", "66.67", true},
		{"clerk name", sheetClerks, "hang.nd", "B", "Nguyễn Diệu Hằng", false},
		{"clerk no index", sheetClerks, "lan.pt", "M", "", false},
		{"low rating comment", sheetLow, "28/11/2026 09:41:00", "H", "Hướng dẫn chưa rõ ràng", false},
		{"low rating level", sheetLow, "28/11/2026 09:41:00", "E", "3", true},
		// Names next to the codes.
		{"low rating service name", sheetLow, "28/11/2026 09:41:00", "D", "Điện năng", false},
		{"low rating clerk name", sheetLow, "28/11/2026 09:41:00", "K", "Nguyễn Diệu Hằng", false},
		// Text stays text in xlsx: no apostrophe is needed there.
		{"formula-like comment", sheetLow, "28/11/2026 08:13:00", "H", "=Chờ lâu quá", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := tc.col + strconv.Itoa(findRow(t, f, tc.sheet, tc.key))
			checkCell(t, f, tc.sheet, ref, tc.want, tc.number)
		})
	}
	comment := "H" + strconv.Itoa(findRow(t, f, sheetLow, "28/11/2026 08:13:00"))
	if formula, err := f.GetCellFormula(sheetLow, comment); err != nil || formula != "" {
		t.Errorf("comment: got formula %q (%v), want none", formula, err)
	}
	if w, err := f.GetColWidth(sheetLow, "G"); err != nil || w < 20 {
		t.Errorf("comment column width: got %v (%v), want at least 20", w, err)
	}
}

func TestWriteDailyXLSXEmpty(t *testing.T) {
	f := reopen(t, func(b *bytes.Buffer) error { return WriteDailyXLSX(b, Daily(testDay, nil, nil, nil), "") })
	checkCell(t, f, sheetSummary, "B7", "0", true)
	row := findRow(t, f, sheetSummary, "Chỉ số hài lòng (%)")
	checkCell(t, f, sheetSummary, "B"+strconv.Itoa(row), "", false)
	// A sheet with no rows still has its header.
	checkCell(t, f, sheetCounters, "A4", "Quầy", false)
}

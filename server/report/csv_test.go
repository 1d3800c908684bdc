package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// csvSections writes r as csv, checks the byte order mark, parses the text
// back and returns each section's header and rows by its title.
func csvSections(t *testing.T, r Report) map[string][][]string {
	return csvSectionsStyle(t, r, CSVComma)
}

// csvSectionsStyle is csvSections in a chosen style.
func csvSectionsStyle(t *testing.T, r Report, style CSVStyle) map[string][][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDailyCSV(&buf, r, style); err != nil {
		t.Fatalf("WriteDailyCSV: %v", err)
	}
	text, ok := strings.CutPrefix(buf.String(), "\uFEFF")
	if !ok {
		t.Fatalf("csv does not start with a UTF-8 byte order mark: %q", buf.String()[:10])
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	if style == CSVSemicolon {
		cr.Comma = ';'
	}
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("parse csv: %v", err)
	}
	sections := map[string][][]string{}
	title := ""
	for _, rec := range records {
		// Every table has two columns or more: a lone field is a title.
		if len(rec) == 1 {
			title = rec[0]
			continue
		}
		sections[title] = append(sections[title], rec)
	}
	return sections
}

// lookup returns the row of section whose first field is key.
func lookup(t *testing.T, section [][]string, key string) []string {
	t.Helper()
	for _, row := range section {
		if row[0] == key {
			return row
		}
	}
	t.Fatalf("no row %q in %q", key, section)
	return nil
}

func TestWriteDailyCSV(t *testing.T) {
	s := csvSections(t, scenarioReport(t))
	empty := csvSections(t, Daily(testDay, nil, nil, nil))
	tests := []struct {
		name    string
		section [][]string
		key     string
		want    []string
	}{
		{"summary header", s[sheetSummary], "Chỉ số", []string{"Chỉ số", "Giá trị"}},
		{"date", s[sheetSummary], "Ngày", []string{"Ngày", "2026-11-28"}},
		{"issued", s[sheetSummary], "Số phiếu đã cấp", []string{"Số phiếu đã cấp", "10"}},
		{"wait mean", s[sheetSummary], "Thời gian chờ trung bình (giây)", []string{"Thời gian chờ trung bình (giây)", "172"}},
		{"service p90", s[sheetSummary], "Thời gian phục vụ phân vị 90 (giây)", []string{"Thời gian phục vụ phân vị 90 (giây)", "600"}},
		{"rated share", s[sheetSummary], "Tỷ lệ phiếu được đánh giá (%)", []string{"Tỷ lệ phiếu được đánh giá (%)", "83.33"}},
		{"index", s[sheetSummary], "Chỉ số hài lòng (%)", []string{"Chỉ số hài lòng (%)", "60"}},
		{"feedback", s[sheetSummary], "Phản ánh, kiến nghị đã xử lý", []string{"Phản ánh, kiến nghị đã xử lý", "1"}},
		{"level 5", s["Đánh giá theo mức"], "5", []string{"5", "Rất hài lòng", "2"}},
		{"service A", s[sheetServices], "A", []string{"A", "", "6", "6", "5", "0", "1", "197", "120", "600", "192", "180", "300"}},
		{"counter 2", s[sheetCounters], "2", []string{"2", "", "4", "3", "0", "140", "1", "1", "0", "1", "0", "3", "66.67"}},
		{"clerk without rating", s[sheetClerks], "lan.pt", []string{"lan.pt", "", "1", "1", "0", "241", "0", "0", "0", "0", "0", "0", ""}},
		// A comment that looks like a formula is defused.
		{"low rating", s[sheetLow], "28/11/2026 08:13:00", []string{"28/11/2026 08:13:00", "A003", "A", "", "2",
			"Không hài lòng", "Thời gian chờ", "'=Chờ lâu quá", "2", "minh.tv", ""}},
		{"hour", s[sheetHourly], "10:00-11:00", []string{"10:00-11:00", "2", "80"}},
		{"empty index", empty[sheetSummary], "Chỉ số hài lòng (%)", []string{"Chỉ số hài lòng (%)", ""}},
		{"empty wait", empty[sheetSummary], "Thời gian chờ trung vị (giây)", []string{"Thời gian chờ trung vị (giây)", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := lookup(t, tc.section, tc.key); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := len(s[sheetLow]); got != 3 {
		t.Errorf("low ratings: got %d lines, want a header and 2 rows", got)
	}
}

// TestWriteDailyCSVSemicolon: the Vietnamese-Excel variant separates by ";"
// and writes decimal commas; text keeps its own commas.
func TestWriteDailyCSVSemicolon(t *testing.T) {
	s := csvSectionsStyle(t, scenarioReport(t), CSVSemicolon)
	var row []string
	for _, r := range s[sheetCounters] {
		if r[0] == "2" {
			row = r
		}
	}
	if len(row) == 0 || row[len(row)-1] != "66,67" {
		t.Errorf("counter 2 = %q, want the index written 66,67", row)
	}
}

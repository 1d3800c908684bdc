package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// bom makes Excel read the file as UTF-8, so Vietnamese shows correctly.
const bom = "\uFEFF"

// WriteDailyCSV writes r as UTF-8 csv with a byte order mark: one section
// per table (summary, ratings by level, by service, by counter, by clerk, low
// ratings, by hour), each a title line, a header line and its rows, followed
// by an empty line. Numbers are written as in the JSON; a missing value is
// an empty field. It returns the first error of w.
func WriteDailyCSV(w io.Writer, r Report, style CSVStyle) error {
	return writeCSV(w, dailyTables(r), style)
}

// WriteMonthlyCSV writes m as WriteDailyCSV writes a day.
func WriteMonthlyCSV(w io.Writer, m Month, style CSVStyle) error {
	return writeCSV(w, monthlyTables(m), style)
}

// CSVStyle is how a csv file separates fields and writes decimals.
type CSVStyle int

const (
	// CSVComma separates fields with commas and writes 66.67 (the JSON's
	// numbers; what most programs read).
	CSVComma CSVStyle = iota
	// CSVSemicolon separates fields with semicolons and writes 66,67: what
	// Excel set to the Vietnamese locale opens into columns.
	CSVSemicolon
)

func writeCSV(w io.Writer, tables []table, style CSVStyle) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("report: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	if style == CSVSemicolon {
		cw.Comma = ';'
	}
	for _, t := range tables {
		title := t.title
		if title == "" {
			title = t.sheet
		}
		records := [][]string{{title}, t.header}
		for _, row := range t.rows {
			records = append(records, csvRecord(row, style))
		}
		records = append(records, []string{""})
		if err := cw.WriteAll(records); err != nil {
			return fmt.Errorf("report: write csv: %w", err)
		}
	}
	return nil
}

// csvRecord renders one row's cells as text.
func csvRecord(row []any, style CSVStyle) []string {
	out := make([]string, len(row))
	for i, c := range row {
		switch v := c.(type) {
		case int:
			out[i] = strconv.Itoa(v)
		case float64:
			out[i] = strconv.FormatFloat(v, 'f', -1, 64)
			if style == CSVSemicolon {
				out[i] = strings.Replace(out[i], ".", ",", 1)
			}
		case string:
			out[i] = defuse(v)
		}
	}
	return out
}

// defuse keeps a spreadsheet from running a citizen's comment as a formula:
// text that starts like one gets a leading apostrophe.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

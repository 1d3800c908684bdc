package report

import (
	"fmt"
	"time"
)

// sheetMonth is the one sheet of the monthly workbook.
const sheetMonth = "Tổng hợp tháng"

// monthlyTables lays out m: one row per day and the month's total, the
// month's ratings by level, then a sheet per counter and per clerk.
func monthlyTables(m Month) []table {
	days := table{
		sheet:  sheetMonth,
		title:  "Theo ngày",
		header: []string{"Ngày", "Số phiếu đã cấp", "Số phiếu đã giải quyết xong", "Số lượt đánh giá", "Chỉ số hài lòng (%)"},
		total:  true,
	}
	for _, d := range m.Days {
		days.rows = append(days.rows, []any{d.Date, d.Issued, d.Finished, d.Ratings, num(d.SatisfactionIndex)})
	}
	days.rows = append(days.rows, []any{"Cả tháng", m.Issued, m.Finished, m.Ratings.Total(), num(m.SatisfactionIndex)})
	levels := levelsTable(m.Ratings)
	levels.sheet = sheetMonth
	levels.title = "Đánh giá theo mức (cả tháng)"
	return []table{days, levels, countersTable(m.ByCounter), clerksTable(m.ByClerk)}
}

// displayMonth writes a YYYY-MM month as 11/2026.
func displayMonth(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return fmt.Sprintf("%02d/%d", t.Month(), t.Year())
}

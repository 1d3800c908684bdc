package report

import "io"

// sheetPeriod is the first sheet of a year's or a period's workbook.
const sheetPeriod = "Tổng hợp"

// WritePeriodCSV writes p as WriteDailyCSV writes a day: for a year, one
// row per month; for another period, one row per day; then the ratings by
// level and the tables by service, counter and clerk.
func WritePeriodCSV(w io.Writer, p Period, style CSVStyle) error {
	return writeCSV(w, periodTables(p), style)
}

// WritePeriodXLSX writes p as an xlsx workbook: the sheet "Tổng hợp" (the
// months or days, the total, the ratings by level), then "Theo lĩnh vực",
// "Theo quầy" and "Theo công chức".
func WritePeriodXLSX(w io.Writer, p Period, hallName string) error {
	return writeWorkbook(w, hallName, PeriodTitle(p), periodTables(p))
}

// PeriodTitle names p: "Báo cáo năm 2026", or "Báo cáo từ 01/01/2026 đến
// 31/03/2026".
func PeriodTitle(p Period) string {
	if p.Year != "" {
		return "Báo cáo năm " + p.Year
	}
	return "Báo cáo từ " + displayDate(p.From) + " đến " + displayDate(p.To)
}

// periodTables lays out p: a year by month, another period by day, each
// with its total; the ratings by level; services, counters and clerks.
func periodTables(p Period) []table {
	head := []string{"Số phiếu đã cấp", "Số phiếu đã giải quyết xong", "Số lượt đánh giá", "Chỉ số hài lòng (%)"}
	var rows table
	total, span := "Cả kỳ", "cả kỳ"
	if p.Year != "" {
		total, span = "Cả năm", "cả năm"
		rows = table{sheet: sheetPeriod, title: "Theo tháng", total: true,
			header: append([]string{"Tháng", "Số ngày có số liệu"}, head...)}
		for _, m := range p.Months {
			rows.rows = append(rows.rows, []any{displayMonth(m.Month), m.Days, m.Issued, m.Finished, m.Ratings, num(m.SatisfactionIndex)})
		}
		rows.rows = append(rows.rows, []any{total, len(p.Days), p.Issued, p.Finished, p.Ratings.Total(), num(p.SatisfactionIndex)})
	} else {
		rows = table{sheet: sheetPeriod, title: "Theo ngày", total: true, header: append([]string{"Ngày"}, head...)}
		for _, d := range p.Days {
			rows.rows = append(rows.rows, []any{d.Date, d.Issued, d.Finished, d.Ratings, num(d.SatisfactionIndex)})
		}
		rows.rows = append(rows.rows, []any{total, p.Issued, p.Finished, p.Ratings.Total(), num(p.SatisfactionIndex)})
	}
	levels := levelsTable(p.Ratings)
	levels.sheet = sheetPeriod
	levels.title = "Đánh giá theo mức (" + span + ")"
	return []table{rows, levels, periodServicesTable(p.ByService), countersTable(p.ByCounter), clerksTable(p.ByClerk)}
}

// periodServicesTable lists each service's tickets and ratings.
func periodServicesTable(rows []MonthServiceRow) table {
	t := table{
		sheet:  sheetServices,
		header: append([]string{"Mã", "Lĩnh vực", "Đã cấp", "Đã giải quyết"}, levelHeader()...),
	}
	for _, s := range rows {
		t.rows = append(t.rows, append([]any{s.ID, s.Name, s.Issued, s.Finished}, levelCells(s.Ratings, s.SatisfactionIndex)...))
	}
	return t
}

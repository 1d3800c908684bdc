package report

import (
	"strings"
	"time"

	"hallq/shared/queue"
)

// table is one block of a spreadsheet: the csv and xlsx writers render the
// same tables, so both carry the same numbers as the JSON. A cell is an int,
// a float64, a string or nil (no value).
type table struct {
	sheet  string // the xlsx sheet the table goes on
	title  string // a line above the header; empty for none
	header []string
	rows   [][]any
	// total marks the last row as a total, set in bold.
	total bool
}

// Sheet names of the daily workbook.
const (
	sheetSummary  = "Tổng hợp"
	sheetServices = "Theo lĩnh vực"
	sheetCounters = "Theo quầy"
	sheetClerks   = "Theo công chức"
	sheetLow      = "Đánh giá thấp"
	sheetHourly   = "Theo giờ"
	// sheetAppointments is there only on a day with appointments.
	sheetAppointments = "Lịch hẹn"
	sheetFiles        = "Mã hồ sơ"
)

// dailyTables lays out the report r as tables, in workbook order.
func dailyTables(r Report) []table {
	return append([]table{
		summaryTable(r),
		levelsTable(r.Ratings),
		servicesTable(r.ByService),
		countersTable(r.ByCounter),
		clerksTable(r.ByClerk),
		lowRatingsTable(r),
		hourlyTable(r.Hourly),
		filesTable(r),
	}, appointmentsTable(r)...)
}

func summaryTable(r Report) table {
	return table{
		sheet:  sheetSummary,
		title:  "Tổng hợp",
		header: []string{"Chỉ số", "Giá trị"},
		rows: [][]any{
			{"Ngày", r.Date},
			{"Số phiếu đã cấp", r.Issued},
			{"Số phiếu đã gọi", r.Called},
			{"Số phiếu đã giải quyết xong", r.Finished},
			{"Số phiếu vắng mặt", r.NoShow},
			{"Số phiếu hết hạn", r.Expired},
			{"Thời gian chờ trung bình (giây)", num(r.WaitS.Mean)},
			{"Thời gian chờ trung vị (giây)", num(r.WaitS.P50)},
			{"Thời gian chờ phân vị 90 (giây)", num(r.WaitS.P90)},
			{"Thời gian phục vụ trung bình (giây)", num(r.ServiceS.Mean)},
			{"Thời gian phục vụ trung vị (giây)", num(r.ServiceS.P50)},
			{"Thời gian phục vụ phân vị 90 (giây)", num(r.ServiceS.P90)},
			{"Số lượt đánh giá", r.Ratings.Total()},
			{"Tỷ lệ phiếu được đánh giá (%)", num(r.RatedShare)},
			{"Chỉ số hài lòng (%)", num(r.SatisfactionIndex)},
			{"Phản ánh, kiến nghị nhận được", r.Feedback.Received},
			{"Phản ánh, kiến nghị đã xử lý", r.Feedback.Handled},
			{"Số mã hồ sơ đã ghi nhận", FileCodeCount(r.Files)},
		},
	}
}

func levelsTable(l Levels) table {
	t := table{
		sheet:  sheetSummary,
		title:  "Đánh giá theo mức",
		header: []string{"Mức", "Mức độ hài lòng", "Số lượt"},
	}
	for level := 5; level >= 1; level-- {
		t.rows = append(t.rows, []any{level, queue.RatingLabels[level], l.Count(level)})
	}
	return t
}

// levelHeader names the rating columns of the counter and clerk tables,
// from level 5 down to 1, then their total and index.
func levelHeader() []string {
	h := make([]string, 0, 7)
	for level := 5; level >= 1; level-- {
		h = append(h, queue.RatingLabels[level])
	}
	return append(h, "Số lượt đánh giá", "Chỉ số hài lòng (%)")
}

// levelCells renders l and its index as the cells under levelHeader.
func levelCells(l Levels, index *float64) []any {
	c := make([]any, 0, 7)
	for level := 5; level >= 1; level-- {
		c = append(c, l.Count(level))
	}
	return append(c, l.Total(), num(index))
}

func servicesTable(rows []ServiceRow) table {
	t := table{
		sheet: sheetServices,
		header: []string{"Mã", "Lĩnh vực", "Đã cấp", "Đã gọi", "Đã giải quyết", "Vắng mặt", "Hết hạn",
			"Chờ trung bình (giây)", "Chờ trung vị (giây)", "Chờ phân vị 90 (giây)",
			"Phục vụ trung bình (giây)", "Phục vụ trung vị (giây)", "Phục vụ phân vị 90 (giây)"},
	}
	for _, s := range rows {
		t.rows = append(t.rows, []any{s.ID, s.Name, s.Issued, s.Called, s.Finished, s.NoShow, s.Expired,
			num(s.WaitS.Mean), num(s.WaitS.P50), num(s.WaitS.P90),
			num(s.ServiceS.Mean), num(s.ServiceS.P50), num(s.ServiceS.P90)})
	}
	return t
}

func countersTable(rows []CounterRow) table {
	t := table{
		sheet:  sheetCounters,
		header: append([]string{"Quầy", "Tên quầy", "Lượt gọi", "Đã giải quyết", "Vắng mặt", "Phục vụ trung bình (giây)"}, levelHeader()...),
	}
	for _, c := range rows {
		cells := []any{c.ID, c.Name, c.Called, c.Finished, c.NoShow, num(c.MeanServiceS)}
		t.rows = append(t.rows, append(cells, levelCells(c.Ratings, c.SatisfactionIndex)...))
	}
	return t
}

func clerksTable(rows []ClerkRow) table {
	t := table{
		sheet:  sheetClerks,
		header: append([]string{"Tài khoản", "Họ và tên", "Lượt gọi", "Đã giải quyết", "Vắng mặt", "Phục vụ trung bình (giây)"}, levelHeader()...),
	}
	for _, c := range rows {
		cells := []any{c.Username, c.Name, c.Called, c.Finished, c.NoShow, num(c.MeanServiceS)}
		t.rows = append(t.rows, append(cells, levelCells(c.Ratings, c.SatisfactionIndex)...))
	}
	return t
}

// lowRatingsTable lists the low ratings with the names of their service
// and clerk next to the codes (from the day's rows).
func lowRatingsTable(r Report) table {
	t := table{
		sheet: sheetLow,
		header: []string{"Thời gian", "Số phiếu", "Lĩnh vực", "Tên lĩnh vực", "Mức", "Mức độ hài lòng", "Lý do", "Ý kiến",
			"Quầy", "Công chức", "Họ và tên"},
	}
	services, clerks := map[string]string{}, map[string]string{}
	for _, s := range r.ByService {
		services[s.ID] = s.Name
	}
	for _, c := range r.ByClerk {
		clerks[c.Username] = c.Name
	}
	for _, lr := range r.LowRatings {
		t.rows = append(t.rows, []any{displayTime(lr.At), lr.Number, lr.Service, services[lr.Service], lr.Rating,
			queue.RatingLabels[lr.Rating], reasonLabels(lr.Reasons), lr.Comment, optCounter(lr.Counter), lr.Clerk, clerks[lr.Clerk]})
	}
	return t
}

// filesTable lists the tickets with file codes, one row per ticket, its
// codes joined by "; ", with its rating.
func filesTable(r Report) table {
	t := table{
		sheet: sheetFiles,
		header: []string{"Số phiếu", "Mã số", "Lĩnh vực", "Mã hồ sơ", "Số mã", "Trạng thái", "Hoàn thành lúc",
			"Quầy", "Công chức", "Mức đánh giá", "Mức độ hài lòng"},
	}
	for _, f := range r.Files {
		var level, label any
		if f.Rating > 0 {
			level, label = int(f.Rating), queue.RatingLabels[int(f.Rating)]
		}
		t.rows = append(t.rows, []any{f.Number, f.TicketID, f.Service, strings.Join(f.FileCodes, "; "), len(f.FileCodes),
			queue.StateLabel(f.State), displayTime(f.FinishedAt), optCounter(int(f.Counter)), string(f.Clerk), level, label})
	}
	return t
}

func hourlyTable(rows []HourRow) table {
	t := table{
		sheet:  sheetHourly,
		header: []string{"Giờ", "Số phiếu đã cấp", "Chờ trung bình (giây)"},
	}
	for _, h := range rows {
		t.rows = append(t.rows, []any{hourLabel(h.Hour), h.Issued, num(h.MeanWaitS)})
	}
	return t
}

// num returns *p, or nil for no value.
func num[T int | float64](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// optCounter returns id, or nil for no counter.
func optCounter(id int) any {
	if id == 0 {
		return nil
	}
	return id
}

// reasonLabels names the reason codes in Vietnamese, joined by "; ".
func reasonLabels(codes []string) string {
	return strings.Join(queue.ReasonLabels(codes), "; ")
}

// displayDate writes a YYYY-MM-DD day as Vietnamese readers do: 28/11/2026.
func displayDate(day string) string {
	t, err := time.Parse(queue.DayLayout, day)
	if err != nil {
		return day
	}
	return t.Format("02/01/2006")
}

// displayTime writes a stamp as 28/11/2026 09:15:02, in its own zone.
func displayTime(s queue.Stamp) string {
	if s.IsZero() {
		return ""
	}
	return s.Format("02/01/2006 15:04:05")
}

// hourLabel names the hour h as "08:00-09:00".
func hourLabel(h int) string {
	return time.Date(0, 1, 1, h, 0, 0, 0, time.UTC).Format("15:04") + "-" +
		time.Date(0, 1, 1, h+1, 0, 0, 0, time.UTC).Format("15:04")
}

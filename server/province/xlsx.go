package province

import (
	"fmt"
	"net/http"

	"github.com/xuri/excelize/v2"
)

// rankingXLSX downloads the ranking of a period as a spreadsheet.
func (s *Service) rankingXLSX(w http.ResponseWriter, r *http.Request) {
	p, ok := s.period(w, r)
	if !ok {
		return
	}
	rk, err := s.ranking(r.Context(), p)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Xếp hạng"
	f.SetSheetName("Sheet1", sheet)
	f.SetCellValue(sheet, "A1", "Xếp hạng các sảnh theo chỉ số hài lòng · "+p.Label+" ("+p.From+" – "+p.To+")")
	head := []any{"Hạng", "Mã sảnh", "Sảnh", "Chỉ số hài lòng (%)", "Lượt đánh giá", "Rất hài lòng", "Hài lòng",
		"Bình thường", "Không hài lòng", "Rất không hài lòng", "Tỷ lệ được đánh giá (%)", "Phiếu đã cấp",
		"Đã giải quyết", "Vắng mặt", "Chờ trung bình (giây)", "Phục vụ trung bình (giây)", "Phản ánh nhận",
		"Đã xử lý", "Xử lý trễ hạn", "Quá hạn chưa xử lý", "Mất kết nối"}
	f.SetSheetRow(sheet, "A3", &head)
	row := func(n int, r Row) {
		vals := []any{r.Rank, r.HallID, r.Name, num(r.SatisfactionIndex), r.Rated, r.Ratings.Count(5), r.Ratings.Count(4),
			r.Ratings.Count(3), r.Ratings.Count(2), r.Ratings.Count(1), num(r.RatedShare), r.Issued, r.Finished,
			r.NoShow, inum(r.WaitMeanS), inum(r.ServiceMeanS)}
		if r.Feedback != nil {
			vals = append(vals, r.Feedback.Received, r.Feedback.Handled, r.Feedback.HandledLate, r.Feedback.Overdue)
		}
		if r.Link != nil {
			vals = append(vals, map[bool]string{true: "Có", false: ""}[r.Link.Silent])
		}
		f.SetSheetRow(sheet, fmt.Sprintf("A%d", n), &vals)
	}
	for i, h := range rk.Halls {
		row(4+i, h)
	}
	total := rk.Province
	total.Rank = 0
	row(4+len(rk.Halls), total)
	f.SetColWidth(sheet, "C", "C", 40)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="xep-hang-%s-%s.xlsx"`, p.Kind, p.Date))
	if err := f.Write(w); err != nil {
		s.log.Error("province: xlsx", "err", err)
	}
}

// num is v or an empty cell.
func num(v *float64) any {
	if v == nil {
		return ""
	}
	return *v
}

func inum(v *int) any {
	if v == nil {
		return ""
	}
	return *v
}

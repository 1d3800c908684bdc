package report

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WriteDailyXLSX writes r as an xlsx workbook with the sheets "Tổng hợp",
// "Theo lĩnh vực", "Theo quầy", "Theo công chức", "Đánh giá thấp", "Theo
// giờ" and "Mã hồ sơ". Each sheet opens with hallName and the date, then bold-headed tables;
// numbers are stored as numbers and a missing value as an empty cell. It
// returns the first error of w.
func WriteDailyXLSX(w io.Writer, r Report, hallName string) error {
	return writeWorkbook(w, hallName, "Báo cáo ngày "+displayDate(r.Date), dailyTables(r))
}

// WriteMonthlyXLSX writes m as an xlsx workbook of one sheet, "Tổng hợp
// tháng": one row per day, the month's total with its satisfaction index,
// and the month's ratings by level.
func WriteMonthlyXLSX(w io.Writer, m Month, hallName string) error {
	return writeWorkbook(w, hallName, "Báo cáo tháng "+displayMonth(m.Month), monthlyTables(m))
}

// Column widths, in characters: a header wraps beyond headerWrap.
const (
	minWidth   = 8
	maxWidth   = 60
	headerWrap = 16
)

// workbook writes tables into an excelize file, one sheet after another.
type workbook struct {
	f       *excelize.File
	heading string
	hall    string
	styles  styles
	next    map[string]int   // the next free row of each sheet
	widths  map[string][]int // the widest text of each column of each sheet
	order   []string         // sheets in the order of creation
}

// styles holds the ids of the cell styles the workbook uses.
type styles struct{ title, heading, header, total, decimal, totalDecimal int }

func writeWorkbook(w io.Writer, hall, heading string, tables []table) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("report: xlsx styles: %w", err)
	}
	wb := &workbook{f: f, heading: heading, hall: hall, styles: st,
		next: map[string]int{}, widths: map[string][]int{}}
	for _, t := range tables {
		if err := wb.table(t); err != nil {
			return fmt.Errorf("report: xlsx sheet %q: %w", t.sheet, err)
		}
	}
	if err := wb.setWidths(); err != nil {
		return fmt.Errorf("report: xlsx widths: %w", err)
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	return nil
}

// sheet returns the next free row of sheet, creating the sheet with its
// hall and heading lines when it is new.
func (wb *workbook) sheet(name string) (int, error) {
	if row, ok := wb.next[name]; ok {
		return row, nil
	}
	if len(wb.order) == 0 {
		if err := wb.f.SetSheetName("Sheet1", name); err != nil {
			return 0, err
		}
	} else if _, err := wb.f.NewSheet(name); err != nil {
		return 0, err
	}
	wb.order = append(wb.order, name)
	if err := wb.f.SetCellValue(name, "A1", wb.hall); err != nil {
		return 0, err
	}
	if err := wb.f.SetCellValue(name, "A2", wb.heading); err != nil {
		return 0, err
	}
	if err := wb.f.SetCellStyle(name, "A1", "A1", wb.styles.title); err != nil {
		return 0, err
	}
	if err := wb.f.SetCellStyle(name, "A2", "A2", wb.styles.heading); err != nil {
		return 0, err
	}
	wb.next[name] = 4
	return 4, nil
}

// table writes t below what its sheet already holds, and a blank row after.
func (wb *workbook) table(t table) error {
	row, err := wb.sheet(t.sheet)
	if err != nil {
		return err
	}
	if t.title != "" {
		if err := wb.cell(t.sheet, 1, row, t.title, wb.styles.heading); err != nil {
			return err
		}
		row++
	}
	for i, h := range t.header {
		if err := wb.cell(t.sheet, i+1, row, h, wb.styles.header); err != nil {
			return err
		}
		wb.widen(t.sheet, i, min(utf8.RuneCountInString(h), headerWrap))
	}
	row++
	for n, cells := range t.rows {
		total := t.total && n == len(t.rows)-1
		for i, c := range cells {
			if err := wb.cell(t.sheet, i+1, row, c, wb.cellStyle(c, total)); err != nil {
				return err
			}
			wb.widen(t.sheet, i, cellWidth(c))
		}
		row++
	}
	wb.next[t.sheet] = row + 1
	return nil
}

// cell writes v at (col, row) with style (0 for none); nil leaves it empty.
func (wb *workbook) cell(sheet string, col, row int, v any, style int) error {
	if v == nil && style == 0 {
		return nil
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if v != nil {
		if err := wb.f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
	}
	if style == 0 {
		return nil
	}
	return wb.f.SetCellStyle(sheet, ref, ref, style)
}

// cellStyle picks the style of a body cell.
func (wb *workbook) cellStyle(v any, total bool) int {
	_, decimal := v.(float64)
	switch {
	case total && decimal:
		return wb.styles.totalDecimal
	case total:
		return wb.styles.total
	case decimal:
		return wb.styles.decimal
	}
	return 0
}

// widen records that column col of sheet holds text n characters wide.
func (wb *workbook) widen(sheet string, col, n int) {
	w := wb.widths[sheet]
	for len(w) <= col {
		w = append(w, 0)
	}
	w[col] = max(w[col], n)
	wb.widths[sheet] = w
}

// setWidths sizes every column to its widest text.
func (wb *workbook) setWidths() error {
	for _, sheet := range wb.order {
		for i, n := range wb.widths[sheet] {
			name, err := excelize.ColumnNumberToName(i + 1)
			if err != nil {
				return err
			}
			width := float64(min(max(n+2, minWidth), maxWidth))
			if err := wb.f.SetColWidth(sheet, name, name, width); err != nil {
				return err
			}
		}
	}
	return nil
}

// cellWidth is the width of v's text.
func cellWidth(v any) int {
	switch x := v.(type) {
	case string:
		return utf8.RuneCountInString(x)
	case nil:
		return 0
	default:
		return len(fmt.Sprint(x))
	}
}

package report

import "github.com/xuri/excelize/v2"

// numFmt2 is Excel's built-in number format "0.00".
const numFmt2 = 2

// newStyles registers the workbook's cell styles in f.
func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1},
		{Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1},
		{Type: "bottom", Color: "999999", Style: 1},
	}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 14}},
		{Font: &excelize.Font{Bold: true, Italic: true}},
		{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border:    border,
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		},
		{Font: &excelize.Font{Bold: true}},
		{NumFmt: numFmt2},
		{Font: &excelize.Font{Bold: true}, NumFmt: numFmt2},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, err
		}
		ids[i] = id
	}
	return styles{title: ids[0], heading: ids[1], header: ids[2], total: ids[3], decimal: ids[4], totalDecimal: ids[5]}, nil
}

package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReportPage(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	resp, page := f.get(c, "/reports?date="+scenarioDay)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d, want 200", resp.StatusCode)
	}
	figures := []struct{ id, want string }{
		{"issued", "4"},
		{"called", "3"},
		{"finished", "2"},
		{"no-show", "1"},
		{"expired", "1"},
		{"rated", "2"},
		{"satisfaction", "50,00 %"},
		{"rated-share", "100,00 %"},
		{"feedback", "1/2"},
	}
	for _, tc := range figures {
		t.Run(tc.id, func(t *testing.T) {
			if got := byID(t, page, tc.id); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	texts := []struct{ name, want string }{
		{"wait mean 640 s", "10 phút 40 giây"},
		{"wait p90 1200 s", "20 phút"},
		{"service mean 450 s", "7 phút 30 giây"},
		{"low rating comment", "Chờ lâu"},
		{"low rating reason", "Thời gian chờ"},
		{"clerk name", "Nguyễn Diệu Hằng"},
		{"service name", "Lưu thông hàng hóa trong nước"},
		{"levels chart", `aria-label="Đánh giá theo mức"`},
		{"counters chart", `aria-label="Chỉ số hài lòng theo quầy (%)"`},
		{"clerks chart", `aria-label="Chỉ số hài lòng theo công chức (%)"`},
		{"waits chart bar at 8h (15 min)", `8h: 15′`},
		{"waits chart bar at 9h (2 min)", `9h: 2′`},
		{"xlsx link", `/reports/daily.xlsx?date=2026-11-27`},
	}
	for _, tc := range texts {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(page, tc.want) {
				t.Errorf("page lacks %q", tc.want)
			}
		})
	}
}

func TestReportBadDate(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	for _, path := range []string{"/reports?date=2026-13-01", "/reports/month?month=2026-1"} {
		if r, _ := f.get(c, path); r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: got %d, want 400", path, r.StatusCode)
		}
	}
}

func TestReportJSON(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	_, body := f.get(c, "/api/reports/daily?date="+scenarioDay)
	var r struct {
		Issued            int                           `json:"issued"`
		Finished          int                           `json:"finished"`
		SatisfactionIndex *float64                      `json:"satisfaction_index"`
		WaitS             struct{ Mean, P50, P90 *int } `json:"wait_s"`
		ByService         []struct{ ID, Name string }   `json:"by_service"`
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	switch {
	case r.Issued != 4 || r.Finished != 2:
		t.Errorf("issued, finished: got %d, %d, want 4, 2", r.Issued, r.Finished)
	case r.SatisfactionIndex == nil || *r.SatisfactionIndex != 50:
		t.Errorf("satisfaction_index: got %v, want 50", r.SatisfactionIndex)
	case r.WaitS.Mean == nil || *r.WaitS.Mean != 640 || *r.WaitS.P50 != 600 || *r.WaitS.P90 != 1200:
		t.Errorf("wait_s: got %+v, want 640/600/1200", r.WaitS)
	case len(r.ByService) != 2 || r.ByService[0].Name == "":
		t.Errorf("by_service: got %+v, want A and B with names", r.ByService)
	}
}

// xlsxValue returns the value next to key on sheet.
func xlsxValue(t *testing.T, data []byte, sheet, key string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	for _, row := range rows {
		if len(row) >= 2 && row[0] == key {
			return row[1]
		}
	}
	t.Fatalf("sheet %s: no row %q", sheet, key)
	return ""
}

func TestExports(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	resp, daily := f.get(c, "/reports/daily.xlsx?date="+scenarioDay)
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "bao-cao-2026-11-27.xlsx") {
		t.Errorf("daily xlsx: got Content-Disposition %q", cd)
	}
	resp, monthly := f.get(c, "/reports/monthly.xlsx?month=2026-11")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("monthly xlsx: got %d, want 200", resp.StatusCode)
	}
	_, csv := f.get(c, "/reports/daily.csv?date="+scenarioDay)
	resp, monthlyCSV := f.get(c, "/reports/monthly.csv?month=2026-11")
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != http.StatusOK || !strings.Contains(cd, "bao-cao-thang-2026-11.csv") {
		t.Errorf("monthly csv: got %d %q", resp.StatusCode, cd)
	}
	tests := []struct{ name, got, want string }{
		{"daily issued", xlsxValue(t, []byte(daily), "Tổng hợp", "Số phiếu đã cấp"), "4"},
		{"daily index", xlsxValue(t, []byte(daily), "Tổng hợp", "Chỉ số hài lòng (%)"), "50.00"},
		{"monthly day row", xlsxValue(t, []byte(monthly), "Tổng hợp tháng", scenarioDay), "4"},
		{"monthly total", xlsxValue(t, []byte(monthly), "Tổng hợp tháng", "Cả tháng"), "4"},
		{"csv issued", csvHas(csv, "Số phiếu đã cấp,4"), "true"},
		{"monthly csv day row", fmt.Sprint(strings.Contains(monthlyCSV, scenarioDay+",4")), "true"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func csvHas(csv, line string) string {
	if strings.Contains(csv, line) {
		return "true"
	}
	return "false"
}

func TestMonthPage(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	_, page := f.get(c, "/reports/month?month=2026-11")
	tests := []struct{ id, want string }{
		{"satisfaction", "50,00 %"},
		{"issued", "4"},
		{"finished", "2"},
		{"rated", "2"},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			if got := byID(t, page, tc.id); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if !strings.Contains(page, `href="/reports?date=2026-11-27"`) {
		t.Error("month page: no link to the day")
	}
	_, body := f.get(c, "/api/reports/monthly?month=2026-11")
	var m struct {
		Days []struct {
			Date   string `json:"date"`
			Issued int    `json:"issued"`
		} `json:"days"`
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil || len(m.Days) != 1 || m.Days[0].Issued != 4 {
		t.Errorf("monthly json: got %s, want one day with 4 issued", body)
	}
}

package web_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"hallq/shared/queue"

	"github.com/xuri/excelize/v2"
)

// marchDay is a second day with tickets, in another month of the year.
const marchDay = "2026-03-10"

// commitMarch stores marchDay:
//
//	A001 issued 08:00, called 08:05 at 2 by minh.tq, finished 08:15, rated 4
//	B001 issued 08:10, called 08:20 at 1 by hang.nd, finished 08:22, rated 1
func (f *fixture) commitMarch() {
	t := f.t
	t.Helper()
	ticket := func(number, issued, calledAt, finished string, counter int, clerk string) queue.Ticket {
		at := stamp(t, marchDay, calledAt)
		return queue.Ticket{ID: marchDay + "/" + number, Number: number, Service: number[:1], IssuedService: number[:1],
			State: queue.Finished, IssuedAt: stamp(t, marchDay, issued), CalledAt: at, FirstCalledAt: at,
			Counter: queue.OptInt(counter), Clerk: queue.OptString(clerk), Calls: []queue.Call{{Counter: counter, Clerk: clerk, At: at}},
			FinishedAt: stamp(t, marchDay, finished)}
	}
	ch := queue.Changes{
		Tickets: []queue.Ticket{
			ticket("A001", "08:00:00", "08:05:00", "08:15:00", 2, "minh.tq"),
			ticket("B001", "08:10:00", "08:20:00", "08:22:00", 1, "hang.nd"),
		},
		Ratings: []queue.Rating{
			{TicketID: marchDay + "/A001", Number: "A001", Service: "A", Rating: 4, Counter: 2, Clerk: "minh.tq", At: stamp(t, marchDay, "08:16:00")},
			{TicketID: marchDay + "/B001", Number: "B001", Service: "B", Rating: 1, Counter: 1, Clerk: "hang.nd", At: stamp(t, marchDay, "08:23:00")},
		},
	}
	if err := f.store.Commit(marchDay, ch, nil, nil); err != nil {
		t.Fatalf("commit %s: %v", marchDay, err)
	}
}

// sums is the part of a day's, a year's or a range's JSON that the year
// and range pages sum.
type sums struct {
	Issued    int              `json:"issued"`
	Finished  int              `json:"finished"`
	Ratings   map[string]int   `json:"ratings"`
	Index     *float64         `json:"satisfaction_index"`
	ByCounter []map[string]any `json:"by_counter"`
	ByClerk   []map[string]any `json:"by_clerk"`
	ByService []map[string]any `json:"by_service"`
	Months    []map[string]any `json:"months"`
}

// getJSON fetches path and decodes it into out; the answer must be 200.
func (f *fixture) getJSON(c *http.Client, path string, out any) {
	f.t.Helper()
	resp, body := f.get(c, path)
	if resp.StatusCode != http.StatusOK {
		f.t.Fatalf("GET %s: got %d, want 200: %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), out); err != nil {
		f.t.Fatalf("GET %s: %v", path, err)
	}
}

// sumRows adds up rows of several days by key, for the numeric fields
// named; the ratings by level too.
func sumRows(key string, fields []string, days ...[]map[string]any) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, rows := range days {
		for _, r := range rows {
			k, _ := json.Marshal(r[key])
			acc := out[string(k)]
			if acc == nil {
				acc = map[string]float64{}
				out[string(k)] = acc
			}
			for _, f := range fields {
				n, _ := r[f].(float64)
				acc[f] += n
			}
			levels, _ := r["ratings"].(map[string]any)
			for l, n := range levels {
				acc["r"+l] += n.(float64)
			}
		}
	}
	return out
}

// TestYearAndRange: the year's and a range's totals and tables (by counter,
// by clerk, by service) are the sums of their days' reports, on the API,
// the pages and the downloads.
func TestYearAndRange(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	f.commitMarch()
	c := f.signedIn()
	var nov, mar sums
	f.getJSON(c, "/api/reports/daily?date="+scenarioDay, &nov)
	f.getJSON(c, "/api/reports/daily?date="+marchDay, &mar)
	work := []string{"called", "finished", "no_show", "service_seconds"}
	wantCounters := sumRows("id", work, nov.ByCounter, mar.ByCounter)
	wantClerks := sumRows("username", work, nov.ByClerk, mar.ByClerk)
	wantServices := sumRows("id", []string{"issued", "finished"}, nov.ByService, mar.ByService)

	for _, path := range []string{"/api/reports/yearly?year=2026", "/api/reports/range?from=01/03/2026&to=27/11/2026",
		"/api/reports/range?from=2026-01-01&to=2026-12-31"} {
		t.Run(path, func(t *testing.T) {
			var p sums
			f.getJSON(c, path, &p)
			if p.Issued != nov.Issued+mar.Issued || p.Finished != nov.Finished+mar.Finished {
				t.Errorf("issued, finished: got %d, %d, want %d, %d", p.Issued, p.Finished, nov.Issued+mar.Issued, nov.Finished+mar.Finished)
			}
			for l := range nov.Ratings {
				if p.Ratings[l] != nov.Ratings[l]+mar.Ratings[l] {
					t.Errorf("ratings at %s: got %d, want %d", l, p.Ratings[l], nov.Ratings[l]+mar.Ratings[l])
				}
			}
			// Ratings 5, 2 (November) and 4, 1 (March): 2 of 4.
			if p.Index == nil || *p.Index != 50 {
				t.Errorf("index: got %v, want 50", p.Index)
			}
			for _, g := range []struct {
				name string
				got  map[string]map[string]float64
				want map[string]map[string]float64
			}{
				{"by_counter", sumRows("id", work, p.ByCounter), wantCounters},
				{"by_clerk", sumRows("username", work, p.ByClerk), wantClerks},
				{"by_service", sumRows("id", []string{"issued", "finished"}, p.ByService), wantServices},
			} {
				if !reflect.DeepEqual(g.got, g.want) {
					t.Errorf("%s: got %v, want the days' sums %v", g.name, g.got, g.want)
				}
			}
			if len(p.Months) != 2 || p.Months[0]["month"] != "2026-03" || p.Months[1]["month"] != "2026-11" {
				t.Errorf("months: got %v, want March and November", p.Months)
			}
		})
	}

	// A range of one day is that day.
	var one sums
	f.getJSON(c, "/api/reports/range?from=10/03/2026&to=10/03/2026", &one)
	if one.Issued != mar.Issued || !reflect.DeepEqual(sumRows("id", work, one.ByCounter), sumRows("id", work, mar.ByCounter)) {
		t.Errorf("range of %s: got %+v, want the day's %+v", marchDay, one, mar)
	}

	// The pages.
	_, page := f.get(c, "/reports/year?year=2026")
	for id, want := range map[string]string{"issued": "6", "finished": "4", "rated": "4", "satisfaction": "50,00 %", "ndays": "2"} {
		if got := byID(t, page, id); got != want {
			t.Errorf("year page #%s: got %q, want %q", id, got, want)
		}
	}
	for _, want := range []string{"Báo cáo năm 2026", `id="months"`, "tháng 03/2026", "tháng 11/2026", `id="by-counter"`, `id="by-clerk"`,
		`id="by-service"`, "Nguyễn Diệu Hằng", "Trần Quang Minh", "Lưu thông hàng hóa trong nước", "Cả năm",
		`href="/reports/yearly.xlsx?year=2026"`, `href="/reports/yearly.csv?year=2026&amp;sep=semicolon"`} {
		if !strings.Contains(page, want) {
			t.Errorf("year page lacks %q", want)
		}
	}
	_, page = f.get(c, "/reports/range?from=01/11/2026&to=28/11/2026")
	for id, want := range map[string]string{"issued": "4", "finished": "2", "satisfaction": "50,00 %"} {
		if got := byID(t, page, id); got != want {
			t.Errorf("range page #%s: got %q, want %q", id, got, want)
		}
	}
	for _, want := range []string{"Báo cáo từ 01/11/2026 đến 28/11/2026", `id="days"`, "27/11/2026", "Cả kỳ", `id="by-clerk"`,
		`href="/reports/range.xlsx?from=2026-11-01&amp;to=2026-11-28"`} {
		if !strings.Contains(page, want) {
			t.Errorf("range page lacks %q", want)
		}
	}
	_, page = f.get(c, "/reports/month?month=2026-11")
	for _, want := range []string{`href="/reports/year?year=2026"`, `href="/reports/range?from=2026-11-01&amp;to=2026-11-30"`, `href="/reports/year"`} {
		if !strings.Contains(page, want) {
			t.Errorf("month page lacks the link %q", want)
		}
	}

	// The downloads.
	resp, body := f.get(c, "/reports/yearly.csv?year=2026&sep=semicolon")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Cả năm;2;6;4;4;50\n") || !strings.Contains(body, "03/2026;1;2;2;2;50\n") {
		t.Errorf("yearly csv: %d\n%s", resp.StatusCode, body)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "bao-cao-nam-2026.csv") {
		t.Errorf("yearly csv file name: %q", cd)
	}
	resp, body = f.get(c, "/reports/range.csv?from=01/03/2026&to=31/03/2026")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Cả kỳ,2,2,2,50\n") {
		t.Errorf("range csv: %d\n%s", resp.StatusCode, body)
	}
	for _, path := range []string{"/reports/yearly.xlsx?year=2026", "/reports/range.xlsx?from=01/03/2026&to=28/11/2026"} {
		resp, body = f.get(c, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		x, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows, _ := x.GetRows("Tổng hợp")
		found := false
		for _, r := range rows {
			if len(r) > 2 && (r[0] == "Cả năm" || r[0] == "Cả kỳ") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no total row on Tổng hợp: %v", path, rows)
		}
		x.Close()
	}
}

// TestPeriodBadInput: a bad year or range gets a clear Vietnamese page (or
// JSON error), 400.
func TestPeriodBadInput(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	tests := []struct {
		name, query, want string
	}{
		{"year with a letter", "year/?year=20x6", "Năm “20x6” không hợp lệ"},
		{"year of two digits", "year/?year=26", "nhập năm bằng 4 chữ số"},
		{"bad from", "range/?from=31/02/2026&to=01/03/2026", "Ngày bắt đầu “31/02/2026” không hợp lệ"},
		{"bad to", "range/?from=01/02/2026&to=homnay", "Ngày kết thúc “homnay” không hợp lệ"},
		{"to before from", "range/?from=10/03/2026&to=01/03/2026", "Ngày kết thúc 01/03/2026 trước ngày bắt đầu 10/03/2026"},
		{"longer than 366 days", "range/?from=01/01/2025&to=02/01/2026", "dài 367 ngày; mỗi báo cáo tối đa 366 ngày"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, q, _ := strings.Cut(tt.query, "/")
			for _, path := range []string{"/reports/" + kind + q, "/api/reports/" + map[string]string{"year": "yearly", "range": "range"}[kind] + q,
				"/reports/" + map[string]string{"year": "yearly", "range": "range"}[kind] + ".csv" + q} {
				resp, body := f.get(c, path)
				if resp.StatusCode != http.StatusBadRequest {
					t.Errorf("GET %s: got %d, want 400", path, resp.StatusCode)
				}
				if !strings.Contains(body, tt.want) && !strings.Contains(body, jsonEscape(tt.want)) {
					t.Errorf("GET %s: body lacks %q:\n%s", path, tt.want, body)
				}
			}
		})
	}
	// A full leap year is allowed: 366 days.
	if resp, body := f.get(c, "/reports/range?from=01/01/2024&to=31/12/2024"); resp.StatusCode != http.StatusOK {
		t.Errorf("366 days: got %d, want 200: %s", resp.StatusCode, body)
	}
}

// jsonEscape writes s as encoding/json does inside a string.
func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

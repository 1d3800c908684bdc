package province

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hallq/server/config"
	"hallq/server/province/pgstore"
	"hallq/server/province/wire"
)

const (
	testUser     = "tinh.admin"
	testPassword = "mat-khau-tinh-2026"
)

// loadedEnv is an env holding the real hall's whole day (events, feedback,
// report), a second hall that never sent anything, and a province
// account.
func loadedEnv(t *testing.T) (*env, hallDay) {
	t.Helper()
	d := realDay(t)
	e := newEnv(t)
	ctx := context.Background()
	if err := e.store.AddHall(ctx, pgstore.Hall{ID: "ubnd-xa", Name: "UBND xã Tân Hiệp", Key: "k2", DeadlineDays: 5,
		Open: "00:00", Close: "24:00", Timezone: "Asia/Ho_Chi_Minh"}); err != nil {
		t.Fatal(err)
	}
	hash, err := config.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.SetAccount(ctx, testUser, hash, false); err != nil {
		t.Fatal(err)
	}
	b := d.batch(1, uint64(len(d.Frames)))
	b.Feedback, b.Report = d.Feedback, d.Report
	send(t, e.srv.URL, b)
	// The clock of the dashboard: the Monday after the day, 10:00.
	e.clock.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, ict))
	return e, d
}

// getJSON GETs path with basic auth and decodes the answer into v.
func getJSON(t *testing.T, base, path string, v any) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.SetBasicAuth(testUser, testPassword)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, raw)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, raw)
	}
}

// TestRankingAgainstReport: the province's figures for the hall's day,
// month, quarter and year are the hall's own daily report's.
func TestRankingAgainstReport(t *testing.T) {
	e, d := loadedEnv(t)
	rep := decodeReport(t, d.Report)
	for _, period := range []string{"day", "month", "quarter", "year"} {
		t.Run(period, func(t *testing.T) {
			var rk Ranking
			getJSON(t, e.srv.URL, "/api/province/ranking?period="+period+"&date="+d.Day, &rk)
			if len(rk.Halls) != 2 {
				t.Fatalf("halls: got %d, want 2", len(rk.Halls))
			}
			top, other := rk.Halls[0], rk.Halls[1]
			if top.HallID != hallID || top.Rank != 1 || other.HallID != "ubnd-xa" || other.Rank != 2 {
				t.Fatalf("order: got %s #%d, %s #%d", top.HallID, top.Rank, other.HallID, other.Rank)
			}
			checks := []struct {
				name      string
				got, want any
			}{
				{"issued", top.Issued, rep.Issued},
				{"called", top.Called, rep.Called},
				{"finished", top.Finished, rep.Finished},
				{"no_show", top.NoShow, rep.NoShow},
				{"satisfaction_index", fmtP(top.SatisfactionIndex), fmtP(rep.SatisfactionIndex)},
				{"rated_share", fmtP(top.RatedShare), fmtP(rep.RatedShare)},
				{"ratings", top.Ratings.Total(), rep.Ratings.Total()},
				{"wait mean", fmtI(top.WaitMeanS), fmtI(rep.WaitS.Mean)},
				{"service mean", fmtI(top.ServiceMeanS), fmtI(rep.ServiceS.Mean)},
				{"feedback received", top.Feedback.Received, rep.Feedback.Received},
				{"feedback handled", top.Feedback.Handled, rep.Feedback.Handled},
				{"province index", fmtP(rk.Province.SatisfactionIndex), fmtP(rep.SatisfactionIndex)},
			}
			for level := 1; level <= 5; level++ {
				checks = append(checks, struct {
					name      string
					got, want any
				}{fmt.Sprintf("ratings at %d", level), top.Ratings.Count(level), rep.Ratings.Count(level)})
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s: got %v, want %v (the hall's report)", c.name, c.got, c.want)
				}
			}
			if rep.Ratings.Count(2) != 1 || rep.Ratings.Count(1) != 0 {
				t.Errorf("the hall's report: ratings %v, want the 1 changed to 2", rep.Ratings)
			}
			// Nothing handled by Monday: the items of Friday are due the
			// next Friday, so none is overdue yet.
			if top.Feedback.Overdue != 0 || top.Feedback.HandledLate != 0 {
				t.Errorf("late feedback: got %+v, want none", top.Feedback)
			}
			if top.Link.Silent || !other.Link.Silent || rk.SilentLinks != 1 {
				t.Errorf("silent: hall %v, never-seen hall %v, count %d; want false, true, 1", top.Link.Silent, other.Link.Silent, rk.SilentLinks)
			}
		})
	}
	// A day after a week and more: the unhandled items are overdue.
	e.clock.Set(time.Date(2026, 12, 8, 10, 0, 0, 0, ict))
	var rk Ranking
	getJSON(t, e.srv.URL, "/api/province/ranking?period=month&date="+d.Day, &rk)
	if got, want := rk.Halls[0].Feedback.Overdue, rep.Feedback.Received-rep.Feedback.Handled; got != want {
		t.Errorf("overdue after the deadline: got %d, want %d", got, want)
	}
	// Another month holds nothing.
	getJSON(t, e.srv.URL, "/api/province/ranking?period=month&date=2026-10-01", &rk)
	if rk.Province.Issued != 0 || rk.Province.SatisfactionIndex != nil {
		t.Errorf("October: got %d issued, index %v; want 0, none", rk.Province.Issued, rk.Province.SatisfactionIndex)
	}
}

func fmtP(v *float64) string { return pct(v) }
func fmtI(v *int) string     { return dur(v) }

// TestServicesAndDay: the per-service comparison and one hall's day match
// the report's by_service, and the day lists every ticket.
func TestServicesAndDay(t *testing.T) {
	e, d := loadedEnv(t)
	rep := decodeReport(t, d.Report)
	var sc ServiceComparison
	getJSON(t, e.srv.URL, "/api/province/services?period=month&date="+d.Day, &sc)
	if len(sc.Services) != len(rep.ByService) {
		t.Fatalf("services: got %d, want %d", len(sc.Services), len(rep.ByService))
	}
	for i, b := range sc.Services {
		want := rep.ByService[i]
		if b.Service != want.ID || b.Total.Issued != want.Issued || fmtP(b.Total.SatisfactionIndex) != fmtP(want.SatisfactionIndex) {
			t.Errorf("service %s: got %d issued, index %s; want %s %d %s", b.Service, b.Total.Issued,
				fmtP(b.Total.SatisfactionIndex), want.ID, want.Issued, fmtP(want.SatisfactionIndex))
		}
	}
	var v DayView
	getJSON(t, e.srv.URL, "/api/province/halls/"+hallID+"/days/"+d.Day, &v)
	if len(v.Tickets) != rep.Issued || v.Figures.Issued != rep.Issued || v.Seq != uint64(len(d.Frames)) || v.Report == nil {
		t.Errorf("day: got %d tickets, %d issued, seq %d, report %v; want %d, %d, %d, a report",
			len(v.Tickets), v.Figures.Issued, v.Seq, v.Report != nil, rep.Issued, rep.Issued, len(d.Frames))
	}
	if v.Check == nil || !v.Check.Matches {
		t.Errorf("report check: got %+v, want a match", v.Check)
	}
	for _, bad := range []string{"/api/province/halls/nope/days/" + d.Day, "/api/province/halls/" + hallID + "/days/27-11-2026",
		"/api/province/ranking?period=week"} {
		req, _ := http.NewRequest("GET", e.srv.URL+bad, nil)
		req.SetBasicAuth(testUser, testPassword)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 && resp.StatusCode != 400 {
			t.Errorf("GET %s: got %d, want 400 or 404", bad, resp.StatusCode)
		}
	}
}

// TestFileCodes: the file codes a clerk attached at finish reach the
// hall's day.
func TestFileCodes(t *testing.T) {
	e, _ := loadedEnv(t)
	e.clock.Set(time.Time{})
	day := "2026-11-30"
	issued := `{"type":"ticket_issued","seq":1,"at":"2026-11-30T08:00:00.000+07:00","data":{"ticket":{"id":"2026-11-30/A001","number":"A001","service":"A","state":"waiting","issued_at":"2026-11-30T08:00:00.000+07:00"}}}`
	finished := `{"type":"ticket_finished","seq":2,"at":"2026-11-30T08:20:00.000+07:00","data":{"ticket":{"id":"2026-11-30/A001","number":"A001","service":"A","state":"finished","issued_at":"2026-11-30T08:00:00.000+07:00","first_called_at":"2026-11-30T08:05:00.000+07:00","called_at":"2026-11-30T08:05:00.000+07:00","finished_at":"2026-11-30T08:20:00.000+07:00","counter":1,"clerk":"hang.nd","file_codes":["000.00.12.H12-261130-0001","H12.5/2026"]}}}`
	send(t, e.srv.URL, wire.Batch{HallID: hallID, Day: day, From: 1, Events: []json.RawMessage{json.RawMessage(issued), json.RawMessage(finished)}})
	var v DayView
	getJSON(t, e.srv.URL, "/api/province/halls/"+hallID+"/days/"+day, &v)
	if len(v.Tickets) != 1 || strings.Join(v.Tickets[0].FileCodes, " ") != "000.00.12.H12-261130-0001 H12.5/2026" {
		t.Fatalf("tickets: got %+v, want A001 with its two file codes", v.Tickets)
	}
	if got := fmtI(v.Tickets[0].WaitS) + " / " + fmtI(v.Tickets[0].ServiceS); got != "5 phút 00 giây / 15 phút 00 giây" {
		t.Errorf("times: got %s", got)
	}
}

// TestSignIn: pages ask for a sign-in, the API for credentials; a wrong
// password is refused in Vietnamese; a signed-in browser sees the
// ranking, downloads it as xlsx and signs out.
func TestSignIn(t *testing.T) {
	e, _ := loadedEnv(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(e.srv.URL + "/province")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("page without a session: got %d %s, want a redirect to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = http.Get(e.srv.URL + "/api/province/ranking")
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("API without credentials: got %d, want 401", resp.StatusCode)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, _ = c.PostForm(e.srv.URL+"/login", url.Values{"username": {testUser}, "password": {"sai"}})
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || !strings.Contains(string(body), "Sai tên đăng nhập hoặc mật khẩu") {
		t.Errorf("wrong password: got %d, want 401 with the Vietnamese message", resp.StatusCode)
	}
	resp, _ = c.PostForm(e.srv.URL+"/login", url.Values{"username": {testUser}, "password": {testPassword}, "next": {"/province?period=day&date=2026-11-27"}})
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Xếp hạng các sảnh") || !strings.Contains(string(body), "Sở Công Thương") {
		t.Fatalf("after sign-in: got %d, want the ranking page:\n%s", resp.StatusCode, body)
	}
	resp, _ = c.Get(e.srv.URL + "/province/ranking.xlsx?period=month&date=2026-11-27")
	x, err := excelize.OpenReader(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	name, _ := x.GetCellValue("Xếp hạng", "C4")
	index, _ := x.GetCellValue("Xếp hạng", "D4")
	if name != "Sở Công Thương" || index != "66.67" {
		t.Errorf("xlsx first row: got %q %q, want Sở Công Thương 66.67", name, index)
	}
	for _, p := range []string{"/province/services", "/province/halls/" + hallID + "?date=2026-11-27"} {
		resp, _ = c.Get(e.srv.URL + p)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
	}
	resp, _ = c.Get(e.srv.URL + "/static/app.css")
	css, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(css), "--navy") {
		t.Errorf("/static/app.css: got %d bytes without the hall pages' colours", len(css))
	}
	resp, _ = c.PostForm(e.srv.URL+"/logout", nil)
	resp.Body.Close()
	resp, _ = noRedirect.Get(e.srv.URL + "/province")
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after sign-out: got %d, want a redirect", resp.StatusCode)
	}
}

// TestSignInThrottled: after five wrong passwords a username from one
// address waits, even with the right password, and is told so.
func TestSignInThrottled(t *testing.T) {
	e, _ := loadedEnv(t)
	for range 5 {
		resp, _ := http.PostForm(e.srv.URL+"/login", url.Values{"username": {testUser}, "password": {"sai"}})
		resp.Body.Close()
	}
	resp, _ := http.PostForm(e.srv.URL+"/login", url.Values{"username": {testUser}, "password": {"sai"}})
	resp.Body.Close()
	resp, _ = http.PostForm(e.srv.URL+"/login", url.Values{"username": {testUser}, "password": {testPassword}})
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(body), "thử lại sau ít phút") {
		t.Errorf("after six wrong passwords: got %d, want 429 with the Vietnamese message", resp.StatusCode)
	}
	if got := apiStatus(t, e.srv.URL, testUser, testPassword); got != http.StatusTooManyRequests {
		t.Errorf("API meanwhile: got %d, want 429", got)
	}
	e.clock.Set(time.Date(2026, 11, 30, 10, 30, 0, 0, ict))
	if got := apiStatus(t, e.srv.URL, testUser, testPassword); got != http.StatusOK {
		t.Errorf("half an hour later: got %d, want 200", got)
	}
}

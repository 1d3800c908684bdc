package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestDatesTypedAsDayMonthYear: the pages' date fields are text fields
// showing dd/mm/yyyy (mm/yyyy for the month); the server reads what is
// typed there and the SPEC's YYYY-MM-DD alike.
func TestDatesTypedAsDayMonthYear(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	pages := []struct {
		name, path string
		wantID     string // an element id and its text, "" for none
		wantText   string
		wantField  string // the date field as rendered
	}{
		{"report, typed", "/reports?date=27/11/2026", "satisfaction", "50,00 %", `name="date" value="27/11/2026"`},
		{"report, SPEC", "/reports?date=2026-11-27", "satisfaction", "50,00 %", `name="date" value="27/11/2026"`},
		{"month, typed", "/reports/month?month=11/2026", "issued", "4", `name="month" value="11/2026"`},
		{"month, SPEC", "/reports/month?month=2026-11", "issued", "4", `name="month" value="11/2026"`},
		{"feedback, typed", "/feedback?from=27/11/2026&to=27/11/2026", "", "", `name="from" value="27/11/2026"`},
	}
	for _, tc := range pages {
		t.Run(tc.name, func(t *testing.T) {
			resp, page := f.get(c, tc.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("got %d, want 200", resp.StatusCode)
			}
			if tc.wantID != "" {
				if got := byID(t, page, tc.wantID); got != tc.wantText {
					t.Errorf("#%s: got %q, want %q", tc.wantID, got, tc.wantText)
				}
			}
			if !strings.Contains(page, tc.wantField) {
				t.Errorf("page lacks the field %s", tc.wantField)
			}
			if strings.Contains(page, `type="date"`) || strings.Contains(page, `type="month"`) {
				t.Errorf("page has a browser date picker, whose format follows the browser's locale")
			}
		})
	}
	filters := []struct {
		name, query string
		want        []string
	}{
		{"typed range", "?from=27/11/2026&to=27/11/2026", []string{"fb-2", "fb-1"}},
		{"typed before", "?to=26/11/2026", nil},
		{"typed after, one digit", "?from=1/12/2026", nil},
	}
	for _, tc := range filters {
		t.Run(tc.name, func(t *testing.T) {
			_, page := f.get(c, "/feedback"+tc.query)
			if got := anchors(page); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	for _, path := range []string{"/reports?date=31/02/2026", "/reports?date=27-11-2026", "/reports/month?month=13/2026"} {
		if r, _ := f.get(c, path); r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: got %d, want 400", path, r.StatusCode)
		}
	}
}

// TestIndexGrade: the report's satisfaction index is coloured by its
// value: 50,00 % amber, a day with no rating grey.
func TestIndexGrade(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	tests := []struct{ name, path, want string }{
		{"half satisfied", "/reports?date=2026-11-27", `class="fig fig-big idx-mid"><span class="fig-n" id="satisfaction">50,00 %`},
		{"no rating", "/reports?date=2026-11-20", `class="fig fig-big idx-none"><span class="fig-n" id="satisfaction">—`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, page := f.get(c, tc.path)
			if !strings.Contains(page, tc.want) {
				t.Errorf("page lacks %s", tc.want)
			}
		})
	}
}

package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestFeedbackInbox(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	tests := []struct {
		name, query string
		want        []string // item anchors, in page order
	}{
		{"all, newest first", "", []string{"fb-2", "fb-1"}},
		{"new", "?status=new", []string{"fb-1"}},
		{"handled", "?status=handled", []string{"fb-2"}},
		{"in range", "?from=2026-11-27&to=2026-11-27", []string{"fb-2", "fb-1"}},
		{"before", "?to=2026-11-26", nil},
		{"after", "?from=2026-11-28", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, page := f.get(c, "/feedback"+tc.query)
			got := anchors(page)
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	_, page := f.get(c, "/feedback")
	for _, want := range []string{"Đánh giá mức 2", "Thời gian chờ", "Đề nghị thêm ghế chờ", "Đã bổ sung", "Đã xử lý bởi Trần Văn Giám"} {
		if !strings.Contains(page, want) {
			t.Errorf("inbox lacks %q", want)
		}
	}
}

// anchors returns the ids of the feedback items in page, in order.
func anchors(page string) []string {
	var out []string
	for _, part := range strings.Split(page, `<article class="fb `)[1:] {
		i := strings.Index(part, `id="`)
		j := strings.Index(part[i+4:], `"`)
		out = append(out, part[i+4:i+4+j])
	}
	return out
}

func TestFeedbackUpdate(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	token := f.pageCSRF(c)
	resp, _ := f.post(c, "/feedback/1", url.Values{"csrf": {token}, "status": {"handled"},
		"answer": {"  Đã liên hệ công dân  "}, "back": {"status=new"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("got %d, want 303", resp.StatusCode)
	}
	if loc := resp.Header.Get("Location"); loc != "/feedback?status=new&saved=1#fb-1" {
		t.Errorf("Location: got %q", loc)
	}
	fb, _, _ := f.store.GetFeedback(1)
	if fb.Status != "handled" || fb.Answer != "Đã liên hệ công dân" || fb.HandledBy != "giamsat" || fb.HandledAt.IsZero() {
		t.Fatalf("after handling: got %+v", fb)
	}
	// Back to in progress: who and when are cleared, the answer stays.
	f.post(c, "/feedback/1", url.Values{"csrf": {token}, "status": {"in_progress"}, "answer": {"Đang xác minh"}})
	fb, _, _ = f.store.GetFeedback(1)
	if fb.Status != "in_progress" || fb.HandledBy != "" || !fb.HandledAt.IsZero() || fb.Answer != "Đang xác minh" {
		t.Fatalf("after reopening: got %+v", fb)
	}
	bad := []struct {
		name, path string
		form       url.Values
		want       int
	}{
		{"unknown item", "/feedback/99", url.Values{"status": {"handled"}}, http.StatusNotFound},
		{"bad id", "/feedback/x", url.Values{"status": {"handled"}}, http.StatusNotFound},
		{"bad status", "/feedback/1", url.Values{"status": {"done"}}, http.StatusBadRequest},
		{"long answer", "/feedback/1", url.Values{"status": {"handled"}, "answer": {strings.Repeat("á", 2001)}}, http.StatusBadRequest},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("csrf", token)
			if r, _ := f.post(c, tc.path, tc.form); r.StatusCode != tc.want {
				t.Errorf("got %d, want %d", r.StatusCode, tc.want)
			}
		})
	}
}

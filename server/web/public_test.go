package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hallq/server/config"
	"hallq/server/hall"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// TestPublicPage: /cong-khai answers without sign-in with the hall's hours,
// services and procedures, the official at each counter (name, title, work
// phone) and last month's results by service and by official; it shows no
// citizen's comment, name, phone or ticket token, even on a day of hostile
// feedback; an admin can hide the per-official results.
func TestPublicPage(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	hostile := queue.Changes{Feedback: []queue.Feedback{{ID: 9, Day: scenarioDay, At: stamp(t, scenarioDay, "15:00:00"),
		Message: "<script>alert('x')</script> Cán bộ gây khó dễ", Name: "Trần Thị Bí Mật", Phone: "0987654321", Status: queue.FeedbackNew}}}
	if err := f.store.Commit(scenarioDay, hostile, nil, nil); err != nil {
		t.Fatal(err)
	}
	err := f.hall.UpdateConfig("giamsat", "clerk.edit", "clerk hang.nd", func(c *config.Config) error {
		c.Clerks[0].Title, c.Clerks[0].Phone = "Chuyên viên Phòng Quản lý thương mại", "0274 3822 514"
		c.Services[0].Procedures = []string{"Cấp Giấy phép bán lẻ sản phẩm rượu"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	counter := hall.Device{ID: "counter-1", Role: protocol.RoleCounter, Counter: 1}
	login, _ := json.Marshal(protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"})
	var r protocol.Reply
	if json.Unmarshal(f.hall.Do(counter, protocol.CmdClerkLogin, "l1", login), &r); !r.OK {
		t.Fatalf("clerk_login: %+v", r.Error)
	}
	f.clk.Add(5 * 24 * time.Hour) // 3 December: last month is November

	anon := f.client()
	resp, page := f.get(anon, "/cong-khai")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /cong-khai without sign-in: %d", resp.StatusCode)
	}
	for _, want := range []string{"Sở Công Thương tỉnh Bình Dương", "07:30", "17:00", "Lưu thông hàng hóa trong nước",
		"Cấp Giấy phép bán lẻ sản phẩm rượu", "Nguyễn Diệu Hằng", "Chuyên viên Phòng Quản lý thương mại", "0274 3822 514",
		"tháng 11/2026", `id="pub-by-clerk"`, "50,00 %"} {
		if !strings.Contains(page, want) {
			t.Errorf("public page lacks %q", want)
		}
	}
	for _, secret := range []string{"Chờ lâu", "Nguyễn Văn An", "Trần Thị Bí Mật", "0987654321", "gây khó dễ", "<script>", "Đề nghị thêm ghế"} {
		if strings.Contains(page, secret) {
			t.Errorf("public page shows citizen data %q", secret)
		}
	}
	st := f.hall.State()
	for _, tk := range append(st.Waiting, st.RecentCalls...) {
		if tk.Token != "" && strings.Contains(page, tk.Token) {
			t.Errorf("public page shows a ticket token")
		}
	}
	_, raw := f.get(anon, "/cong-khai.json")
	var pub struct {
		Month     string `json:"month"`
		ByService []struct {
			Name    string   `json:"name"`
			Ratings int      `json:"ratings"`
			Index   *float64 `json:"satisfaction_index"`
		} `json:"by_service"`
		ByClerk []struct {
			Name  string `json:"name"`
			Title string `json:"title"`
		} `json:"by_clerk"`
	}
	if err := json.Unmarshal([]byte(raw), &pub); err != nil {
		t.Fatalf("/cong-khai.json: %v\n%s", err, raw)
	}
	if pub.Month != "11/2026" || len(pub.ByService) == 0 || pub.ByService[0].Ratings != 2 ||
		fmt.Sprint(*pub.ByService[0].Index) != "50" || len(pub.ByClerk) != 2 || pub.ByClerk[0].Title == "" {
		t.Errorf("public json = %s", raw)
	}

	if err := f.hall.UpdateConfig("giamsat", "hall.edit", "hall", func(c *config.Config) error {
		c.Hall.HideClerkResults = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, page = f.get(anon, "/cong-khai")
	if strings.Contains(page, `id="pub-by-clerk"`) || !strings.Contains(page, `id="pub-by-service"`) {
		t.Error("hidden per-official results still shown, or the per-service ones gone")
	}
	if _, raw = f.get(anon, "/cong-khai.json"); strings.Contains(raw, "by_clerk") {
		t.Errorf("hidden per-official results in the json: %s", raw)
	}
}

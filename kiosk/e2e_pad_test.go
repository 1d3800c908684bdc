package main

import (
	"encoding/json"
	"image"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"hallq/kiosk/model"
	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/look"
	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

// runPadLow: the ratings that matter most are never lost or misplaced.
// A001 is rated 2 and the citizen leaves from the reasons screen; A002 is
// rated 1 and, while the citizen still chooses a reason, the clerk calls
// A003: the pad keeps A002's reasons screen and both ratings are stored
// for the ticket and clerk they were given to. A003's prompt, offered
// after A002's thank-you, ends when the clerk calls A004. The daily report
// and the feedback inbox show both cases, and A003 has no rating.
func runPadLow(t *testing.T, bin string, size fyne.Size, shots string) {
	s := startServer(t)
	st := s.Hall.State()
	home := layoutOf(t, size, st, 1, nil)
	welcome := home.textPrefix(t, "Kính chào ông/bà!")
	feedback := home.button(t, "Phản ánh, kiến nghị")
	homeUp := func(img image.Image) bool {
		return xtest.Share(img, welcome, 4, background()) > 0.5 && xtest.Share(img, feedback, 12, buttonColors()...) > 0.4
	}
	d := launch(t, bin, size, "-server", "ws://"+s.Addr+"/ws", "-device", "pad-1", "-token", "demo-pad-1-token-000001",
		"-printer", "file:"+t.TempDir(), "-fullscreen")
	waitScreen(t, d, "the pad's welcome", homeUp)

	kiosk := apptest.Connect(t, s.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	counter := apptest.Connect(t, s.Addr, "counter-1", "demo-counter-1-token-01")
	counter.Send(t, protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"}, nil)
	for range 4 {
		kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}, nil)
	}
	call := func() queue.Ticket {
		var r protocol.TicketReply
		counter.Send(t, protocol.CmdCallNext, nil, &r)
		return r.Ticket
	}
	finish := func(tk queue.Ticket) {
		counter.Send(t, protocol.CmdFinish, protocol.TicketRef{TicketID: tk.ID}, nil)
	}
	rated := func(tk queue.Ticket, level int) {
		t.Helper()
		xtest.Eventually(t, 10*time.Second, "no ticket_rated of "+tk.Number+" at "+string(rune('0'+level))+" by hang.nd at counter 1", func() bool {
			return apptest.Saw(counter, protocol.EvTicketRated, func(e protocol.RatedEvent) bool {
				return e.TicketID == tk.ID && e.Rating == level && e.Counter == 1 && e.Clerk == "hang.nd"
			})
		})
	}

	levels := layoutOf(t, size, st, 1, func(m *model.Model) { finished(m, st.Day, 1) })
	best := queue.RatingLabels[5]
	levelsUp := func(img image.Image) bool {
		return xtest.Pixels(img, levels.text(t, best), 30, look.Color(look.ToneCalled)) > 300
	}
	reasons := layoutOf(t, size, st, 1, func(m *model.Model) { finished(m, st.Day, 1); m.ChooseLevel(2) })
	send := reasons.button(t, "Gửi đánh giá")
	reasonsUp := func(img image.Image) bool { return xtest.Share(img, send, 40, primary()) > 0.4 }

	// A001: level 2 tapped, then the citizen leaves.
	a1 := call()
	finish(a1)
	waitScreen(t, d, "A001's five levels", levelsUp)
	click(d, t, levels.button(t, queue.RatingLabels[2]))
	waitScreen(t, d, "A001's reasons", reasonsUp)
	rated(a1, 2) // stored at the tap, before any reason
	click(d, t, reasons.button(t, "Về trang chủ"))
	waitScreen(t, d, "the welcome after leaving A001's reasons", homeUp)

	// A002: level 1 tapped; the clerk calls A003 while the citizen chooses.
	a2 := call()
	finish(a2)
	waitScreen(t, d, "A002's five levels", levelsUp)
	click(d, t, levels.button(t, queue.RatingLabels[1]))
	waitScreen(t, d, "A002's reasons", reasonsUp)
	rated(a2, 1)
	a3 := call()
	time.Sleep(time.Second) // the call reaches the pad
	waitScreen(t, d, "A002's reasons kept through A003's call", reasonsUp)
	shot(t, d, shots, "pad_reasons_kept")
	click(d, t, reasons.button(t, "Thời gian chờ"))
	click(d, t, send)
	xtest.Eventually(t, 10*time.Second, "A002's reasons not stored", func() bool {
		return strings.Contains(page(t, s, "/feedback"), "Thời gian chờ")
	})

	// A003: its prompt follows A002's thank-you; the call of A004 ends it.
	finish(a3)
	waitScreen(t, d, "A003's five levels after A002's thank-you", levelsUp)
	call()
	waitScreen(t, d, "the welcome after A004's call", homeUp)

	var rep struct {
		Ratings  map[string]int `json:"ratings"`
		Feedback struct {
			Received int `json:"received"`
		} `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(page(t, s, "/api/reports/daily")), &rep); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"1": 1, "2": 1, "3": 0, "4": 0, "5": 0}; !equalCounts(rep.Ratings, want) {
		t.Errorf("report ratings %v, want %v (A001 at 2, A002 at 1, A003 none)", rep.Ratings, want)
	}
	if rep.Feedback.Received != 2 {
		t.Errorf("report feedback received %d, want the 2 cases of A001 and A002", rep.Feedback.Received)
	}
	inbox := page(t, s, "/feedback")
	for _, want := range []string{"Số <strong>A001</strong>", "Đánh giá mức 2", "Số <strong>A002</strong>", "Đánh giá mức 1"} {
		if !strings.Contains(inbox, want) {
			t.Errorf("feedback inbox lacks %q", want)
		}
	}
	if strings.Contains(inbox, "Số <strong>A003</strong>") {
		t.Error("feedback inbox has a case for A003, never rated")
	}
}

func equalCounts(got, want map[string]int) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// page reads path from the server as the demo supervisor.
func page(t *testing.T, s *app.Server, path string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+s.Addr+path, nil)
	req.SetBasicAuth("giamsat", "giamsat2026")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", path, resp.Status, b)
	}
	return string(b)
}

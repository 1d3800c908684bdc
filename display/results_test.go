package main

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/protocol"
)

func TestResultsURL(t *testing.T) {
	for in, want := range map[string]string{
		"ws://10.0.0.2:8080/ws":     "http://10.0.0.2:8080/cong-khai.json",
		"wss://hall.local:8443/ws?x": "https://hall.local:8443/cong-khai.json",
	} {
		if got, err := resultsURL(in); err != nil || got != want {
			t.Errorf("resultsURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := resultsURL("http://x/ws"); err == nil {
		t.Error("resultsURL of an http address: no error")
	}
}

// TestMonthResultsFromServer: the display's ticker line comes from a real
// server's /cong-khai.json: a month with ratings gives the index, the
// number of ratings and each service's index; a month without gives "".
func TestMonthResultsFromServer(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	clk := apptest.NewClock(time.Date(2026, 11, 30, 9, 0, 0, 0, ict))
	h := apptest.StartInPlace(t, clk.Now)
	kiosk := apptest.Connect(t, h.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	counter := apptest.Connect(t, h.Addr, "counter-1", "demo-counter-1-token-01")
	var is protocol.IssueReply
	kiosk.Send(t, "issue_ticket", map[string]any{"service": "A"}, &is)
	counter.Send(t, "clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)
	counter.Send(t, "call_next", nil, nil)
	clk.Add(4 * time.Minute)
	counter.Send(t, "finish", map[string]any{"ticket_id": is.Ticket.ID}, nil)
	kiosk.Send(t, "rate", map[string]any{"ticket_id": is.Ticket.ID, "rating": 5, "token": is.Ticket.Token}, nil)

	addr, err := resultsURL(h.URL())
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Timeout: 10 * time.Second}
	r, err := fetchResults(context.Background(), c, addr)
	if err != nil {
		t.Fatal(err)
	}
	if got := resultsText(r); got != "" {
		t.Errorf("October (no rating): got %q, want no line", got)
	}

	clk.Add(24 * time.Hour) // 1 December: November is last month
	var mu sync.Mutex
	var line string
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go pollResults(ctx, c, addr, func(s string) { mu.Lock(); line = s; mu.Unlock() }, func(err error) { t.Log(err) })
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		got := line
		mu.Unlock()
		if got != "" {
			want := "Kết quả đánh giá tháng 11/2026: chỉ số hài lòng 100,00 % (1 lượt đánh giá) · Lưu thông hàng hóa trong nước 100,00 %"
			if got != want {
				t.Errorf("ticker line:\n got %q\nwant %q", got, want)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no results line within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if thousands(1234567) != "1.234.567" || percent(91.5) != "91,50 %" || !strings.HasPrefix(percent(100), "100,00") {
		t.Error("number formats")
	}
}

package province

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/server/province/wire"
	"hallq/server/store"
)

// hallDay is a real hall server's day: its stored event frames, feedback
// records and daily report, as the hall's link would ship them.
type hallDay struct {
	Day      string
	Frames   []json.RawMessage
	Feedback []json.RawMessage
	Report   json.RawMessage
}

var (
	dayOnce sync.Once
	theDay  hallDay
)

// realDay plays a short day on a real demo hall (kiosk, counter and rating
// pad over websockets, on a test clock), then reads its events and
// feedback from the hall's store and its report from its API. It is played
// once per test process.
func realDay(t *testing.T) hallDay {
	t.Helper()
	dayOnce.Do(func() { theDay = playDay(t) })
	if theDay.Day == "" {
		t.Fatal("the hall's day could not be played (see the first test that asked)")
	}
	return theDay
}

func playDay(t *testing.T) hallDay {
	start := time.Now()
	defer func() { t.Logf("the hall's day played in %v", time.Since(start)) }()
	clk := apptest.NewClock(time.Date(2026, 11, 27, 8, 0, 0, 0, ict)) // a Friday
	dir := t.TempDir()
	srv := apptest.Start(t, app.Options{Data: dir, Now: clk.Now})
	kiosk := apptest.Connect(t, srv.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	pad := apptest.Connect(t, srv.Addr, "pad-1", "demo-pad-1-token-000001")
	counter := apptest.Connect(t, srv.Addr, "counter-1", "demo-counter-1-token-01")
	do(t, counter, "clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)
	type reply struct {
		Ticket struct {
			ID    string `json:"id"`
			Token string `json:"token"`
		} `json:"ticket"`
	}
	var issued []reply
	for _, svc := range []string{"A", "B", "A", "A", "B", "A"} {
		var r reply
		do(t, kiosk, "issue_ticket", map[string]any{"service": svc}, &r)
		issued = append(issued, r)
		clk.Add(time.Minute)
	}
	ratings := []int{5, 4, 1, 0} // the fourth finished ticket is not rated
	for i, level := range ratings {
		var c reply
		clk.Add(time.Duration(2+i) * time.Minute)
		do(t, counter, "call_next", nil, &c)
		clk.Add(time.Duration(5+3*i) * time.Minute)
		do(t, counter, "finish", map[string]any{"ticket_id": c.Ticket.ID}, nil)
		if level > 0 {
			do(t, pad, "rate", map[string]any{"rating": level}, nil)
		}
		if level == 1 {
			// The citizen picks another face on the reasons screen: a
			// rating_changed event moves the rating from 1 to 2.
			do(t, pad, "rate_details", map[string]any{"ticket_id": c.Ticket.ID, "rating": 2, "reasons": []string{"waiting"}}, nil)
		}
	}
	var c reply
	do(t, counter, "call_next", nil, &c)
	clk.Add(3 * time.Minute)
	do(t, counter, "no_show", map[string]any{"ticket_id": c.Ticket.ID}, nil)
	do(t, kiosk, "feedback", map[string]any{"message": "Phòng chờ nóng quá", "name": "Lan"}, nil)
	clk.Add(time.Minute)

	d := hallDay{Day: "2026-11-27"}
	req, _ := http.NewRequest("GET", "http://"+srv.Addr+"/api/reports/daily?date="+d.Day, nil)
	req.SetBasicAuth("giamsat", "giamsat2026")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	d.Report, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("report: %d %s", resp.StatusCode, d.Report)
	}
	srv.Close()

	st, err := store.OpenReadOnly(filepath.Join(dir, "hall.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	frames, _, err := st.EventFrames(d.Day, 0, 1<<40, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range frames {
		d.Frames = append(d.Frames, f)
	}
	items, err := st.Feedback(store.FeedbackFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range items {
		raw, _ := json.Marshal(f)
		d.Feedback = append(d.Feedback, raw)
	}
	return d
}

// do sends a command on p and decodes its reply, allowing a minute: a
// loaded machine's bcrypt (clerk_login) under the race detector can take
// longer than apptest's 10 s.
func do(t *testing.T, p *apptest.Peer, typ string, data, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	raw, err := p.Client().Send(ctx, typ, data)
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s reply %s: %v", typ, raw, err)
		}
	}
}

// batch is the day's events from seq from to to (inclusive), as a hall
// would send them.
func (d hallDay) batch(from, to uint64) wire.Batch {
	return wire.Batch{HallID: hallID, Day: d.Day, From: from, Events: append([]json.RawMessage(nil), d.Frames[from-1:to]...)}
}

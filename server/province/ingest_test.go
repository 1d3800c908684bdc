package province

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"hallq/server/province/pgstore"
	"hallq/server/province/wire"
)

// TestIngestRealDay: a real hall's day, sent in small batches (one sent
// twice, as a hall retrying after a lost Ack would), is stored once, and
// the rollup's figures are the hall's own report's.
func TestIngestRealDay(t *testing.T) {
	d := realDay(t)
	e := newEnv(t)
	n := uint64(len(d.Frames))
	for from := uint64(1); from <= n; from += 7 {
		to := min(from+6, n)
		a := send(t, e.srv.URL, d.batch(from, to))
		if a.Seq != to || a.Day != d.Day {
			t.Fatalf("ack after %d..%d: got %s %d, want %s %d", from, to, a.Day, a.Seq, d.Day, to)
		}
		if from == 8 {
			send(t, e.srv.URL, d.batch(from, to)) // the retry: nothing new
		}
	}
	last := d.batch(n, n)
	last.Feedback, last.Report = d.Feedback, d.Report
	send(t, e.srv.URL, last)

	if got := dbCount(t, e.url, "SELECT count(DISTINCT seq) FROM events"); got != int(n) {
		t.Errorf("events: got %d, want %d", got, n)
	}
	if got := dbCount(t, e.url, "SELECT count(*) FROM events"); got != int(n) {
		t.Errorf("event rows: got %d, want %d (one each)", got, n)
	}
	if got := dbCount(t, e.url, "SELECT count(*) FROM tickets"); got != 6 {
		t.Errorf("tickets: got %d, want 6", got)
	}
	if got := dbCount(t, e.url, "SELECT count(*) FROM reports"); got != 1 {
		t.Errorf("reports: got %d, want 1", got)
	}
	if got, want := dbCount(t, e.url, "SELECT count(*) FROM feedback"), len(d.Feedback); got != want || want < 2 {
		t.Errorf("feedback: got %d, want %d (at least the kiosk's and the rating of 1's)", got, want)
	}
	rep := decodeReport(t, d.Report)
	checks := []struct {
		name string
		sql  string
		want int
	}{
		{"issued", "SELECT issued FROM day_rollups", rep.Issued},
		{"called", "SELECT called FROM day_rollups", rep.Called},
		{"finished", "SELECT finished FROM day_rollups", rep.Finished},
		{"no_show", "SELECT no_show FROM day_rollups", rep.NoShow},
		{"ratings", "SELECT r1+r2+r3+r4+r5 FROM day_rollups", rep.Ratings.Total()},
		{"satisfied", "SELECT r4+r5 FROM day_rollups", rep.Ratings.Count(4) + rep.Ratings.Count(5)},
		{"services", "SELECT count(*) FROM service_rollups", len(rep.ByService)},
		{"service A issued", "SELECT issued FROM service_rollups WHERE service = 'A'", rep.ByService[0].Issued},
	}
	for _, c := range checks {
		if got := dbCount(t, e.url, c.sql); got != c.want {
			t.Errorf("%s: got %d, want %d (the hall's report)", c.name, got, c.want)
		}
	}
}

// TestIngestRefusals: every bad batch is refused with its code and a
// Vietnamese message, and stores nothing.
func TestIngestRefusals(t *testing.T) {
	d := realDay(t)
	e := newEnv(t)
	ctx := context.Background()
	if err := e.store.AddHall(ctx, pgstore.Hall{ID: "hall-2", Name: "UBND xã", Key: "key-2", DeadlineDays: 5,
		Open: "07:30", Close: "17:00", Timezone: "Asia/Ho_Chi_Minh"}); err != nil {
		t.Fatal(err)
	}
	send(t, e.srv.URL, d.batch(1, 5))
	good, _ := wire.Encode(d.batch(6, 8))
	now := time.Now().Unix()
	// The replayed batch: accepted once here, then sent again below.
	replay, _ := wire.Encode(d.batch(6, 6))
	if status, a := post(t, e.srv.URL, hallID, hallKey, now-1, replay); status != 200 || !a.OK {
		t.Fatalf("first send of the replayed batch: %d %+v", status, a.Error)
	}
	otherHall, _ := wire.Encode(d.batch(7, 8))
	gap, _ := wire.Encode(d.batch(9, 10))
	shuffled := d.batch(7, 8)
	shuffled.Events[0], shuffled.Events[1] = shuffled.Events[1], shuffled.Events[0]
	badOrder, _ := wire.Encode(shuffled)
	before := stored(t, e.url)

	cases := []struct {
		name       string
		hall, key  string
		ts         int64
		body       []byte
		status     int
		code       string
		wantPhrase string
	}{
		{"wrong signature", hallID, "not-the-key", now, good, 401, wire.CodeBadSignature, "Chữ ký không đúng"},
		{"unknown hall", "nobody", hallKey, now, good, 401, wire.CodeUnknownHall, "chưa được đăng ký"},
		{"stale time", hallID, hallKey, now - 3600, good, 401, wire.CodeStale, "lệch quá 5 phút"},
		{"replayed batch", hallID, hallKey, now - 1, replay, 409, wire.CodeReplayed, "đã được nhận"},
		{"another hall's id", "hall-2", "key-2", now, otherHall, 403, wire.CodeWrongHall, "sảnh khác"},
		{"not gzip", hallID, hallKey, now, []byte(`{"hall_id":"so-cong-thuong"}`), 400, wire.CodeBadRequest, "không hợp lệ"},
		{"garbage JSON", hallID, hallKey, now, gzipped("{\"hall_id\": [garbage"), 400, wire.CodeBadRequest, "không hợp lệ"},
		{"event not an object", hallID, hallKey, now, gzipped(`{"hall_id":"so-cong-thuong","day":"2026-11-27","from":7,"events":[1]}`), 400, wire.CodeBadRequest, "không hợp lệ"},
		{"events out of order", hallID, hallKey, now, badOrder, 400, wire.CodeBadRequest, "liên tiếp"},
		{"gap", hallID, hallKey, now, gap, 409, wire.CodeGap, "Thiếu sự kiện 7 đến 8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, a := post(t, e.srv.URL, c.hall, c.key, c.ts, c.body)
			if status != c.status || a.OK || a.Error == nil || a.Error.Code != c.code {
				t.Fatalf("got %d %+v, want %d %s", status, a.Error, c.status, c.code)
			}
			if !bytes.Contains([]byte(a.Error.Message), []byte(c.wantPhrase)) {
				t.Errorf("message %q lacks %q", a.Error.Message, c.wantPhrase)
			}
			if c.code == wire.CodeGap {
				want := wire.Range{Day: d.Day, From: 7, To: 8}
				if a.Missing == nil || *a.Missing != want || a.Seq != 6 {
					t.Errorf("gap: got missing %+v seq %d, want %+v seq 6", a.Missing, a.Seq, want)
				}
			}
			if got := stored(t, e.url); got != before {
				t.Errorf("stored after the refusal: got %v, want %v (nothing new)", got, before)
			}
		})
	}
	// The hall's retry of the missing range, signed anew, goes through.
	send(t, e.srv.URL, d.batch(7, 10))
	// An empty batch (the link's heartbeat while nothing happens) is
	// acknowledged with the day's seq and stores no event.
	a := send(t, e.srv.URL, wire.Batch{HallID: hallID, Day: d.Day})
	if a.Seq != 10 || dbCount(t, e.url, "SELECT count(*) FROM events") != 10 {
		t.Errorf("heartbeat: ack seq %d, want 10, and 10 events stored", a.Seq)
	}
}

func gzipped(s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

// TestTwoInstances: two service instances on one database take the same
// batches concurrently (each signed anew, as two retries would be): both
// accept, and every event is stored once, by the database's unique key.
func TestTwoInstances(t *testing.T) {
	d := realDay(t)
	e := newEnv(t)
	_, second := serve(t, openStore(t, e.url))
	n := uint64(len(d.Frames))
	for from := uint64(1); from <= n; from += 4 {
		body, _ := wire.Encode(d.batch(from, min(from+3, n)))
		var wg sync.WaitGroup
		acks := make([]string, 2)
		for i, base := range []string{e.srv.URL, second.URL} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, a := post(t, base, hallID, hallKey, time.Now().Unix()-int64(i), body)
				acks[i] = fmt.Sprintf("%d %v %d", status, a.OK, a.Seq)
			}()
		}
		wg.Wait()
		want := fmt.Sprintf("%d true %d", http.StatusOK, min(from+3, n))
		if acks[0] != want || acks[1] != want {
			t.Fatalf("batch from %d: acks %q, want both %q", from, acks, want)
		}
	}
	// A batch captured at one instance and replayed at the other is
	// refused: the accepted signatures are in the database.
	body, _ := wire.Encode(d.batch(n, n))
	ts := time.Now().Unix() - 200
	if status, a := post(t, e.srv.URL, hallID, hallKey, ts, body); status != 200 || !a.OK {
		t.Fatalf("first send: %d %+v", status, a.Error)
	}
	if status, a := post(t, second.URL, hallID, hallKey, ts, body); status != 409 || a.Error == nil || a.Error.Code != wire.CodeReplayed {
		t.Errorf("replay at the other instance: got %d %+v, want 409 replayed", status, a.Error)
	}
	if got := dbCount(t, e.url, "SELECT count(*) FROM events"); got != int(n) {
		t.Errorf("events: got %d, want %d", got, n)
	}
	if got := dbCount(t, e.url, "SELECT count(*) FROM ratings"); got != 3 {
		t.Errorf("ratings: got %d, want 3", got)
	}
	if got := dbCount(t, e.url, "SELECT r1+r2+r3+r4+r5 FROM day_rollups"); got != 3 {
		t.Errorf("rollup ratings: got %d, want 3", got)
	}
}

package province

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"hallq/server/app/apptest"
	"hallq/server/config"
	"hallq/server/province/pgstore"
	"hallq/server/province/pgtest"
	"hallq/server/province/wire"
	"hallq/shared/queue"
)

// benchSize reads a size from the environment, or def.
func benchSize(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// syntheticDay is a hall's day of n tickets as the hall would store its
// events (apptest.DayEvents): issue, call, finish (one in ten a no-show)
// and, for four in five finished tickets, a rating.
func syntheticDay(day string, n int) []json.RawMessage {
	start, _ := time.ParseInLocation(queue.DayLayout+" 15:04", day+" 07:30", ict)
	rng := rand.New(rand.NewPCG(1, 2))
	var ch queue.Changes
	services := []string{"A", "B", "C", "D"}
	for i := range n {
		sv := services[i%len(services)]
		number := fmt.Sprintf("%s%03d", sv, i/len(services)+1)
		at := start.Add(time.Duration(i) * 9 * time.Second)
		call := at.Add(time.Duration(2+rng.IntN(20)) * time.Minute)
		counter := 1 + i%12
		t := queue.Ticket{ID: day + "/" + number, Number: number, Service: sv, IssuedService: sv,
			State: queue.Finished, IssuedAt: queue.At(at), Order: uint64(i + 1),
			CalledAt: queue.At(call), FirstCalledAt: queue.At(call), Counter: queue.OptInt(counter),
			Clerk: queue.OptString(fmt.Sprintf("clerk%d", counter)),
			Calls: []queue.Call{{Counter: counter, Clerk: fmt.Sprintf("clerk%d", counter), At: queue.At(call)}}}
		if i%10 == 9 {
			t.State = queue.NoShow
		} else {
			t.FinishedAt = queue.At(call.Add(time.Duration(3+rng.IntN(15)) * time.Minute))
			if i%5 != 0 {
				ch.Ratings = append(ch.Ratings, queue.Rating{TicketID: t.ID, Number: number, Service: sv,
					Rating: 3 + rng.IntN(3), Counter: counter, Clerk: string(t.Clerk), At: queue.At(t.FinishedAt.Add(time.Minute))})
			}
		}
		ch.Tickets = append(ch.Tickets, t)
	}
	frames := apptest.DayEvents(&ch, start)
	out := make([]json.RawMessage, len(frames))
	for i, f := range frames {
		out[i] = f
	}
	return out
}

// BenchmarkIngest: PROVINCE_BENCH_HALLS halls (default 20) each push one
// day of PROVINCE_BENCH_TICKETS tickets (default 1,000; about 3.8 events
// a ticket) concurrently through the ingest endpoint, in batches of 1,000
// events; then the same rows are loaded with a bare COPY into a copy of
// the events table, in the same run. Reported: events/s of each, their
// ratio, and the p99 batch latency.
func BenchmarkIngest(b *testing.B) {
	halls := benchSize("PROVINCE_BENCH_HALLS", 20)
	tickets := benchSize("PROVINCE_BENCH_TICKETS", 1000)
	const day, batchSize = "2026-11-27", 1000
	frames := syntheticDay(day, tickets)
	for range b.N {
		url := pgtest.DB(b)
		st := openStore(b, url)
		ctx := context.Background()
		for h := range halls {
			if err := st.AddHall(ctx, pgstore.Hall{ID: fmt.Sprintf("hall-%03d", h), Name: "Sảnh", Key: hallKey,
				DeadlineDays: 5, Open: "07:30", Close: "17:00", Timezone: "Asia/Ho_Chi_Minh"}); err != nil {
				b.Fatal(err)
			}
		}
		_, srv := serve(b, st)
		// The halls' bodies are encoded before the clock starts: the
		// halls' gzip is not the province's work.
		bodies := make([][][]byte, halls)
		for h := range halls {
			id := fmt.Sprintf("hall-%03d", h)
			for from := 0; from < len(frames); from += batchSize {
				to := min(from+batchSize, len(frames))
				body, _ := wire.Encode(wire.Batch{HallID: id, Day: day, From: uint64(from + 1), Events: frames[from:to]})
				bodies[h] = append(bodies[h], body)
			}
		}
		var mu sync.Mutex
		var lat []time.Duration
		start := time.Now()
		var wg sync.WaitGroup
		for h := range halls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := fmt.Sprintf("hall-%03d", h)
				for from, body := range bodies[h] {
					t0 := time.Now()
					status, a := post(b, srv.URL, id, hallKey, time.Now().Unix(), body)
					d := time.Since(t0)
					if status != http.StatusOK {
						b.Errorf("%s batch %d: %d %+v", id, from, status, a.Error)
						return
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		ingest := time.Since(start)
		total := halls * len(frames)
		if got := dbCount(b, url, "SELECT count(*) FROM events"); got != total {
			b.Fatalf("events stored: %d, want %d", got, total)
		}
		copyTime := copyFloor(b, url, halls, day, frames)
		slices.Sort(lat)
		p99 := lat[(99*len(lat)+99)/100-1]
		ingestRate := float64(total) / ingest.Seconds()
		copyRate := float64(total) / copyTime.Seconds()
		b.ReportMetric(ingestRate, "ingest-events/s")
		b.ReportMetric(copyRate, "copy-events/s")
		b.ReportMetric(ingestRate/copyRate, "ingest/copy")
		b.ReportMetric(float64(p99.Microseconds())/1000, "p99-batch-ms")
		b.Logf("%d halls × %d events (%d tickets each): ingest %v (%.0f events/s), COPY %v (%.0f events/s), ratio %.2f, p99 batch %v over %d batches",
			halls, len(frames), tickets, ingest.Round(time.Millisecond), ingestRate, copyTime.Round(time.Millisecond), copyRate,
			ingestRate/copyRate, p99.Round(time.Millisecond), len(lat))
	}
}

// copyFloor loads the same rows as the ingest into a copy of the events
// table (same columns, types and unique key) with COPY, one connection per
// hall as the ingest had, at most 4 at a time (pgxpool's default on
// this machine), and returns how long it took.
func copyFloor(b *testing.B, url string, halls int, day string, frames []json.RawMessage) time.Duration {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE events_copy (LIKE events INCLUDING ALL)"); err != nil {
		b.Fatal(err)
	}
	conn.Close(ctx)
	dayT, _ := time.Parse(queue.DayLayout, day)
	type parsed struct {
		typ string
		at  time.Time
	}
	meta := make([]parsed, len(frames))
	for i, f := range frames {
		var fr frame
		json.Unmarshal(f, &fr)
		meta[i] = parsed{fr.Type, fr.At.Time}
	}
	sem := make(chan struct{}, 4)
	start := time.Now()
	var wg sync.WaitGroup
	for h := range halls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := pgx.Connect(ctx, url)
			if err != nil {
				b.Error(err)
				return
			}
			defer c.Close(ctx)
			id := fmt.Sprintf("hall-%03d", h)
			rows := make([][]any, len(frames))
			for i, f := range frames {
				rows[i] = []any{id, dayT, int64(i + 1), meta[i].typ, meta[i].at, string(f)}
			}
			if _, err := c.CopyFrom(ctx, pgx.Identifier{"events_copy"}, []string{"hall_id", "day", "seq", "type", "at", "frame"},
				pgx.CopyFromRows(rows)); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// BenchmarkRankingMonth: the month's ranking (JSON API) over
// PROVINCE_BENCH_RANK_HALLS halls (default 200) × 22 working days (September 2026) of
// rollups (3,000 tickets a day each) and a year of other days, read from
// the day rollups. The rollup rows are written by SQL, as ingest would
// have left them.
func BenchmarkRankingMonth(b *testing.B) {
	halls := benchSize("PROVINCE_BENCH_RANK_HALLS", 200)
	dbURL := pgtest.DB(b)
	st := openStore(b, dbURL)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		`INSERT INTO halls (id, name, key, last_batch_at)
			SELECT 'hall-' || lpad(h::text, 3, '0'), 'Sảnh ' || h, 'k', now() FROM generate_series(1, {halls}) h`,
		`INSERT INTO day_rollups (hall_id, day, seq, issued, called, finished, no_show, expired, wait_n, wait_ms,
				service_n, service_ms, r1, r2, r3, r4, r5, rated_finished)
			SELECT h.id, d::date, 15000, 3000, 2950, 2700, 250, 50, 2950, 2950 * 600000::bigint, 2700, 2700 * 420000::bigint,
				10, 20, 200, 1000 + (random() * 500)::int, 1000, 2230
			FROM halls h, generate_series('2026-01-01'::date, '2026-12-31'::date, '1 day') d
			WHERE extract(isodow FROM d) < 6`,
		`INSERT INTO feedback (hall_id, id, day, status, handled_at, due, record, received_at)
			SELECT h.id, n, '2026-09-01'::date + mod(n, 28), CASE WHEN mod(n, 3) = 0 THEN 'new' ELSE 'handled' END,
				CASE WHEN mod(n, 3) = 0 THEN NULL ELSE '2026-09-20'::timestamptz END, '2026-09-08'::date + mod(n, 28), '{}', now()
			FROM halls h, generate_series(1, 60) n`,
		`ANALYZE`,
	} {
		if _, err := conn.Exec(ctx, strings.ReplaceAll(stmt, "{halls}", strconv.Itoa(halls))); err != nil {
			b.Fatal(err)
		}
	}
	hash, _ := config.Hash(testPassword)
	st.SetAccount(ctx, testUser, hash, false)
	_, srv := serve(b, st)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(srv.URL+"/login", url.Values{"username": {testUser}, "password": {testPassword}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	b.ResetTimer()
	for range b.N {
		resp, err := c.Get(srv.URL + "/api/province/ranking?period=month&date=2026-09-15")
		if err != nil {
			b.Fatal(err)
		}
		var rk Ranking
		if err := json.NewDecoder(resp.Body).Decode(&rk); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if len(rk.Halls) != halls || rk.Province.Issued != halls*22*3000 {
			b.Fatalf("ranking: %d halls, %d issued; want %d, %d", len(rk.Halls), rk.Province.Issued, halls, halls*22*3000)
		}
	}
}

package province

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"hallq/server/province/pgstore"
	"hallq/server/province/pgtest"
	"hallq/server/province/wire"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// env is a province service on a fresh database, with one hall
// registered, served on a loopback port.
type env struct {
	url   string // the database's
	store *pgstore.Store
	svc   *Service
	srv   *httptest.Server
	clock *testClock
}

// testClock is the service's clock in tests: the real time until Set.
type testClock struct{ at atomic.Pointer[time.Time] }

func (c *testClock) Now() time.Time {
	if t := c.at.Load(); t != nil {
		return *t
	}
	return time.Now()
}

// Set stops the clock at t; the zero time gives the real time back.
func (c *testClock) Set(t time.Time) {
	if t.IsZero() {
		c.at.Store(nil)
		return
	}
	c.at.Store(&t)
}

const (
	hallID  = "so-cong-thuong"
	hallKey = "test-key-0123456789"
)

// newEnv starts a service on a new database with hall hallID registered.
func newEnv(t *testing.T) *env {
	t.Helper()
	url := pgtest.DB(t)
	e := &env{url: url}
	e.store = openStore(t, url)
	if err := e.store.AddHall(context.Background(), pgstore.Hall{ID: hallID, Name: "Sở Công Thương", Key: hallKey,
		DeadlineDays: 5, Open: "07:30", Close: "17:00", Timezone: "Asia/Ho_Chi_Minh"}); err != nil {
		t.Fatal(err)
	}
	e.svc, e.srv = serve(t, e.store)
	e.clock = &testClock{}
	e.svc.Now = e.clock.Now
	return e
}

// openStore opens and migrates the database at url, closed when t ends.
func openStore(t testing.TB, url string) *pgstore.Store {
	t.Helper()
	st, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if err := st.Migrate(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	return st
}

// serve runs a service instance over store on a loopback port.
func serve(t testing.TB, store *pgstore.Store) (*Service, *httptest.Server) {
	t.Helper()
	svc := New(store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv := httptest.NewServer(svc.Handler())
	t.Cleanup(srv.Close)
	return svc, srv
}

// post sends body signed by key as hall at ts to base's ingest endpoint
// and returns the status and the decoded Ack.
func post(t testing.TB, base, hall, key string, ts int64, body []byte) (int, wire.Ack) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+wire.Path, bytes.NewReader(body))
	req.Header.Set("Content-Encoding", "gzip")
	req.Header.Set(wire.HeaderHall, hall)
	req.Header.Set(wire.HeaderTime, strconv.FormatInt(ts, 10))
	req.Header.Set(wire.HeaderSignature, wire.Sign([]byte(key), hall, ts, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a wire.Ack
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("ack %q: %v", raw, err)
	}
	return resp.StatusCode, a
}

// send encodes b and posts it signed now; it fails t unless the batch is
// accepted.
func send(t testing.TB, base string, b wire.Batch) wire.Ack {
	t.Helper()
	body, err := wire.Encode(b)
	if err != nil {
		t.Fatal(err)
	}
	status, a := post(t, base, b.HallID, hallKey, sendTime(), body)
	if status != http.StatusOK || !a.OK {
		t.Fatalf("batch from %d (%d events): status %d, ack %+v %+v", b.From, len(b.Events), status, a, a.Error)
	}
	return a
}

// sendTime gives each send its own time, so that a batch sent again (a
// hall's retry) is signed anew, as a hall does, and never repeats a
// signature: one second after the previous send's time, kept within
// 200 s of now (inside wire.MaxSkew), so that two sends share a time only
// 400 sends apart. (Now minus a counter, as before, gave the same time to
// two sends on each side of a second's turn.)
var (
	sendMu   sync.Mutex
	lastSent int64
)

func sendTime() int64 {
	sendMu.Lock()
	defer sendMu.Unlock()
	now := time.Now().Unix()
	ts := max(lastSent+1, now-200)
	if ts > now+200 {
		ts = now - 200
	}
	lastSent = ts
	return ts
}

// dbCount returns the result of a count query on the database at url.
func dbCount(t testing.TB, url, sql string, args ...any) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// stored counts what a batch may have stored: events, tickets, ratings,
// feedback, reports and accepted signatures.
func stored(t testing.TB, url string) [6]int {
	t.Helper()
	var out [6]int
	for i, table := range []string{"events", "tickets", "ratings", "feedback", "reports", "seen_signatures"} {
		out[i] = dbCount(t, url, "SELECT count(*) FROM "+table)
	}
	return out
}

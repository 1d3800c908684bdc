package bench

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	bolt "go.etcd.io/bbolt"
)

// floorFrame is an event of the size the server broadcasts for a call.
var floorFrame = []byte(`{"type":"ticket_called","seq":42,"at":"2026-11-28T09:15:02.412+07:00","data":{"ticket":{"id":"2026-11-28/A001","number":"A001","service":"A","priority":false,"state":"called","issued_at":"2026-11-28T09:00:00.000+07:00","called_at":"2026-11-28T09:15:02.412+07:00","finished_at":null,"counter":1,"clerk":"hang.nd","recalls":0,"rating":null,"order":1,"issued_service":"A","first_called_at":"2026-11-28T09:15:02.412+07:00","calls":[{"counter":1,"clerk":"hang.nd","at":"2026-11-28T09:15:02.412+07:00"}]},"counter":1,"recall":false}}`)

// floor measures the least a call can cost: a bbolt Update with fsync of
// the event, then the same bytes written to n websocket clients, each by its
// own writer goroutine (as a hub must, so one slow client delays no other),
// until the last client has read them. It returns p50 and p99 in ms. With
// hop, each round also starts as a call does: a client's message over a
// websocket to the goroutine that then writes and broadcasts.
func floor(b *testing.B, n, rounds int, hop bool) (p50, p99 float64) {
	b.Helper()
	db, err := bolt.Open(filepath.Join(b.TempDir(), "floor.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var chans []chan []byte
	conns := make(chan *websocket.Conn, n+1)
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		conns <- ws
	}))
	defer srv.Close()
	a := newArrivals()
	url := "ws" + strings.TrimPrefix(srv.URL, "http")
	for i := 0; i < n; i++ {
		ws, _, err := websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer ws.Close()
		go listen(ws, a)
		server := <-conns
		ch := make(chan []byte, 16)
		chans = append(chans, ch)
		go func() {
			for f := range ch {
				server.WriteMessage(websocket.TextMessage, f)
			}
		}()
	}
	defer func() {
		for _, ch := range chans {
			close(ch)
		}
	}()
	round := func(i int) {
		err := db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("e"))
			if err != nil {
				return err
			}
			return bk.Put([]byte(itoa(i)), floorFrame)
		})
		if err != nil {
			panic(err)
		}
		for _, ch := range chans {
			ch <- floorFrame
		}
	}
	var cmd *websocket.Conn
	if hop {
		cmd, _, err = websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer cmd.Close()
		server := <-conns
		go func() {
			for i := 0; ; i++ {
				if _, _, err := server.ReadMessage(); err != nil {
					return
				}
				round(i)
			}
		}()
	}
	message := []byte(`{"type":"call_next","id":"call_next-1"}`)
	samples := make([]time.Duration, 0, rounds)
	for i := 0; i < rounds; i++ {
		start := time.Now()
		if hop {
			if err := cmd.WriteMessage(websocket.TextMessage, message); err != nil {
				b.Fatal(err)
			}
		} else {
			round(i)
		}
		a.wait("A001", n)
		samples = append(samples, time.Since(start))
	}
	return percentiles(samples)
}

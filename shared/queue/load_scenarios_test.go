package queue

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

func TestLoadScenarios(t *testing.T) {
	scenarios := []struct {
		name  string
		build func(t *testing.T) *fixture
	}{
		{"busy day", busyDay},
		{"empty day", func(t *testing.T) *fixture { return newFixture(t) }},
		{
			name: "transferred ticket waiting keeps its recent call",
			build: func(t *testing.T) *fixture {
				f := newFixture(t)
				f.issue("A", false)
				f.issue("C", false)
				f.login(1, "hang.nd")
				f.login(3, "lan.pt")
				f.serve(3, time.Minute)
				f.transfer(1, f.callNext(1).ID, "C")
				return f
			},
		},
		{
			name: "recalls move tickets to the front",
			build: func(t *testing.T) *fixture {
				f := newFixture(t)
				f.issue("A", false)
				f.issue("C", false)
				f.issue("C", false)
				f.login(1, "hang.nd")
				f.login(3, "lan.pt")
				f.callNext(1)
				f.serve(3, time.Minute)
				f.callNext(3)
				f.recall(1, idA001)
				return f
			},
		},
		{
			name: "more than ten calls",
			build: func(t *testing.T) *fixture {
				f := newFixture(t)
				for i := 0; i < 14; i++ {
					f.issue("B", i%3 == 0)
				}
				f.login(1, "hang.nd")
				f.login(2, "minh.tv")
				for i := 0; i < 6; i++ {
					f.serve(1+i%2, time.Minute)
				}
				f.hold(1, f.callNext(1).ID)
				for i := 0; i < 5; i++ {
					f.serve(2, 2*time.Minute)
				}
				f.callNext(1)
				f.recall(1, f.e.RecentCalls()[0].ID)
				return f
			},
		},
	}
	views := func(e *Engine) map[string]any {
		var counts []int
		for _, s := range []string{"A", "B", "C"} {
			counts = append(counts, e.IssuedCount(s), e.WaitingCount(s))
		}
		return map[string]any{
			"day": e.Day(), "seq": e.Seq(), "waiting": e.Waiting(), "held": e.Held(),
			"recent_calls": e.RecentCalls(), "counters": e.Counters(), "clerk_days": e.ClerkDays(), "counts": counts,
		}
	}
	for _, sc := range scenarios {
		for _, viaJSON := range []bool{false, true} {
			name := sc.name
			if viaJSON {
				name += " through JSON"
			}
			t.Run(name, func(t *testing.T) {
				f := sc.build(t)
				d := f.dayData()
				if viaJSON {
					d = roundTrip(t, d)
				}
				g := NewEngine(f.e.Settings(), rand.NewChaCha8([32]byte{4}))
				g.Load(d)
				gv, wv := views(g), views(f.e)
				for _, k := range sortedIDs(wv) {
					if got, want := mustJSON(t, gv[k]), mustJSON(t, wv[k]); got != want {
						t.Errorf("%s: got %s\nwant %s", k, got, want)
					}
				}
				for _, s := range []string{"A", "B", "C"} {
					now := f.tick(time.Second)
					got, _, _, gerr := g.Issue(now, s, false)
					want, _, _, werr := f.e.Issue(now, s, false)
					if got.ID != want.ID || got.Order != want.Order || ErrorCode(gerr) != ErrorCode(werr) {
						t.Errorf("next %s: got %s order %d (%v), want %s order %d (%v)",
							s, got.ID, got.Order, gerr, want.ID, want.Order, werr)
					}
				}
			})
		}
	}
}

// roundTrip sends d's records through JSON, as the store keeps them.
func roundTrip(t *testing.T, d DayData) DayData {
	t.Helper()
	var out DayData
	if err := json.Unmarshal([]byte(mustJSON(t, d)), &out); err != nil {
		t.Fatalf("unmarshal day: %v", err)
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	return string(b)
}

// TestLoadWithoutAnnouncedAt loads tickets stored before AnnouncedAt
// existed: recent calls follow the calls' times, a transferred ticket
// included.
func TestLoadWithoutAnnouncedAt(t *testing.T) {
	f := newFixture(t)
	f.issue("A", false)
	f.issue("C", false)
	f.issue("C", false)
	f.login(1, "hang.nd")
	f.login(3, "lan.pt")
	f.callNext(3)                        // C001
	f.transfer(1, f.callNext(1).ID, "C") // A001
	f.finish(3, idC001)                  // A001 waits for C
	d := f.dayData()
	for i := range d.Tickets {
		d.Tickets[i].AnnouncedAt = Stamp{}
	}
	g := NewEngine(f.e.Settings(), rand.NewChaCha8([32]byte{6}))
	g.Load(d)
	if got, want := numbers(g.RecentCalls()), []string{"A001", "C001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

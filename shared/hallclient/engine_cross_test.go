package hallclient

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// engineState is the state the server builds from its Engine.
func engineState(e *queue.Engine) protocol.State {
	return protocol.StateOf(e, protocol.HallInfo{Name: e.Settings().Name})
}

func crossSettings() *queue.Settings {
	ict := time.FixedZone("ICT", 7*3600)
	return &queue.Settings{
		Name: "Sở Công Thương", Location: ict,
		Open: 7*time.Hour + 30*time.Minute, Close: 17 * time.Hour,
		RatingWindow: 30 * time.Minute, PriorityStreak: 2,
		Services: []queue.Service{{ID: "A", Name: "Thương mại"}, {ID: "B", Name: "Điện năng", DailyLimit: 25}, {ID: "C", Name: "Hóa chất"}},
		Counters: []queue.CounterConfig{{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}},
			{ID: 2, Name: "Quầy 2", Services: []string{"B", "C"}}, {ID: 3, Name: "Quầy 3", Services: []string{"A", "C"}}},
		Appointments: map[string]queue.AppointmentRules{"A": {Before: 15 * time.Minute, After: 10 * time.Minute},
			"C": {Before: 15 * time.Minute, After: 10 * time.Minute}},
		Clerks: []queue.Clerk{{Username: "hang.nd", Name: "Nguyễn Diệu Hằng"},
			{Username: "minh.tq", Name: "Trần Quang Minh"}, {Username: "lan.pt", Name: "Phạm Thị Lan"}},
	}
}

// engineDay plays a random day on an Engine and folds every event it emits
// into a Mirror.
type engineDay struct {
	t        *testing.T
	e        *queue.Engine
	m        *Mirror
	r        *rand.Rand
	now      time.Time
	finished []string
}

func (d *engineDay) flush() {
	d.t.Helper()
	for _, qe := range d.e.TakeChanges().Events {
		raw, err := json.Marshal(protocol.FromEvent(qe))
		if err != nil {
			d.t.Fatal(err)
		}
		var msg protocol.Message
		if err := json.Unmarshal(raw, &msg); err != nil {
			d.t.Fatal(err)
		}
		if err := d.m.Apply(msg); err != nil {
			d.t.Fatalf("Apply(%s %d): %v", msg.Type, msg.Seq, err)
		}
	}
}

// step runs one random command; a refused command changes nothing.
func (d *engineDay) step() {
	d.now = d.now.Add(time.Duration(d.r.IntN(90)+1) * time.Second)
	c := d.r.IntN(3) + 1
	cur := d.e.CounterView(c).Ticket
	var err error
	switch op := d.r.IntN(12); {
	case op < 3 && d.r.IntN(4) == 0: // an appointment checked in on time
		_, err = d.e.CheckIn(d.now, queue.Booking{Code: "ABC234", Service: []string{"A", "C"}[d.r.IntN(2)],
			Day: d.e.Day(), Slot: d.now.Format("15:04"), State: queue.Booked})
	case op < 3:
		_, _, _, err = d.e.Issue(d.now, []string{"A", "B", "C"}[d.r.IntN(3)], d.r.IntN(5) == 0)
	case op < 5:
		_, err = d.e.CallNext(d.now, c)
	case op == 5 && cur != nil:
		_, err = d.e.Recall(d.now, c, cur.ID)
	case op == 6 && cur != nil:
		_, err = d.e.Hold(d.now, c, cur.ID)
	case op == 6:
		if held := d.e.Held(); len(held) > 0 {
			_, err = d.e.CallTicket(d.now, int(held[0].Counter), held[0].ID)
		}
	case op == 7 && cur != nil:
		_, err = d.e.Transfer(d.now, c, cur.ID, []string{"A", "B", "C"}[d.r.IntN(3)])
	case op == 8 && cur != nil:
		if _, err = d.e.Finish(d.now, c, cur.ID); err == nil {
			d.finished = append(d.finished, cur.ID)
		}
	case op == 9 && cur != nil:
		_, err = d.e.NoShow(d.now, c, cur.ID)
	case op == 9 && len(d.finished) > 0:
		t, _ := d.e.Ticket(d.finished[d.r.IntN(len(d.finished))])
		_, err = d.e.Rate(d.now, queue.RateInput{TicketID: t.ID, Token: t.Token, Rating: d.r.IntN(5) + 1, Device: "kiosk-1"})
		if err != nil {
			// rated already: another face chosen on the reasons screen
			d.e.DiscardChanges()
			_, err = d.e.RateDetails(d.now, queue.RateDetailsInput{TicketID: t.ID, Rating: d.r.IntN(5) + 1, Device: "kiosk-1"})
		}
	case op == 10:
		if _, err = d.e.Pause(d.now, c); err != nil {
			_, err = d.e.Resume(d.now, c)
		}
	case op == 11:
		if err = d.e.Logout(d.now, c); err != nil {
			_, err = d.e.Login(d.now, c, d.e.Settings().Clerks[d.r.IntN(3)].Username)
		}
	}
	if err != nil {
		d.e.DiscardChanges()
	}
	d.flush()
}

func TestMirrorFollowsEngine(t *testing.T) {
	cfg := crossSettings()
	for seed := uint64(1); seed <= 3; seed++ {
		e := queue.NewEngine(cfg, rand.NewChaCha8([32]byte{byte(seed)}))
		start := time.Date(2026, 11, 28, 7, 30, 0, 0, cfg.Location)
		e.StartDay(start)
		e.TakeChanges()
		d := &engineDay{t: t, e: e, m: NewMirror(), r: rand.New(rand.NewPCG(seed, 7)), now: start}
		d.m.Reset(engineState(e))
		for i, cc := range cfg.Counters {
			_, _ = e.Login(d.now, cc.ID, cfg.Clerks[i].Username)
			d.flush()
		}
		for i := 0; i < 300; i++ {
			d.step()
			if got, want := d.m.State(), engineState(e); !sameJSON(got, want) {
				assertState(t, got, want)
				t.Fatalf("seed %d, step %d: mirror and engine differ", seed, i)
			}
		}
		e.ExpireWaiting(d.now)
		d.flush()
		assertState(t, d.m.State(), engineState(e))
		e.StartDay(start.Add(24 * time.Hour))
		d.flush()
		assertState(t, d.m.State(), engineState(e))
	}
}

func sameJSON(a, b protocol.State) bool {
	ja, _ := json.Marshal(normalize(a))
	jb, _ := json.Marshal(normalize(b))
	return string(ja) == string(jb)
}

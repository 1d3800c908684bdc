package model

import (
	"testing"
	"time"
)

func TestServerTime(t *testing.T) {
	tests := []struct {
		name        string
		server      time.Time // zero: no live event yet
		wantServing time.Duration
		wantWait    time.Duration // of the first ticket in the queue
	}{
		{"no event yet: our clock", time.Time{}, 3*time.Minute + 25*time.Second, 4 * time.Minute},
		{"server ahead", t0.Add(10 * time.Minute), 13*time.Minute + 25*time.Second, 14 * time.Minute},
		{"server behind", t0.Add(-2 * time.Minute), time.Minute + 25*time.Second, 2 * time.Minute},
		{"server far behind: no negative time", t0.Add(-2 * time.Hour), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t, &fakeSender{}, serving(sampleState(), "A007"))
			d.SetServerTime(tt.server)
			v := d.View()
			if v.Current == nil || v.Current.Serving != tt.wantServing {
				t.Fatalf("serving: got %+v, want %v", v.Current, tt.wantServing)
			}
			if got := v.Queue[0].Wait; got != tt.wantWait {
				t.Errorf("wait of %s: got %v, want %v", v.Queue[0].Number, got, tt.wantWait)
			}
		})
	}
}

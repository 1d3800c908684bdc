package ui

import (
	"strconv"
	"testing"
	"time"

	"hallq/display/model"
	"hallq/shared/queue"
)

// TestManyCounters renders a hall of twelve counters with long names and
// checks that every tile's number gets the same, readable size.
func TestManyCounters(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h float32
	}{{"1920x1080", 1920, 1080}, {"1080x1920", 1080, 1920}} {
		t.Run(sz.name, func(t *testing.T) {
			st := sampleState()
			st.Counters = nil
			for i := 1; i <= 12; i++ {
				tk := called("A"+strconv.Itoa(100+i), i)
				st.Counters = append(st.Counters, queue.Counter{ID: i, Name: "Quầy " + strconv.Itoa(i), Status: queue.CounterOpen, Ticket: &tk})
			}
			st.Hall.Name = "Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính, Sở Công Thương tỉnh Bình Dương"
			s := newTestScreen(t, sz.w, sz.h)
			b := model.New(func() time.Time { return t0 })
			b.SetState(st)
			b.SetStatus(model.StatusOf(true, nil, 0))
			s.render(b.View())
			capture(t, s, "display-12-"+sz.name+".png")
			first := s.tiles[0].number
			for i, tv := range s.tiles {
				if got := test1TextSize(tv.number); got != test1TextSize(first) {
					t.Errorf("tile %d number size %v, tile 1 %v", i+1, got, test1TextSize(first))
				}
			}
			// From 10 m a number needs letters about 4 cm high: on a 55"
			// 1080p TV that is a text size of about 90.
			if ts := test1TextSize(first); ts < 90*sz.h/1080 && ts < 90*sz.w/1080 {
				t.Errorf("number text size %v is too small", ts)
			}
		})
	}
}

// test1TextSize returns the text size a fitText renders at.
func test1TextSize(f *fitText) float32 {
	_, ts := fitSize(f.Text, f.textStyle(), f.Size(), f.Min, f.Max)
	if f.Sample != "" {
		_, ts = fitSize(f.Sample, f.textStyle(), f.Size(), f.Min, f.Max)
	}
	return ts
}

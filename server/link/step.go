package link

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"hallq/server/province/wire"
	"hallq/server/store"
)

// step ships one batch, or moves the watermark to the next day. worked is
// false when there was nothing to do.
func (l *Link) step(ctx context.Context) (worked bool, err error) {
	st := l.cfg.Store
	wm, ok, err := st.LinkWatermark()
	if err != nil {
		return false, err
	}
	if !ok {
		if wm, ok, err = l.begin(); err != nil || !ok {
			return false, err
		}
	}
	today, err := st.LastDay()
	if err != nil {
		return false, err
	}
	frames, last, err := st.EventFrames(wm.Day, wm.Seq, math.MaxUint64, wire.MaxEvents)
	if err != nil {
		return false, err
	}
	over := len(frames) == 0 && wm.Day < today // every event of a past day is acknowledged
	if over && wm.ReportSent {
		next, err := st.NextEventDay(wm.Day)
		if err != nil || next == "" {
			return false, err
		}
		l.cfg.Logger.Info("province link: day shipped", "day", wm.Day, "seq", wm.Seq, "next", next)
		return true, st.SetLinkWatermark(store.Watermark{Day: next}, nil)
	}
	fb, stamps, err := st.DirtyFeedback(maxFeedback)
	if err != nil {
		return false, err
	}
	b := wire.Batch{HallID: l.cfg.HallID, HallName: l.cfg.HallName, Version: l.cfg.Version,
		Day: wm.Day, From: wm.Seq + 1, Feedback: fb, Events: make([]json.RawMessage, len(frames))}
	for i, f := range frames {
		b.Events[i] = f
	}
	if over && l.cfg.Report != nil {
		if b.Report, err = l.cfg.Report(wm.Day); err != nil {
			return false, fmt.Errorf("link: report of %s: %w", wm.Day, err)
		}
	}
	if len(b.Events) == 0 && b.Report == nil && len(fb) == 0 {
		return false, nil
	}
	ack, err := l.post(ctx, b)
	if err != nil {
		return false, err
	}
	l.noteOK()
	if ack.Error != nil && ack.Error.Code == wire.CodeGap && ack.Missing != nil {
		m := ack.Missing
		l.cfg.Logger.Warn("province link: the province misses events; sending them again", "day", m.Day, "from", m.From, "to", m.To)
		back := store.Watermark{Day: wm.Day, Seq: wm.Seq}
		if m.Day != "" && m.Day <= wm.Day && m.From > 0 {
			back = store.Watermark{Day: m.Day, Seq: m.From - 1}
		}
		return true, st.SetLinkWatermark(back, nil)
	}
	next := wm
	if ack.Day == "" || ack.Day == wm.Day {
		next.Seq = min(ack.Seq, last)
	}
	if b.Report != nil && next.Seq >= wm.Seq {
		next.ReportSent = true
	}
	if next.Seq < wm.Seq {
		next.ReportSent = false
		l.cfg.Logger.Warn("province link: the province holds fewer events than acknowledged; sending them again",
			"day", wm.Day, "acknowledged", wm.Seq, "holds", next.Seq)
	}
	return true, st.SetLinkWatermark(next, stamps)
}

// begin stores the first watermark: the first day with events, and every
// feedback item marked for the province. ok is false with no event yet.
func (l *Link) begin() (store.Watermark, bool, error) {
	first, err := l.cfg.Store.NextEventDay("")
	if err != nil || first == "" {
		return store.Watermark{}, false, err
	}
	if err := l.cfg.Store.MarkAllFeedbackDirty(); err != nil {
		return store.Watermark{}, false, err
	}
	wm := store.Watermark{Day: first}
	l.cfg.Logger.Info("province link: first start; shipping from the first day", "day", first)
	return wm, true, l.cfg.Store.SetLinkWatermark(wm, nil)
}

package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"hallq/server/config"
	"hallq/server/hall"
	"hallq/server/link"
	"hallq/server/metrics"
	"hallq/server/store"
	"hallq/shared/version"
)

// LinkOptions tune the province link (tests); zero values are the link's
// defaults.
type LinkOptions struct {
	Poll, MinBackoff, MaxBackoff, DownAfter, Timeout time.Duration
}

// provinceLink is the running province link, or nil when [province] is
// absent.
type provinceLink struct {
	l      *link.Link
	cancel context.CancelFunc
	done   chan struct{}
}

// newProvinceLink builds the link of cfg's [province] table; nil when it
// is off. The hall is set later (h): the link only calls it for a report.
func newProvinceLink(o Options, cfg *config.Config, st *store.Store, h **hall.Hall) (*provinceLink, error) {
	if !cfg.ProvinceOn() {
		return nil, nil
	}
	p := cfg.Province
	var ca []byte
	if p.CA != "" {
		var err error
		if ca, err = os.ReadFile(cfg.ProvinceCA()); err != nil {
			return nil, fmt.Errorf("[province] ca: %w", err)
		}
	}
	l, err := link.New(link.Config{URL: p.URL, HallID: p.HallID, Key: []byte(p.Key), CAPEM: ca,
		HallName: cfg.Hall.Name, Version: version.Version, Store: st, Now: o.Now, Logger: o.Logger.With("part", "province-link"),
		Poll: o.Link.Poll, MinBackoff: o.Link.MinBackoff, MaxBackoff: o.Link.MaxBackoff, DownAfter: o.Link.DownAfter,
		Timeout: o.Link.Timeout,
		Report: func(day string) (json.RawMessage, error) {
			r, err := (*h).Report(day)
			if err != nil {
				return nil, err
			}
			r.AddNames(*(*h).Settings())
			return json.Marshal(r)
		},
	})
	if err != nil {
		return nil, err
	}
	return &provinceLink{l: l}, nil
}

// start runs the link until stop.
func (p *provinceLink) start() {
	if p == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.done = cancel, make(chan struct{})
	go func() {
		defer close(p.done)
		p.l.Run(ctx)
	}()
}

// stop ends the link and waits for it (a batch in flight is cut).
func (p *provinceLink) stop() {
	if p == nil || p.cancel == nil {
		return
	}
	p.cancel()
	<-p.done
}

// status is the live page's line about the link ("" when up or off).
func (p *provinceLink) status() string {
	if p == nil {
		return ""
	}
	s, err := p.l.Status()
	if err != nil {
		return ""
	}
	return s.Line()
}

// linkMetrics is the hall's metrics, waking the link after each commit.
type linkMetrics struct {
	*metrics.Metrics
	l *link.Link
}

// Events counts the events and wakes the link, without blocking.
func (m linkMetrics) Events(n int) {
	m.Metrics.Events(n)
	m.l.Wake()
}

// hallMetrics is what the hall reports to: m, which also wakes the link
// when there is one, and registers the link's lag in m.
func (p *provinceLink) hallMetrics(m *metrics.Metrics) hall.Metrics {
	if p == nil {
		return m
	}
	m.ProvinceLink(func() metrics.LinkLag {
		s, err := p.l.Status()
		if err != nil {
			return metrics.LinkLag{}
		}
		return metrics.LinkLag{Pending: float64(s.Pending), OldestAgeSeconds: s.OldestAge.Seconds(), Down: s.Down}
	})
	return linkMetrics{Metrics: m, l: p.l}
}

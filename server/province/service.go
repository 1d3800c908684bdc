// Package province is the province service (issue 14): the halls of a
// province send it their events (the ingest endpoint, package wire's
// contract), and province accounts watch every hall on one dashboard. It
// stores everything in PostgreSQL (package pgstore); several instances may
// serve one database.
package province

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"hallq/server/province/pgstore"
	"hallq/server/province/wire"
	"hallq/server/throttle"
)

// Service serves the province's HTTP endpoints.
type Service struct {
	store *pgstore.Store
	log   *slog.Logger
	// signins slows down guessed passwords, per username and address (in
	// this instance's memory).
	signins *throttle.Limiter
	// Now is the clock; tests set it.
	Now func() time.Time
}

// New returns a service over store.
func New(store *pgstore.Store, log *slog.Logger) *Service {
	s := &Service{store: store, log: log, Now: time.Now}
	s.signins = throttle.New(SignInRule, func() time.Time { return s.Now() })
	return s
}

// SignInRule: five wrong passwords for a username from one address, then
// a wait of a minute, doubling up to ten.
var SignInRule = throttle.Rule{Free: 5, Base: time.Minute, Max: 10 * time.Minute, Window: 15 * time.Minute}

// Handler returns the service's routes.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+wire.Path, s.ingest)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	})
	s.routes(mux)
	return mux
}

// Prune forgets accepted signatures older than twice the skew window,
// every minute until ctx ends.
func (s *Service) Prune(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.store.PruneSignatures(ctx, s.Now().Add(-2*wire.MaxSkew)); err != nil && ctx.Err() == nil {
				s.log.Warn("province: prune signatures", "err", err)
			}
		}
	}
}

package app

import (
	"errors"
	"log/slog"
	"time"

	"hallq/server/hall"
	"hallq/server/store"
)

// retainAtStart deletes the events past the retention and, when that
// left much of hall.db free (the first start with a retention on a long
// event log), compacts the file. It runs before anything is served: a
// compaction closes and reopens the database, which nothing else may use
// meanwhile. (The nightly job only deletes: the freed pages are reused by
// the next days' writes.) A failed deletion or compaction is logged and
// the server starts on the file as it is; only a database that could not
// be reopened stops it.
func retainAtStart(h *hall.Hall, st *store.Store, log *slog.Logger) error {
	if _, err := h.Retain(); err != nil {
		log.Warn("deleting old events failed", "err", err)
	}
	sp, err := st.Space()
	if err != nil || !sp.WorthCompacting() {
		return nil
	}
	start := time.Now()
	before, after, err := st.Compact()
	if errors.Is(err, store.ErrReopen) {
		return err
	}
	if err != nil {
		log.Warn("compacting hall.db failed; it stays as it was", "err", err)
		return nil
	}
	log.Info("hall.db compacted", "before_mib", before>>20, "after_mib", after>>20, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

package hall

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"hallq/server/config"
	"hallq/server/store"
	"hallq/shared/queue"
)

// The stored configuration is the hall's truth (bbolt, store.Config): the
// first start seeds it from hall.toml; admins change it through
// UpdateConfig; `server export-config` writes it back out as a hall.toml.

// loadConfig returns the stored configuration, seeding it from file (read
// from hall.toml, whose sha256 is seedHash) on the first start.
func loadConfig(st *store.Store, file *config.Config, seedHash string, now time.Time, log interface{ Warn(string, ...any) }) (*config.Config, error) {
	data, seeded, ok, err := st.Config()
	if err != nil {
		return nil, err
	}
	if !ok {
		c := file.Clone()
		b, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("hall: config: %w", err)
		}
		if err := st.SaveConfig(b, seedHash, []store.AuditEntry{{At: now, Action: "config.seed", Target: file.Path}}); err != nil {
			return nil, err
		}
		return c, nil
	}
	var c config.Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("hall: stored config: %w", err)
	}
	c.Path = file.Path
	if seedHash != "" && seeded != "" && seeded != seedHash {
		log.Warn("hall.toml has changed since it seeded the stored configuration; the stored one is used (manage the hall at /admin, or see `server export-config`)",
			"file", file.Path)
	}
	return &c, nil
}

// config returns the configuration in force; do not change it.
func (h *Hall) config() *config.Config { return h.cfg.Load() }

// Config returns a copy of the configuration in force, for the admin pages.
func (h *Hall) Config() *config.Config { return h.config().Clone() }

// snapshot returns a copy of the queue settings in force, for code outside
// the command lock. The slices are shared and never changed in place.
func (h *Hall) snapshot() queue.Settings {
	h.smu.RLock()
	defer h.smu.RUnlock()
	return h.settings
}

// ConfigError is an admin's change refused: the rules it breaks, or what
// it would strand.
type ConfigError struct {
	Problems []*config.Error // rules of SPEC section 2
	Stranded string          // work the change would strand
}

func (e *ConfigError) Error() string {
	if e.Stranded != "" {
		return e.Stranded
	}
	return config.Join(e.Problems).Error()
}

// UpdateConfig applies an admin's change: change edits a copy of the
// configuration; the copy must pass every rule and strand no work. Then it
// is stored with its audit entry (who, action, target, what changed, never
// a secret) in one transaction, takes effect at once, and a hall_updated
// event tells every client. A refused or failed change changes nothing; a
// refusal is a *ConfigError.
func (h *Hall) UpdateConfig(user, action, target string, change func(*config.Config) error) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	old := h.config()
	next := old.Clone()
	if err := change(next); err != nil {
		return err
	}
	if problems := config.Validate(next); problems != nil {
		return &ConfigError{Problems: problems}
	}
	settings := next.Settings()
	if why := h.eng.Stranded(&settings); why != "" {
		return &ConfigError{Stranded: why}
	}
	data, err := json.Marshal(next)
	if err != nil {
		return fmt.Errorf("hall: config: %w", err)
	}
	now := h.now()
	entry := store.AuditEntry{At: now, User: user, Action: action, Target: target}
	for _, c := range config.Diff(old, next) {
		entry.Changes = append(entry.Changes, store.Change(c))
	}
	if err := h.st.SaveConfig(data, "", []store.AuditEntry{entry}); err != nil {
		return err
	}
	h.cfg.Store(next)
	h.smu.Lock()
	h.settings = settings
	h.smu.Unlock()
	h.eng.Reconfigure(now)
	return h.commitLocked(nil)
}

// Audit returns up to limit audit entries older than before (0: the
// newest), newest first, that keep accepts (nil: all).
func (h *Hall) Audit(before uint64, limit int, keep func(store.AuditEntry) bool) ([]store.AuditEntry, error) {
	return h.st.Audit(before, limit, keep)
}

// IsConfigError reports whether err is a refused change, and returns it.
func IsConfigError(err error) (*ConfigError, bool) {
	var ce *ConfigError
	ok := errors.As(err, &ce)
	return ce, ok
}

// ConfigProblems returns the rules broken and the work stranded, for a form.
func (e *ConfigError) ConfigProblems() ([]*config.Error, string) { return e.Problems, e.Stranded }

// Package jobs runs the hall's daily jobs with gocron, in the hall's time
// zone: expiry and the report at close, the day turn at midnight, and the
// nightly backup. It is the only package that imports gocron.
package jobs

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
)

// Hall is what the jobs act on; *hall.Hall implements it.
type Hall interface {
	CloseDay() (int, error)
	TurnDay() error
	// Retain deletes the events older than the retention; it returns how
	// many days it pruned.
	Retain() (int, error)
	Backup(dir string) (string, error)
}

// Options configure the schedule.
type Options struct {
	Location  *time.Location
	Close     time.Duration // time of day; 24h means midnight
	BackupDir string
	// BackupAt is the backup's time of day (default 00:30).
	BackupAt time.Duration
	Logger   *slog.Logger
	// Clock drives the scheduler; nil is the real clock. Tests pass a
	// clockwork.FakeClock and advance it.
	Clock clockwork.Clock
}

// Jobs is the running schedule.
type Jobs struct {
	s gocron.Scheduler
}

// Start schedules the jobs and starts the scheduler.
func Start(h Hall, o Options) (*Jobs, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.BackupAt == 0 {
		o.BackupAt = 30 * time.Minute
	}
	opts := []gocron.SchedulerOption{gocron.WithLocation(o.Location)}
	if o.Clock != nil {
		opts = append(opts, gocron.WithClock(o.Clock))
	}
	s, err := gocron.NewScheduler(opts...)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	log := o.Logger
	closeAt := o.Close
	if closeAt >= 24*time.Hour {
		// Closing at midnight: close the day a second before the turn,
		// which expires anything issued in that last second.
		closeAt = 24*time.Hour - time.Second
	}
	add := func(name string, at time.Duration, fn func()) error {
		_, err := s.NewJob(gocron.DailyJob(1, gocron.NewAtTimes(atTime(at))),
			gocron.NewTask(fn), gocron.WithName(name),
			gocron.WithSingletonMode(gocron.LimitModeReschedule))
		return err
	}
	errs := []error{
		add("close", closeAt, func() {
			n, err := h.CloseDay()
			log.Info("job: close of day", "expired", n, "err", err)
		}),
		add("day-turn", 0, func() {
			err := h.TurnDay()
			log.Info("job: day turn", "err", err)
		}),
		// Retention first, so that the backup is of the pruned file. Its
		// freed pages are reused by the next days' writes, so the file
		// stops growing with events; it is compacted only at start.
		add("backup", o.BackupAt, func() {
			n, err := h.Retain()
			log.Info("job: retention", "days", n, "err", err)
			path, err := h.Backup(o.BackupDir)
			log.Info("job: backup", "path", path, "err", err)
		}),
	}
	for _, err := range errs {
		if err != nil {
			s.Shutdown()
			return nil, fmt.Errorf("jobs: %w", err)
		}
	}
	s.Start()
	return &Jobs{s: s}, nil
}

// Stop stops the scheduler, waiting for running jobs.
func (j *Jobs) Stop() error { return j.s.Shutdown() }

func atTime(d time.Duration) gocron.AtTime {
	return gocron.NewAtTime(uint(d/time.Hour)%24, uint(d%time.Hour/time.Minute), uint(d%time.Minute/time.Second))
}

package voice

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Defaults of an AnnouncerConfig.
const (
	// DefaultMaxAge is how old a call may be, by its event time, and still
	// be announced: a display that catches up after a reconnect must not
	// read out calls the hall heard long ago.
	DefaultMaxAge = 30 * time.Second
	// maxQueue bounds the queue so that a flood cannot grow it for ever.
	maxQueue = 100
	// playSlack is added to an announcement's length to bound a player
	// that hangs.
	playSlack = 5 * time.Second
)

// Call is one call to announce.
type Call struct {
	// Number is the ticket number, such as "A105".
	Number string
	// Counter is the counter's id, read as a numeral.
	Counter int
	// Recall is set when the counter calls the ticket again; it is
	// announced all the same.
	Recall bool
	// At is the event's time; the zero time means now.
	At time.Time
	// Replayed is set for events the client replays after a reconnect;
	// they are never announced.
	Replayed bool
}

// AnnouncerConfig configures an Announcer.
type AnnouncerConfig struct {
	// Player plays the announcements; nil means Silent.
	Player Player
	// Clips is the clip set; nil means Default().
	Clips Clips
	// Mute turns the spoken words off; Chime still decides the chime.
	Mute bool
	// Chime plays the chime before each announcement.
	Chime bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxAge is DefaultMaxAge when zero.
	MaxAge time.Duration
	// Logger is slog.Default() when nil.
	Logger *slog.Logger
	// OnPlayed, when set, learns after each announcement whether the
	// player could play it (nil error), so that the screen and the staff
	// can be told when the hall hears nothing. It runs on Run's goroutine.
	OnPlayed func(err error)
}

// Announcer plays calls one after another, in the order they came, so that
// a new call never cuts one that is playing. Announce never blocks; Run
// plays. Its methods are safe for concurrent use.
type Announcer struct {
	cfg  AnnouncerConfig
	wake chan struct{}

	mu       sync.Mutex
	queue    []Call
	template string
	// logged remembers the problems already logged, so that a machine
	// without sound logs once, not at every call.
	logged map[string]bool
}

// NewAnnouncer returns an Announcer; start it with Run.
func NewAnnouncer(cfg AnnouncerConfig) *Announcer {
	if cfg.Player == nil {
		cfg.Player = Silent{}
	}
	if cfg.Clips == nil {
		cfg.Clips = Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxAge == 0 {
		cfg.MaxAge = DefaultMaxAge
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Announcer{cfg: cfg, wake: make(chan struct{}, 1), logged: map[string]bool{}}
}

// SetTemplate sets the wording, with {number} and {counter}; the empty
// string is DefaultTemplate. It applies from the next announcement.
func (a *Announcer) SetTemplate(t string) {
	a.mu.Lock()
	a.template = t
	a.mu.Unlock()
}

// Announce queues c and reports whether it will be played: replayed calls
// and calls older than MaxAge are dropped, as is everything when there is
// nothing to play (muted without chime) or the queue is full.
func (a *Announcer) Announce(c Call) bool {
	if c.Replayed || (a.cfg.Mute && !a.cfg.Chime) {
		return false
	}
	if !c.At.IsZero() && a.cfg.Now().Sub(c.At) > a.cfg.MaxAge {
		return false
	}
	a.mu.Lock()
	if len(a.queue) >= maxQueue {
		a.mu.Unlock()
		a.logOnce("queue full", "voice: announcement queue full, call dropped", "number", c.Number)
		return false
	}
	a.queue = append(a.queue, c)
	a.mu.Unlock()
	select {
	case a.wake <- struct{}{}:
	default:
	}
	return true
}

// Run plays queued calls until ctx is done. Call it once, on its own
// goroutine. A player error is logged once and does not stop the queue.
func (a *Announcer) Run(ctx context.Context) {
	for {
		c, ok := a.next()
		if !ok {
			select {
			case <-ctx.Done():
				return
			case <-a.wake:
				continue
			}
		}
		if ctx.Err() != nil {
			return
		}
		a.play(ctx, c)
	}
}

// next pops the oldest queued call.
func (a *Announcer) next() (Call, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.queue) == 0 {
		return Call{}, false
	}
	c := a.queue[0]
	a.queue = a.queue[1:]
	return c, true
}

// play builds and plays one call.
func (a *Announcer) play(ctx context.Context, c Call) {
	wav := a.Build(c)
	pctx, cancel := context.WithTimeout(ctx, Duration(wav)+playSlack)
	defer cancel()
	err := a.cfg.Player.Play(pctx, wav)
	if ctx.Err() != nil {
		return // shutting down: says nothing about the sound
	}
	if err != nil {
		a.logOnce("play", "voice: cannot play; announcements stay silent", "err", err)
	}
	if a.cfg.OnPlayed != nil {
		a.cfg.OnPlayed(err)
	}
}

// Build returns the WAV file that announces c with the current wording,
// chime and mute settings.
func (a *Announcer) Build(c Call) []byte {
	a.mu.Lock()
	tmpl := a.template
	a.mu.Unlock()
	var names []string
	if a.cfg.Chime {
		names = append(names, ClipChime)
	}
	if !a.cfg.Mute {
		names = append(names, Phrase(tmpl, c.Number, c.Counter, a.cfg.Clips.Has)...)
	}
	wav, missing := Assemble(names, a.cfg.Clips)
	for _, m := range missing {
		a.logOnce("missing "+m, "voice: no clip, word skipped", "clip", m+".wav")
	}
	return wav
}

// logOnce logs msg the first time key is seen.
func (a *Announcer) logOnce(key, msg string, args ...any) {
	a.mu.Lock()
	seen := a.logged[key]
	a.logged[key] = true
	a.mu.Unlock()
	if !seen {
		a.cfg.Logger.Warn(msg, args...)
	}
}

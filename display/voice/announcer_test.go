package voice

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// fakePlayer records what it plays, checks that plays never overlap, and
// lets a test hold a play until it says so.
type fakePlayer struct {
	mu      sync.Mutex
	plays   []time.Duration // durations of the WAVs played, in order
	starts  []time.Time
	ends    []time.Time
	active  int
	overlap bool
	hold    chan struct{} // if set, each play waits for a receive
	err     error
	played  chan struct{}
}

func newFakePlayer() *fakePlayer { return &fakePlayer{played: make(chan struct{}, 100)} }

func (p *fakePlayer) Play(ctx context.Context, wav []byte) error {
	p.mu.Lock()
	p.active++
	if p.active > 1 {
		p.overlap = true
	}
	p.starts = append(p.starts, time.Now())
	p.plays = append(p.plays, Duration(wav))
	hold := p.hold
	p.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
		}
	} else {
		time.Sleep(5 * time.Millisecond)
	}
	p.mu.Lock()
	p.active--
	p.ends = append(p.ends, time.Now())
	p.mu.Unlock()
	p.played <- struct{}{}
	return p.err
}

// waitPlays waits until n plays have finished.
func (p *fakePlayer) waitPlays(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-p.played:
		case <-time.After(5 * time.Second):
			t.Fatalf("timed out waiting for %d plays", n)
		}
	}
}

var t0 = time.Date(2026, 11, 28, 9, 15, 0, 0, time.FixedZone("ICT", 7*3600))

// startAnnouncer runs an Announcer with player p and a fake clock at t0
// until the test ends.
func startAnnouncer(t *testing.T, p Player, cfg AnnouncerConfig) (*Announcer, *xtest.Clock) {
	t.Helper()
	clock := xtest.NewClock(t0)
	cfg.Player = p
	cfg.Now = clock.Now
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	a := NewAnnouncer(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return a, clock
}

func TestAnnouncerOrderNoOverlap(t *testing.T) {
	p := newFakePlayer()
	p.hold = make(chan struct{})
	a, _ := startAnnouncer(t, p, AnnouncerConfig{Chime: true})
	calls := []Call{{Number: "A1", Counter: 1}, {Number: "B1020", Counter: 12}, {Number: "C21", Counter: 3}}
	for _, c := range calls {
		if !a.Announce(c) {
			t.Fatalf("Announce(%v) = false", c)
		}
	}
	// The first is playing; the others wait their turn.
	for range calls {
		p.hold <- struct{}{}
	}
	p.waitPlays(t, len(calls))
	if p.overlap {
		t.Error("plays overlapped")
	}
	for i, c := range calls {
		want := Duration(a.Build(c))
		if p.plays[i] != want {
			t.Errorf("play %d lasts %v, want %v (the WAV of %s)", i, p.plays[i], want, c.Number)
		}
	}
}

func TestAnnouncerNoGaps(t *testing.T) {
	p := newFakePlayer()
	a, _ := startAnnouncer(t, p, AnnouncerConfig{Chime: true})
	const n = 20
	for i := range n {
		a.Announce(Call{Number: "A" + string(rune('0'+i%10)) + "05", Counter: i%9 + 1})
	}
	p.waitPlays(t, n)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.overlap {
		t.Error("plays overlapped")
	}
	for i := 1; i < n; i++ {
		if gap := p.starts[i].Sub(p.ends[i-1]); gap > time.Second {
			t.Errorf("gap of %v before play %d", gap, i)
		}
	}
}

func TestAnnouncerFilters(t *testing.T) {
	tests := []struct {
		name string
		cfg  AnnouncerConfig
		call Call
		want bool
	}{
		{"live call", AnnouncerConfig{Chime: true}, Call{Number: "A1", Counter: 1, At: t0.Add(-2 * time.Second)}, true},
		{"recall is announced", AnnouncerConfig{Chime: true}, Call{Number: "A1", Counter: 1, Recall: true, At: t0}, true},
		{"no time means now", AnnouncerConfig{}, Call{Number: "A1", Counter: 1}, true},
		{"replayed after reconnect", AnnouncerConfig{Chime: true}, Call{Number: "A1", Counter: 1, At: t0, Replayed: true}, false},
		{"older than 30 s", AnnouncerConfig{Chime: true}, Call{Number: "A1", Counter: 1, At: t0.Add(-31 * time.Second)}, false},
		{"custom max age", AnnouncerConfig{MaxAge: time.Minute}, Call{Number: "A1", Counter: 1, At: t0.Add(-31 * time.Second)}, true},
		{"muted with chime", AnnouncerConfig{Mute: true, Chime: true}, Call{Number: "A1", Counter: 1}, true},
		{"muted without chime", AnnouncerConfig{Mute: true}, Call{Number: "A1", Counter: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newFakePlayer()
			a, _ := startAnnouncer(t, p, tt.cfg)
			if got := a.Announce(tt.call); got != tt.want {
				t.Fatalf("Announce = %v, want %v", got, tt.want)
			}
			if tt.want {
				p.waitPlays(t, 1)
			}
		})
	}
}

// TestAnnouncerCatchUp plays a reconnect: the client replays the calls made
// while the display was away (Replayed), then a live one arrives. Only the
// live call is heard.
func TestAnnouncerCatchUp(t *testing.T) {
	p := newFakePlayer()
	a, clock := startAnnouncer(t, p, AnnouncerConfig{Chime: true})
	clock.Set(t0.Add(5 * time.Minute))
	for i := range 5 {
		a.Announce(Call{Number: "A10" + string(rune('0'+i)), Counter: 1, At: t0.Add(time.Duration(i) * time.Minute), Replayed: true})
	}
	// An old event not marked as replayed (a slow link) is dropped too.
	a.Announce(Call{Number: "A200", Counter: 2, At: t0.Add(4 * time.Minute)})
	live := Call{Number: "B7", Counter: 3, At: t0.Add(5*time.Minute - time.Second)}
	if !a.Announce(live) {
		t.Fatal("live call not announced")
	}
	p.waitPlays(t, 1)
	time.Sleep(20 * time.Millisecond)
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.plays) != 1 || p.plays[0] != Duration(a.Build(live)) {
		t.Errorf("played %v, want only the live call (%v)", p.plays, Duration(a.Build(live)))
	}
}

func TestAnnouncerBuild(t *testing.T) {
	tests := []struct {
		name       string
		cfg        AnnouncerConfig
		template   string
		wantChime  bool
		wantSpeech bool
	}{
		{"voice and chime", AnnouncerConfig{Chime: true}, "", true, true},
		{"voice only", AnnouncerConfig{}, "", false, true},
		{"chime only", AnnouncerConfig{Mute: true, Chime: true}, "", true, false},
		{"custom wording", AnnouncerConfig{}, "Mời số {number} đến quầy {counter}", false, true},
	}
	c := Default()
	chime := time.Duration(len(c[ClipChime])) * time.Second / SampleRate
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAnnouncer(tt.cfg)
			a.SetTemplate(tt.template)
			d := Duration(a.Build(Call{Number: "A105", Counter: 3}))
			switch {
			case tt.wantChime && !tt.wantSpeech:
				if d < chime || d > chime+time.Second {
					t.Errorf("chime only lasts %v, chime is %v", d, chime)
				}
			case tt.wantSpeech:
				min := 2 * time.Second
				if tt.wantChime {
					min += chime
				}
				if d < min || d > 10*time.Second {
					t.Errorf("lasts %v, want at least %v", d, min)
				}
			}
		})
	}
}

func TestAnnouncerPlayerErrorLoggedOnce(t *testing.T) {
	p := newFakePlayer()
	p.err = errors.New("no device")
	var log strings.Builder
	var mu sync.Mutex
	clock := xtest.NewClock(t0)
	a := NewAnnouncer(AnnouncerConfig{Player: p, Now: clock.Now, Chime: true,
		Logger: slog.New(slog.NewTextHandler(lockedWriter{&mu, &log}, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	for range 3 {
		a.Announce(Call{Number: "A1", Counter: 1})
	}
	p.waitPlays(t, 3)
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if n := strings.Count(log.String(), "cannot play"); n != 1 {
		t.Errorf("logged %d times, want once:\n%s", n, log.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

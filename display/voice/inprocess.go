//go:build !ci && cgo

package voice

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ebitengine/oto/v3"
)

// openTimeout bounds the opening of the sound device.
const openTimeout = 5 * time.Second

// pollEvery is how often Play checks whether the sound has finished.
const pollEvery = 20 * time.Millisecond

// inProcess plays through the sound card from this process (ALSA through
// oto), so that the display needs no player program.
type inProcess struct {
	ctx *oto.Context
	mu  sync.Mutex // one announcement at a time
}

// NewInProcessPlayer opens the machine's default sound device (ALSA's
// "default", which PulseAudio and PipeWire also serve) for playing in this
// process. It fails when there is no usable device. The sound library
// allows one device per process: call it once.
func NewInProcessPlayer() (Player, error) {
	c, ready, err := oto.NewContext(&oto.NewContextOptions{
		SampleRate: SampleRate, ChannelCount: 1, Format: oto.FormatSignedInt16LE,
		BufferSize: 100 * time.Millisecond,
	})
	if err != nil {
		return nil, fmt.Errorf("voice: in-process sound: %w", err)
	}
	select {
	case <-ready:
	case <-time.After(openTimeout):
		return nil, errors.New("voice: in-process sound: the sound device did not open within 5 s")
	}
	if err := c.Err(); err != nil {
		return nil, fmt.Errorf("voice: in-process sound: %w", err)
	}
	return &inProcess{ctx: c}, nil
}

// Play plays wav and returns when it has been heard, or ctx is done.
func (p *inProcess) Play(ctx context.Context, wav []byte) error {
	samples, err := DecodeWAV(wav)
	if err != nil {
		return err
	}
	pcm := make([]byte, 2*len(samples))
	for i, s := range samples {
		binary.LittleEndian.PutUint16(pcm[2*i:], uint16(s))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	pl := p.ctx.NewPlayer(bytes.NewReader(pcm))
	defer pl.Close()
	pl.Play()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for pl.IsPlaying() {
		if err := p.ctx.Err(); err != nil {
			return fmt.Errorf("voice: in-process sound: %w", err)
		}
		select {
		case <-ctx.Done():
			pl.Pause()
			return ctx.Err()
		case <-tick.C:
		}
	}
	if err := pl.Err(); err != nil {
		return fmt.Errorf("voice: in-process sound: %w", err)
	}
	return p.ctx.Err()
}

package voice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Player plays one WAV file and returns when it has finished or ctx is
// done. The Announcer calls Play from one goroutine only, one file at a time.
type Player interface {
	Play(ctx context.Context, wav []byte) error
}

// ErrNoPlayer is returned by NewSystemPlayer when no known player program
// is on PATH.
var ErrNoPlayer = errors.New("voice: no sound player (aplay, paplay) on PATH")

// CommandPlayer plays by piping the WAV file to a program's standard input,
// such as "aplay -q -".
type CommandPlayer struct {
	Path string
	Args []string
}

// Play runs the program once and waits for it.
func (p CommandPlayer) Play(ctx context.Context, wav []byte) error {
	cmd := exec.CommandContext(ctx, p.Path, p.Args...)
	cmd.Stdin = bytes.NewReader(wav)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("voice: %s: %w: %s", p.Path, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return nil
}

// NewSystemPlayer returns a CommandPlayer for the first of aplay and paplay
// that lookPath (exec.LookPath in production) finds, or ErrNoPlayer.
func NewSystemPlayer(lookPath func(string) (string, error)) (Player, error) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"aplay", []string{"-q", "-"}},
		{"paplay", nil},
	} {
		if path, err := lookPath(c.name); err == nil {
			return CommandPlayer{Path: path, Args: c.args}, nil
		}
	}
	return nil, ErrNoPlayer
}

// ParseCommand returns a CommandPlayer for a command line such as
// "aplay -D plughw:1,0 -q -" (the display's -player-cmd): the program and
// its arguments, split at spaces, without shell quoting. The program is
// found with lookPath (exec.LookPath in production).
func ParseCommand(line string, lookPath func(string) (string, error)) (CommandPlayer, error) {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return CommandPlayer{}, errors.New("voice: empty player command")
	}
	path, err := lookPath(fields[0])
	if err != nil {
		return CommandPlayer{}, fmt.Errorf("voice: player command %q: %w", fields[0], err)
	}
	return CommandPlayer{Path: path, Args: fields[1:]}, nil
}

// Silent is a Player that plays nothing, for machines without sound.
type Silent struct{}

// Play returns at once.
func (Silent) Play(context.Context, []byte) error { return nil }

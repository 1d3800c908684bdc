package main

import (
	"errors"
	"fmt"

	"hallq/display/voice"
	"hallq/shared/protocol"
)

// soundPaths are the ways the display can play: the in-process player
// (voice.NewInProcessPlayer in production) and the lookup of a player
// program (exec.LookPath).
type soundPaths struct {
	inProcess func() (voice.Player, error)
	lookPath  func(string) (string, error)
}

// choosePlayer returns the player of -player-cmd (cmd), or else the sound
// card in this process falling back to aplay or paplay. When no way works
// it returns a Silent player and, in problem, why: a board without sound
// still shows the calls. A -player-cmd that cannot be found is an error.
func choosePlayer(cmd string, p soundPaths) (player voice.Player, problem, err error) {
	if cmd != "" {
		c, err := voice.ParseCommand(cmd, p.lookPath)
		return c, nil, err
	}
	var players []voice.Player
	var whyNot []error
	if in, err := p.inProcess(); err == nil {
		players = append(players, in)
	} else {
		whyNot = append(whyNot, err)
	}
	if c, err := voice.NewSystemPlayer(p.lookPath); err == nil {
		players = append(players, c)
	} else {
		whyNot = append(whyNot, err)
	}
	if len(players) == 0 {
		return voice.Silent{}, errors.Join(whyNot...), nil
	}
	return voice.NewFallback(players...), nil, nil
}

// soundScreen shows whether the hall hears the announcements (*ui.UI).
type soundScreen interface{ SetSound(ok bool) }

// deviceReporter tells the staff (*devstatus.Reporter).
type deviceReporter interface {
	Report(kind string, ok bool, detail string)
}

// soundWatch passes the state of the sound to the screen's marker and to
// the staff: at start (set with the problem of choosePlayer) and after
// each announcement (as the Announcer's OnPlayed).
type soundWatch struct {
	screen  soundScreen
	devices deviceReporter
}

// set takes the latest outcome: nil when the sound works.
func (w soundWatch) set(problem error) {
	w.screen.SetSound(problem == nil)
	w.devices.Report(protocol.DeviceSound, problem == nil, soundDetail(problem))
}

// soundDetail says for staff what is wrong with the sound.
func soundDetail(problem error) string {
	if problem == nil {
		return ""
	}
	return fmt.Sprintf("không có âm thanh (cần thiết bị âm thanh hoặc gói alsa-utils): %v", problem)
}

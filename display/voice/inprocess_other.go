//go:build ci || !cgo

package voice

import "errors"

// NewInProcessPlayer is not built without cgo or with the ci tag (the
// headless test build): the display then plays through aplay or paplay.
func NewInProcessPlayer() (Player, error) {
	return nil, errors.New("voice: in-process sound not in this build (ci tag or no cgo)")
}

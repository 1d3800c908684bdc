package main

import (
	"image"
	"testing"
	"time"

	"hallq/shared/look"
	"hallq/shared/xtest"
)

// The screens are told apart by their colours, so that the test types and
// presses keys only once the window shows the screen they are meant for.
var (
	accent = look.Color(look.ToneAccent) // the sign-in button
	green  = look.Color(look.ToneCalled) // the served ticket's card
	red    = look.Color(look.ToneAlert)  // a refusal
)

// middle is the sign-in card's part of the screen.
func middle(x *xtest.Display) image.Rectangle {
	return image.Rect(x.W/2-300, x.H/4, x.W/2+300, x.H*3/4)
}

// onSignIn: the yellow sign-in button in the middle, no ticket card.
func onSignIn(x *xtest.Display, img image.Image) bool {
	return xtest.Pixels(img, middle(x), 8, accent) > 5000 && !onServe(x, img)
}

// onServe: the green outline of the served ticket's card, top left.
func onServe(x *xtest.Display, img image.Image) bool {
	return xtest.Pixels(img, image.Rect(0, 0, x.W/2, x.H/2), 8, green) > 3000
}

// refused: a red message on the sign-in card.
func refused(x *xtest.Display, img image.Image) bool {
	return xtest.Pixels(img, middle(x), 8, red) > 100
}

// waitScreen waits until screen shows, saving the screenshot that shows it.
func waitScreen(t *testing.T, x *xtest.Display, what, path string, screen func(*xtest.Display, image.Image) bool) {
	t.Helper()
	xtest.Eventually(t, 20*time.Second, "the window did not show "+what, func() bool {
		return screen(x, x.Screenshot(t, path))
	})
}

// pressUntil presses key until done reports true, at most three times, 5 s
// apart: a key pressed while the window was still busy is dropped, and
// pressing again is safe, since a pressed action disables its own key.
func pressUntil(t *testing.T, x *xtest.Display, key, what string, done func() bool) {
	t.Helper()
	for i := 0; i < 3; i++ {
		x.Key(t, key)
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if done() {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Fatalf("%s after pressing %s three times", what, key)
}

package main

import (
	"image"
	"image/color"
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

// pixels counts the pixels of r in img within 8 of c on every channel.
func pixels(img image.Image, r image.Rectangle, c color.NRGBA) int {
	r = r.Intersect(img.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if near(p.R, c.R) && near(p.G, c.G) && near(p.B, c.B) {
				n++
			}
		}
	}
	return n
}

func near(a, b uint8) bool { d := int(a) - int(b); return d <= 8 && d >= -8 }

// middle is the sign-in card's part of the screen.
func middle(x *xtest.Display) image.Rectangle {
	return image.Rect(x.W/2-300, x.H/4, x.W/2+300, x.H*3/4)
}

// onSignIn: the yellow sign-in button in the middle, no ticket card.
func onSignIn(x *xtest.Display, img image.Image) bool {
	return pixels(img, middle(x), accent) > 5000 && !onServe(x, img)
}

// onServe: the green outline of the served ticket's card, top left.
func onServe(x *xtest.Display, img image.Image) bool {
	return pixels(img, image.Rect(0, 0, x.W/2, x.H/2), green) > 3000
}

// refused: a red message on the sign-in card.
func refused(x *xtest.Display, img image.Image) bool {
	return pixels(img, middle(x), red) > 100
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

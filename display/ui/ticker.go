package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// tickerView is the bottom line: the feedback contact and the hall's
// message, scrolling from right to left when it is wider than the screen.
type tickerView struct {
	bg      *canvas.Rectangle
	text    *canvas.Text
	box     *fyne.Container
	animate bool
	anim    *fyne.Animation
	// laidOut is the text and size of the running layout, so that a
	// redraw with the same ones leaves the scroll alone.
	laidOut struct {
		text string
		size fyne.Size
	}
}

// tickerSpeed is the scroll speed in bar heights per second.
const tickerSpeed = 1.8

func newTickerView(animate bool) *tickerView {
	v := &tickerView{
		bg:      canvas.NewRectangle(colTicker),
		text:    canvas.NewText("", colText),
		animate: animate,
	}
	v.box = box(tickerLayout{v}, v.bg, v.text)
	return v
}

// set changes the message.
func (v *tickerView) set(msg string) {
	if v.text.Text == msg {
		return
	}
	v.text.Text = msg
	v.box.Refresh()
	tickerLayout{v}.Layout(nil, v.box.Size())
}

type tickerLayout struct{ v *tickerView }

func (l tickerLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	v := l.v
	v.bg.Resize(size)
	v.bg.Move(fyne.NewPos(0, 0))
	if v.laidOut.text == v.text.Text && v.laidOut.size == size {
		return
	}
	v.laidOut.text, v.laidOut.size = v.text.Text, size
	if v.anim != nil {
		v.anim.Stop()
		v.anim = nil
	}
	v.text.TextSize = size.Height * 0.5
	m := fyne.MeasureText(v.text.Text, v.text.TextSize, v.text.TextStyle)
	v.text.Resize(m)
	y := (size.Height - m.Height) / 2
	pad := size.Height * 0.4
	if m.Width <= size.Width-2*pad || !v.animate {
		x := (size.Width - m.Width) / 2
		if x < pad {
			x = pad
		}
		v.text.Move(fyne.NewPos(x, y))
		v.text.Refresh()
		return
	}
	span := size.Width + m.Width
	d := time.Duration(float64(span) / float64(size.Height*tickerSpeed) * float64(time.Second))
	v.anim = fyne.NewAnimation(d, func(p float32) {
		v.text.Move(fyne.NewPos(size.Width-p*span, y))
	})
	v.anim.Curve = fyne.AnimationLinear
	v.anim.RepeatCount = fyne.AnimationRepeatForever
	v.anim.Start()
}

func (l tickerLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 20) }

// stop ends the scroll, when the window closes.
func (v *tickerView) stop() {
	if v.anim != nil {
		v.anim.Stop()
	}
}

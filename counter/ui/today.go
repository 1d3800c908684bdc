package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"hallq/counter/model"
	"hallq/shared/look"
	"hallq/shared/queue"
)

// todayPanel shows the clerk's figures of the day.
type todayPanel struct {
	root     fyne.CanvasObject
	finished *canvas.Text
	mean     *canvas.Text
	index    *canvas.Text
	levels   [6]*canvas.Text
}

func newTodayPanel() *todayPanel {
	p := &todayPanel{}
	p.finished = look.Colored("", sizeStat, look.ToneAccent, true)
	p.mean = look.Colored("", sizeStat, look.ToneAccent, true)
	p.index = look.Colored("", sizeStat, look.ToneCalled, true)
	figures := container.NewGridWithColumns(3,
		stat(p.finished, "Hôm nay đã phục vụ"),
		stat(p.mean, "Thời gian phục vụ TB"),
		stat(p.index, "Chỉ số hài lòng hôm nay"))
	levels := container.NewGridWithColumns(5)
	for lvl := 5; lvl >= 1; lvl-- {
		p.levels[lvl] = look.Colored("", 24, levelTone(lvl), true)
		levels.Add(stat(p.levels[lvl], queue.RatingLabels[lvl]))
	}
	p.root = look.Panel(container.NewVBox(figures, levels), look.ToneMuted, false)
	return p
}

func levelTone(lvl int) look.Tone {
	switch {
	case lvl >= 4:
		return look.ToneCalled
	case lvl == 3:
		return look.ToneWaiting
	}
	return look.ToneAlert
}

// indexTone grades a satisfaction index: grey with no rating, green from
// 80 %, amber from 50 %, red below (0,00 % is red, never green).
func indexTone(rated int, pct float64) look.Tone {
	switch {
	case rated == 0:
		return look.ToneMuted
	case pct >= 80:
		return look.ToneCalled
	case pct >= 50:
		return look.TonePriority
	}
	return look.ToneAlert
}

// stat is a figure over its caption.
func stat(figure *canvas.Text, caption string) fyne.CanvasObject {
	figure.Alignment = fyne.TextAlignCenter
	c := look.Colored(caption, sizeCaption, look.ToneMuted, false)
	c.Alignment = fyne.TextAlignCenter
	return container.NewVBox(figure, c)
}

func (p *todayPanel) render(s model.Stats) {
	p.finished.Text = strconv.Itoa(s.Finished)
	p.mean.Text = "—"
	if s.Finished > 0 {
		p.mean.Text = model.FormatClock(s.MeanService)
	}
	p.index.Text = "—"
	if s.Rated > 0 {
		p.index.Text = model.FormatPercent(s.Satisfaction)
	}
	p.index.Color = look.Color(indexTone(s.Rated, s.Satisfaction))
	p.finished.Refresh()
	p.mean.Refresh()
	p.index.Refresh()
	for lvl := 1; lvl <= 5; lvl++ {
		p.levels[lvl].Text = strconv.Itoa(s.Ratings[lvl])
		p.levels[lvl].Refresh()
	}
}

package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
	"hallq/shared/look"
)

// serveScreen is the clerk's working screen: the top bar, the ticket being
// served, the action buttons, the message line, the day's figures on the
// left; the queue and the held tickets on the right.
type serveScreen struct {
	desk    Desk
	root    *fyne.Container
	who     *canvas.Text
	status  *canvas.Text
	hall    *canvas.Text
	logout  *keyButton
	ticket  *ticketCard
	buttons map[model.Action]*keyButton
	msg     *widget.Label
	codes   *codesPanel
	today   *todayPanel
	queue   *queuePanel
	// callRoom and rooms hold the call button's and the other buttons'
	// height, which grows with the window.
	callRoom *canvas.Rectangle
	rooms    []*canvas.Rectangle
}

// newServeScreen builds the screen; version, when not empty, goes under
// the hall's name.
func newServeScreen(d Desk, onKey func(*fyne.KeyEvent), version string) *serveScreen {
	s := &serveScreen{desk: d, buttons: map[model.Action]*keyButton{}}
	s.who = look.Colored("", sizeTitle, look.ToneAccent, true)
	s.status = look.Colored("", sizeTitle-6, look.ToneCalled, true)
	s.hall = look.Colored("", 18, look.ToneMuted, false)
	s.logout = newKeyButton(model.ActLogout.Label(false), func() { d.Do(model.ActLogout) }, onKey)
	var hall fyne.CanvasObject = s.hall
	if version != "" {
		// Under the name, within the sign-out button's height.
		s.hall.Alignment = fyne.TextAlignTrailing
		hall = container.NewCenter(container.NewVBox(s.hall, look.VersionText(version)))
	}
	top := container.NewBorder(nil, nil,
		container.NewHBox(s.who, s.status), container.NewHBox(hall, s.logout))

	s.ticket = newTicketCard()
	s.codes = newCodesPanel(d, onKey)
	for _, a := range model.Buttons {
		s.buttons[a] = newKeyButton(buttonLabel(a, false), func() { d.Do(a) }, onKey)
	}
	call := s.buttons[model.ActCallNext]
	call.Importance = widget.HighImportance
	grid := container.NewGridWithColumns(3)
	for _, a := range model.Buttons[1:] {
		room := canvas.NewRectangle(color.Transparent)
		s.rooms = append(s.rooms, room)
		grid.Add(container.NewStack(room, s.buttons[a]))
	}
	s.callRoom = canvas.NewRectangle(color.Transparent)
	s.buttons[model.ActFinish].Importance = widget.SuccessImportance
	s.msg = widget.NewLabel("")
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.TextStyle = fyne.TextStyle{Bold: true}
	s.today = newTodayPanel()

	left := container.NewBorder(container.NewVBox(s.ticket.root, container.NewStack(s.callRoom, call), grid, s.msg),
		s.today.root, nil, nil)
	s.queue = newQueuePanel(d, onKey)
	right := look.Touch(container.NewBorder(s.codes.root, nil, nil, nil, s.queue.root), 500, 0)
	s.root = container.NewBorder(container.NewPadded(top), nil, nil, right, container.NewPadded(left))
	return s
}

// buttonLabel is a's text with its key.
func buttonLabel(a model.Action, paused bool) string {
	if k := a.Key(); k != "" {
		return a.Label(paused) + " (" + k + ")"
	}
	return a.Label(paused)
}

// render shows v; height is the window's, which sizes the ticket number.
func (s *serveScreen) render(v model.View, height float32) {
	s.who.Text = v.CounterName + " · " + v.ClerkName
	s.who.Refresh()
	s.status.Text = v.StatusText
	s.status.Color = look.Color(look.ToneCalled)
	if v.Paused {
		s.status.Color = look.Color(look.TonePriority)
	}
	s.status.Refresh()
	s.hall.Text = v.HallName
	s.hall.Refresh()
	setEnabled(s.logout, v.Can(model.ActLogout))
	for a, b := range s.buttons {
		setEnabled(b, v.Can(a))
	}
	if l := buttonLabel(model.ActPause, v.Paused); s.buttons[model.ActPause].Text != l {
		s.buttons[model.ActPause].SetText(l)
	}
	s.ticket.sizeNumber(numberSize(height))
	s.sizeButtons(height)
	s.ticket.render(v.Current, v.Paused)
	s.codes.render(v)
	s.renderMessage(v)
	s.today.render(v.Stats)
	s.queue.render(v)
	// Texts changed size: lay the screen out again.
	s.root.Refresh()
}

func (s *serveScreen) renderMessage(v model.View) {
	text, imp := v.Message.Text, widget.SuccessImportance
	switch {
	case v.Busy:
		text, imp = "Đang gửi…", widget.LowImportance
	case v.FileCodeHint != "":
		text, imp = v.FileCodeHint, widget.DangerImportance
	case v.Message.Error:
		imp = widget.DangerImportance
	}
	s.msg.Text, s.msg.Importance = text, imp
}

// sizeButtons makes the buttons as high as buttonHeights says.
func (s *serveScreen) sizeButtons(height float32) {
	call, other := buttonHeights(height)
	if s.callRoom.MinSize().Height == call {
		return
	}
	s.callRoom.SetMinSize(fyne.NewSize(0, call))
	for _, r := range s.rooms {
		r.SetMinSize(fyne.NewSize(0, other))
	}
}

// buttonHeights grows the buttons with the window, as numberSize the
// number, so that a full-HD screen gets larger targets rather than an
// empty band: 60 and 50 on a 768-high screen, 84 and 70 on a 1080-high one.
func buttonHeights(height float32) (call, other float32) {
	return max(60, height*0.078), max(50, height*0.065)
}

// numberSize grows the served number with the window: 120 on a 768-high
// screen, about 170 on a 1080-high one.
func numberSize(height float32) float32 {
	return min(max(sizeNumber, height*0.155), 2*sizeNumber)
}

// ticketCard shows the ticket being served, very large, with its service,
// priority mark, waiting and service times and recalls beside it.
type ticketCard struct {
	root    fyne.CanvasObject
	number  *canvas.Text
	prio    *canvas.Text
	service *widget.Label
	waited  *canvas.Text
	serving *canvas.Text
	recalls *canvas.Text
	// gap keeps the number off the texts, and the card's height while no
	// number shows.
	gap *canvas.Rectangle
	// inset keeps the number off the card's border, in proportion to its
	// size (a glyph's side bearing alone lets it touch the outline).
	inset  *layout.CustomPaddedLayout
	numBox *fyne.Container
}

// numberInset is the margin around the number, in text sizes.
const numberInset = 0.12

// sizeNumber sets the number's text size and its margin.
func (c *ticketCard) sizeNumber(ts float32) {
	c.number.TextSize = ts
	p := ts * numberInset
	c.inset.TopPadding, c.inset.BottomPadding, c.inset.LeftPadding, c.inset.RightPadding = p/2, p/2, p, p/2
}

func newTicketCard() *ticketCard {
	c := &ticketCard{}
	caption := look.Colored("ĐANG PHỤC VỤ", 18, look.ToneMuted, true)
	c.number = look.Colored("", sizeNumber, look.ToneAccent, true)
	c.prio = look.Colored("", 24, look.TonePriority, true)
	c.service = widget.NewLabel("")
	c.service.Truncation = fyne.TextTruncateEllipsis
	c.service.SizeName = theme.SizeNameSubHeadingText
	c.waited = look.Colored("", 20, look.ToneMuted, false)
	c.serving = look.Colored("", 20, look.ToneMuted, false)
	c.recalls = look.Colored("", 20, look.ToneMuted, false)
	info := container.NewVBox(caption, c.prio, compact(c.service), c.waited, c.serving, c.recalls)
	c.gap = canvas.NewRectangle(color.Transparent)
	c.inset = &layout.CustomPaddedLayout{}
	c.numBox = container.New(c.inset, c.number)
	c.sizeNumber(sizeNumber)
	c.root = look.Panel(container.NewBorder(nil, nil, container.NewHBox(c.numBox, c.gap), nil, info), look.ToneCalled, true)
	return c
}

func (c *ticketCard) render(t *model.TicketView, paused bool) {
	if t == nil {
		// No number, rather than a dash that looks like a bar at this size;
		// the gap keeps the card as high as with a number, so that the
		// buttons under it do not move.
		c.number.Text = ""
		c.gap.SetMinSize(fyne.NewSize(0, c.number.MinSize().Height))
		c.prio.Text = "Chưa gọi số nào"
		c.service.SetText("")
		c.waited.Text, c.serving.Text, c.recalls.Text = "Nhấn F1 hoặc Enter", "để gọi số tiếp theo.", ""
		if paused {
			c.prio.Text = "Quầy đang tạm nghỉ"
			c.waited.Text, c.serving.Text = "Nhấn F8 để tiếp tục", "nhận số."
		}
	} else {
		c.number.Text, c.number.Color = t.Number, look.Color(look.ToneAccent)
		c.gap.SetMinSize(fyne.NewSize(24, 0))
		c.prio.Text = "Thường"
		if t.Priority {
			c.prio.Text = "★ Ưu tiên"
		}
		service := t.Service + " — " + t.ServiceName
		if t.TransferredFrom != "" {
			service += " (chuyển từ " + t.TransferredFrom + ")"
		}
		c.service.SetText(service)
		c.waited.Text = "Đã chờ " + model.FormatWait(t.Waited)
		c.serving.Text = "Đang phục vụ " + model.FormatClock(t.Serving)
		c.recalls.Text = "Gọi lại " + strconv.Itoa(t.Recalls) + " lần"
	}
	c.prio.Color = look.Color(look.ToneMuted)
	if t != nil && t.Priority {
		c.prio.Color = look.Color(look.TonePriority)
	}
}

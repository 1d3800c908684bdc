package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
	"hallq/shared/look"
)

// queuePanel lists the counter's waiting tickets and its held tickets.
type queuePanel struct {
	desk      Desk
	onKey     func(*fyne.KeyEvent)
	root      fyne.CanvasObject
	title     *canvas.Text
	list      *fyne.Container
	rows      []*queueRow
	empty     *canvas.Text
	heldTitle *canvas.Text
	heldList  *fyne.Container
	held      []*heldRow
}

func newQueuePanel(d Desk, onKey func(*fyne.KeyEvent)) *queuePanel {
	p := &queuePanel{desk: d, onKey: onKey}
	p.title = look.Colored("", sizeTitle-4, look.ToneAccent, true)
	hint := look.Colored("Nhấp đúp vào một số để gọi số đó", sizeCaption, look.ToneMuted, false)
	p.empty = look.Colored("Không có số nào đang chờ", 20, look.ToneMuted, false)
	p.list = container.NewVBox()
	p.heldTitle = look.Colored("", sizeTitle-8, look.TonePriority, true)
	p.heldList = container.NewVBox()
	held := container.NewVBox(widget.NewSeparator(), p.heldTitle, p.heldList)
	p.root = container.NewBorder(container.NewVBox(p.title, hint), held, nil, nil,
		container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, 16), // room for the scroll bar
			container.NewVBox(p.empty, p.list))))
	return p
}

func (p *queuePanel) render(v model.View) {
	p.title.Text = "Hàng chờ (" + strconv.Itoa(len(v.Queue)) + ")"
	p.title.Refresh()
	show(p.empty, len(v.Queue) == 0)
	for len(p.rows) < len(v.Queue) {
		p.rows = append(p.rows, newQueueRow(p.desk.CallTicket))
	}
	p.list.Objects = p.list.Objects[:0]
	for i, r := range v.Queue {
		p.rows[i].set(r, v.Can(model.ActCallTicket))
		p.list.Objects = append(p.list.Objects, p.rows[i])
	}
	p.list.Refresh()

	p.heldTitle.Text = "Hồ sơ tạm giữ (" + strconv.Itoa(len(v.Held)) + ")"
	p.heldTitle.Refresh()
	for len(p.held) < len(v.Held) {
		p.held = append(p.held, newHeldRow(p.desk.CallTicket, p.onKey))
	}
	p.heldList.Objects = p.heldList.Objects[:0]
	for i, r := range v.Held {
		p.held[i].set(r, v.Can(model.ActCallTicket))
		p.heldList.Objects = append(p.heldList.Objects, p.held[i].root)
	}
	p.heldList.Refresh()
}

// queueRow is one waiting ticket; a double-click calls it. It is not
// focusable, so the function keys keep reaching the window.
type queueRow struct {
	widget.BaseWidget
	id      string
	call    func(id string) bool
	bg      *canvas.Rectangle
	number  *canvas.Text
	service *widget.Label
	wait    *canvas.Text
}

func newQueueRow(call func(id string) bool) *queueRow {
	r := &queueRow{call: call}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 6
	r.number = look.Colored("", sizeRowNum, look.ToneAccent, true)
	r.service = widget.NewLabel("")
	r.service.Truncation = fyne.TextTruncateEllipsis
	r.wait = look.Colored("", 18, look.ToneMuted, false)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out: number, service, waiting time.
func (r *queueRow) CreateRenderer() fyne.WidgetRenderer {
	body := container.NewBorder(nil, nil, r.number, r.wait, compact(r.service))
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewPadded(body)))
}

// DoubleTapped calls the row's ticket.
func (r *queueRow) DoubleTapped(*fyne.PointEvent) {
	if r.id != "" {
		r.call(r.id)
	}
}

// Tapped does nothing; it makes a single click land here, not behind.
func (r *queueRow) Tapped(*fyne.PointEvent) {}

func (r *queueRow) set(row model.Row, canCall bool) {
	r.id = row.TicketID
	r.number.Text = row.Number
	r.number.Color = look.Color(look.ToneAccent)
	if row.Priority {
		r.number.Text = "★ " + row.Number
		r.number.Color = look.Color(look.TonePriority)
	}
	r.service.Text = row.ServiceName
	if row.Note != "" {
		r.service.Text += " (" + row.Note + ")"
	}
	r.service.Importance = widget.MediumImportance
	if !canCall {
		r.service.Importance = widget.LowImportance
	}
	r.wait.Text = model.FormatWait(row.Wait)
	r.wait.Color = look.Color(look.ToneMuted)
	r.bg.FillColor = color.NRGBA{R: 0x23, G: 0x31, B: 0x42, A: 0xff}
	if row.Alert {
		r.wait.Text = "⚠ " + r.wait.Text
		r.wait.Color = look.Color(look.ToneAlert)
		r.bg.FillColor = color.NRGBA{R: 0x4a, G: 0x1f, B: 0x24, A: 0xff}
	}
	r.Refresh()
}

// heldRow is one held ticket with its one-click call button.
type heldRow struct {
	id     string
	root   fyne.CanvasObject
	number *canvas.Text
	info   *widget.Label
	button *keyButton
}

func newHeldRow(call func(id string) bool, onKey func(*fyne.KeyEvent)) *heldRow {
	h := &heldRow{}
	h.number = look.Colored("", sizeRowNum, look.TonePriority, true)
	h.info = widget.NewLabel("")
	h.info.Truncation = fyne.TextTruncateEllipsis
	h.info.Importance = widget.LowImportance
	h.button = newKeyButton("Gọi lại hồ sơ bổ sung", func() { call(h.id) }, onKey)
	h.root = container.NewBorder(nil, nil, h.number, h.button, compact(h.info))
	return h
}

func (h *heldRow) set(row model.Row, canCall bool) {
	h.id = row.TicketID
	h.number.Text = row.Number
	h.number.Refresh()
	h.info.SetText(row.ServiceName + " · giữ " + model.FormatWait(row.Wait))
	setEnabled(h.button, canCall)
}

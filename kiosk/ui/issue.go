package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/look"
)

// The two answers to the priority question.
const (
	AnswerYes = "CÓ, tôi thuộc nhóm ưu tiên"
	AnswerNo  = "KHÔNG"
)

// priority asks once whether the citizen belongs to a priority group.
type priority struct {
	box     fyne.CanvasObject
	yes, no *widget.Button
	service *canvas.Text
}

func newPriority(m *model.Model) *priority {
	p := &priority{service: look.Colored("", 40, look.ToneAccent, true)}
	p.service.Alignment = fyne.TextAlignCenter
	q := look.Text("Ông/bà có thuộc nhóm ưu tiên không?", look.SizeHuge)
	q.Alignment = fyne.TextAlignCenter
	q.TextStyle.Bold = true
	groups := look.Text("Người cao tuổi, người khuyết tật, phụ nữ mang thai, người có con nhỏ, "+
		"người có công với cách mạng", look.SizeBig)
	groups.Alignment = fyne.TextAlignCenter
	yes, yesBtn := look.Choice(AnswerYes, 44, true, func() { m.AnswerPriority(true) })
	no, noBtn := look.Choice(AnswerNo, 44, true, func() { m.AnswerPriority(false) })
	p.yes, p.no = yesBtn, noBtn
	p.box = container.NewBorder(p.service, backBar(m), nil, nil,
		container.New(askLayout{}, container.NewVBox(q, groups), yes, no))
	return p
}

func (p *priority) root() fyne.CanvasObject { return container.NewPadded(p.box) }
func (p *priority) enter(model.View)        {}
func (p *priority) update(v model.View)     { setText(p.service, v.Service.Name) }

// issuing waits for the ticket.
type issuing struct{ box fyne.CanvasObject }

func newIssuing() *issuing {
	t := look.Text("Đang cấp số, xin vui lòng chờ…", look.SizeHuge)
	t.Alignment = fyne.TextAlignCenter
	bar := widget.NewProgressBarInfinite()
	return &issuing{box: middle(t, bar)}
}

func (i *issuing) root() fyne.CanvasObject { return i.box }
func (i *issuing) enter(model.View)        {}
func (i *issuing) update(model.View)       {}

// ticket shows the ticket just issued, the number very large.
type ticket struct {
	box                                fyne.CanvasObject
	number, service, prio, ahead, wait *canvas.Text
	when                               *canvas.Text
	print                              *widget.Label
	appt                               *canvas.Text
	note                               *widget.Label
}

func newTicket(m *model.Model) *ticket {
	t := &ticket{
		number:  look.Colored("", 220, look.ToneAccent, true),
		service: look.Colored("", 40, look.ToneWaiting, true),
		prio:    look.Colored("ƯU TIÊN", 40, look.TonePriority, true),
		ahead:   look.Heading("", 40),
		wait:    look.Heading("", 40),
		when:    look.Colored("", 30, look.ToneMuted, false),
		print:   look.Text("", look.SizeBig),
		appt:    look.Colored("LỊCH HẸN", 40, look.TonePriority, true),
		note:    look.Text("", look.SizeBig),
	}
	t.appt.Alignment = fyne.TextAlignCenter
	t.note.Alignment = fyne.TextAlignCenter
	t.note.Wrapping = fyne.TextWrapWord
	t.note.Importance = widget.WarningImportance
	for _, c := range []*canvas.Text{t.number, t.service, t.prio, t.ahead, t.wait, t.when} {
		c.Alignment = fyne.TextAlignCenter
	}
	t.print.Alignment = fyne.TextAlignCenter
	t.print.TextStyle.Bold = true
	title := look.Text("SỐ THỨ TỰ CỦA ÔNG/BÀ", look.SizeBig)
	title.Alignment = fyne.TextAlignCenter
	done := look.BigButton("Xong", m.Home)
	t.box = container.NewBorder(nil, look.Touch(done, 300, look.MinTouch*1.5), nil, nil,
		container.NewVBox(layout.NewSpacer(), title, t.number, t.service, t.prio, t.appt, t.note, t.ahead, t.wait, t.when,
			layout.NewSpacer(), t.print, layout.NewSpacer()))
	return t
}

func (t *ticket) root() fyne.CanvasObject { return container.NewPadded(t.box) }
func (t *ticket) enter(model.View)        {}

func (t *ticket) update(v model.View) {
	tv := v.Ticket
	setText(t.number, tv.Number)
	setText(t.service, tv.Service)
	showIf(t.prio, tv.Priority)
	showIf(t.appt, tv.Appointment)
	if t.note.Text != tv.Note {
		t.note.SetText(tv.Note)
	}
	showIf(t.note, tv.Note != "")
	setText(t.ahead, "Số người chờ trước: "+strconv.Itoa(tv.Ahead))
	setText(t.wait, "Thời gian chờ dự kiến: "+tv.Wait)
	setText(t.when, "Lấy số lúc "+tv.Time)
	msg, imp := "Mời ông/bà nhận phiếu bên dưới.", widget.SuccessImportance
	switch {
	case tv.Printing:
		msg, imp = "Đang in phiếu…", widget.MediumImportance
	case tv.PrintFailed:
		msg, imp = model.PrintFailText, widget.DangerImportance
	case tv.NoPaper:
		msg, imp = "Xin ông/bà ghi nhớ số thứ tự.", widget.WarningImportance
	}
	if t.print.Text != msg || t.print.Importance != imp {
		t.print.Importance = imp
		t.print.SetText(msg)
	}
}

// backBar is the bottom "home" button of the inner screens.
func backBar(m *model.Model) fyne.CanvasObject {
	b := look.Button("Về trang chủ", m.Home)
	b.Icon = theme.HomeIcon()
	return b
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/look"
)

// procedures lists the services whose procedures the hall publishes.
type procedures struct {
	m    *model.Model
	box  fyne.CanvasObject
	list *fyne.Container
	key  string
}

func newProcedures(m *model.Model) *procedures {
	p := &procedures{m: m, list: container.NewVBox()}
	title := look.Heading("Công khai thủ tục hành chính", 48)
	title.Alignment = fyne.TextAlignCenter
	p.box = container.NewBorder(title, backBar(m), nil, nil, container.NewVScroll(p.list))
	return p
}

func (p *procedures) root() fyne.CanvasObject { return container.NewPadded(p.box) }
func (p *procedures) enter(model.View)        {}

func (p *procedures) update(v model.View) {
	key := tilesKey(v.Tiles)
	if key == p.key {
		return
	}
	p.key = key
	objs := make([]fyne.CanvasObject, 0, len(v.Tiles))
	for _, t := range v.Tiles {
		id := t.ID
		b := look.Button(t.ID+". "+t.Name, func() { p.m.OpenProcedure(id) })
		b.Alignment = widget.ButtonAlignLeading
		objs = append(objs, look.Touch(b, 300, look.MinTouch*1.5))
	}
	p.list.Objects = objs
	p.list.Refresh()
}

// procedure shows one service's description in large type.
type procedure struct {
	box    fyne.CanvasObject
	title  *widget.Label
	text   *widget.Label
	scroll *container.Scroll
	// take issues a ticket of the service shown, as tapping its tile does.
	take *widget.Button
	id   string
}

func newProcedure(m *model.Model) *procedure {
	p := &procedure{title: look.Text("", look.SizeHuge), text: look.Text("", look.SizeBig)}
	p.title.TextStyle.Bold = true
	p.scroll = container.NewVScroll(p.text)
	back := look.Button("Danh sách thủ tục", m.OpenProcedures)
	p.take = look.BigButton("Lấy số cho lĩnh vực này", func() { m.ChooseService(p.id) })
	p.take.Icon = theme.ConfirmIcon()
	bar := container.NewVBox(p.take, container.NewGridWithColumns(2, back, backBar(m)))
	line := canvas.NewRectangle(look.Color(look.ToneAccent))
	line.SetMinSize(fyne.NewSize(10, 4))
	p.box = container.NewBorder(container.NewVBox(p.title, line), bar, nil, nil, p.scroll)
	return p
}

func (p *procedure) root() fyne.CanvasObject { return container.NewPadded(p.box) }

func (p *procedure) enter(model.View) { p.scroll.ScrollToTop() }

func (p *procedure) update(v model.View) {
	p.id = v.Service.ID
	if open := v.Online && !v.Service.SoldOut; open && p.take.Disabled() {
		p.take.Enable()
	} else if !open && !p.take.Disabled() {
		p.take.Disable()
	}
	if p.title.Text != v.Service.Name {
		p.title.SetText(v.Service.Name)
	}
	text := v.Service.Description
	if text == "" {
		text = "Thông tin thủ tục đang được cập nhật. Xin mời liên hệ quầy tiếp nhận."
	}
	if p.text.Text != text {
		p.text.SetText(text)
	}
}

package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/look"
	"hallq/shared/queue"
)

// home is the start screen: a tile per service and the other services of
// the kiosk; on a rating pad, a welcome and the feedback button.
type home struct {
	m      *model.Model
	box    *fyne.Container
	notice *widget.Label
	prompt *widget.Label
	grid   *fyne.Container
	tiles  []*tile
	key    string // the services the tiles were built for
	hall   fyne.CanvasObject
	pad    fyne.CanvasObject
	rate   *widget.Button
	// appts is whether the bar offers "Tôi có lịch hẹn" (a service takes
	// appointments); the hall screen is built again when it changes.
	appts bool
}

func newHome(m *model.Model) *home {
	h := &home{m: m, notice: look.Text("", look.SizeBig), grid: container.New(&orientGrid{wide: 2, tall: 1})}
	h.notice.Alignment = fyne.TextAlignCenter
	h.notice.Importance = widget.DangerImportance
	h.notice.TextStyle.Bold = true
	h.rate = look.Button("Đánh giá sự hài lòng", m.OpenRateCode)
	h.prompt = look.Text("Xin mời chọn lĩnh vực cần giải quyết:", theme.SizeNameSubHeadingText)
	h.hall = h.hallScreen(false)
	greet := look.Text("Kính chào ông/bà!", look.SizeHuge)
	greet.Alignment = fyne.TextAlignCenter
	greet.TextStyle.Bold = true
	welcome := look.Text("Sau khi được phục vụ, xin mời ông/bà đánh giá sự hài lòng trên màn hình này.", look.SizeBig)
	welcome.Alignment = fyne.TextAlignCenter
	h.pad = container.NewBorder(nil, look.Button("Phản ánh, kiến nghị", m.OpenFeedback), nil, nil,
		middle(greet, welcome))
	h.box = container.NewStack(h.hall)
	return h
}

// hallScreen builds the hall's home: the tiles, and the bar of the other
// services, with "Tôi có lịch hẹn" first when appts is set. No scroll:
// when the offline banner or a notice takes room, the tiles shrink (a tile
// drops its description first) rather than the last ones going out of
// sight.
func (h *home) hallScreen(appts bool) fyne.CanvasObject {
	buttons := []fyne.CanvasObject{
		h.rate,
		look.Button("Phản ánh, kiến nghị", h.m.OpenFeedback),
		look.Button("Thủ tục hành chính", h.m.OpenProcedures),
	}
	if appts {
		b := look.Button("Tôi có lịch hẹn", h.m.OpenCheckIn)
		b.Importance = widget.HighImportance
		buttons = append([]fyne.CanvasObject{b}, buttons...)
	}
	bar := container.NewGridWithColumns(len(buttons), buttons...)
	return container.NewBorder(container.NewVBox(h.notice, h.prompt), bar, nil, nil, h.grid)
}

func (h *home) root() fyne.CanvasObject { return container.NewPadded(h.box) }

func (h *home) enter(model.View) {}

func (h *home) update(v model.View) {
	if v.Appointments != h.appts {
		h.appts = v.Appointments
		h.hall = h.hallScreen(h.appts)
	}
	want := h.hall
	if v.Counter != 0 {
		want = h.pad
	}
	if len(h.box.Objects) != 1 || h.box.Objects[0] != want {
		h.box.Objects = []fyne.CanvasObject{want}
		h.box.Refresh()
	}
	notice := v.Notice
	if v.Refused {
		notice = queue.UnauthorizedText + " " + queue.UnauthorizedHint
	}
	if h.notice.Text != notice {
		h.notice.SetText(notice)
	}
	showIf(h.notice, notice != "")
	showIf(h.prompt, !v.Refused)
	key := tilesKey(v.Tiles)
	if key != h.key {
		h.key = key
		h.tiles = h.tiles[:0]
		objs := make([]fyne.CanvasObject, 0, len(v.Tiles))
		for _, t := range v.Tiles {
			id := t.ID
			tl := newTile(t, func() { h.m.ChooseService(id) })
			h.tiles = append(h.tiles, tl)
			objs = append(objs, tl.root)
		}
		h.grid.Objects = objs
		h.grid.Refresh()
	}
	for i, t := range v.Tiles {
		h.tiles[i].update(t, v.Online)
	}
}

func tilesKey(ts []model.Tile) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.ID + "\x00" + t.Name + "\x00" + t.Description + "\x01")
	}
	return b.String()
}

// tile is one service: a big button under its name, description and
// waiting count.
type tile struct {
	root   fyne.CanvasObject
	btn    *tapArea
	status *canvas.Text
}

func newTile(t model.Tile, tap func()) *tile {
	name := look.Text(t.ID+". "+t.Name, look.SizeBig)
	name.TextStyle.Bold = true
	desc := look.Text(short(t.Description, 110), theme.SizeNameText)
	tl := &tile{btn: newTapArea(tap), status: look.Colored("", 30, look.ToneWaiting, true)}
	// The status starts where the labels' text does (their inner padding),
	// and no padding goes around the whole: three rows of tiles fit a
	// 1920x1080 screen without scrolling.
	inset := theme.InnerPadding()
	status := container.New(layout.NewCustomPaddedLayout(0, inset/2, inset, inset), tl.status)
	content := container.New(tileLayout{}, name, status, desc)
	tl.root = look.Touch(container.NewStack(tl.btn, content), 400, look.MinTouch*2)
	return tl
}

func (tl *tile) update(t model.Tile, online bool) {
	text, tone := "Đang chờ: "+strconv.Itoa(t.Waiting)+" người", look.ToneWaiting
	if t.SoldOut {
		text, tone = model.SoldOutText+" hôm nay", look.ToneAlert
	}
	if tl.status.Text != text || tl.status.Color != look.Color(tone) {
		tl.status.Text, tl.status.Color = text, look.Color(tone)
		tl.status.Refresh()
	}
	if off := t.SoldOut || !online; off != tl.btn.Disabled() {
		if off {
			tl.btn.Disable()
		} else {
			tl.btn.Enable()
		}
	}
}

// short cuts s to at most n characters at a word boundary.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;.") + "…"
}

// tileLayout puts a tile's name (first object) at the top, its status
// (second) at the bottom and its description (third) between them when it
// fits there, hidden otherwise: a tile may shrink to its name and status.
type tileLayout struct{}

func (tileLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	name, status, desc := objs[0], objs[1], objs[2]
	nh, sh := name.MinSize().Height, status.MinSize().Height
	place(name, 0, 0, size.Width, nh)
	place(status, 0, size.Height-sh, size.Width, sh)
	desc.Resize(fyne.NewSize(size.Width, desc.MinSize().Height))
	dh := desc.MinSize().Height // a wrapping label knows its height once it has its width
	if nh+dh+sh > size.Height {
		desc.Hide()
		return
	}
	desc.Show()
	place(desc, 0, nh, size.Width, dh)
}

// MinSize is the name over the status.
func (tileLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n, s := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(n.Width, s.Width), n.Height+s.Height)
}

// place moves and sizes o.
func place(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}

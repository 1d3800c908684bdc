package ui

import (
	"image/color"
	"slices"
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

// faces draws each level for those who do not read.
var faces = map[int]string{5: "😄", 4: "🙂", 3: "😐", 2: "🙁", 1: "😠"}

// levelTones colours each level.
var levelTones = map[int]look.Tone{5: look.ToneCalled, 4: look.ToneCalled, 3: look.ToneAccent, 2: look.TonePriority, 1: look.ToneAlert}

// rateCode asks for the ticket's QR code or its number and code.
type rateCode struct {
	box           fyne.CanvasObject
	number, token *field
	kb            *keyboard
	err           *widget.Label
}

func newRateCode(m *model.Model) *rateCode {
	r := &rateCode{kb: newKeyboard(codeRows, false, m.Touch)}
	focus := func(fl *field) { r.kb.active = fl; m.Touch() }
	r.number = newField("Số thứ tự, ví dụ A001", false, false, 40, focus)
	r.token = newField("Mã đánh giá (8 ký tự)", false, false, 8, focus)
	submit := func() { m.SubmitCode(r.number.Text() + " " + r.token.Text()) }
	r.number.entry.OnSubmitted = func(string) { submit() }
	r.token.entry.OnSubmitted = func(string) { submit() }
	r.err = look.Text("", theme.SizeNameText)
	r.err.Importance = widget.DangerImportance
	title := screenTitle("Đánh giá sự hài lòng")
	help := look.Text("Đưa mã QR trên phiếu vào máy quét, hoặc nhập số thứ tự và mã đánh giá in dưới mã QR.", look.SizeBig)
	form := container.NewVBox(title, help, container.NewGridWithColumns(2, r.number.entry, r.token.entry), r.err, r.kb.root)
	next := look.BigButton("Tiếp tục", submit)
	r.box = container.NewBorder(nil, container.NewGridWithColumns(2, backBar(m), next), nil, nil, container.NewVScroll(form))
	return r
}

func (r *rateCode) root() fyne.CanvasObject { return container.NewPadded(r.box) }

func (r *rateCode) enter(model.View) {
	r.number.clear()
	r.token.clear()
	r.kb.active = r.number
}

func (r *rateCode) update(v model.View) {
	if r.err.Text != v.Form.Error {
		r.err.SetText(v.Form.Error)
	}
	showIf(r.err, v.Form.Error != "")
}

// rateTitle names the ticket and whom the citizen rates:
// "Số thứ tự A002 · Quầy 1 · Cán bộ Nguyễn Thị Lan".
func rateTitle(v model.RateView) string {
	if v.Number == "" {
		return ""
	}
	parts := []string{"Số thứ tự " + v.Number}
	if v.CounterName != "" {
		parts = append(parts, v.CounterName)
	}
	if v.ClerkName != "" {
		parts = append(parts, "Cán bộ "+v.ClerkName)
	}
	return strings.Join(parts, " · ")
}

// faceTile is a level's button: its face over its national wording, at
// the given sizes.
func faceTile(level int, faceSize, labelSize float32, tap func()) (fyne.CanvasObject, *widget.Button, *canvas.Text) {
	b := widget.NewButton("", tap)
	face := canvas.NewText(faces[level], look.Color(levelTones[level]))
	face.TextSize = faceSize
	face.Alignment = fyne.TextAlignCenter
	label := look.Colored(queue.RatingLabels[level], labelSize, levelTones[level], true)
	label.Alignment = fyne.TextAlignCenter
	return container.NewStack(b, container.NewVBox(layout.NewSpacer(), face, label, layout.NewSpacer())), b, label
}

// rate shows the five levels of the national scale.
type rate struct {
	box    fyne.CanvasObject
	title  *widget.Label
	err    *widget.Label
	levels []*widget.Button
}

func newRate(m *model.Model) *rate {
	r := &rate{title: look.Text("", look.SizeBig)}
	r.title.Alignment = fyne.TextAlignCenter
	r.title.TextStyle.Bold = true
	r.title.Wrapping = fyne.TextWrapWord
	r.err = look.Text("", theme.SizeNameText)
	r.err.Importance = widget.DangerImportance
	q := look.Text("Xin ông/bà đánh giá mức độ hài lòng", theme.SizeNameHeadingText)
	q.Alignment = fyne.TextAlignCenter
	tiles := make([]fyne.CanvasObject, 0, 5)
	for level := 5; level >= 1; level-- {
		tile, b, _ := faceTile(level, 88, 32, func() { m.ChooseLevel(level) })
		r.levels = append(r.levels, b)
		tiles = append(tiles, look.Touch(tile, 330, look.MinTouch*3))
	}
	r.box = container.NewBorder(container.NewVBox(r.title, q), container.NewVBox(r.err, backBar(m)), nil, nil,
		container.New(&orientGrid{wide: 5, tall: 1}, tiles...))
	return r
}

func (r *rate) root() fyne.CanvasObject { return container.NewPadded(r.box) }
func (r *rate) enter(model.View)        {}

func (r *rate) update(v model.View) {
	if title := rateTitle(v.Rate); r.title.Text != title {
		r.title.SetText(title)
	}
	if r.err.Text != v.Rate.Error {
		r.err.SetText(v.Rate.Error)
	}
	showIf(r.err, v.Rate.Error != "")
	for _, b := range r.levels {
		if v.Rate.Sending {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// reasons offers the reasons and a comment for levels 1 to 3. It shows the
// face chosen and lets the citizen choose another; the comment field and
// the keyboard (keys of KeySize) sit at the bottom, where a hand reaches.
type reasons struct {
	box     fyne.CanvasObject
	title   *widget.Label
	comment *field
	kb      *keyboard
	faces   map[int]*widget.Button
	labels  map[int]*canvas.Text
	toggles map[string]*widget.Button
	err     *widget.Label
	send    *widget.Button
}

func newReasons(m *model.Model) *reasons {
	r := &reasons{kb: newKeyboard(telexRows, true, m.Touch), toggles: map[string]*widget.Button{},
		faces: map[int]*widget.Button{}, labels: map[int]*canvas.Text{}}
	r.comment = newField("Ý kiến khác (không bắt buộc, tối đa 500 ký tự)", true, true, model.MaxComment,
		func(fl *field) { r.kb.active = fl; m.Touch() })
	r.comment.entry.SetMinRowsVisible(2)
	r.comment.changed = m.SetComment
	r.err = look.Text("", theme.SizeNameText)
	r.err.Importance = widget.DangerImportance
	r.title = look.Text("", theme.SizeNameText)
	r.title.TextStyle.Bold = true
	r.title.Wrapping = fyne.TextWrapWord
	faceRow := make([]fyne.CanvasObject, 0, 5)
	for level := 5; level >= 1; level-- {
		tile, b, label := faceTile(level, 44, 18, func() { m.ChooseLevel(level) })
		r.faces[level], r.labels[level] = b, label
		faceRow = append(faceRow, look.Touch(tile, 150, KeySize*1.2))
	}
	change := look.Text("Mức đã chọn được tô sáng; chạm mặt khác để đổi.", theme.SizeNameCaptionText)
	question := look.Text("Ông/bà chưa hài lòng về điều gì? (chọn một hoặc nhiều)", look.SizeBig)
	question.TextStyle.Bold = true
	btns := make([]fyne.CanvasObject, 0, len(queue.Reasons))
	for _, rs := range queue.Reasons {
		code := rs.Code
		b := look.Button(rs.Label, func() { m.ToggleReason(code) })
		r.toggles[code] = b
		btns = append(btns, b)
	}
	r.send = look.BigButton("Gửi đánh giá", func() { m.SubmitRating(r.comment.Text()) })
	hint := look.Text(TelexHint, theme.SizeNameCaptionText)
	form := container.NewVBox(r.title, container.NewGridWithColumns(5, faceRow...), change,
		question, container.NewGridWithColumns(3, btns...), layout.NewSpacer(), r.comment.entry, r.err, hint)
	r.box = container.NewBorder(nil, container.NewGridWithColumns(2, backBar(m), r.send), nil, nil,
		container.New(keyboardBeside{}, form, r.kb.root))
	return r
}

func (r *reasons) root() fyne.CanvasObject { return container.NewPadded(r.box) }

func (r *reasons) enter(model.View) {
	r.comment.clear()
	r.kb.active = r.comment
}

func (r *reasons) update(v model.View) {
	if title := rateTitle(v.Rate); r.title.Text != title {
		r.title.SetText(title)
	}
	for level, b := range r.faces {
		imp := widget.LowImportance
		if level == v.Rate.Level {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
			// Dark words on the highlight, the level's colour otherwise.
			r.labels[level].Color = look.Color(levelTones[level])
			if imp == widget.HighImportance {
				r.labels[level].Color = color.Black
			}
			r.labels[level].Refresh()
		}
		if v.Rate.Sending {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	for code, b := range r.toggles {
		imp := widget.MediumImportance
		if slices.Contains(v.Rate.Reasons, code) {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	if r.err.Text != v.Rate.Error {
		r.err.SetText(v.Rate.Error)
	}
	showIf(r.err, v.Rate.Error != "")
	if v.Rate.Sending {
		r.send.Disable()
	} else {
		r.send.Enable()
	}
}

package model

// Action is one thing the clerk can do on the serve screen.
type Action int

// The clerk's actions. ActPause is one toggle: "Tạm nghỉ" when the counter
// is open, "Tiếp tục" when it is paused.
const (
	ActCallNext Action = iota
	ActRecall
	ActFinish
	ActNoShow
	ActTransfer
	ActHold
	ActPause
	ActCallTicket
	ActLogout
	numActions
)

// Buttons lists the serve screen's main buttons in the order they are laid
// out.
var Buttons = []Action{ActCallNext, ActRecall, ActFinish, ActNoShow, ActTransfer, ActHold, ActPause}

// Label returns the button text of a, in Vietnamese. paused matters only
// for ActPause.
func (a Action) Label(paused bool) string {
	switch a {
	case ActCallNext:
		return "Gọi số tiếp theo"
	case ActRecall:
		return "Gọi lại"
	case ActFinish:
		return "Hoàn thành"
	case ActNoShow:
		return "Vắng mặt"
	case ActTransfer:
		return "Chuyển"
	case ActHold:
		return "Tạm giữ"
	case ActPause:
		if paused {
			return "Tiếp tục"
		}
		return "Tạm nghỉ"
	case ActCallTicket:
		return "Gọi số này"
	case ActLogout:
		return "Đăng xuất"
	}
	return ""
}

// Key returns the name of the function key that triggers a ("F1"), or "".
// The names are those of fyne.KeyName, so the UI passes its events through
// unchanged.
func (a Action) Key() string {
	switch a {
	case ActCallNext:
		return "F1"
	case ActRecall:
		return "F2"
	case ActFinish:
		return "F3"
	case ActNoShow:
		return "F4"
	case ActTransfer:
		return "F5"
	case ActHold:
		return "F6"
	case ActPause:
		return "F8"
	}
	return ""
}

// Key names as fyne.KeyName spells them, without importing fyne.
const (
	KeyReturn = "Return"
	KeyEnter  = "KP_Enter"
	KeyEscape = "Escape"
)

// actionForKey returns the action a key triggers on the serve screen.
func actionForKey(key string) (Action, bool) {
	if key == KeyReturn || key == KeyEnter {
		return ActCallNext, true
	}
	for _, a := range Buttons {
		if a.Key() == key {
			return a, true
		}
	}
	return 0, false
}

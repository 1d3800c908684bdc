package model

import (
	"strconv"
	"strings"
	"time"

	"hallq/shared/queue"
)

// View is everything the hall screen shows at one instant.
type View struct {
	// Hall is the hall's name for the header.
	Hall string
	// Clock is the time, "09:15", and Date the day, "Thứ Bảy, 28/11/2026".
	Clock, Date string
	Tiles       []Tile
	Recent      []Recent
	Services    []Service
	// Ticker is the bottom line: the feedback contact and the hall's message.
	Ticker string
	// Offline is the discreet connection line; empty when connected.
	Offline string
	// Refused is set, to queue.UnauthorizedText, while the server refuses
	// this display's id or token: the screen shows it in the middle, not
	// an empty hall.
	Refused string
	// NoSound is NoSoundText while the announcements cannot be heard.
	NoSound string
}

// Tile is one counter.
type Tile struct {
	Counter int
	Name    string
	// Number is the ticket the counter serves, or "" for none.
	Number string
	// Note says why a counter shows no number: "Tạm dừng", "Chưa làm việc",
	// or "Chưa gọi số" for an open counter between two citizens.
	Note string
	// Flash is set during the flash after a live call; Lit is its phase.
	Flash, Lit bool
}

// Recent is one line of the "vừa gọi" list.
type Recent struct {
	Number  string
	Counter string
	// Newest marks the latest live call.
	Newest bool
}

// Service is one service's waiting count.
type Service struct {
	ID, Name string
	Waiting  int
}

// View builds the view at the board's current time.
func (b *Board) View() View {
	now := b.now()
	if b.loc != nil {
		now = now.In(b.loc) // the hall's clock, whatever the PC's zone
	}
	s := b.state
	v := View{
		Hall:    s.Hall.Name,
		Clock:   now.Format("15:04"),
		Date:    Weekday(now) + ", " + now.Format("02/01/2006"),
		Ticker:  tickerText(s.Hall.FeedbackContact, s.Hall.Ticker, b.results),
		Offline: b.status.Text(),
	}
	if b.status.Unauthorized {
		v.Refused = queue.UnauthorizedText
	}
	if b.noSound {
		v.NoSound = NoSoundText
	}
	if v.Hall == "" {
		v.Hall = "Bộ phận Một cửa"
	}
	for _, c := range s.Counters {
		v.Tiles = append(v.Tiles, b.tile(c, now))
	}
	for i, t := range s.RecentCalls {
		if i == MaxRecent {
			break
		}
		v.Recent = append(v.Recent, Recent{
			Number:  t.Number,
			Counter: b.counterName(ticketCounter(t)),
			Newest:  i == 0 && t.ID == b.newest && b.Flashing(),
		})
	}
	for _, sv := range s.Services {
		v.Services = append(v.Services, Service{ID: sv.ID, Name: sv.Name, Waiting: sv.Waiting})
	}
	return v
}

// tile builds counter c's tile.
func (b *Board) tile(c queue.Counter, now time.Time) Tile {
	t := Tile{Counter: c.ID, Name: c.Name}
	if t.Name == "" {
		t.Name = "Quầy " + itoa(c.ID)
	}
	if c.Ticket != nil {
		t.Number = c.Ticket.Number
	}
	switch c.Status {
	case queue.CounterOpen:
		if t.Number == "" {
			t.Note = "Chưa gọi số" // an empty tile would look broken
		}
	case queue.CounterPaused:
		t.Note = "Tạm dừng"
	case queue.CounterClosed:
		if t.Number == "" {
			t.Note = "Chưa làm việc"
		}
	}
	if at, ok := b.flashes[c.ID]; ok && t.Number != "" {
		if d := now.Sub(at); d >= 0 && d < FlashFor {
			t.Flash = true
			t.Lit = (d/BlinkEvery)%2 == 0
		}
	}
	return t
}

// tickerText joins the feedback contact, the hall's message and last
// month's results.
func tickerText(contact, msg, results string) string {
	var parts []string
	if c := strings.TrimSpace(contact); c != "" {
		parts = append(parts, "Góp ý, phản ánh: "+c)
	}
	for _, p := range []string{msg, results} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "   •   ")
}

// Text is the connection line for s: empty when connected.
func (s Status) Text() string {
	switch {
	case !s.Known:
		return "Đang kết nối máy chủ…"
	case s.Connected:
		return ""
	case s.Unauthorized:
		return "Thiết bị chưa được cấp quyền (kiểm tra mã thiết bị và token)"
	}
	return "Mất kết nối máy chủ, đang kết nối lại…"
}

// weekdays are the Vietnamese names of the days, Sunday first.
var weekdays = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// Weekday returns t's day of the week in Vietnamese: "Thứ Hai".
func Weekday(t time.Time) string { return weekdays[t.Weekday()] }

func itoa(n int) string { return strconv.Itoa(n) }

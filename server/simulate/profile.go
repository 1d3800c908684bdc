package simulate

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// Profile is a hall and the day to play on it. The two built-in profiles
// are Province and Commune; a JSON file can start from either ("base")
// and change any field.
type Profile struct {
	Name     string `json:"name"`
	Hall     string `json:"hall"`  // the hall's name in hall.toml
	Open     string `json:"open"`  // "07:30": kiosks issue from here...
	Close    string `json:"close"` // ...until here; the close job runs then
	Counters int    `json:"counters"`
	Tickets  int    `json:"tickets"`
	Displays int    `json:"displays"`
	Kiosks   int    `json:"kiosks"`
	// Services are the hall's queues, with each one's share of the
	// tickets and mean service time.
	Services []Service `json:"services"`
	// Arrivals is the arrival curve (Curve): relative arrival rates at
	// times of day, linear in between, none before the first or after the
	// last, which must leave the counters time to serve everyone.
	Arrivals []Knot `json:"arrivals"`
	// Blip is when every connection drops ("10:30"; "" for none).
	Blip string `json:"blip"`
	// Shares of tickets: priority tickets at the kiosk; no-shows,
	// transfers and holds at the counter (of tickets called the first
	// time); finished tickets the citizen rates.
	Priority float64 `json:"priority"`
	NoShow   float64 `json:"no_show"`
	Transfer float64 `json:"transfer"`
	Hold     float64 `json:"hold"`
	Rated    float64 `json:"rated"`
	// Ratings weighs the levels 1 to 5 of a rating.
	Ratings [5]float64 `json:"ratings"`
	// Feedback is how many free-text feedback messages kiosks take.
	Feedback int `json:"feedback"`
	// Break is each clerk's pause: BreakMinutes long, the counters taking
	// turns between BreakFrom and BreakTo.
	BreakFrom    string `json:"break_from"`
	BreakTo      string `json:"break_to"`
	BreakMinutes int    `json:"break_minutes"`
}

// Service is a service of a profile.
type Service struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Weight  float64 `json:"weight"`  // relative share of the tickets
	Minutes float64 `json:"minutes"` // mean service time
}

// Knot is a point of the arrival curve: the relative arrival rate at a
// time of day.
type Knot struct {
	At   string  `json:"at"` // "08:30"
	Rate float64 `json:"rate"`
}

// morning is the arrival curve of both built-in halls: a peak from 08:00
// to 10:30, a lull at lunch, a smaller peak at 14:00, the last arrivals at
// 16:15 so that the counters serve everyone before 17:00.
var morning = []Knot{
	{"07:30", 0.4}, {"08:00", 1.5}, {"08:45", 2.0}, {"09:30", 2.0}, {"10:30", 1.4},
	{"11:15", 0.8}, {"11:45", 0.3}, {"13:15", 0.3}, {"13:45", 0.9}, {"14:30", 1.0},
	{"15:30", 0.5}, {"16:15", 0},
}

// Province is a big provincial hall (Trung tâm Phục vụ hành chính công
// tỉnh): 70 counters, 3,000 tickets, 20 hall screens, 6 kiosks.
func Province() Profile {
	return Profile{
		Name: "province", Hall: "Trung tâm Phục vụ hành chính công tỉnh (mô phỏng)",
		Open: "07:30", Close: "17:00", Counters: 70, Tickets: 3000, Displays: 20, Kiosks: 6,
		Services: []Service{
			{"A", "Tư pháp", 0.14, 7},
			{"B", "Kế hoạch và Đầu tư", 0.14, 10},
			{"C", "Tài nguyên và Môi trường", 0.14, 12},
			{"D", "Xây dựng", 0.07, 10},
			{"E", "Giao thông vận tải", 0.15, 6},
			{"F", "Lao động - Thương binh và Xã hội", 0.07, 8},
			{"G", "Công Thương", 0.05, 8},
			{"H", "Y tế", 0.06, 9},
			{"I", "Giáo dục và Đào tạo", 0.05, 6},
			{"K", "Nông nghiệp và Phát triển nông thôn", 0.04, 8},
			{"L", "Nội vụ, Văn hóa - Thể thao", 0.04, 7},
			{"M", "Thuế, Bảo hiểm xã hội", 0.05, 7},
		},
		Arrivals: slices.Clone(morning), Blip: "10:30",
		Priority: 0.08, NoShow: 0.04, Transfer: 0.03, Hold: 0.02, Rated: 0.75,
		Ratings: [5]float64{1, 2, 7, 28, 62}, Feedback: 12,
		BreakFrom: "11:00", BreakTo: "13:30", BreakMinutes: 30,
	}
}

// Commune is a small commune hall (Bộ phận Một cửa UBND xã): 3 counters,
// 120 tickets, 1 hall screen, 1 kiosk.
func Commune() Profile {
	return Profile{
		Name: "commune", Hall: "Bộ phận Một cửa UBND xã (mô phỏng)",
		Open: "07:30", Close: "17:00", Counters: 3, Tickets: 120, Displays: 1, Kiosks: 1,
		Services: []Service{
			{"A", "Chứng thực", 0.40, 3},
			{"B", "Hộ tịch", 0.30, 7},
			{"C", "Đất đai - Xây dựng", 0.15, 10},
			{"D", "Lao động - Thương binh và Xã hội", 0.15, 6},
		},
		Arrivals: slices.Clone(morning), Blip: "10:30",
		Priority: 0.08, NoShow: 0.04, Transfer: 0.03, Hold: 0.03, Rated: 0.75,
		Ratings: [5]float64{1, 2, 7, 28, 62}, Feedback: 1,
		BreakFrom: "11:00", BreakTo: "13:30", BreakMinutes: 30,
	}
}

// Builtin returns the built-in profile name ("province" or "commune").
func Builtin(name string) (Profile, bool) {
	switch name {
	case "province", "tinh":
		return Province(), true
	case "commune", "xa":
		return Commune(), true
	}
	return Profile{}, false
}

// LoadProfile returns the built-in profile name, or reads a JSON file:
// its "base" (default "commune") with the file's fields over it.
func LoadProfile(name string) (Profile, error) {
	if p, ok := Builtin(name); ok {
		return p, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return Profile{}, fmt.Errorf("không đọc được hồ sơ mô phỏng (cannot read the profile; built-in: province, commune): %w", err)
	}
	var head struct {
		Base string `json:"base"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Profile{}, fmt.Errorf("hồ sơ %s không phải JSON hợp lệ (not valid JSON): %w", name, err)
	}
	base := "commune"
	if head.Base != "" {
		base = head.Base
	}
	p, ok := Builtin(base)
	if !ok {
		return Profile{}, fmt.Errorf("hồ sơ %s: không có hồ sơ gốc %q (no built-in profile %q)", name, base, base)
	}
	p.Name = strings.TrimSuffix(name, ".json")
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var file struct {
		Base string `json:"base"`
		*Profile
	}
	file.Profile = &p
	if err := dec.Decode(&file); err != nil {
		return Profile{}, fmt.Errorf("hồ sơ %s: %w", name, err)
	}
	return p, p.Check()
}

// Check says what is wrong with p, if anything.
func (p Profile) Check() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	open, err1 := clockTime(p.Open)
	closeAt, err2 := clockTime(p.Close)
	if err1 != nil || err2 != nil || closeAt <= open {
		bad("open and close must be HH:MM with open before close: %q, %q", p.Open, p.Close)
	}
	if p.Counters < 1 || p.Tickets < 1 || p.Displays < 1 || p.Kiosks < 1 {
		bad("counters, tickets, displays and kiosks must each be at least 1")
	}
	if p.Counters > 999 || p.Displays > 999 || p.Kiosks > 999 || p.Tickets > 99999 {
		bad("at most 999 counters, displays and kiosks and 99,999 tickets")
	}
	if len(p.Services) == 0 {
		bad("a hall needs at least one service")
	}
	seen := map[string]bool{}
	for _, s := range p.Services {
		if len(s.ID) != 1 || s.ID[0] < 'A' || s.ID[0] > 'Z' || seen[s.ID] {
			bad("service id %q: one capital letter, each once", s.ID)
		}
		seen[s.ID] = true
		if s.Weight <= 0 || s.Minutes <= 0 {
			bad("service %s: weight and minutes must be above 0", s.ID)
		}
	}
	c, err := NewCurve(p.Arrivals)
	if err != nil {
		bad("arrivals: %v", err)
	} else if c.First() < open || c.Last() > closeAt {
		bad("arrivals must lie between open and close")
	}
	if p.Blip != "" {
		if _, err := clockTime(p.Blip); err != nil {
			bad("blip: %v", err)
		}
	}
	for _, f := range []float64{p.Priority, p.NoShow, p.Transfer, p.Hold, p.Rated} {
		if f < 0 || f > 1 {
			bad("priority, no_show, transfer, hold and rated are shares between 0 and 1")
			break
		}
	}
	if p.NoShow+p.Transfer+p.Hold > 1 {
		bad("no_show + transfer + hold must not pass 1")
	}
	total := 0.0
	for _, w := range p.Ratings {
		if w < 0 {
			bad("ratings weights must not be negative")
		}
		total += w
	}
	if total <= 0 {
		bad("ratings needs a weight above 0")
	}
	if p.BreakMinutes > 0 {
		from, e1 := clockTime(p.BreakFrom)
		to, e2 := clockTime(p.BreakTo)
		if e1 != nil || e2 != nil || to < from {
			bad("break_from and break_to must be HH:MM, in order")
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("hồ sơ %s không hợp lệ (invalid profile): %w", p.Name, errors.Join(errs...))
	}
	return nil
}

// clockTime reads "HH:MM" as a time of day.
func clockTime(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not HH:MM", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// mustClock is clockTime for a profile that passed Check.
func mustClock(s string) time.Duration {
	d, err := clockTime(s)
	if err != nil {
		panic(err)
	}
	return d
}

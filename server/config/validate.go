package config

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// MinTokenLength is the shortest device token accepted, in characters.
const MinTokenLength = 16

// validator checks the rules of SPEC section 2 on a decoded Config.
type validator struct {
	c     *Config
	lines *lineIndex
	p     *problems
}

// validate reports every broken rule of c to p.
func validate(c *Config, lines *lineIndex, p *problems) {
	v := &validator{c: c, lines: lines, p: p}
	v.hall()
	v.services()
	v.counters()
	v.devices()
	v.clerks()
	v.supervisors()
	v.tls()
	v.retention()
	v.province()
}

// at locates key in the idx-th table named table: for a file, its line.
func (v *validator) at(table string, idx int, key string) where {
	return where{Table: table, Index: idx, Key: key, Line: v.lines.key(table, idx, key)}
}

// label names the idx-th table of an array by its id when it has one.
func label(table string, idx int, id string) string {
	if strings.TrimSpace(id) == "" {
		return fmt.Sprintf("[[%s]] #%d", table, idx+1)
	}
	return fmt.Sprintf("[[%s]] %q", table, id)
}

func (v *validator) hall() {
	h := v.c.Hall
	at := func(key string) where { return v.at("hall", 0, key) }
	if strings.TrimSpace(h.Name) == "" {
		v.p.addAt(at("name"), "[hall]: thiếu name, tên cơ quan (name is required)")
	}
	if h.Timezone == "" {
		v.p.addAt(at("timezone"), "[hall]: timezone để trống (timezone must not be empty), ví dụ %q", DefaultTimezone)
	} else if _, err := time.LoadLocation(h.Timezone); err != nil {
		v.p.addAt(at("timezone"), "[hall]: múi giờ %q không tồn tại (unknown time zone), ví dụ %q", h.Timezone, DefaultTimezone)
	}
	open, openErr := parseClock(h.Open, false)
	if openErr != nil {
		v.p.addAt(at("open"), "[hall]: open %q phải có dạng HH:MM từ 00:00 đến 23:59 (open must be HH:MM)", h.Open)
	}
	closeAt, closeErr := parseClock(h.Close, true)
	if closeErr != nil {
		v.p.addAt(at("close"), "[hall]: close %q phải có dạng HH:MM từ 00:01 đến 24:00 (close must be HH:MM)", h.Close)
	}
	if openErr == nil && closeErr == nil && open >= closeAt {
		v.p.addAt(at("close"), "[hall]: giờ đóng %s phải sau giờ mở %s (open must be before close)", h.Close, h.Open)
	}
	v.duration(h.RatingWindow, "rating_window", at("rating_window"))
	v.duration(h.WaitAlert, "wait_alert", at("wait_alert"))
	if h.ServiceAlert != "" { // empty: the default (a config stored before the key)
		v.duration(h.ServiceAlert, "service_alert", at("service_alert"))
	}
	if h.PriorityStreak < 0 {
		v.p.addAt(at("priority_streak"), "[hall]: priority_streak %d không được âm (priority_streak must be >= 0)", h.PriorityStreak)
	}
	if msg := CheckPublicURL(h.PublicURL); msg != "" {
		v.p.addAt(at("public_url"), "[hall]: %s", msg)
	}
	if strings.TrimSpace(h.Announcement) == "" {
		v.p.addAt(at("announcement"), "[hall]: announcement để trống; xóa dòng này để dùng câu mặc định (announcement must not be empty)")
	}
}

// duration checks a positive Go duration such as "30m".
func (v *validator) duration(s, key string, line where) {
	if _, err := parseDuration(s); err != nil {
		v.p.addAt(line, "[hall]: %s %q phải là khoảng thời gian dương, ví dụ \"30m\", \"1h30m\" (%s must be a positive duration)", key, s, key)
	}
}

func (v *validator) services() {
	if len(v.c.Services) == 0 {
		v.p.addAt(where{Table: "service", Index: -1, Line: v.lines.header("service")}, "cần ít nhất một [[service]] (at least one service is required)")
	}
	seen := map[string]int{} // id -> index
	for i, s := range v.c.Services {
		l := label("service", i, s.ID)
		switch {
		case !isServiceID(s.ID):
			v.p.addAt(v.at("service", i, "id"), "%s: id phải là đúng một chữ cái in hoa A-Z (service id must be one capital letter A-Z)", l)
		default:
			unique(v, seen, s.ID, "service", i, "id", l, fmt.Sprintf("duplicate service id %q", s.ID))
		}
		if strings.TrimSpace(s.Name) == "" {
			v.p.addAt(v.at("service", i, "name"), "%s: thiếu name (service name is required)", l)
		}
		if s.DailyLimit < 0 {
			v.p.addAt(v.at("service", i, "daily_limit"), "%s: daily_limit %d không được âm (daily_limit must be >= 0)", l, s.DailyLimit)
		}
		v.appointments(i, s, l)
	}
}

// isServiceID reports whether id is exactly one capital letter A-Z.
func isServiceID(id string) bool {
	return len(id) == 1 && id[0] >= 'A' && id[0] <= 'Z'
}

func (v *validator) counters() {
	seen := map[int]int{}
	for i, c := range v.c.Counters {
		l := fmt.Sprintf("[[counter]] id %d", c.ID)
		switch {
		case c.ID <= 0:
			l = label("counter", i, "")
			v.p.addAt(v.at("counter", i, "id"), "%s: id phải là số nguyên dương (counter id must be > 0)", l)
		default:
			unique(v, seen, c.ID, "counter", i, "id", l, fmt.Sprintf("duplicate counter id %d", c.ID))
		}
		if strings.TrimSpace(c.Name) == "" {
			v.p.addAt(v.at("counter", i, "name"), "%s: thiếu name, ví dụ \"Quầy 1\" (counter name is required)", l)
		}
		if len(c.Services) == 0 {
			v.p.addAt(v.at("counter", i, "services"), "%s: services phải liệt kê ít nhất một dịch vụ (counter services must not be empty)", l)
		}
		for j, s := range c.Services {
			if !slices.ContainsFunc(v.c.Services, func(sv Service) bool { return sv.ID == s }) {
				v.p.addAt(v.at("counter", i, "services"), "%s: dịch vụ %q không có trong các [[service]] (lists unknown service %q)", l, s, s)
			} else if slices.Contains(c.Services[:j], s) {
				v.p.addAt(v.at("counter", i, "services"), "%s: dịch vụ %q được liệt kê hai lần (lists service %q twice)", l, s, s)
			}
		}
	}
}

// hasCounter reports whether a counter with id is configured.
func (v *validator) hasCounter(id int) bool {
	return slices.ContainsFunc(v.c.Counters, func(c Counter) bool { return c.ID == id })
}

func (v *validator) devices() {
	ids, tokens := map[string]int{}, map[string]int{}
	for i, d := range v.c.Devices {
		l := label("device", i, d.ID)
		switch {
		case strings.TrimSpace(d.ID) == "":
			v.p.addAt(v.at("device", i, "id"), "%s: thiếu id (device id is required)", l)
		default:
			unique(v, ids, d.ID, "device", i, "id", l, fmt.Sprintf("duplicate device id %q", d.ID))
		}
		switch {
		case utf8.RuneCountInString(d.Token) < MinTokenLength:
			v.p.addAt(v.at("device", i, "token"), "%s: token phải dài ít nhất %d ký tự (token must be at least %d characters)", l, MinTokenLength, MinTokenLength)
		default:
			unique(v, tokens, d.Token, "device", i, "token", l, "token must be unique across devices")
		}
		v.deviceCounter(i, d, l)
	}
}

// deviceCounter checks a device's role and the counter it is bound to.
func (v *validator) deviceCounter(i int, d Device, l string) {
	at := v.at("device", i, "counter")
	switch d.Role {
	case RoleCounter:
		if !v.hasCounter(d.Counter) {
			v.p.addAt(at, "%s: máy quầy phải ghi counter là id của một [[counter]] có thật, không có quầy %d (a counter device must name an existing counter)", l, d.Counter)
		}
	case RoleKiosk:
		if d.Counter != 0 && !v.hasCounter(d.Counter) {
			v.p.addAt(at, "%s: counter của ki-ốt phải là 0 hoặc id của một [[counter]] có thật, không có quầy %d (a kiosk's counter must be 0 or an existing counter)", l, d.Counter)
		}
	case RoleDisplay:
		if d.Counter != 0 {
			v.p.addAt(at, "%s: counter của màn hình phải là 0 (a display's counter must be 0)", l)
		}
	default:
		v.p.addAt(v.at("device", i, "role"), "%s: role %q phải là kiosk, counter hoặc display (role must be kiosk, counter or display)", l, d.Role)
	}
}

func (v *validator) clerks() {
	seen := map[string]int{}
	for i, c := range v.c.Clerks {
		l := label("clerk", i, c.Username)
		v.username("clerk", i, l, c.Username, seen)
		if strings.TrimSpace(c.Name) == "" {
			v.p.addAt(v.at("clerk", i, "name"), "%s: thiếu name, họ tên công chức (clerk name is required)", l)
		}
		if utf8.RuneCountInString(c.Title) > 100 {
			v.p.addAt(v.at("clerk", i, "title"), "%s: title dài quá 100 ký tự (title must be at most 100 characters)", l)
		}
		if !isPhone(c.Phone) {
			v.p.addAt(v.at("clerk", i, "phone"), "%s: phone %q chỉ gồm chữ số, dấu cách, +, -, ., ( ), tối đa 20 ký tự (phone must be digits, spaces, + - . ( ), at most 20)", l, c.Phone)
		}
		if !isHash(c.PINHash) {
			v.p.addAt(v.at("clerk", i, "pin_hash"), "%s: pin_hash không phải mã bcrypt hợp lệ; tạo bằng `server hash-pin` (pin_hash must be a bcrypt hash)", l)
		}
	}
}

func (v *validator) supervisors() {
	admins := 0
	for _, s := range v.c.Supervisors {
		if s.IsAdmin() && !s.Disabled {
			admins++
		}
	}
	if len(v.c.Supervisors) > 0 && admins == 0 {
		v.p.addAt(where{Table: "supervisor", Index: -1, Line: v.lines.header("supervisor")}, "cần ít nhất một tài khoản quản trị (admin) còn hoạt động (at least one enabled admin is required)")
	}
	seen := map[string]int{}
	for i, s := range v.c.Supervisors {
		l := label("supervisor", i, s.Username)
		v.username("supervisor", i, l, s.Username, seen)
		if s.Role != "" && s.Role != RoleAdmin && s.Role != RoleSupervisor {
			v.p.addAt(v.at("supervisor", i, "role"), "%s: role %q phải là admin hoặc supervisor (role must be admin or supervisor)", l, s.Role)
		}
		if !isHash(s.PasswordHash) {
			v.p.addAt(v.at("supervisor", i, "password_hash"), "%s: password_hash không phải mã bcrypt hợp lệ; tạo bằng `server hash-pin` (password_hash must be a bcrypt hash)", l)
		}
	}
}

// username checks that a clerk's or supervisor's username is set and unique
// among its table, recording it in seen.
func (v *validator) username(table string, i int, l, name string, seen map[string]int) {
	switch {
	case strings.TrimSpace(name) == "":
		v.p.addAt(v.at(table, i, "username"), "%s: thiếu username (username is required)", l)
	default:
		unique(v, seen, name, table, i, "username", l, fmt.Sprintf("duplicate username %q", name))
	}
}

// unique records value, the key of the i-th table, in seen, or reports it
// as a duplicate of the table where it was first seen (en: the rule in
// English).
func unique[K comparable](v *validator, seen map[K]int, value K, table string, i int, key, l, en string) {
	first, dup := seen[value]
	if !dup {
		seen[value] = i
		return
	}
	line := v.at(table, first, key).Line
	where := fmt.Sprintf("[[%s]] ở dòng %d", table, line)
	if line == 0 {
		where = fmt.Sprintf("[[%s]] thứ %d", table, first+1)
	}
	v.p.addAt(v.at(table, i, key), "%s: %s trùng với %s (%s)", l, key, where, en)
}

// isPhone reports whether s is empty or a phone number as written on a
// notice: digits, spaces and + - . ( ), at most 20 characters.
func isPhone(s string) bool {
	if len(s) > 20 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || strings.ContainsRune(" +-.()", r)) {
			return false
		}
	}
	return true
}

// isHash reports whether h is a well-formed bcrypt hash.
func isHash(h string) bool {
	_, err := bcrypt.Cost([]byte(h))
	return err == nil
}

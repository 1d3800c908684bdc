package config

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/BurntSushi/toml"
)

// The keys each table may hold (SPEC section 2). Read-only.
var tableKeys = map[string][]string{
	"hall": {"name", "timezone", "open", "close", "rating_window", "wait_alert",
		"priority_streak", "feedback_contact", "ticker", "announcement"},
	"service":    {"id", "name", "description", "daily_limit"},
	"counter":    {"id", "name", "services"},
	"device":     {"id", "role", "token", "counter"},
	"clerk":      {"username", "name", "pin_hash"},
	"supervisor": {"username", "name", "password_hash"},
}

// parse turns the bytes of the file at path into a valid Config, or the
// problems found.
func parse(path string, data []byte) (*Config, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, errors.Join(&Error{File: path, Line: pe.Position.Line,
				Msg: "lỗi cú pháp TOML (syntax error): " + pe.Message})
		}
		return nil, errors.Join(&Error{File: path, Msg: "lỗi cú pháp TOML (syntax error): " + err.Error()})
	}
	d := &decoder{lines: indexLines(string(data)), p: &problems{file: path}}
	c := d.config(raw)
	if err := d.p.err(); err != nil {
		return nil, err
	}
	validate(c, d.lines, d.p)
	if err := d.p.err(); err != nil {
		return nil, err
	}
	c.Path = path
	return c, nil
}

// decoder reads the generic TOML tree into a Config, reporting unknown keys
// and values of the wrong type. Reading the tree by hand, rather than with
// struct tags, keeps keys case-sensitive and lets each error carry the line
// of the right table of an array.
type decoder struct {
	lines *lineIndex
	p     *problems
}

// config reads the whole tree.
func (d *decoder) config(raw map[string]any) *Config {
	c := &Config{Hall: Hall{
		Timezone: DefaultTimezone, Open: DefaultOpen, Close: DefaultClose,
		RatingWindow: DefaultRatingWindow, WaitAlert: DefaultWaitAlert,
		Announcement: DefaultAnnouncement,
	}}
	for _, k := range sortedKeys(raw) {
		if _, ok := tableKeys[k]; !ok {
			d.p.add(d.lines.top(k), "khóa %q không được dùng ở đây (unknown key %q)", k, k)
		}
	}
	if v, ok := raw["hall"]; ok {
		m, ok := v.(map[string]any)
		if !ok {
			d.p.add(d.lines.top("hall"), "hall phải là một bảng [hall] (must be a table)")
		} else {
			d.hall(d.table("hall", 0, "[hall]", m), &c.Hall)
		}
	}
	for _, t := range d.array(raw, "service") {
		c.Services = append(c.Services, Service{
			ID: t.str("id"), Name: t.str("name"), Description: t.str("description"), DailyLimit: t.int("daily_limit"),
		})
	}
	for _, t := range d.array(raw, "counter") {
		c.Counters = append(c.Counters, Counter{ID: t.int("id"), Name: t.str("name"), Services: t.strs("services")})
	}
	for _, t := range d.array(raw, "device") {
		c.Devices = append(c.Devices, Device{ID: t.str("id"), Role: t.str("role"), Token: t.str("token"), Counter: t.int("counter")})
	}
	for _, t := range d.array(raw, "clerk") {
		c.Clerks = append(c.Clerks, Clerk{Username: t.str("username"), Name: t.str("name"), PINHash: t.str("pin_hash")})
	}
	for _, t := range d.array(raw, "supervisor") {
		c.Supervisors = append(c.Supervisors, Supervisor{Username: t.str("username"), Name: t.str("name"), PasswordHash: t.str("password_hash")})
	}
	return c
}

// hall reads the [hall] table over the defaults already in h.
func (d *decoder) hall(t *table, h *Hall) {
	t.strTo("name", &h.Name)
	t.strTo("timezone", &h.Timezone)
	t.strTo("open", &h.Open)
	t.strTo("close", &h.Close)
	t.strTo("rating_window", &h.RatingWindow)
	t.strTo("wait_alert", &h.WaitAlert)
	t.strTo("feedback_contact", &h.FeedbackContact)
	t.strTo("ticker", &h.Ticker)
	t.strTo("announcement", &h.Announcement)
	h.PriorityStreak = t.int("priority_streak")
}

// array returns the tables of the array of tables name, written either as
// [[name]] headers or as an inline array of tables.
func (d *decoder) array(raw map[string]any, name string) []*table {
	v, ok := raw[name]
	if !ok {
		return nil
	}
	var maps []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		maps = v
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				d.p.add(d.lines.top(name), "%s phải là các bảng [[%s]] (must be an array of tables)", name, name)
				return nil
			}
			maps = append(maps, m)
		}
	default:
		d.p.add(d.lines.top(name), "%s phải là các bảng [[%s]] (must be an array of tables)", name, name)
		return nil
	}
	tables := make([]*table, len(maps))
	for i, m := range maps {
		tables[i] = d.table(name, i, fmt.Sprintf("[[%s]] #%d", name, i+1), m)
	}
	return tables
}

// table wraps the idx-th table named name and reports its unknown keys.
func (d *decoder) table(name string, idx int, label string, m map[string]any) *table {
	t := &table{d: d, name: name, idx: idx, label: label, m: m}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(tableKeys[name], k) {
			d.p.add(t.line(k), "%s: khóa %q không được dùng ở đây (unknown key %q)", label, k, k)
		}
	}
	return t
}

// sortedKeys returns the keys of m in order, so that errors come out the
// same on every run.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

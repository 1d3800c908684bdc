package config

import (
	"math"
)

// table is one TOML table being read; its getters report a value of the
// wrong type at its line and return the zero value.
type table struct {
	d     *decoder
	name  string // "hall", "service", ...
	idx   int    // its index in the array of tables
	label string // "[[counter]] #2", for messages
	m     map[string]any
}

// line returns the line of key in this table (or of the table's header).
func (t *table) line(key string) int {
	return t.d.lines.key(t.name, t.idx, key)
}

// wrongType reports key's value as not of the type want.
func (t *table) wrongType(key, wantVi, wantEn string) {
	t.d.p.add(t.line(key), "%s: %s phải là %s (%s must be %s)", t.label, key, wantVi, key, wantEn)
}

// str returns the string at key, or "".
func (t *table) str(key string) string {
	var s string
	t.strTo(key, &s)
	return s
}

// strTo sets *dst to the string at key, if key is present.
func (t *table) strTo(key string, dst *string) {
	v, ok := t.m[key]
	if !ok {
		return
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(key, "chuỗi trong ngoặc kép", "a quoted string")
		return
	}
	*dst = s
}

// int returns the integer at key, or 0.
func (t *table) int(key string) int {
	v, ok := t.m[key]
	if !ok {
		return 0
	}
	n, ok := v.(int64)
	if !ok || n > math.MaxInt32 || n < math.MinInt32 {
		t.wrongType(key, "số nguyên", "an integer")
		return 0
	}
	return int(n)
}

// strs returns the array of strings at key, or nil.
func (t *table) strs(key string) []string {
	v, ok := t.m[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.wrongType(key, "danh sách chuỗi, ví dụ [\"A\", \"B\"]", `an array of strings, e.g. ["A", "B"]`)
		return nil
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.wrongType(key, "danh sách chuỗi, ví dụ [\"A\", \"B\"]", `an array of strings, e.g. ["A", "B"]`)
			return nil
		}
		out = append(out, s)
	}
	return out
}

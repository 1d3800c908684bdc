package config

import (
	"fmt"
	"reflect"
	"strings"
)

// Change is one value an admin changed, for the audit log. Secrets (PIN and
// password hashes, device tokens) are named but never shown.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}

// secretKeys are the keys whose values the audit log never shows.
var secretKeys = map[string]bool{"pin_hash": true, "password_hash": true, "token": true}

// Diff lists what changed from old to next: each [hall] key, and each table
// of an array added, removed or changed, named by its id or username
// ("service B: name").
func Diff(old, next *Config) []Change {
	var out []Change
	diffTable(&out, "hall", reflect.ValueOf(old.Hall), reflect.ValueOf(next.Hall))
	ov, nv := reflect.ValueOf(*old), reflect.ValueOf(*next)
	for f := range ov.Type().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if f.Type.Kind() != reflect.Slice {
			continue
		}
		diffArray(&out, name, ov.FieldByIndex(f.Index), nv.FieldByIndex(f.Index))
	}
	return out
}

// diffArray matches the tables of two arrays by their first field (the id
// or username) and reports added, removed and changed ones.
func diffArray(out *[]Change, name string, old, next reflect.Value) {
	key := func(v reflect.Value) string { return fmt.Sprint(v.Field(0).Interface()) }
	find := func(arr reflect.Value, k string) (reflect.Value, bool) {
		for i := range arr.Len() {
			if key(arr.Index(i)) == k {
				return arr.Index(i), true
			}
		}
		return reflect.Value{}, false
	}
	for i := range next.Len() {
		n := next.Index(i)
		label := name + " " + key(n)
		if o, ok := find(old, key(n)); ok {
			diffTable(out, label, o, n)
		} else {
			*out = append(*out, Change{Field: label, New: "thêm mới (added)"})
		}
	}
	for i := range old.Len() {
		if _, ok := find(next, key(old.Index(i))); !ok {
			*out = append(*out, Change{Field: name + " " + key(old.Index(i)), Old: "có (present)", New: "đã xóa (removed)"})
		}
	}
}

// diffTable reports each field of two structs that differs.
func diffTable(out *[]Change, label string, old, next reflect.Value) {
	for f := range old.Type().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		o, n := old.FieldByIndex(f.Index).Interface(), next.FieldByIndex(f.Index).Interface()
		if reflect.DeepEqual(o, n) {
			continue
		}
		c := Change{Field: label + ": " + name}
		if secretKeys[name] {
			c.New = "đã đổi (changed)"
		} else {
			c.Old, c.New = show(o), show(n)
		}
		*out = append(*out, c)
	}
}

// show writes a value for the audit log.
func show(v any) string {
	if s, ok := v.([]string); ok {
		return strings.Join(s, ", ")
	}
	return fmt.Sprint(v)
}

package config

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
)

// The schema of hall.toml is the toml tags of Config and the structs it
// holds: checkSchema walks the decoded tree beside those types, so that a
// key added to a struct is accepted, and typed, with nothing else to edit.
// Keys are compared exactly: the TOML library would match "Daily_Limit" to
// daily_limit, but SPEC section 2 names keys in lower case.

// checkSchema reports every key of tree that Config does not name, and every
// value whose type does not fit its field, at its line.
func checkSchema(tree map[string]any, lines *lineIndex, p *problems) {
	s := &schema{lines: lines, p: p}
	fields := tomlFields(reflect.TypeFor[Config]())
	for _, k := range sortedKeys(tree) {
		f, ok := fields[k]
		if !ok {
			p.add(lines.top(k), "khóa %q không được dùng ở đây (unknown key %q)", k, k)
			continue
		}
		switch f.Kind() {
		case reflect.Struct:
			m, ok := tree[k].(map[string]any)
			if !ok {
				p.add(lines.top(k), "%s phải là một bảng [%s] (must be a table)", k, k)
				continue
			}
			s.table(m, f, k, 0, "["+k+"]")
		case reflect.Slice:
			tables, ok := arrayOfTables(tree[k])
			if !ok {
				p.add(lines.top(k), "%s phải là các bảng [[%s]] (must be an array of tables)", k, k)
				continue
			}
			for i, m := range tables {
				s.table(m, f.Elem(), k, i, fmt.Sprintf("[[%s]] #%d", k, i+1))
			}
		}
	}
}

// schema checks the tables of one file.
type schema struct {
	lines *lineIndex
	p     *problems
}

// table checks the idx-th table named name against the struct type t.
func (s *schema) table(m map[string]any, t reflect.Type, name string, idx int, label string) {
	fields := tomlFields(t)
	for _, k := range sortedKeys(m) {
		line := s.lines.key(name, idx, k)
		f, ok := fields[k]
		if !ok {
			s.p.add(line, "%s: khóa %q không được dùng ở đây (unknown key %q)", label, k, k)
			continue
		}
		if vi, en := wantType(f); !fits(m[k], f) {
			s.p.add(line, "%s: %s phải là %s (%s must be %s)", label, k, vi, k, en)
		}
	}
}

// fits reports whether the decoded value v can fill a field of type t.
func fits(v any, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String:
		_, ok := v.(string)
		return ok
	case reflect.Int:
		n, ok := v.(int64)
		return ok && n >= math.MinInt32 && n <= math.MaxInt32
	case reflect.Bool:
		_, ok := v.(bool)
		return ok
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return false
		}
		for _, e := range arr {
			if !fits(e, t.Elem()) {
				return false
			}
		}
		return true
	}
	return false
}

// wantType names, in Vietnamese and English, what a field of type t takes.
func wantType(t reflect.Type) (vi, en string) {
	switch t.Kind() {
	case reflect.Int:
		return "số nguyên", "an integer"
	case reflect.Bool:
		return "true hoặc false", "true or false"
	case reflect.Slice:
		return `danh sách chuỗi, ví dụ ["A", "B"]`, `an array of strings, e.g. ["A", "B"]`
	}
	return "chuỗi trong ngoặc kép", "a quoted string"
}

// arrayOfTables returns v's tables if v is an array of tables, written as
// [[name]] headers or inline.
func arrayOfTables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out = append(out, m)
		}
		return out, true
	}
	return nil, false
}

// tomlFields maps the toml tags of struct type t to their fields' types.
func tomlFields(t reflect.Type) map[string]reflect.Type {
	fields := make(map[string]reflect.Type, t.NumField())
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name != "" && name != "-" {
			fields[name] = f.Type
		}
	}
	return fields
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

package config

import (
	"regexp"
	"strings"
)

// The toml package does not tell where a table of an array of tables or one
// of its keys sits in the file, so lineIndex finds them by scanning the text:
// table headers in order, and the first line of each key inside each table.

var (
	headerRE = regexp.MustCompile(`^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?`)
	keyRE    = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=`)
)

// section is one table of the file: the top level (name ""), a [table] or
// one [[table]] of an array.
type section struct {
	name string
	line int            // the header's line; 0 for the top level
	keys map[string]int // key -> line of its first occurrence
}

// lineIndex locates tables and keys in a TOML text.
type lineIndex struct {
	sections []section
}

// indexLines scans text. It skips the inside of multi-line strings, so a
// header-like line in a long description is not taken for a table.
func indexLines(text string) *lineIndex {
	x := &lineIndex{sections: []section{{keys: map[string]int{}}}}
	// Windows editors may start the file with a byte order mark.
	text = strings.TrimPrefix(text, "\ufeff")
	inString := "" // the open multi-line delimiter, if any
	for i, l := range strings.Split(text, "\n") {
		n := i + 1
		if inString != "" {
			if strings.Count(l, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if m := headerRE.FindStringSubmatch(l); m != nil {
			x.sections = append(x.sections, section{name: unquote(m[2]), line: n, keys: map[string]int{}})
			continue
		}
		m := keyRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		cur := &x.sections[len(x.sections)-1]
		if _, ok := cur.keys[unquote(m[1])]; !ok {
			cur.keys[unquote(m[1])] = n
		}
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(l, delim)%2 == 1 {
				inString = delim
				break
			}
		}
	}
	return x
}

// unquote strips the quotes of a quoted key.
func unquote(k string) string {
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		return k[1 : len(k)-1]
	}
	return k
}

// find returns the idx-th (0-based) table named name, or nil.
func (x *lineIndex) find(name string, idx int) *section {
	for i := range x.sections {
		if x.sections[i].name != name || x.sections[i].line == 0 {
			continue
		}
		if idx == 0 {
			return &x.sections[i]
		}
		idx--
	}
	return nil
}

// key returns the line of key in the idx-th table named table, else the
// line of that table's header, else 0. An empty key asks for the header.
func (x *lineIndex) key(table string, idx int, key string) int {
	s := x.find(table, idx)
	if s == nil {
		return 0
	}
	if n, ok := s.keys[key]; ok {
		return n
	}
	if n := x.header(table + "." + key); n > 0 {
		return n
	}
	return s.line
}

// header returns the line of the first table named name, else 0.
func (x *lineIndex) header(name string) int {
	if s := x.find(name, 0); s != nil {
		return s.line
	}
	return 0
}

// top returns the line of a top-level name: a table header or a key set
// before the first header, else 0.
func (x *lineIndex) top(name string) int {
	if n := x.header(name); n > 0 {
		return n
	}
	return x.sections[0].keys[name]
}

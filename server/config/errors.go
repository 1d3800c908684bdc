package config

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// maxProblems bounds the problems Load reports at once, so that a badly
// broken file gives a readable message.
const maxProblems = 30

// Error is one problem in a config file: the file, the line (0 when it cannot
// be told) and the rule broken.
type Error struct {
	File string
	Line int
	Msg  string
	// Table, Index and Key name the value the rule is about ("counter", 2,
	// "services"), for a form that shows the message next to its field;
	// Index is -1 for a rule about the whole array of tables.
	Table string
	Index int
	Key   string
}

// where locates a value: in a file by line, in a form by table and key.
type where struct {
	Table string
	Index int
	Key   string
	Line  int
}

// Error returns "file:line: message", or "file: message" without a line.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// problems collects the errors found in one file.
type problems struct {
	file string
	list []*Error
}

// add records a problem at line (0 for none).
func (p *problems) add(line int, format string, args ...any) {
	p.addAt(where{Line: line}, format, args...)
}

// addAt records a problem about the value at w.
func (p *problems) addAt(w where, format string, args ...any) {
	p.list = append(p.list, &Error{File: p.file, Line: w.Line, Msg: fmt.Sprintf(format, args...),
		Table: w.Table, Index: w.Index, Key: w.Key})
}

// err returns nil, or the problems sorted by line (those without a line
// last) and joined.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	list := slices.Clone(p.list)
	slices.SortStableFunc(list, func(a, b *Error) int {
		if (a.Line == 0) != (b.Line == 0) {
			if a.Line == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
	errs := make([]error, 0, min(len(list), maxProblems)+1)
	for i, e := range list {
		if i == maxProblems {
			errs = append(errs, &Error{File: p.file, Msg: fmt.Sprintf("và %d lỗi khác (%d more errors)", len(list)-i, len(list)-i)})
			break
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

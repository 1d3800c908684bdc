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
	p.list = append(p.list, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
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

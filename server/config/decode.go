package config

import (
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"
)

// parse turns the bytes of the file at path into a valid Config, or the
// problems found. The text is read twice by the TOML library: once into a
// generic tree, to report every unknown key and wrong type at its line (the
// library stops at the first and names no line for a table of an array),
// then into the typed Config.
func parse(path string, data []byte) (*Config, error) {
	text := string(data)
	var tree map[string]any
	if _, err := toml.Decode(text, &tree); err != nil {
		return nil, syntaxError(path, err)
	}
	lines := indexLines(text)
	p := &problems{file: path}
	checkSchema(tree, lines, p)
	if err := p.err(); err != nil {
		return nil, err
	}
	c := &Config{Hall: Hall{}.withDefaults()}
	if _, err := toml.Decode(text, c); err != nil {
		// The schema check passed, so this is a mismatch between it and the
		// library: report it rather than load a half-read file.
		return nil, errors.Join(&Error{File: path, Msg: "không đọc được tệp cấu hình (cannot decode): " + err.Error()})
	}
	validate(c, lines, p)
	if err := p.err(); err != nil {
		return nil, err
	}
	c.Path = path
	return c, nil
}

// syntaxError reports the TOML library's own syntax error, at its line.
func syntaxError(path string, err error) error {
	const what = "lỗi cú pháp TOML (syntax error): "
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return errors.Join(&Error{File: path, Line: pe.Position.Line, Msg: what + pe.Message})
	}
	return errors.Join(&Error{File: path, Msg: fmt.Sprint(what, err)})
}

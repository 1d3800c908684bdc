package config

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

// Demo is what WriteDemo wrote: the devices with their tokens and the logins
// with their plaintext PINs and passwords, for printing once. They are
// published demo secrets, not for a real hall.
type Demo struct {
	Devices     []Device
	Clerks      []DemoLogin
	Supervisors []DemoLogin
}

// DemoLogin is a demo clerk or supervisor with its plaintext PIN or password.
type DemoLogin struct {
	Username string
	Name     string
	Secret   string
}

// WriteDemo writes the demo hall (the Department of Industry and Trade of
// Bình Dương, SPEC section 1) to path, creating its parent directories, and
// returns its secrets. If a file already exists at path it returns (nil, nil)
// and touches nothing. The PINs and passwords are hashed at write time.
func WriteDemo(path string) (*Demo, error) {
	return writeDemo(path, HashCost)
}

// writeDemo is WriteDemo with the bcrypt cost of the demo's hashes.
func writeDemo(path string, cost int) (*Demo, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("config: demo: %w", err)
	}
	text, _, demo, err := demoConfig(cost)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("config: demo: %w", err)
	}
	created, err := writeNew(path, []byte(text))
	if err != nil || !created {
		return nil, err
	}
	return demo, nil
}

// writeNew writes data to path unless a file is there already, in which case
// it returns false. The file appears whole or not at all: it is written to a
// temporary file that is then linked in, which fails if path exists. It is
// readable by its owner only, since it holds tokens.
func writeNew(path string, data []byte) (bool, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hall-*.toml")
	if err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	err = os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	}
	// No hard links on this file system: create exclusively instead.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	return true, nil
}

// demoTemplate is the demo hall's hall.toml, the Department of Industry and
// Trade of Bình Dương, with every key explained by a comment. Its {{pin}} and
// {{password}} actions stand for the bcrypt hashes of the published demo
// secrets, made when the file is written.
//
//go:embed demo_hall.toml.tmpl
var demoTemplate string

// demoText renders the demo hall, hashing each secret with hash, and returns
// the file's text with the secrets, by username, in the file's order.
func demoText(hash func(string) (string, error)) (string, *Demo, error) {
	d := &Demo{}
	login := func(list *[]DemoLogin) func(user, secret string) (string, error) {
		return func(user, secret string) (string, error) {
			*list = append(*list, DemoLogin{Username: user, Secret: secret})
			return hash(secret)
		}
	}
	t, err := template.New("hall.toml").Funcs(template.FuncMap{
		"pin": login(&d.Clerks), "password": login(&d.Supervisors),
	}).Parse(demoTemplate)
	if err != nil {
		return "", nil, fmt.Errorf("config: demo: %w", err)
	}
	var b strings.Builder
	if err := t.Execute(&b, nil); err != nil {
		return "", nil, fmt.Errorf("config: demo: %w", err)
	}
	return b.String(), d, nil
}

// demoConfig renders and reads the demo hall with its secrets hashed at
// cost, returning the file's text, the config and the secrets to print.
func demoConfig(cost int) (string, *Config, *Demo, error) {
	text, d, err := demoText(func(s string) (string, error) { return hashWithCost(s, cost) })
	if err != nil {
		return "", nil, nil, err
	}
	c, err := parse("demo hall.toml", []byte(text))
	if err != nil {
		return "", nil, nil, fmt.Errorf("config: demo: %w", err)
	}
	d.Devices = c.Devices
	name := func(list []DemoLogin, of func(string) string) {
		for i := range list {
			list[i].Name = of(list[i].Username)
		}
	}
	name(d.Clerks, func(u string) string {
		for _, cl := range c.Clerks {
			if cl.Username == u {
				return cl.Name
			}
		}
		return ""
	})
	name(d.Supervisors, func(u string) string { s, _ := c.Supervisor(u); return s.Name })
	return text, c, d, nil
}

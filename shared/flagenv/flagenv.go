// Package flagenv lets every flag come from an environment variable
// HALL_<FLAG> (SPEC section 1), so that tokens need not sit in a process
// list. A flag given on the command line wins over the environment. Flag
// errors and usage are written in Vietnamese first, then English.
package flagenv

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// EnvName returns the variable that can set flag name: HALL_ and the name in
// capitals with dashes as underscores.
func EnvName(name string) string {
	return "HALL_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// Parse parses args into fs, then sets each flag not given in args from its
// HALL_ variable, if set. lookup is os.LookupEnv in production.
//
// fs must use flag.ContinueOnError. On -h it writes the usage to
// fs.Output() and returns flag.ErrHelp; on a bad flag or value it writes
// the usage and returns an error whose text is a Vietnamese line, then the
// English one, for the caller to print.
func Parse(fs *flag.FlagSet, args []string, lookup func(string) (string, bool)) error {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	err := parse(fs, args, lookup)
	fs.SetOutput(out)
	if err == nil {
		return nil
	}
	Usage(fs)
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return fmt.Errorf("%s\n%w", vietnamese(err), err)
}

func parse(fs *flag.FlagSet, args []string, lookup func(string) (string, bool)) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		v, ok := lookup(EnvName(f.Name))
		if !ok {
			return
		}
		if e := fs.Set(f.Name, v); e != nil {
			err = fmt.Errorf("%s=%q: %w", EnvName(f.Name), v, e)
		}
	})
	return err
}

// CommandLineOnly returns an error, a Vietnamese line then the English one,
// when lookup finds a HALL_ variable for one of the flags names: those
// flags are taken from the command line only (the server's -fast-clock,
// which must never reach a real hall from an environment file). Call it
// before Parse.
func CommandLineOnly(lookup func(string) (string, bool), names ...string) error {
	for _, name := range names {
		env := EnvName(name)
		if _, ok := lookup(env); ok {
			return fmt.Errorf("Cờ -%s chỉ nhận trên dòng lệnh, không nhận từ biến môi trường %s: hãy bỏ biến này\n"+
				"-%s is taken from the command line only, not from the environment variable %s: unset it", name, env, name, env)
		}
	}
	return nil
}

// ParseOS is Parse with os.Args[1:] and the process environment.
func ParseOS(fs *flag.FlagSet) error {
	return Parse(fs, os.Args[1:], os.LookupEnv)
}

// Usage writes fs's usage to fs.Output(): a Vietnamese heading with its
// English, then each flag with its description (written "tiếng Việt
// (English)" where the flags are defined).
func Usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintf(w, "Cách dùng (usage): %s [cờ (flags)]\n", fs.Name())
	fmt.Fprintf(w, "Mỗi cờ cũng đặt được bằng biến môi trường HALL_<CỜ>, ví dụ HALL_TOKEN (every flag can also come from HALL_<FLAG>).\n")
	fs.PrintDefaults()
}

// vietnamese says err, an error of package flag or of a HALL_ variable, in
// Vietnamese.
func vietnamese(err error) string {
	msg := err.Error()
	if env, rest, ok := strings.Cut(msg, "="); ok && strings.HasPrefix(env, "HALL_") {
		val, _, _ := strings.Cut(rest, ": ")
		return fmt.Sprintf("Biến môi trường %s có giá trị %s không hợp lệ", env, val)
	}
	var name string
	switch {
	case scan(msg, "flag provided but not defined: -", &name):
		return "Không có cờ -" + name
	case scan(msg, "flag needs an argument: -", &name):
		return "Cờ -" + name + " cần một giá trị"
	case scan(msg, "bad flag syntax: ", &name):
		return "Cờ viết sai: " + name
	case strings.HasPrefix(msg, "invalid value ") || strings.HasPrefix(msg, "invalid boolean value "):
		_, flagPart, _ := strings.Cut(msg, " for ")
		flagPart, _, _ = strings.Cut(flagPart, ":")
		flagPart = strings.TrimPrefix(flagPart, "flag ")
		return "Giá trị không hợp lệ cho cờ " + flagPart
	}
	return "Cờ không hợp lệ"
}

// scan reports whether msg starts with prefix and sets rest to what follows.
func scan(msg, prefix string, rest *string) bool {
	if !strings.HasPrefix(msg, prefix) {
		return false
	}
	*rest = strings.TrimPrefix(msg, prefix)
	return true
}

// Exit ends a program whose flags did not parse: status 0 after -h (the
// usage is already printed), else err on standard error (Vietnamese, then
// English) and status 2. A nil err returns.
func Exit(err error) {
	if err == nil {
		return
	}
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}

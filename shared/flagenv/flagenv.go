// Package flagenv lets every flag come from an environment variable
// HALL_<FLAG> (SPEC section 1), so that tokens need not sit in a process
// list. A flag given on the command line wins over the environment.
package flagenv

import (
	"flag"
	"fmt"
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
func Parse(fs *flag.FlagSet, args []string, lookup func(string) (string, bool)) error {
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

// ParseOS is Parse with os.Args[1:] and the process environment.
func ParseOS(fs *flag.FlagSet) error {
	return Parse(fs, os.Args[1:], os.LookupEnv)
}

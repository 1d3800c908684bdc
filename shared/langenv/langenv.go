// Package langenv gives Fyne's locale detection a language when the
// environment names none. With LANG unset, "C" or "C.UTF-8" (a service, a
// container, a bare X session), Fyne parses "C" as a language tag when its
// lang package starts and logs "Error parsing user locale C". Setting
// LANGUAGE=vi, which that detection reads first, avoids it and names the
// hall's language.
//
// Import it for its effect, before anything else, in each app's main:
//
//	import _ "hallq/shared/langenv"
//
// It imports only os and strings, so Go's initialization order (sorted by
// import path, each package once its imports are done) runs it before
// fyne.io/fyne/v2/lang, which waits for text/template.
package langenv

import (
	"os"
	"strings"
)

// Default is the language set when the environment names none.
const Default = "vi"

func init() {
	Apply(os.Getenv, os.Setenv)
}

// Apply sets LANGUAGE to Default through setenv when getenv shows no
// language: LANGUAGE empty and the first set of LC_ALL, LC_MESSAGES and
// LANG empty, C, POSIX or one of their variants (C.UTF-8). It reports
// whether it set it.
func Apply(getenv func(string) string, setenv func(string, string) error) bool {
	if getenv("LANGUAGE") != "" {
		return false
	}
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	base, _, _ := strings.Cut(loc, ".")
	if base != "" && base != "C" && base != "POSIX" {
		return false
	}
	return setenv("LANGUAGE", Default) == nil
}

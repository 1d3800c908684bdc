package web

import "io/fs"

// Stylesheet returns the supervisor pages' stylesheet (static/app.css), for
// the province service's pages, which share their look.
func Stylesheet() []byte {
	b, _ := fs.ReadFile(embedded, "static/app.css") // embedded: cannot fail
	return b
}

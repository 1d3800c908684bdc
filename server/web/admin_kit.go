package web

import (
	"net/http"
	"slices"
	"strconv"

	"hallq/server/config"
)

// pageHandler is a signed-in page or form handler (see Server.page).
type pageHandler = func(w http.ResponseWriter, r *http.Request, user string)

// adminTable is one table of the configuration (clerks, counters...) as the
// admin pages list and change it: its list page with the add form, a page
// per row (named in the URL by param), and the rows' buttons.
type adminTable[T any] struct {
	name    string // the rules' table, the audit target's kind, the actions' prefix: "clerk"
	path    string // the list page: "/admin/clerks"
	param   string // the URL's path value naming a row: "username"
	numeric bool   // the row's key is a number (counters): "01" names row 1
	rows    func(c *config.Config) *[]T
	key     func(row T) string
	missing string // there is no such row
	gone    string // the row went while the form was filled
	// list renders the list page: add is the add form (nil: an empty one),
	// rowAlert a refused button's message.
	list func(s *Server, w http.ResponseWriter, r *http.Request, user string, status int, add, rowAlert *adminForm)
}

// pathKey is the key of the row named in r's URL.
func (t adminTable[T]) pathKey(r *http.Request) string {
	v := r.PathValue(t.param)
	if t.numeric {
		n, _ := strconv.Atoi(v)
		v = strconv.Itoa(n)
	}
	return v
}

// index returns the index of the row key in c, or -1.
func (t adminTable[T]) index(c *config.Config, key string) int {
	return slices.IndexFunc(*t.rows(c), func(row T) bool { return t.key(row) == key })
}

// find returns the configuration in force and the row named in r's URL
// (its key and index); with no such row it answers 404 and ok is false.
func (t adminTable[T]) find(s *Server, w http.ResponseWriter, r *http.Request, user string) (c *config.Config, key string, i int, ok bool) {
	c, key = s.hall.Config(), t.pathKey(r)
	if i = t.index(c, key); i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, t.missing)
		return nil, key, -1, false
	}
	return c, key, i, true
}

// add appends row (its key) through the hall and goes back to the list
// with the action's note; refused, again shows the form with f's messages.
func (t adminTable[T]) add(s *Server, w http.ResponseWriter, r *http.Request, user string, f *adminForm, key string, row T, again func()) {
	action := t.name + ".add"
	index := len(*t.rows(s.hall.Config()))
	if s.commit(w, r, user, f, action, t.name+" "+key, t.name, index, func(c *config.Config) error {
		*t.rows(c) = append(*t.rows(c), row)
		return nil
	}, again) {
		saved(w, r, t.path, action)
	}
}

// addAccount runs the add form of an account (a clerk, a supervisor):
// the username is checked, the secret (its PIN or password, already checked)
// hashed, and the row that row builds with the hash added. Refused, again
// shows the form; a hash that fails is an internal error.
func (t adminTable[T]) addAccount(s *Server, w http.ResponseWriter, r *http.Request, user string, f *adminForm, secret string,
	again func(), row func(hash string) T) {
	checkUsername(f, f.Values["username"])
	if f.failed() {
		again()
		return
	}
	hash, err := config.Hash(secret)
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	t.add(s, w, r, user, f, f.Values["username"], row(hash), again)
}

// routes registers the list page and its add form, and a row's page and
// its form.
func (t adminTable[T]) routes(s *Server, list, add, row, edit pageHandler) {
	s.adminGet(t.path, list)
	s.adminPost(t.path, add)
	s.adminGet(t.path+"/{"+t.param+"}", row)
	s.adminPost(t.path+"/{"+t.param+"}", edit)
}

// button registers a row's form action verb, POST path/{param}/verb.
func (t adminTable[T]) button(s *Server, verb string, h pageHandler) {
	s.adminPost(t.path+"/{"+t.param+"}/"+verb, h)
}

// toggles registers the two buttons that set (verb on) and clear (verb
// off) the row's flag; after, if set, runs once a row's flag is set.
func (t adminTable[T]) toggles(s *Server, on, off string, flag func(row *T) *bool, after func(key string)) {
	t.button(s, on, t.toggle(s, on, true, flag, after))
	t.button(s, off, t.toggle(s, off, false, flag, nil))
}

// rowForm runs a form of a row's page (the row named in the URL; 404 if
// none): read builds the row's change from the form's fields (false:
// refused, messages on f), which goes through the hall; refused, again
// shows the page with f. Saved, after (if set) runs and the browser goes
// back to the list with the action's note.
func (t adminTable[T]) rowForm(s *Server, w http.ResponseWriter, r *http.Request, user, action string, fields []string,
	read func(f *adminForm, row T) (func(*T), bool), again func(c *config.Config, i int, f *adminForm), after func(key string)) {
	c, key, i, ok := t.find(s, w, r, user)
	if !ok {
		return
	}
	f := newForm(r, fields...)
	change, ok := read(f, (*t.rows(c))[i])
	if !ok {
		again(c, i, f)
		return
	}
	if !s.commit(w, r, user, f, action, t.name+" "+key, t.name, i, func(c *config.Config) error {
		j := t.index(c, key)
		if j < 0 {
			return &badInput{msg: t.gone}
		}
		change(&(*t.rows(c))[j])
		return nil
	}, func() { again(c, i, f) }) {
		return
	}
	if after != nil {
		after(key)
	}
	saved(w, r, t.path, action)
}

// hashed returns the hash of secret, a new PIN or password that the form's
// checks passed (false when they did not); if hashing fails, failed goes on
// field and ok is false.
func hashed(f *adminForm, field, secret, failed string) (hash string, ok bool) {
	if f.failed() {
		return "", false
	}
	hash, err := config.Hash(secret)
	if err != nil {
		f.fail(field, failed)
		return "", false
	}
	return hash, true
}

// formsAgain returns a row page's two forms after a refused post of
// action: f in its own place (the second's when action is second's), the
// other one as first (its values) or empty.
func formsAgain(action, second string, f, first *adminForm) (*adminForm, *adminForm) {
	if action == second {
		return first, f
	}
	return f, emptyForm(nil)
}

// rowAction returns the handler of a button in the list: change edits row
// i of rows (a refusal is a *badInput); after, if set, runs once the change
// is saved. Back to the list either way, refused with the reason.
func (t adminTable[T]) rowAction(s *Server, action string, change func(r *http.Request, rows []T, i int) error, after func(key string)) pageHandler {
	return func(w http.ResponseWriter, r *http.Request, user string) {
		key := t.pathKey(r)
		f := emptyForm(nil)
		ok, err := s.update(f, user, action, t.name+" "+key, t.name, -2, func(c *config.Config) error {
			i := t.index(c, key)
			if i < 0 {
				return &badInput{msg: t.missing}
			}
			return change(r, *t.rows(c), i)
		})
		switch {
		case err != nil:
			s.internalError(w, r, user, err)
		case !ok:
			// Messages tied to no field of the row go to the alert.
			for _, m := range f.Errs {
				f.fail("", m)
			}
			t.list(s, w, r, user, http.StatusConflict, nil, f)
		default:
			if after != nil {
				after(key)
			}
			saved(w, r, t.path, action)
		}
	}
}

// toggle returns the handler of the button verb ("disable", "retire"),
// which sets the row's flag to on.
func (t adminTable[T]) toggle(s *Server, verb string, on bool, flag func(row *T) *bool, after func(key string)) pageHandler {
	return t.rowAction(s, t.name+"."+verb, func(_ *http.Request, rows []T, i int) error {
		*flag(&rows[i]) = on
		return nil
	}, after)
}

// commit runs change through the hall (see update); refused, again shows
// the form with f's messages. It reports whether the change is saved.
func (s *Server) commit(w http.ResponseWriter, r *http.Request, user string, f *adminForm, action, target, table string, index int,
	change func(*config.Config) error, again func()) bool {
	ok, err := s.update(f, user, action, target, table, index, change)
	if err != nil {
		s.internalError(w, r, user, err)
		return false
	}
	if !ok {
		again()
	}
	return ok
}

// renderAdmin renders an admin page, titled "Quản trị: " and title, with
// the submenu's entry menu highlighted.
func (s *Server) renderAdmin(w http.ResponseWriter, r *http.Request, user string, status int, page, menu, title string, f *adminForm, data any) {
	s.render(w, status, page, s.view(r, user, "admin", "Quản trị: "+title,
		adminPage{Menu: menu, Saved: savedNote(r), Form: f, Data: data}))
}

package protocol

import (
	"net/url"
	"strings"
)

// TicketPath is where a ticket's page lives on the hall server:
// TicketPath + TicketSlug(id) + "?k=" + token.
const TicketPath = "/t/"

// TicketSlug is a ticket id in the form its page's URL uses: the slash
// between the day and the number becomes a dash ("2026-11-28/A001" is
// "2026-11-28-A001"), so the id is one path segment that needs no escaping.
func TicketSlug(id string) string { return strings.Replace(id, "/", "-", 1) }

// TicketIDFromSlug reverses TicketSlug: "2026-11-28-A001" (or the id itself)
// gives "2026-11-28/A001". It reports false for anything that is not a day
// and a number.
func TicketIDFromSlug(slug string) (string, bool) {
	const day = len("2026-11-28")
	if len(slug) < day+2 || (slug[day] != '-' && slug[day] != '/') {
		return "", false
	}
	id := slug[:day] + "/" + slug[day+1:]
	if !validTicketID(id) {
		return "", false
	}
	return id, true
}

// validTicketID checks "YYYY-MM-DD/X999...": digits and dashes where they
// belong, a capital letter and at least three digits.
func validTicketID(id string) bool {
	const day = len("2026-11-28")
	if len(id) < day+5 || len(id) > day+12 || id[day] != '/' {
		return false
	}
	for i := 0; i < day; i++ {
		c := id[i]
		if (i == 4 || i == 7) != (c == '-') || (c != '-' && (c < '0' || c > '9')) {
			return false
		}
	}
	if c := id[day+1]; c < 'A' || c > 'Z' {
		return false
	}
	for _, c := range id[day+2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// TicketURL is the address of a ticket's page for a hall whose public
// address is base (config [hall] public_url): what the kiosk prints in the
// QR code and under it.
func TicketURL(base, id, token string) string {
	return strings.TrimRight(base, "/") + TicketPath + TicketSlug(id) + "?k=" + url.QueryEscape(token)
}

// ParseTicketURL reads a ticket page's address (any host, any path prefix):
// it returns the ticket id and token, and false when s is not one.
func ParseTicketURL(s string) (id, token string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme == "" {
		return "", "", false
	}
	i := strings.LastIndex(u.Path, TicketPath)
	if i < 0 {
		return "", "", false
	}
	id, ok = TicketIDFromSlug(u.Path[i+len(TicketPath):])
	token = u.Query().Get("k")
	if !ok || token == "" {
		return "", "", false
	}
	return id, token, true
}

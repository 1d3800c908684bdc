package queue

// Positions returns, for every waiting ticket, how many waiting tickets
// call_next takes before it: Ahead for all of them in one pass over the
// queue, for the citizens' ticket pages (TestPositionsMatchAhead keeps the
// two in step).
func (e *Engine) Positions() map[string]int {
	// Waiting tickets by service and rank (priority, appointment, other:
	// rank), then each ticket's count of those before it in call order.
	type key struct {
		service string
		rank    int
	}
	ranked := map[key]int{}
	for _, t := range e.waiting {
		ranked[key{t.Service, rank(t)}]++
	}
	out := make(map[string]int, len(e.waiting))
	seen := map[key]int{}
	for _, t := range e.waiting { // by Order
		k := key{t.Service, rank(t)}
		n := seen[k]
		for r := 0; r < k.rank; r++ {
			n += ranked[key{t.Service, r}]
		}
		out[t.ID] = n
		seen[k]++
	}
	return out
}

// Estimate is the expected wait in seconds of a ticket of service with
// ahead tickets before it, as issue_ticket's estimated_wait_s.
func (e *Engine) Estimate(service string, ahead int) int { return e.estimate(service, ahead) }

// RatingOf returns the stored rating of today's ticket id.
func (e *Engine) RatingOf(id string) (Rating, bool) {
	r, ok := e.ratings[id]
	if !ok {
		return Rating{}, false
	}
	return *r, true
}

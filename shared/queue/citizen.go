package queue

// Positions returns, for every waiting ticket, how many waiting tickets
// call_next takes before it: Ahead for all of them in one pass over the
// queue, for the citizens' ticket pages (TestPositionsMatchAhead keeps the
// two in step).
func (e *Engine) Positions() map[string]int {
	prio := map[string]int{} // waiting priority tickets, by service
	for _, t := range e.waiting {
		if t.Priority {
			prio[t.Service]++
		}
	}
	out := make(map[string]int, len(e.waiting))
	seenPrio, seenNormal := map[string]int{}, map[string]int{}
	for _, t := range e.waiting { // by Order
		if t.Priority {
			out[t.ID] = seenPrio[t.Service]
			seenPrio[t.Service]++
			continue
		}
		out[t.ID] = prio[t.Service] + seenNormal[t.Service]
		seenNormal[t.Service]++
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

package report

import "hallq/shared/queue"

// AddNames fills the Name of every service, counter and clerk row from the
// hall's configuration; rows that the configuration no longer names keep an
// empty Name (and only their id shows).
func (r *Report) AddNames(s queue.Settings) {
	services := make(map[string]string, len(s.Services))
	for _, sv := range s.Services {
		services[sv.ID] = sv.Name
	}
	counters := make(map[int]string, len(s.Counters))
	for _, c := range s.Counters {
		counters[c.ID] = c.Name
	}
	clerks := make(map[string]string, len(s.Clerks))
	for _, c := range s.Clerks {
		clerks[c.Username] = c.Name
	}
	for i := range r.ByService {
		r.ByService[i].Name = services[r.ByService[i].ID]
	}
	for i := range r.ByCounter {
		r.ByCounter[i].Name = counters[r.ByCounter[i].ID]
	}
	for i := range r.ByClerk {
		r.ByClerk[i].Name = clerks[r.ByClerk[i].Username]
	}
}

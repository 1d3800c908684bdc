package protocol

import "hallq/shared/queue"

// StateOf builds the full state of the day from the engine e (its settings
// give the services), with hall as the hall's description. The server
// answers hello with it; tests build the same state from an engine of
// their own.
func StateOf(e *queue.Engine, hall HallInfo) State {
	st := State{
		Day: e.Day(), Seq: e.Seq(), Hall: hall,
		Counters:    e.Counters(),
		Waiting:     e.Waiting(),
		Held:        e.Held(),
		RecentCalls: e.RecentCalls(),
		Services:    []ServiceInfo{},
		Clerks:      []ClerkStats{},
	}
	if st.Held == nil {
		st.Held = []queue.Ticket{}
	}
	for _, sv := range e.Settings().Services {
		if sv.Retired {
			continue
		}
		st.Services = append(st.Services, ServiceInfo{
			ID: sv.ID, Name: sv.Name, Description: sv.Description, DailyLimit: sv.DailyLimit,
			Waiting: e.WaitingCount(sv.ID), Issued: e.IssuedCount(sv.ID), Procedures: sv.Procedures,
		})
		if _, ok := e.Settings().Appointments[sv.ID]; ok {
			st.Services[len(st.Services)-1].Appointments = true
		}
	}
	for _, c := range e.ClerkDays() {
		st.Clerks = append(st.Clerks, ClerkStats{
			Username: c.Username, Finished: c.Finished, ServiceSeconds: c.ServiceSeconds, Ratings: c.Ratings,
		})
	}
	return st
}

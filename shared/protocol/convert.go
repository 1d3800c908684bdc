package protocol

import "hallq/shared/queue"

// FromEvent turns an Engine event into its wire form.
func FromEvent(ev queue.Event) Event {
	out := Event{Type: ev.Type, Seq: ev.Seq, At: queue.At(ev.At)}
	switch ev.Type {
	case EvTicketCalled:
		out.Data = CalledEvent{Ticket: *ev.Ticket, Counter: ev.Counter, Recall: ev.Recall}
	case EvTicketTransferred:
		out.Data = TransferredEvent{Ticket: *ev.Ticket, FromService: ev.FromService}
	case EvTicketRated:
		out.Data = RatedEvent{TicketID: ev.Rating.TicketID, Counter: ev.Rating.Counter, Clerk: ev.Rating.Clerk, Rating: ev.Rating.Rating}
	case EvRatingChanged:
		out.Data = RatingChangedEvent{TicketID: ev.Rating.TicketID, Counter: ev.Rating.Counter, Clerk: ev.Rating.Clerk, Rating: ev.Rating.Rating, From: ev.FromRating}
	case EvCounterUpdated:
		out.Data = CounterEvent{Counter: *ev.CounterView}
	case EvDayStarted:
		out.Data = DayEvent{Day: ev.Day}
	case EvHallUpdated:
		// The server fills in the hall, services and counters
		// (HallUpdatedEvent) from its state.
	default:
		out.Data = TicketEvent{Ticket: *ev.Ticket}
	}
	return out
}

package hall

import (
	"encoding/json"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func (h *Hall) issue(now time.Time, _ Device, data json.RawMessage) (any, error) {
	var in protocol.IssueTicket
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	t, ahead, wait, err := h.eng.Issue(now, in.Service, in.Priority)
	if err != nil {
		return nil, err
	}
	t.Calls = nil
	return protocol.IssueReply{Ticket: t, Ahead: ahead, EstimatedWaitS: wait,
		NoOpenCounter: h.eng.OpenCounters(t.Service) == 0}, nil
}

func (h *Hall) rate(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.Rate
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	_, err := h.eng.Rate(now, queue.RateInput{
		TicketID: in.TicketID, Rating: in.Rating, Reasons: in.Reasons, Comment: in.Comment,
		Token: in.Token, Device: dev.ID, BoundCounter: dev.Counter,
	})
	if err != nil {
		return nil, err
	}
	return protocol.Empty{}, nil
}

func (h *Hall) rateDetails(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.RateDetails
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	_, err := h.eng.RateDetails(now, queue.RateDetailsInput{
		TicketID: in.TicketID, Rating: in.Rating, Reasons: in.Reasons, Comment: in.Comment,
		Token: in.Token, Device: dev.ID,
	})
	if err != nil {
		return nil, err
	}
	return protocol.Empty{}, nil
}

func (h *Hall) feedback(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.FeedbackMsg
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	id, err := h.eng.SubmitFeedback(now, queue.FeedbackInput{Message: in.Message, Name: in.Name, Phone: in.Phone, Device: dev.ID})
	if err != nil {
		return nil, err
	}
	return protocol.FeedbackReply{FeedbackID: id}, nil
}

func (h *Hall) clerkLogin(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.ClerkLogin
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	cl, err := h.eng.Login(now, dev.Counter, in.Username)
	if err != nil {
		return nil, err
	}
	return protocol.ClerkReply{Clerk: protocol.ClerkInfo{Username: cl.Username, Name: cl.Name, Counter: dev.Counter,
		MustChangePIN: cl.MustChangePIN}}, nil
}

func (h *Hall) clerkLogout(now time.Time, dev Device, _ json.RawMessage) (any, error) {
	if err := h.eng.Logout(now, dev.Counter); err != nil {
		return nil, err
	}
	return protocol.Empty{}, nil
}

func (h *Hall) callNext(now time.Time, dev Device, _ json.RawMessage) (any, error) {
	return ticketReply(h.eng.CallNext(now, dev.Counter))
}

// ticketCommand adapts an Engine method on one named ticket.
func ticketCommand(run func(e *queue.Engine, now time.Time, counter int, id string) (queue.Ticket, error)) handler {
	return func(h *Hall, now time.Time, dev Device, data json.RawMessage) (any, error) {
		var in protocol.TicketRef
		if err := decode(data, &in); err != nil {
			return nil, err
		}
		return ticketReply(run(h.eng, now, dev.Counter, in.TicketID))
	}
}

func (h *Hall) finish(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.Finish
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	return ticketReply(h.eng.FinishWithCodes(now, dev.Counter, in.TicketID, in.FileCodes))
}

func (h *Hall) setFileCodes(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.FileCodes
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	if in.TicketID == "" {
		return nil, queue.Errorf(queue.EBADREQUEST, "Thiếu mã số (ticket_id)")
	}
	return ticketReply(h.eng.SetFileCodes(now, dev.Counter, in.TicketID, in.FileCodes))
}

func (h *Hall) transfer(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.Transfer
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	return ticketReply(h.eng.Transfer(now, dev.Counter, in.TicketID, in.Service))
}

func (h *Hall) pause(now time.Time, dev Device, _ json.RawMessage) (any, error) {
	return counterReply(h.eng.Pause(now, dev.Counter))
}

func (h *Hall) resume(now time.Time, dev Device, _ json.RawMessage) (any, error) {
	return counterReply(h.eng.Resume(now, dev.Counter))
}

func ticketReply(t queue.Ticket, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return protocol.TicketReply{Ticket: t.Public()}, nil
}

func counterReply(c queue.Counter, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return protocol.CounterReply{Counter: c}, nil
}

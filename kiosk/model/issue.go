package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"hallq/kiosk/printer"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// ChooseService starts taking a ticket for service id: the priority
// question comes next. It does nothing offline, for a service that is sold
// out, or while a ticket is being issued.
func (m *Model) ChooseService(id string) {
	m.update(func() {
		m.touch()
		if !m.v.Online || m.issuing {
			return
		}
		for _, t := range m.v.Tiles {
			if t.ID == id && !t.SoldOut {
				m.show(ScreenPriority)
				m.v.Service = t
				return
			}
		}
	})
}

// Issuing on a link that may be dead.
const (
	// IssueWait is the longest a citizen waits for a ticket: past it the
	// kiosk says at once that none was issued (IssueFailText).
	IssueWait = 5 * time.Second
	// IssueRetryFor is how long an issue given up keeps its command id: a
	// retry of the same service and priority within it is the same
	// command, so the server answers with the ticket it may already have
	// issued, never a second one.
	IssueRetryFor = 2 * time.Minute
	// IssueFailText tells the citizen no ticket came within IssueWait.
	IssueFailText = "Chưa cấp được số, xin mời thử lại hoặc liên hệ cán bộ"
)

// IDSender is a Sender that lets the kiosk choose the command id
// (*hallclient.Client), so that a retry of an issue given up is the same
// command. With a plain Sender a retry is a new command.
type IDSender interface {
	NewID() string
	SendID(ctx context.Context, id, typ string, data any) (json.RawMessage, error)
}

// issueTry is one issue_ticket.
type issueTry struct {
	svc      string
	priority bool
	code     string    // a check_in's booking code; "" for issue_ticket
	id       string    // the command id; "" when the Sender cannot choose it
	at       time.Time // when it was given up (for IssueRetryFor)
}

// AnswerPriority issues the ticket of the chosen service. Only one issue is
// in flight at a time: a second tap while it waits does nothing. After
// IssueWait without an answer the kiosk gives up and says so; a later reply
// to that command is not printed, and a retry reuses its id.
func (m *Model) AnswerPriority(priority bool) {
	var try *issueTry
	m.update(func() {
		m.touch()
		if m.v.Screen != ScreenPriority || !m.v.Online || m.issuing {
			return
		}
		m.issuing = true
		try = m.newTry(m.v.Service.ID, priority, "")
		m.issue = try
		m.show(ScreenIssuing)
	})
	if try != nil {
		m.send(try)
	}
}

// send sends try in the background: given up after IssueWait, its
// outcome taken by issued.
func (m *Model) send(try *issueTry) {
	ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
	stop := m.cfg.AfterFunc(IssueWait, func() {
		m.gaveUp(try) // first, so that the send's end is seen as late
		cancel()
	})
	m.cfg.Go(func() {
		defer cancel()
		raw, err := m.sendIssue(ctx, try)
		stop()
		m.issued(try, raw, err)
	})
}

// newTry starts an issue of svc: a retry of the issue given up, under its
// id, or a new command. The caller holds the lock.
func (m *Model) newTry(svc string, priority bool, code string) *issueTry {
	if r := m.retry; r != nil && r.svc == svc && r.priority == priority && r.code == code && m.cfg.Now().Sub(r.at) < IssueRetryFor {
		return &issueTry{svc: svc, priority: priority, code: code, id: r.id}
	}
	t := &issueTry{svc: svc, priority: priority, code: code}
	if s, ok := m.cfg.Sender.(IDSender); ok {
		t.id = s.NewID()
	}
	return t
}

// sendIssue sends try's issue_ticket, under its id when it has one.
func (m *Model) sendIssue(ctx context.Context, try *issueTry) (json.RawMessage, error) {
	var req any = protocol.IssueTicket{Service: try.svc, Priority: try.priority}
	typ := protocol.CmdIssueTicket
	if try.code != "" {
		req, typ = protocol.CheckIn{Code: try.code}, protocol.CmdCheckIn
	}
	if s, ok := m.cfg.Sender.(IDSender); ok && try.id != "" {
		return s.SendID(ctx, try.id, typ, req)
	}
	return m.cfg.Sender.Send(ctx, typ, req)
}

// gaveUp ends an issue that got no answer within IssueWait: the citizen is
// told at once, with the way home, and a retry will reuse its id.
func (m *Model) gaveUp(try *issueTry) {
	m.update(func() {
		if m.issue != try {
			return // answered in time
		}
		m.issue, m.issuing = nil, false
		try.at = m.cfg.Now()
		m.retry = try
		m.log.Warn("kiosk: no ticket in time", "service", try.svc, "wait", IssueWait, "id", try.id)
		if m.v.Screen == ScreenIssuing {
			m.done(IssueFailText, true)
		}
	})
}

// issued takes issue_ticket's outcome. The outcome of an issue given up is
// only logged: the citizen was told there is no ticket, and a retry gets
// the same one under the same id.
func (m *Model) issued(try *issueTry, raw json.RawMessage, err error) {
	svc := try.svc
	var cr protocol.CheckInReply // an issue_ticket's reply fills its IssueReply
	if err == nil {
		if e := json.Unmarshal(raw, &cr); e != nil {
			err = fmt.Errorf("kiosk: decode issue reply: %w", e)
		}
	}
	r := cr.IssueReply
	var slip printer.Slip
	late := false
	m.update(func() {
		if m.issue != try {
			late = true
			return
		}
		m.issue, m.issuing = nil, false
		m.retry = nil
		if err != nil {
			var qe *queue.Error
			if !errors.As(err, &qe) { // it may have been applied: a retry is the same command
				try.at = m.cfg.Now()
				m.retry = try
			}
			m.log.Warn("kiosk: issue ticket", "service", svc, "code", try.code, "err", err)
			if try.code != "" && errors.As(err, &qe) && qe.Code != queue.ECLOSED {
				m.show(ScreenCheckIn)
				m.v.Form = FormView{Error: qe.Message}
				return
			}
			m.v.Notice = m.issueError(svc, err)
			m.goHome()
			return
		}
		m.show(ScreenTicket)
		m.v.Ticket = m.ticketView(r)
		if try.code != "" {
			m.v.Ticket.Appointment, m.v.Ticket.Note = cr.Ticket.Appointment, checkInNote(cr)
		}
		m.v.Ticket.Printing = m.cfg.Printer != nil && !m.cfg.NoPaper
		m.v.Ticket.NoPaper = m.cfg.Printer == nil || m.cfg.NoPaper
		m.until = m.cfg.Now().Add(TicketShowFor)
		slip = m.slip(r)
		if try.code != "" {
			slip.Appointment = checkInLine(cr)
		}
	})
	if late {
		m.log.Warn("kiosk: issue answered after the kiosk gave up; not printed", "service", svc,
			"id", try.id, "ticket", r.Ticket.Number, "err", err)
		return
	}
	if err != nil || m.cfg.Printer == nil {
		return
	}
	m.cfg.Go(func() { m.print(slip) })
}

// issueError returns what to tell the citizen. The caller holds the lock.
func (m *Model) issueError(svc string, err error) string {
	var qe *queue.Error
	if !errors.As(err, &qe) {
		return "Chưa cấp được số do mất kết nối, vui lòng thử lại"
	}
	switch qe.Code {
	case queue.ECLOSED:
		h := m.state.Hall
		if h.Open != "" && h.Close != "" {
			return fmt.Sprintf("Ngoài giờ làm việc. Giờ cấp số: %s - %s", h.Open, h.Close)
		}
		return "Ngoài giờ làm việc, vui lòng quay lại trong giờ hành chính"
	case queue.ECONFLICT:
		m.soldOut[svc] = true
		m.v.Tiles = m.tiles()
		return "Dịch vụ " + m.serviceName(svc) + " đã hết số hôm nay"
	}
	return queue.ErrorMessage(err)
}

func (m *Model) serviceName(id string) string {
	for _, s := range m.state.Services {
		if s.ID == id {
			return s.Name
		}
	}
	return id
}

// ticketView turns the reply into what the screen shows.
func (m *Model) ticketView(r protocol.IssueReply) TicketView {
	at := r.Ticket.IssuedAt.Time
	if at.IsZero() {
		at = m.cfg.Now()
	}
	return TicketView{
		ID:       r.Ticket.ID,
		Number:   r.Ticket.Number,
		Service:  m.serviceName(r.Ticket.Service),
		Priority: r.Ticket.Priority,
		Ahead:    r.Ahead,
		Wait:     replyWait(r),
		Time:     at.Format("15:04 02/01/2006"),
	}
}

// slip is the paper for reply r. The caller holds the lock.
func (m *Model) slip(r protocol.IssueReply) printer.Slip {
	at := r.Ticket.IssuedAt.Time
	if at.IsZero() {
		at = m.cfg.Now()
	}
	s := printer.Slip{
		Hall: m.state.Hall.Name, Number: r.Ticket.Number,
		Service: m.serviceName(r.Ticket.Service), Priority: r.Ticket.Priority,
		Ahead: r.Ahead, Wait: replyWait(r), IssuedAt: at,
		QR: r.Ticket.ID + " " + r.Ticket.Token, Token: r.Ticket.Token,
		Feedback: m.state.Hall.FeedbackContact, ID: r.Ticket.ID,
	}
	if base := m.state.Hall.PublicURL; base != "" {
		// The phone's page of the ticket; the rating pad reads this
		// QR too (ParseCode).
		s.URL = protocol.TicketURL(base, r.Ticket.ID, r.Ticket.Token)
		s.QR = s.URL
	}
	return s
}

// print prints the slip; a failure keeps the ticket on screen longer with a
// note, and the kiosk goes on.
func (m *Model) print(s printer.Slip) {
	ctx, cancel := context.WithTimeout(context.Background(), printTimeout)
	defer cancel()
	err := m.cfg.Printer.Print(ctx, s)
	if err != nil {
		m.log.Error("kiosk: print ticket", "ticket", s.ID, "err", err)
	}
	if m.cfg.Devices != nil {
		m.cfg.Devices.Report(protocol.DevicePrinter, err == nil, printer.Problem(err))
	}
	m.update(func() {
		if m.v.Screen != ScreenTicket || m.v.Ticket.ID != s.ID {
			return
		}
		m.v.Ticket.Printing = false
		if err != nil {
			m.v.Ticket.PrintFailed = true
			m.until = m.cfg.Now().Add(TicketNoPaperFor)
		}
	})
}

// WaitText writes an estimated wait in words: "khoảng 9 phút".
func WaitText(seconds, ahead int) string {
	if ahead == 0 || seconds <= 0 {
		return "Sắp đến lượt"
	}
	min := (seconds + 59) / 60
	if min < 60 {
		return "khoảng " + strconv.Itoa(min) + " phút"
	}
	h, mm := min/60, min%60
	if mm == 0 {
		return "khoảng " + strconv.Itoa(h) + " giờ"
	}
	return "khoảng " + strconv.Itoa(h) + " giờ " + strconv.Itoa(mm) + " phút"
}

func itoa(n int) string { return strconv.Itoa(n) }

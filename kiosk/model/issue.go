package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

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

// AnswerPriority issues the ticket of the chosen service. Only one issue is
// in flight at a time: a second tap while it waits does nothing.
func (m *Model) AnswerPriority(priority bool) {
	var svc string
	m.update(func() {
		m.touch()
		if m.v.Screen != ScreenPriority || !m.v.Online || m.issuing {
			return
		}
		m.issuing = true
		svc = m.v.Service.ID
		m.show(ScreenIssuing)
	})
	if svc == "" {
		return
	}
	m.cfg.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
		defer cancel()
		raw, err := m.cfg.Sender.Send(ctx, protocol.CmdIssueTicket, protocol.IssueTicket{Service: svc, Priority: priority})
		m.issued(svc, raw, err)
	})
}

// issued takes issue_ticket's outcome.
func (m *Model) issued(svc string, raw json.RawMessage, err error) {
	var r protocol.IssueReply
	if err == nil {
		if e := json.Unmarshal(raw, &r); e != nil {
			err = fmt.Errorf("kiosk: decode issue reply: %w", e)
		}
	}
	var slip printer.Slip
	m.update(func() {
		m.issuing = false
		if err != nil {
			m.log.Warn("kiosk: issue ticket", "service", svc, "err", err)
			m.v.Notice = m.issueError(svc, err)
			m.goHome()
			return
		}
		m.show(ScreenTicket)
		m.v.Ticket = m.ticketView(r)
		m.v.Ticket.Printing = m.cfg.Printer != nil && !m.cfg.NoPaper
		m.v.Ticket.NoPaper = m.cfg.Printer == nil || m.cfg.NoPaper
		m.until = m.cfg.Now().Add(TicketShowFor)
		slip = m.slip(r)
	})
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
		Wait:     WaitText(r.EstimatedWaitS, r.Ahead),
		Time:     at.Format("15:04 02/01/2006"),
	}
}

// slip is the paper for reply r. The caller holds the lock.
func (m *Model) slip(r protocol.IssueReply) printer.Slip {
	at := r.Ticket.IssuedAt.Time
	if at.IsZero() {
		at = m.cfg.Now()
	}
	return printer.Slip{
		Hall: m.state.Hall.Name, Number: r.Ticket.Number,
		Service: m.serviceName(r.Ticket.Service), Priority: r.Ticket.Priority,
		Ahead: r.Ahead, Wait: WaitText(r.EstimatedWaitS, r.Ahead), IssuedAt: at,
		QR: r.Ticket.ID + " " + r.Ticket.Token, Token: r.Ticket.Token,
		Feedback: m.state.Hall.FeedbackContact, ID: r.Ticket.ID,
	}
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

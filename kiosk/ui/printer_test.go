package ui

import (
	"net"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"hallq/kiosk/model"
	"hallq/kiosk/printer"
	"hallq/shared/protocol"
)

// A network printer that refuses the connection leaves the ticket issued
// and shown, with the note to remember the number, and the kiosk goes on.
func TestRefusedPrinterKeepsTicket(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	prn, err := printer.New(&printer.TCP{Addr: addr}, theme.DefaultTextFont().Content(), theme.DefaultTextBoldFont().Content())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, landscape, prn)
	for range 2 {
		test.Tap(f.tile(t, "A"))
		test.Tap(f.u.screens[model.ScreenPriority].(*priority).no)
		v := f.m.View()
		if v.Screen != model.ScreenTicket || v.Ticket.Number != "A004" || !v.Ticket.PrintFailed {
			t.Fatalf("got screen %v ticket %+v, want A004 shown with the print failure", v.Screen, v.Ticket)
		}
		if got := f.u.screens[model.ScreenTicket].(*ticket).print.Text; got != model.PrintFailText {
			t.Errorf("print line got %q, want %q", got, model.PrintFailText)
		}
		f.tap(t, "Xong")
	}
	if got := len(f.s.got(protocol.CmdIssueTicket)); got != 2 {
		t.Errorf("issued %d tickets, want 2", got)
	}
}

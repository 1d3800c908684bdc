package model

import (
	"fmt"
	"sync"
	"testing"

	"hallq/kiosk/printer"
	"hallq/shared/protocol"
)

// fakeDevices records the device reports.
type fakeDevices struct {
	mu  sync.Mutex
	got []protocol.DeviceStatus
}

func (d *fakeDevices) Report(kind string, ok bool, detail string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.got = append(d.got, protocol.DeviceStatus{Kind: kind, OK: ok, Detail: detail})
}

// TestPrinterReported: after each print attempt the kiosk tells staff how
// the printer did.
func TestPrinterReported(t *testing.T) {
	f := newFixture(t)
	dev := &fakeDevices{}
	f.m.cfg.Devices = dev
	tests := []struct {
		name string
		err  error
		want protocol.DeviceStatus
	}{
		{"printed", nil, protocol.DeviceStatus{Kind: "printer", OK: true}},
		{"out of paper", fmt.Errorf("printer: print A005: %w", printer.ErrNoPaper), protocol.DeviceStatus{Kind: "printer", Detail: "máy in hết giấy"}},
		{"paper back", nil, protocol.DeviceStatus{Kind: "printer", OK: true}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f.printer.err = tc.err
			f.m.ChooseService("A")
			f.m.AnswerPriority(false)
			if len(dev.got) != i+1 {
				t.Fatalf("reports got %+v, want %d", dev.got, i+1)
			}
			if got := dev.got[i]; got != tc.want {
				t.Errorf("report got %+v, want %+v", got, tc.want)
			}
			f.m.Home()
		})
	}
}

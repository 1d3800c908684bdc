package queue

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCheckFileCodes(t *testing.T) {
	tests := []struct {
		name  string
		codes []string
		want  string // error code, "" for valid
	}{
		{"none", []string{}, ""},
		{"one", []string{"000.00.12.H12-251128-0001"}, ""},
		{"letters digits and . - /", []string{"abc/DEF.1-2"}, ""},
		{"32 characters", []string{strings.Repeat("A", 32)}, ""},
		{"ten", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, ""},
		{"33 characters", []string{strings.Repeat("A", 33)}, EBADREQUEST},
		{"eleven", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}, EBADREQUEST},
		{"empty code", []string{""}, EBADREQUEST},
		{"space", []string{"H12 001"}, EBADREQUEST},
		{"diacritic", []string{"HỒSƠ1"}, EBADREQUEST},
		{"underscore", []string{"H12_001"}, EBADREQUEST},
		{"repeated, case aside", []string{"h12-1", "H12-1"}, EBADREQUEST},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckFileCodes(tt.codes)
			wantCode(t, err, tt.want)
			if err != nil && !strings.Contains(err.Error(), "ã hồ sơ") {
				t.Errorf("got message %q, want one naming the file code (mã hồ sơ)", err)
			}
		})
	}
}

func TestFileCodes(t *testing.T) {
	f := newFixture(t)
	f.issue("A", false)
	f.login(1, "hang.nd")
	tk := f.callNext(1)
	f.e.TakeChanges()

	t.Run("set then finish keeps them", func(t *testing.T) {
		got, err := f.e.SetFileCodes(f.tick(time.Minute), 1, tk.ID, []string{"H1", "H2"})
		f.ok("set_file_codes", err)
		if !reflect.DeepEqual(got.FileCodes, []string{"H1", "H2"}) {
			t.Errorf("got %v, want [H1 H2]", got.FileCodes)
		}
		c := f.taken[len(f.taken)-1]
		if len(c.Events) != 1 || !reflect.DeepEqual(c.Events[0].Ticket.FileCodes, []string{"H1", "H2"}) {
			t.Errorf("got events %+v, want one ticket_file_codes with [H1 H2]", c.Events)
		}
	})
	t.Run("a bad list changes nothing", func(t *testing.T) {
		before := takeSnapshot(f.e)
		_, err := f.e.SetFileCodes(f.tick(time.Second), 1, tk.ID, []string{"H 3"})
		wantCode(t, err, EBADREQUEST)
		_, err = f.e.FinishWithCodes(f.tick(time.Second), 1, tk.ID, []string{"x", "X"})
		wantCode(t, err, EBADREQUEST)
		_, err = f.e.SetFileCodes(f.tick(time.Second), 1, tk.ID, nil)
		wantCode(t, err, EBADREQUEST)
		wantUnchanged(t, f.e, before)
	})
	t.Run("finish without codes keeps them; events carry them", func(t *testing.T) {
		got, err := f.e.FinishWithCodes(f.tick(time.Minute), 1, tk.ID, nil)
		f.ok("finish", err)
		if !reflect.DeepEqual(got.FileCodes, []string{"H1", "H2"}) {
			t.Errorf("got %v, want [H1 H2]", got.FileCodes)
		}
		c := f.taken[len(f.taken)-1]
		if len(c.Tickets) != 1 || !reflect.DeepEqual(c.Tickets[0].FileCodes, []string{"H1", "H2"}) {
			t.Errorf("got stored %+v, want the ticket with [H1 H2]", c.Tickets)
		}
		if len(c.Events) != 1 || !reflect.DeepEqual(c.Events[0].Ticket.FileCodes, []string{"H1", "H2"}) {
			t.Errorf("got events %+v, want ticket_finished with [H1 H2]", c.Events)
		}
	})
	t.Run("finish with codes replaces them", func(t *testing.T) {
		f.issue("A", false)
		t2 := f.callNext(1)
		f.e.SetFileCodes(f.tick(time.Second), 1, t2.ID, []string{"OLD"})
		got, err := f.e.FinishWithCodes(f.tick(time.Minute), 1, t2.ID, []string{"NEW-1"})
		f.ok("finish", err)
		if !reflect.DeepEqual(got.FileCodes, []string{"NEW-1"}) {
			t.Errorf("got %v, want [NEW-1]", got.FileCodes)
		}
	})
}

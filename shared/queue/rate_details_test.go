package queue

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRateDetails: the pad stores the level at the tap, then adds what the
// citizen typed; each rule of rate_details, table by table.
func TestRateDetails(t *testing.T) {
	long := strings.Repeat("ệ", MaxCommentRunes)
	tests := []struct {
		name string
		// first is the level stored at the tap (0: none), by kiosk-1 for
		// A002 with no token (the pad of counter 1).
		first int
		in    RateDetailsInput
		after time.Duration // since A002's finish
		setup func(f *fixture)
		want  string
		// wantLevel, wantReasons, wantComment: the rating afterwards.
		wantLevel   int
		wantReasons []string
		wantComment string
		// wantCase: the rating has a feedback item afterwards.
		wantCase bool
	}{
		{name: "reasons and comment on a 2", first: 2, in: RateDetailsInput{Reasons: []string{"waiting", "fee"}, Comment: " Chờ lâu "},
			wantLevel: 2, wantReasons: []string{"waiting", "fee"}, wantComment: "Chờ lâu", wantCase: true},
		{name: "reasons on a 3 open no case", first: 3, in: RateDetailsInput{Reasons: []string{"guidance"}},
			wantLevel: 3, wantReasons: []string{"guidance"}},
		{name: "comment on a 5", first: 5, in: RateDetailsInput{Comment: "Rất tốt"}, wantLevel: 5, wantReasons: []string{}, wantComment: "Rất tốt"},
		{name: "nothing added still counts once", first: 1, in: RateDetailsInput{}, wantLevel: 1, wantReasons: []string{}, wantCase: true},
		{name: "3 changed to 1 opens a case", first: 3, in: RateDetailsInput{Rating: 1, Reasons: []string{"attitude"}},
			wantLevel: 1, wantReasons: []string{"attitude"}, wantCase: true},
		{name: "1 changed to 5 keeps its case", first: 1, in: RateDetailsInput{Rating: 5}, wantLevel: 5, wantReasons: []string{}, wantCase: true},
		{name: "same level given again", first: 2, in: RateDetailsInput{Rating: 2, Reasons: []string{"other"}},
			wantLevel: 2, wantReasons: []string{"other"}, wantCase: true},
		{name: "with the ticket's token from another kiosk", first: 2, in: RateDetailsInput{Token: ownToken, Device: "kiosk-2", Comment: "x"},
			wantLevel: 2, wantReasons: []string{}, wantComment: "x", wantCase: true},
		{name: "comment of 500 characters", first: 3, in: RateDetailsInput{Comment: long}, wantLevel: 3, wantReasons: []string{}, wantComment: long},
		{name: "at the end of the window", first: 3, in: RateDetailsInput{Comment: "x"}, after: 30 * time.Minute,
			wantLevel: 3, wantReasons: []string{}, wantComment: "x"},

		{name: "no ticket id", first: 2, in: RateDetailsInput{TicketID: "-"}, want: EBADREQUEST},
		{name: "level 6", first: 2, in: RateDetailsInput{Rating: 6}, want: EBADREQUEST},
		{name: "level -1", first: 2, in: RateDetailsInput{Rating: -1}, want: EBADREQUEST},
		{name: "reasons with a new level 4", first: 2, in: RateDetailsInput{Rating: 4, Reasons: []string{"fee"}}, want: EBADREQUEST},
		{name: "reasons on a stored 5", first: 5, in: RateDetailsInput{Reasons: []string{"fee"}}, want: EBADREQUEST},
		{name: "unknown reason", first: 2, in: RateDetailsInput{Reasons: []string{"rude"}}, want: EBADREQUEST},
		{name: "reason twice", first: 2, in: RateDetailsInput{Reasons: []string{"fee", "fee"}}, want: EBADREQUEST},
		{name: "comment of 501 characters", first: 2, in: RateDetailsInput{Comment: long + "x"}, want: EBADREQUEST},
		{name: "comment not UTF-8", first: 2, in: RateDetailsInput{Comment: "a\xffb"}, want: EBADREQUEST},
		{name: "unknown ticket", first: 2, in: RateDetailsInput{TicketID: "2026-11-28/A404"}, want: ENOTFOUND},
		{name: "wrong token", first: 2, in: RateDetailsInput{Token: "ZZZZZZZZ"}, want: EUNAUTHORIZED},
		{name: "not rated yet", first: 0, in: RateDetailsInput{Comment: "x"}, want: ECONFLICT},
		{name: "another kiosk without token", first: 2, in: RateDetailsInput{Device: "kiosk-2", Comment: "x"}, want: EFORBIDDEN},
		{name: "a millisecond after the window", first: 2, in: RateDetailsInput{Comment: "x"}, after: 30*time.Minute + time.Millisecond, want: ECONFLICT},
		{
			name: "details twice", first: 2, in: RateDetailsInput{Comment: "lần hai"},
			setup: func(f *fixture) {
				_, err := f.e.RateDetails(f.tick(time.Second), RateDetailsInput{TicketID: idA002, Device: "kiosk-1", Comment: "lần một"})
				f.ok("rate_details", err)
			},
			want: ECONFLICT,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rateFixture(t)
			finished := f.ticket(idA002).FinishedAt.Time
			var fid int64
			if tt.first != 0 {
				fid = rate(f, RateInput{TicketID: idA002, Rating: tt.first, BoundCounter: 1, Device: "kiosk-1"})
			}
			if tt.setup != nil {
				tt.setup(f)
			}
			in := tt.in
			switch in.TicketID {
			case "":
				in.TicketID = idA002
			case "-":
				in.TicketID = ""
			}
			if in.Device == "" {
				in.Device = "kiosk-1"
			}
			in.Token = tokenFor(f, idA002, in.Token)
			now := finished.Add(tt.after)
			if tt.after == 0 {
				now = f.tick(time.Second)
			}
			before := takeSnapshot(f.e)
			gotID, err := f.e.RateDetails(now, in)
			wantCode(t, err, tt.want)
			c := f.e.TakeChanges()
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				if !c.Empty() {
					t.Errorf("got changes %+v, want none", c)
				}
				return
			}
			if len(c.Ratings) != 1 {
				t.Fatalf("got %d ratings stored, want 1", len(c.Ratings))
			}
			r := c.Ratings[0]
			if r.Rating != tt.wantLevel || !reflect.DeepEqual(r.Reasons, tt.wantReasons) || r.Comment != tt.wantComment ||
				r.DetailedAt == nil || !r.DetailedAt.Equal(now) || r.Device != "kiosk-1" || r.Clerk != "hang.nd" {
				t.Errorf("got rating %+v, want level %d reasons %v comment %q detailed at %v by kiosk-1",
					r, tt.wantLevel, tt.wantReasons, tt.wantComment, now)
			}
			if tk := f.ticket(idA002); int(tk.Rating) != tt.wantLevel {
				t.Errorf("got ticket rating %d, want %d", tk.Rating, tt.wantLevel)
			}
			if got := f.e.stats["hang.nd"].Ratings; got[tt.wantLevel] != 1 || (tt.wantLevel != tt.first && got[tt.first] != 0) {
				t.Errorf("got hang.nd's ratings %v, want one at %d only", got, tt.wantLevel)
			}
			changed := tt.wantLevel != tt.first
			if changed != (len(c.Events) == 1) {
				t.Fatalf("got events %+v, want rating_changed: %v", c.Events, changed)
			}
			if changed {
				ev := c.Events[0]
				if ev.Type != EvRatingChanged || ev.FromRating != tt.first || ev.Rating.Rating != tt.wantLevel || ev.Counter != 1 {
					t.Errorf("got event %+v, want rating_changed %d → %d at counter 1", ev, tt.first, tt.wantLevel)
				}
			}
			if (gotID != 0) != tt.wantCase || (r.FeedbackID != 0) != tt.wantCase {
				t.Fatalf("got feedback id %d (rating's %d), want a case: %v", gotID, r.FeedbackID, tt.wantCase)
			}
			switch {
			case !tt.wantCase:
				if len(c.Feedback)+len(c.FeedbackDetails) != 0 {
					t.Errorf("got feedback %+v %+v, want none", c.Feedback, c.FeedbackDetails)
				}
			case fid == 0: // opened now
				if len(c.Feedback) != 1 || c.Feedback[0].ID != gotID || c.Feedback[0].Rating != tt.wantLevel ||
					!reflect.DeepEqual(c.Feedback[0].Reasons, tt.wantReasons) {
					t.Errorf("got new feedback %+v, want one item %d rated %d", c.Feedback, gotID, tt.wantLevel)
				}
			default: // the tap's case, amended
				if gotID != fid || len(c.Feedback) != 0 || len(c.FeedbackDetails) != 1 {
					t.Fatalf("got id %d, feedback %+v, details %+v; want item %d amended", gotID, c.Feedback, c.FeedbackDetails, fid)
				}
				d := c.FeedbackDetails[0]
				if d.ID != fid || d.Rating != tt.wantLevel || !reflect.DeepEqual(d.Reasons, tt.wantReasons) ||
					(tt.wantComment != "" && d.Message != tt.wantComment) {
					t.Errorf("got details %+v, want item %d level %d reasons %v message %q", d, fid, tt.wantLevel, tt.wantReasons, tt.wantComment)
				}
			}
		})
	}
}

// TestRateDetailsAfterRestart: a rating loaded from disk takes its details
// once, as a live one does.
func TestRateDetailsAfterRestart(t *testing.T) {
	f := rateFixture(t)
	rate(f, RateInput{TicketID: idA002, Rating: 2, BoundCounter: 1, Device: "kiosk-1"})
	saved := []Rating{*f.e.ratings[idA002]}
	var tickets []Ticket
	for _, tk := range f.e.tickets {
		tickets = append(tickets, *tk)
	}
	g := NewEngine(testSettings(), strings.NewReader(""))
	g.Load(DayData{Day: testDay, Seq: f.e.Seq(), Tickets: tickets, Ratings: saved, LastFeedback: 1})
	now := f.tick(time.Second)
	if _, err := g.RateDetails(now, RateDetailsInput{TicketID: idA002, Device: "kiosk-1", Reasons: []string{"attitude"}}); err != nil {
		t.Fatalf("details after restart: %v", err)
	}
	stored := g.TakeChanges().Ratings
	g2 := NewEngine(testSettings(), strings.NewReader(""))
	g2.Load(DayData{Day: testDay, Seq: f.e.Seq(), Tickets: tickets, Ratings: stored, LastFeedback: 1})
	_, err := g2.RateDetails(now, RateDetailsInput{TicketID: idA002, Device: "kiosk-1", Comment: "again"})
	wantCode(t, err, ECONFLICT)
}

// TestRateFeedbackDetailsApply: amending a case keeps a supervisor's work.
func TestRateFeedbackDetailsApply(t *testing.T) {
	fb := Feedback{ID: 7, Message: "Công dân đánh giá: Không hài lòng", Rating: 2, Status: FeedbackInProgress,
		Answer: "Đã gọi lại", HandledBy: "giamsat"}
	FeedbackDetails{ID: 7, Message: "Chờ lâu", Rating: 1, Reasons: []string{"waiting"}}.Apply(&fb)
	want := Feedback{ID: 7, Message: "Chờ lâu", Rating: 1, Reasons: []string{"waiting"}, Status: FeedbackInProgress,
		Answer: "Đã gọi lại", HandledBy: "giamsat"}
	if !reflect.DeepEqual(fb, want) {
		t.Errorf("got %+v, want %+v", fb, want)
	}
	FeedbackDetails{ID: 7, Rating: 1}.Apply(&fb)
	if fb.Message != "Chờ lâu" {
		t.Errorf("got message %q, want it kept when the details carry none", fb.Message)
	}
}

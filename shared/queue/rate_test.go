package queue

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// Token placeholders in the rating table: the rated ticket's own token, as
// printed and as typed in lower case.
const (
	ownToken   = "<own>"
	lowerToken = "<lower>"
)

const (
	idA001 = "2026-11-28/A001"
	idA002 = "2026-11-28/A002"
	idB001 = "2026-11-28/B001"
	idC001 = "2026-11-28/C001"
)

// rateFixture has A001 and then A002 finished at counter 1 by hang.nd,
// B001 called at counter 2 by minh.tv and C001 waiting.
func rateFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.issue("A", false)
	f.issue("A", false)
	f.issue("B", false)
	f.issue("C", false)
	f.login(1, "hang.nd")
	f.login(2, "minh.tv")
	f.serve(1, 4*time.Minute)
	f.serve(1, 6*time.Minute)
	f.callTicket(2, idB001)
	return f
}

func TestRate(t *testing.T) {
	long := strings.Repeat("ệ", MaxCommentRunes)
	tests := []struct {
		name  string
		in    RateInput
		after time.Duration // since the rated ticket's finish
		setup func(f *fixture)
		want  string
		// wantTicket is the ticket rated (when want is "").
		wantTicket string
	}{
		{name: "level 5 with token", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken}, wantTicket: idA001},
		{name: "level 4 with a comment", in: RateInput{TicketID: idA001, Rating: 4, Token: ownToken, Comment: "Cán bộ nhiệt tình"}, wantTicket: idA001},
		{name: "level 3 with reasons", in: RateInput{TicketID: idA001, Rating: 3, Token: ownToken, Reasons: []string{"waiting", "guidance"}}, wantTicket: idA001},
		{name: "level 2 with reasons", in: RateInput{TicketID: idA001, Rating: 2, Token: ownToken, Reasons: []string{"procedure"}}, wantTicket: idA001},
		{name: "level 1 with every reason", in: RateInput{TicketID: idA001, Rating: 1, Token: ownToken,
			Reasons: []string{"attitude", "waiting", "guidance", "procedure", "fee", "other"}}, wantTicket: idA001},
		{name: "level 0", in: RateInput{TicketID: idA001, Rating: 0, Token: ownToken}, want: EBADREQUEST},
		{name: "level 6", in: RateInput{TicketID: idA001, Rating: 6, Token: ownToken}, want: EBADREQUEST},
		{name: "level -1", in: RateInput{TicketID: idA001, Rating: -1, Token: ownToken}, want: EBADREQUEST},
		{name: "reasons with level 4", in: RateInput{TicketID: idA001, Rating: 4, Token: ownToken, Reasons: []string{"fee"}}, want: EBADREQUEST},
		{name: "reasons with level 5", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken, Reasons: []string{"other"}}, want: EBADREQUEST},
		{name: "unknown reason", in: RateInput{TicketID: idA001, Rating: 2, Token: ownToken, Reasons: []string{"rude"}}, want: EBADREQUEST},
		{name: "reason given twice", in: RateInput{TicketID: idA001, Rating: 2, Token: ownToken, Reasons: []string{"fee", "fee"}}, want: EBADREQUEST},
		{name: "comment of 500 characters", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken, Comment: long}, wantTicket: idA001},
		{name: "comment of 501 characters", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken, Comment: long + "x"}, want: EBADREQUEST},
		{name: "comment not UTF-8", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken, Comment: "a\xffb"}, want: EBADREQUEST},
		{name: "token typed in lower case", in: RateInput{TicketID: idA001, Rating: 5, Token: lowerToken}, wantTicket: idA001},
		{name: "wrong token", in: RateInput{TicketID: idA001, Rating: 5, Token: "ZZZZZZZZ"}, want: EUNAUTHORIZED},
		{name: "another ticket's token", in: RateInput{TicketID: idA001, Rating: 5, Token: "<A002>"}, want: EUNAUTHORIZED},
		{name: "token without ticket id", in: RateInput{Rating: 5, Token: "ZZZZZZZZ"}, want: EBADREQUEST},
		{name: "unknown ticket", in: RateInput{TicketID: "2026-11-28/A404", Rating: 5, Token: "ZZZZZZZZ"}, want: ENOTFOUND},
		{name: "ticket being served", in: RateInput{TicketID: idB001, Rating: 5, Token: ownToken}, want: ECONFLICT},
		{name: "waiting ticket", in: RateInput{TicketID: idC001, Rating: 5, Token: ownToken}, want: ECONFLICT},
		{
			name:  "rated twice",
			in:    RateInput{TicketID: idA001, Rating: 4, Token: ownToken},
			setup: func(f *fixture) { rate(f, RateInput{TicketID: idA001, Rating: 5, Token: ownToken}) },
			want:  ECONFLICT,
		},
		{name: "at the end of the window", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken}, after: 30 * time.Minute, wantTicket: idA001},
		{name: "a millisecond after the window", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken},
			after: 30*time.Minute + time.Millisecond, want: ECONFLICT},
		{name: "unbound kiosk without token", in: RateInput{TicketID: idA002, Rating: 5}, want: EFORBIDDEN},
		{name: "unbound kiosk without token or ticket", in: RateInput{Rating: 5}, want: EFORBIDDEN},
		{name: "pad rates its counter's last finished ticket", in: RateInput{Rating: 5, BoundCounter: 1}, wantTicket: idA002},
		{name: "pad names its counter's last finished ticket", in: RateInput{TicketID: idA002, Rating: 1, BoundCounter: 1}, wantTicket: idA002},
		{name: "pad names an earlier ticket", in: RateInput{TicketID: idA001, Rating: 5, BoundCounter: 1}, want: EFORBIDDEN},
		{name: "pad names another counter's ticket", in: RateInput{TicketID: idB001, Rating: 5, BoundCounter: 1}, want: EFORBIDDEN},
		{name: "pad with a token rates any ticket", in: RateInput{TicketID: idA001, Rating: 5, Token: ownToken, BoundCounter: 2}, wantTicket: idA001},
		{name: "pad at a counter that finished nothing", in: RateInput{Rating: 5, BoundCounter: 2}, want: ENOTFOUND},
		{name: "pad at an unknown counter", in: RateInput{Rating: 5, BoundCounter: 9}, want: ENOTFOUND},
		{name: "pad after the window", in: RateInput{Rating: 5, BoundCounter: 1}, after: 31 * time.Minute, want: ECONFLICT},
		{
			name:  "pad after the ticket was rated with its token",
			in:    RateInput{Rating: 3, BoundCounter: 1},
			setup: func(f *fixture) { rate(f, RateInput{TicketID: idA002, Rating: 5, Token: ownToken}) },
			want:  ECONFLICT,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rateFixture(t)
			if tt.setup != nil {
				tt.setup(f)
			}
			in := tt.in
			in.Device = "kiosk-1"
			in.Reasons = append([]string(nil), tt.in.Reasons...)
			in.Token = tokenFor(f, in.TicketID, in.Token)
			target := in.TicketID
			if target == "" {
				target = idA002
			}
			now := f.tick(time.Minute)
			if tk, _ := f.e.Ticket(target); tk.State == Finished {
				now = tk.FinishedAt.Add(tt.after)
			}
			before := takeSnapshot(f.e)
			fid, err := f.e.Rate(now, in)
			wantCode(t, err, tt.want)
			c := f.e.TakeChanges()
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				if !c.Empty() {
					t.Errorf("got changes %+v, want none", c)
				}
				return
			}
			tk := f.ticket(tt.wantTicket)
			if int(tk.Rating) != in.Rating {
				t.Errorf("got ticket rating %d, want %d", tk.Rating, in.Rating)
			}
			want := Rating{
				TicketID: tk.ID, Number: tk.Number, Service: "A", Rating: in.Rating,
				Reasons: append([]string{}, in.Reasons...), Comment: in.Comment,
				Counter: 1, Clerk: "hang.nd", Device: "kiosk-1", At: At(now), FeedbackID: fid,
			}
			if !reflect.DeepEqual(c.Ratings, []Rating{want}) {
				t.Errorf("got ratings %+v, want %+v", c.Ratings, want)
			}
			if len(c.Tickets) != 1 || c.Tickets[0].ID != tk.ID || int(c.Tickets[0].Rating) != in.Rating {
				t.Errorf("got stored tickets %+v, want %s rated %d", c.Tickets, tk.ID, in.Rating)
			}
			if len(c.Events) != 1 || c.Events[0].Type != EvTicketRated || c.Events[0].Counter != 1 ||
				!reflect.DeepEqual(*c.Events[0].Rating, want) {
				t.Errorf("got events %+v, want one ticket_rated at counter 1", c.Events)
			}
			wantFeedback := in.Rating <= Dissatisfied
			if got := fid > 0; got != wantFeedback || (len(c.Feedback) == 1) != wantFeedback {
				t.Fatalf("got feedback id %d and %d items, want feedback %v", fid, len(c.Feedback), wantFeedback)
			}
			if wantFeedback {
				fb := c.Feedback[0]
				if fb.ID != fid || fb.TicketID != tk.ID || fb.Rating != in.Rating || fb.Counter != 1 ||
					fb.Clerk != "hang.nd" || fb.Status != FeedbackNew || fb.Day != testDay || fb.Message == "" ||
					!reflect.DeepEqual(fb.Reasons, want.Reasons) || fb.Device != "kiosk-1" || !fb.At.Equal(now) {
					t.Errorf("got feedback %+v, want id %d for %s rated %d at counter 1 by hang.nd", fb, fid, tk.ID, in.Rating)
				}
			}
		})
	}
}

// tokenFor resolves the rating table's token placeholders.
func tokenFor(f *fixture, id, token string) string {
	f.t.Helper()
	switch token {
	case ownToken:
		return f.ticket(id).Token
	case lowerToken:
		return strings.ToLower(f.ticket(id).Token)
	case "<A002>":
		return f.ticket(idA002).Token
	}
	return token
}

// rate records a rating that must succeed.
func rate(f *fixture, in RateInput) int64 {
	f.t.Helper()
	in.Token = tokenFor(f, in.TicketID, in.Token)
	id, err := f.e.Rate(f.tick(time.Second), in)
	f.ok("rate", err)
	return id
}

func TestRateFeedbackText(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		want    string
	}{
		{name: "comment becomes the message", comment: "  Chờ quá lâu  ", want: "Chờ quá lâu"},
		{name: "without comment the label", comment: "", want: "Công dân đánh giá: Rất không hài lòng"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rateFixture(t)
			_, err := f.e.Rate(f.tick(time.Second), RateInput{TicketID: idA001, Rating: 1, Token: f.ticket(idA001).Token, Comment: tt.comment})
			wantCode(t, err, "")
			c := f.e.TakeChanges()
			if len(c.Feedback) != 1 || c.Feedback[0].Message != tt.want || c.Ratings[0].Comment != strings.TrimSpace(tt.comment) {
				t.Errorf("got feedback %+v ratings %+v, want message %q", c.Feedback, c.Ratings, tt.want)
			}
		})
	}
}

func TestSubmitFeedback(t *testing.T) {
	tests := []struct {
		name string
		in   FeedbackInput
		want string
	}{
		{name: "message only", in: FeedbackInput{Message: "Nhà vệ sinh hỏng"}},
		{name: "with name and phone", in: FeedbackInput{Message: "Cảm ơn", Name: "Lê Văn Tám", Phone: "0912 345 678"}},
		{name: "international phone", in: FeedbackInput{Message: "x", Phone: "+84 912.345-678"}},
		{name: "message of 2000 characters", in: FeedbackInput{Message: strings.Repeat("ữ", MaxFeedbackRunes)}},
		{name: "empty message", in: FeedbackInput{Message: ""}, want: EBADREQUEST},
		{name: "blank message", in: FeedbackInput{Message: " \n\t "}, want: EBADREQUEST},
		{name: "message of 2001 characters", in: FeedbackInput{Message: strings.Repeat("ữ", MaxFeedbackRunes+1)}, want: EBADREQUEST},
		{name: "message not UTF-8", in: FeedbackInput{Message: "\xc3\x28"}, want: EBADREQUEST},
		{name: "name of 101 characters", in: FeedbackInput{Message: "x", Name: strings.Repeat("ă", MaxNameRunes+1)}, want: EBADREQUEST},
		{name: "phone with letters", in: FeedbackInput{Message: "x", Phone: "09abc"}, want: EBADREQUEST},
		{name: "phone with a plus inside", in: FeedbackInput{Message: "x", Phone: "84+912"}, want: EBADREQUEST},
		{name: "phone of 21 characters", in: FeedbackInput{Message: "x", Phone: strings.Repeat("9", MaxPhoneRunes+1)}, want: EBADREQUEST},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			before := takeSnapshot(f.e)
			in := tt.in
			in.Device = "kiosk-2"
			now := f.tick(time.Second)
			id, err := f.e.SubmitFeedback(now, in)
			wantCode(t, err, tt.want)
			c := f.e.TakeChanges()
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				if !c.Empty() {
					t.Errorf("got changes %+v, want none", c)
				}
				return
			}
			want := Feedback{ID: 1, Day: testDay, At: At(now), Device: "kiosk-2", Message: strings.TrimSpace(in.Message),
				Name: in.Name, Phone: in.Phone, Status: FeedbackNew}
			if id != 1 || !reflect.DeepEqual(c.Feedback, []Feedback{want}) {
				t.Errorf("got id %d feedback %+v, want 1 %+v", id, c.Feedback, want)
			}
			if len(c.Events)+len(c.Tickets)+len(c.Ratings)+len(c.Counters) != 0 {
				t.Errorf("got changes %+v, want feedback only", c)
			}
		})
	}
}

func TestFeedbackIDsIncrease(t *testing.T) {
	f := rateFixture(t)
	var got []int64
	submit := func(msg string) {
		id, err := f.e.SubmitFeedback(f.tick(time.Second), FeedbackInput{Message: msg})
		f.ok("feedback", err)
		got = append(got, id)
	}
	submit("một")
	got = append(got, rate(f, RateInput{TicketID: idA001, Rating: 2, Token: ownToken}))
	submit("hai")
	if want := []int64{1, 2, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("got ids %v, want %v", got, want)
	}
	// Ids go on across days and restarts.
	f.e.StartDay(day0.Add(32 * time.Hour))
	submit("ba")
	g := NewEngine(testSettings(), strings.NewReader(""))
	g.Load(DayData{Day: testDay, LastFeedback: 41})
	id, err := g.SubmitFeedback(f.now, FeedbackInput{Message: "bốn"})
	wantCode(t, err, "")
	got = append(got, id)
	if want := []int64{1, 2, 3, 4, 42}; !reflect.DeepEqual(got, want) {
		t.Errorf("got ids %v, want %v", got, want)
	}
}

package config

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"hallq/shared/queue"
)

func TestLoadValid(t *testing.T) {
	path := writeConfig(t, baseConfig(t))
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Path != path {
		t.Errorf("Path = %q, want %q", c.Path, path)
	}
	wantHall := Hall{
		Name: "Sở Công Thương tỉnh Bình Dương", Timezone: "Asia/Ho_Chi_Minh",
		Open: "07:30", Close: "17:00", RatingWindow: "30m", WaitAlert: "20m", ServiceAlert: DefaultServiceAlert,
		PriorityStreak: 2, FeedbackContact: "Phòng KH-TC-TH, ĐT 0274 3822 513",
		Ticker: "Làm việc từ thứ Hai đến thứ Sáu", Announcement: DefaultAnnouncement,
	}
	if c.Hall != wantHall {
		t.Errorf("Hall = %+v, want %+v", c.Hall, wantHall)
	}
	if got := c.Services[0].Description; got != "Giấy phép bán lẻ rượu, thuốc lá.\n[[counter]]\n" {
		t.Errorf("service A description = %q", got)
	}
	wantCounters := []Counter{{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}}, {ID: 2, Name: "Quầy 2", Services: []string{"B"}}}
	if !reflect.DeepEqual(c.Counters, wantCounters) {
		t.Errorf("Counters = %+v, want %+v", c.Counters, wantCounters)
	}
	wantDevices := []Device{
		{ID: "kiosk-1", Role: "kiosk", Token: "kiosk-1-token-0123456789"},
		{ID: "pad-2", Role: "kiosk", Token: "pad-2-token-0123456789", Counter: 2},
		{ID: "counter-1", Role: "counter", Token: "counter-1-token-0123456789", Counter: 1},
		{ID: "display-1", Role: "display", Token: "display-1-token-0123456789"},
	}
	if !reflect.DeepEqual(c.Devices, wantDevices) {
		t.Errorf("Devices = %+v, want %+v", c.Devices, wantDevices)
	}
	if len(c.Clerks) != 2 || c.Clerks[1].Username != "minh.tq" || c.Clerks[1].Name != "Trần Quang Minh" {
		t.Errorf("Clerks = %+v", c.Clerks)
	}
	if !CheckHash(c.Clerks[0].PINHash, "1234") {
		t.Errorf("clerk hang.nd: PIN 1234 does not match")
	}
	if len(c.Supervisors) != 1 || c.Supervisors[0].Name != "" || !CheckHash(c.Supervisors[0].PasswordHash, "secret-pass") {
		t.Errorf("Supervisors = %+v", c.Supervisors)
	}
}

func TestSettings(t *testing.T) {
	c, err := Load(writeConfig(t, baseConfig(t)))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	s := c.Settings()
	if s.Location == nil || s.Location.String() != "Asia/Ho_Chi_Minh" {
		t.Fatalf("Location = %v, want Asia/Ho_Chi_Minh", s.Location)
	}
	s.Location = nil
	want := queue.Settings{
		Name: "Sở Công Thương tỉnh Bình Dương", Open: 7*time.Hour + 30*time.Minute, Close: 17 * time.Hour,
		RatingWindow: 30 * time.Minute, WaitAlert: 20 * time.Minute, ServiceAlert: 30 * time.Minute, PriorityStreak: 2,
		FeedbackContact: "Phòng KH-TC-TH, ĐT 0274 3822 513",
		Services: []queue.Service{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước", Description: "Giấy phép bán lẻ rượu, thuốc lá.\n[[counter]]\n"},
			{ID: "B", Name: "Xúc tiến thương mại", Description: "Khuyến mại, hội chợ", DailyLimit: 40},
		},
		Counters: []queue.CounterConfig{{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}}, {ID: 2, Name: "Quầy 2", Services: []string{"B"}}},
		Clerks: []queue.Clerk{
			{Username: "hang.nd", Name: "Nguyễn Diệu Hằng", PINHash: c.Clerks[0].PINHash},
			{Username: "minh.tq", Name: "Trần Quang Minh", PINHash: c.Clerks[1].PINHash},
		},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Settings() =\n%+v\nwant\n%+v", s, want)
	}
	s.Counters[0].Services[0] = "Z"
	if c.Counters[0].Services[0] != "A" {
		t.Errorf("Settings shares the counters' services with the Config")
	}
}

func TestSettingsHours(t *testing.T) {
	tests := []struct {
		name        string
		edits       []string
		open, close time.Duration
	}{
		{"midnight close", []string{`close = "17:00"`, `close = "24:00"`}, 7*time.Hour + 30*time.Minute, 24 * time.Hour},
		{"round the clock", []string{`open = "07:30"`, `open = "00:00"`, `close = "17:00"`, `close = "24:00"`}, 0, 24 * time.Hour},
		{"minutes", []string{`open = "07:30"`, `open = "06:05"`, `close = "17:00"`, `close = "23:59"`}, 6*time.Hour + 5*time.Minute, 23*time.Hour + 59*time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(writeConfig(t, edit(t, baseConfig(t), tt.edits...)))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			s := c.Settings()
			if s.Open != tt.open || s.Close != tt.close {
				t.Errorf("Open, Close = %v, %v, want %v, %v", s.Open, s.Close, tt.open, tt.close)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	text := edit(t, baseConfig(t),
		`timezone = "Asia/Ho_Chi_Minh"`+"\n", "",
		`open = "07:30"`+"\n", "",
		`close = "17:00"`+"\n", "",
		`rating_window = "30m"`+"\n", "",
		`wait_alert = "20m"`+"\n", "",
		`priority_streak = 2`+"\n", "",
		`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`+"\n", "",
	)
	c, err := Load(writeConfig(t, text))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Hall{
		Name: "Sở Công Thương tỉnh Bình Dương", Timezone: "Asia/Ho_Chi_Minh", Open: "07:30", Close: "17:00",
		RatingWindow: "30m", WaitAlert: "20m", ServiceAlert: "30m", FeedbackContact: "Phòng KH-TC-TH, ĐT 0274 3822 513",
		Announcement: "Xin mời công dân có số {number} đến {counter}",
	}
	if c.Hall != want {
		t.Errorf("Hall = %+v, want %+v", c.Hall, want)
	}
	s := c.Settings()
	if s.Location.String() != "Asia/Ho_Chi_Minh" || s.Open != 7*time.Hour+30*time.Minute || s.Close != 17*time.Hour ||
		s.RatingWindow != 30*time.Minute || s.WaitAlert != 20*time.Minute || s.ServiceAlert != 30*time.Minute || s.PriorityStreak != 0 {
		t.Errorf("Settings() = %+v, want the defaults", s)
	}
}

// TestServiceAlert: service_alert is read, defaults to 30m when absent,
// and a configuration stored before the key existed (an empty value)
// still passes the rules and takes the default.
func TestServiceAlert(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  time.Duration
	}{
		{"absent", nil, 30 * time.Minute},
		{"set", []string{`wait_alert = "20m"`, "wait_alert = \"20m\"\nservice_alert = \"45m\""}, 45 * time.Minute},
		{"hours and minutes", []string{`wait_alert = "20m"`, "wait_alert = \"20m\"\nservice_alert = \"1h15m\""}, 75 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(writeConfig(t, edit(t, baseConfig(t), tt.edits...)))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := c.Settings().ServiceAlert; got != tt.want {
				t.Errorf("ServiceAlert = %v, want %v", got, tt.want)
			}
		})
	}
	c, err := Load(writeConfig(t, baseConfig(t)))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	c.Hall.ServiceAlert = "" // as decoded from a configuration stored before the key
	if problems := Validate(c); problems != nil {
		t.Errorf("Validate with no service_alert: %v", Join(problems))
	}
	if got := c.Settings().ServiceAlert; got != 30*time.Minute {
		t.Errorf("ServiceAlert of an empty value = %v, want 30m", got)
	}
	c.Hall.ServiceAlert = "soon"
	if problems := Validate(c); problems == nil || !strings.Contains(Join(problems).Error(), "service_alert must be a positive duration") {
		t.Errorf("Validate with service_alert \"soon\": got %v, want the positive-duration rule", problems)
	}
}

func TestSettingsHandBuilt(t *testing.T) {
	c := &Config{Hall: Hall{Name: "x"}}
	s := c.Settings()
	if s.Location.String() != DefaultTimezone || s.Open != 7*time.Hour+30*time.Minute || s.Close != 17*time.Hour {
		t.Errorf("Settings() of an empty hall = %+v, want the defaults", s)
	}
}

func TestLookups(t *testing.T) {
	c, err := Load(writeConfig(t, baseConfig(t)))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"device pad-2", lookupDevice(c, "pad-2", 2), true},
		{"device unknown", lookupDevice(c, "pad-9", 0), false},
		{"device empty id", lookupDevice(c, "", 0), false},
		{"supervisor giamsat", lookupSupervisor(c, "giamsat"), true},
		{"supervisor unknown", lookupSupervisor(c, "hang.nd"), false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: found = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func lookupDevice(c *Config, id string, counter int) bool {
	d, ok := c.Device(id)
	return ok && d.ID == id && d.Counter == counter
}

func lookupSupervisor(c *Config, username string) bool {
	s, ok := c.Supervisor(username)
	return ok && s.Username == username
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/no-such-hall.toml")
	if err == nil {
		t.Fatal("Load of a missing file: got nil error")
	}
}

package config

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// The line numbers refer to testdata/hall.toml after the edits.
func TestLoadErrors(t *testing.T) {
	const (
		hashA = `"$2a$04$0n4Y4VKCblhp.O2YViZQvevAk6W4BGJIs.89xtXzbJ2yLHfPiYgSe"`
		hashB = `"$2a$04$gWok.Vu14FH/NPvOwoqQOuxNsKPS1y8QLu7X5gUF5pTfCwz7bHe7C"`
	)
	tests := []struct {
		name  string
		edits []string
		line  int    // 0: the error has no line
		rule  string // a part of the message
	}{
		// Syntax and structure.
		{"syntax: unterminated string", []string{`name = "Quầy 1"`, `name = "Quầy 1`}, 30, "syntax error"},
		{"syntax: duplicate key", []string{`id = 2`, "id = 2\nid = 3"}, 35, "syntax error"},
		{"unknown key in [hall]", []string{`ticker =`, `tickr =`}, 11, `unknown key "tickr"`},
		{"unknown key in second counter", []string{`name = "Quầy 2"`, `nam = "Quầy 2"`}, 35, `unknown key "nam"`},
		{"unknown key is case-sensitive", []string{`daily_limit = 40`, `Daily_Limit = 40`}, 26, `unknown key "Daily_Limit"`},
		{"unknown top-level key", []string{"# A small valid hall", `colour = "red" #`}, 1, `unknown key "colour"`},
		{"unknown table", []string{"[[supervisor]]", "[[supervisors]]"}, 71, `unknown key "supervisors"`},
		{"unknown sub-table", []string{"[[device]]\nid = \"display-1\"", "[hall.colours]\nid = \"display-1\""}, 56, `unknown key "colours"`},
		{"wrong type: integer as string", []string{`daily_limit = 40`, `daily_limit = "40"`}, 26, "daily_limit must be an integer"},
		{"wrong type: string as integer", []string{`token = "pad-2-token-0123456789"`, `token = 12345678901234567`}, 47, "token must be a quoted string"},
		{"wrong type: services not an array", []string{`services = ["B"]`, `services = "B"`}, 36, "must be an array of strings"},
		{"wrong type: hall not a table", []string{"# A small valid hall", "hall = 1 #", "[hall]\n", "[x]\n"}, 1, "must be a table"},
		{"wrong type: service not an array of tables", []string{"# A small valid hall", "service = 1 #", "[[service]]\nid = \"A\"", "[[x]]\nid = \"A\"", "[[service]]\nid = \"B\"", "[[x]]\nid = \"B\""}, 1, "must be an array of tables"},

		// [hall].
		{"hall name required", []string{`name = "Sở Công Thương tỉnh Bình Dương"`, `name = " "`}, 3, "name is required"},
		{"hall name missing", []string{`name = "Sở Công Thương tỉnh Bình Dương"`, `# no name`}, 2, "name is required"},
		{"timezone unknown", []string{`timezone = "Asia/Ho_Chi_Minh"`, `timezone = "Asia/Hanoi"`}, 4, "unknown time zone"},
		{"timezone empty", []string{`timezone = "Asia/Ho_Chi_Minh"`, `timezone = ""`}, 4, "timezone must not be empty"},
		{"open not HH:MM", []string{`open = "07:30"`, `open = "7:30"`}, 5, "open must be HH:MM"},
		{"open 24:00", []string{`open = "07:30"`, `open = "24:00"`}, 5, "open must be HH:MM"},
		{"close hour out of range", []string{`close = "17:00"`, `close = "25:00"`}, 6, "close must be HH:MM"},
		{"close minute out of range", []string{`close = "17:00"`, `close = "17:60"`}, 6, "close must be HH:MM"},
		{"open after close", []string{`close = "17:00"`, `close = "07:00"`}, 6, "open must be before close"},
		{"open equals close", []string{`close = "17:00"`, `close = "07:30"`}, 6, "open must be before close"},
		{"rating_window not a duration", []string{`rating_window = "30m"`, `rating_window = "30"`}, 7, "rating_window must be a positive duration"},
		{"rating_window zero", []string{`rating_window = "30m"`, `rating_window = "0s"`}, 7, "rating_window must be a positive duration"},
		{"wait_alert negative", []string{`wait_alert = "20m"`, `wait_alert = "-5m"`}, 8, "wait_alert must be a positive duration"},
		{"service_alert negative", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `service_alert = "-5m"`}, 11, "service_alert must be a positive duration"},
		{"service_alert not a duration", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `service_alert = "30"`}, 11, "service_alert must be a positive duration"},
		{"service_alert zero", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `service_alert = "0s"`}, 11, "service_alert must be a positive duration"},
		{"priority_streak negative", []string{`priority_streak = 2`, `priority_streak = -1`}, 9, "priority_streak must be >= 0"},
		{"public_url not http", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `public_url = "ftp://10.0.0.2"`}, 11, "public_url must be an http(s) URL"},
		{"public_url no host", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `public_url = "http://"`}, 11, "public_url must be an http(s) URL"},
		{"public_url relative", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `public_url = "192.168.10.2:8080"`}, 11, "public_url must be an http(s) URL"},
		{"public_url with query", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `public_url = "http://10.0.0.2/?a=1"`}, 11, "public_url must be an http(s) URL"},
		{"announcement empty", []string{`ticker = "Làm việc từ thứ Hai đến thứ Sáu"`, `announcement = ""`}, 11, "announcement must not be empty"},

		// [[service]].
		{"no service", []string{serviceBlock(t), strings.Repeat("\n", strings.Count(serviceBlock(t), "\n"))}, 0, "at least one service is required"},
		{"service id lower case", []string{`id = "B"`, `id = "b"`}, 23, "service id must be one capital letter A-Z"},
		{"service id two letters", []string{`id = "B"`, `id = "BC"`}, 23, "service id must be one capital letter A-Z"},
		{"service id empty", []string{`id = "B"`, `id = ""`}, 23, "[[service]] #2"},
		{"service id duplicate", []string{`id = "B"`, `id = "A"`, `services = ["A", "B"]`, `services = ["A"]`, `services = ["B"]`, `services = ["A"]`}, 23, `duplicate service id "A"`},
		{"service id duplicate names first line", []string{`id = "B"`, `id = "A"`, `services = ["A", "B"]`, `services = ["A"]`, `services = ["B"]`, `services = ["A"]`}, 23, "dòng 14"},
		{"service name required", []string{`name = "Xúc tiến thương mại"`, `name = ""`}, 24, `[[service]] "B": thiếu name (service name is required)`},
		{"daily_limit negative", []string{`daily_limit = 40`, `daily_limit = -1`}, 26, "daily_limit must be >= 0"},

		// [[counter]].
		{"counter id zero", []string{`id = 2`, `id = 0`}, 34, "counter id must be > 0"},
		{"counter id missing", []string{"id = 2\n", ""}, 33, "[[counter]] #2: id phải là số nguyên dương"},
		{"counter id duplicate", []string{`id = 2`, `id = 1`, "counter = 2", "counter = 1"}, 34, "duplicate counter id 1"},
		{"counter name required", []string{`name = "Quầy 2"`, `name = ""`}, 35, "counter name is required"},
		{"counter services empty", []string{`services = ["B"]`, `services = []`}, 36, "counter services must not be empty"},
		{"counter services missing", []string{`services = ["B"]`, `# none`}, 33, "counter services must not be empty"},
		{"counter unknown service", []string{`services = ["B"]`, `services = ["B", "Z"]`}, 36, `[[counter]] id 2: dịch vụ "Z" không có trong các [[service]] (lists unknown service "Z")`},
		{"counter service twice", []string{`services = ["B"]`, `services = ["B", "B"]`}, 36, `lists service "B" twice`},

		// [[device]].
		{"device id empty", []string{`id = "pad-2"`, `id = ""`}, 45, "device id is required"},
		{"device id duplicate", []string{`id = "pad-2"`, `id = "kiosk-1"`}, 45, `duplicate device id "kiosk-1"`},
		{"device role unknown", []string{`role = "display"`, `role = "printer"`}, 58, "role must be kiosk, counter or display"},
		{"device role missing", []string{`role = "display"`, `# no role`}, 56, "role must be kiosk, counter or display"},
		{"token short", []string{`token = "pad-2-token-0123456789"`, `token = "pad-2-token-012"`}, 47, "token must be at least 16 characters"},
		{"token missing", []string{`token = "pad-2-token-0123456789"`, `# no token`}, 44, "token must be at least 16 characters"},
		{"token duplicate", []string{`token = "counter-1-token-0123456789"`, `token = "kiosk-1-token-0123456789"`}, 53, "token must be unique across devices"},
		{"counter device, unknown counter", []string{"counter = 1", "counter = 9"}, 54, "a counter device must name an existing counter"},
		{"counter device, counter 0", []string{"counter = 1", "counter = 0\n"}, 54, "a counter device must name an existing counter"},
		{"counter device, no counter", []string{"counter = 1\n", ""}, 50, "a counter device must name an existing counter"},
		{"kiosk pad, unknown counter", []string{"counter = 2", "counter = 7"}, 48, "a kiosk's counter must be 0 or an existing counter"},
		{"display with a counter", []string{`token = "display-1-token-0123456789"`, "token = \"display-1-token-0123456789\"\ncounter = 1"}, 60, "a display's counter must be 0"},

		// [[clerk]] and [[supervisor]].
		{"clerk username empty", []string{`username = "minh.tq"`, `username = ""`}, 67, "username is required"},
		{"clerk username duplicate", []string{`username = "minh.tq"`, `username = "hang.nd"`}, 67, `duplicate username "hang.nd"`},
		{"clerk name required", []string{`name = "Trần Quang Minh"`, `name = ""`}, 68, "clerk name is required"},
		{"clerk pin_hash not bcrypt", []string{`pin_hash = ` + hashB, `pin_hash = "1234"`}, 69, "pin_hash must be a bcrypt hash"},
		{"clerk pin_hash missing", []string{`pin_hash = ` + hashB, `# no hash`}, 66, "pin_hash must be a bcrypt hash"},
		{"supervisor password_hash not bcrypt", []string{`password_hash = ` + hashB, `password_hash = "giamsat2026"`}, 73, "password_hash must be a bcrypt hash"},
		{"supervisor username empty", []string{`username = "giamsat"`, `username = ""`}, 72, "username is required"},
		{"supervisor username duplicate", []string{`password_hash = ` + hashB, `password_hash = ` + hashB +
			"\n\n[[supervisor]]\nusername = \"giamsat\"\npassword_hash = " + hashA}, 76, `[[supervisor]] "giamsat": username trùng với [[supervisor]] ở dòng 72`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, edit(t, baseConfig(t), tt.edits...))
			c, err := Load(path)
			if err == nil {
				t.Fatalf("Load: got a config (%+v), want an error", c.Hall)
			}
			if c != nil {
				t.Errorf("Load returned a config with its error")
			}
			prefix := path + ":"
			if tt.line > 0 {
				prefix += strconv.Itoa(tt.line) + ":"
			}
			var found bool
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, prefix+" ") && strings.Contains(line, tt.rule) {
					found = true
				}
			}
			if !found {
				t.Errorf("error:\n%v\nwant a line starting %q containing %q", err, prefix, tt.rule)
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.File != path {
				t.Errorf("errors.As(*Error) = %v, %+v; want an *Error for %s", errors.As(err, &ce), ce, path)
			}
		})
	}
}

func TestLoadReportsEveryProblemInOrder(t *testing.T) {
	path := writeConfig(t, edit(t, baseConfig(t),
		`username = "minh.tq"`, `username = ""`,
		`open = "07:30"`, `open = "x"`,
		`services = ["B"]`, `services = ["Q"]`,
	))
	_, err := Load(path)
	if err == nil {
		t.Fatal("Load: got nil error")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{path + ":5: ", path + ":36: ", path + ":67: "}
	if len(lines) != len(want) {
		t.Fatalf("got %d problems:\n%v\nwant %d", len(lines), err, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, lines[i], w)
		}
	}
}

func TestLoadCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("[hall]\nname = \"x\"\n[[service]]\nid = \"A\"\nname = \"A\"\n")
	for i := range 40 {
		b.WriteString("[[counter]]\nid = " + strconv.Itoa(i+1) + "\nname = \"\"\nservices = [\"A\"]\n")
	}
	_, err := Load(writeConfig(t, b.String()))
	if err == nil {
		t.Fatal("Load: got nil error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxProblems+1 || !strings.Contains(lines[maxProblems], "10 more errors") {
		t.Errorf("got %d lines ending %q, want %d ending with \"10 more errors\"", len(lines), lines[len(lines)-1], maxProblems+1)
	}
}

// serviceBlock returns the two [[service]] tables of testdata/hall.toml.
func serviceBlock(t *testing.T) string {
	t.Helper()
	base := baseConfig(t)
	start := strings.Index(base, "[[service]]")
	end := strings.Index(base, "[[counter]]\nid = 1")
	if start < 0 || end < start {
		t.Fatal("serviceBlock: testdata/hall.toml changed")
	}
	return base[start:end]
}

// A hall admin may save the file on Windows: a BOM and CRLF line ends must
// neither fail the file nor shift the lines of errors.
func TestLoadWindowsText(t *testing.T) {
	noComment := strings.Replace(baseConfig(t), "# A small valid hall for the tests. Line numbers matter: validate_test.go\n", "", 1)
	broken := edit(t, noComment, `timezone = "Asia/Ho_Chi_Minh"`, `timezone = "Asia/Hanoi"`, `services = ["B"]`, `services = ["Z"]`)
	tests := []struct {
		name string
		text string
		want []string // error prefixes; none for a valid file
	}{
		{"BOM", "\ufeff" + noComment, nil},
		{"CRLF", strings.ReplaceAll(noComment, "\n", "\r\n"), nil},
		{"BOM and CRLF, broken", "\ufeff" + strings.ReplaceAll(broken, "\n", "\r\n"), []string{":3: [hall]: múi giờ", ":35: [[counter]] id 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.text)
			_, err := Load(path)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Load: got nil error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), path+w) {
					t.Errorf("error:\n%v\nwant %q", err, path+w)
				}
			}
		})
	}
}

func TestCheckPublicURL(t *testing.T) {
	for _, ok := range []string{"", "http://192.168.10.2:8080", "https://motcua.example.gov.vn", "http://hall.local/", "http://10.0.0.2/hall"} {
		if msg := CheckPublicURL(ok); msg != "" {
			t.Errorf("CheckPublicURL(%q): got %q, want no problem", ok, msg)
		}
	}
	for _, bad := range []string{"ws://10.0.0.2", "http//10.0.0.2", "http://user:pw@10.0.0.2", "http://10.0.0.2/#x", "http://10.0.0.2 /", "javascript:alert(1)", "http://:8080"} {
		if msg := CheckPublicURL(bad); !strings.Contains(msg, "public_url must be an http(s) URL") {
			t.Errorf("CheckPublicURL(%q): got %q, want the rule", bad, msg)
		}
	}
}

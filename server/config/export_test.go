package config

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestExportRoundTrip(t *testing.T) {
	_, c, _, err := demoConfig(bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	c.Hall.Ticker = "Giờ \"cao điểm\": 8:00 - 10:00\\ngày\tthứ Hai"
	c.Services[1].Retired = true
	c.Services[0].Procedures = []string{"Cấp giấy phép bán lẻ rượu", "Cấp lại"}
	c.Counters[2].Retired = true
	c.Clerks[0].MustChangePIN = true
	c.Clerks[1].Disabled = true
	c.Supervisors = append(c.Supervisors, Supervisor{Username: "gs2", Name: "Giám sát 2",
		PasswordHash: c.Supervisors[0].PasswordHash, Role: RoleSupervisor})
	out, err := Export(c, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "02/12/2026 09:00") || strings.Contains(string(out), "1111") {
		t.Errorf("export heading or secrets wrong:\n%s", out)
	}
	path := writeConfig(t, string(out))
	got, err := Load(path)
	if err != nil {
		t.Fatalf("Load(Export(c)): %v\n%s", err, out)
	}
	c.Path = path
	if !reflect.DeepEqual(got, c) {
		t.Errorf("Load(Export(c)) =\n%+v\nwant\n%+v", got, c)
	}
	if cl := c.Clone(); !reflect.DeepEqual(cl, c) || &cl.Services[0] == &c.Services[0] {
		t.Errorf("Clone is not a deep copy")
	}
}

func TestValidateNamesFields(t *testing.T) {
	_, c, _, err := demoConfig(bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if errs := Validate(c); errs != nil {
		t.Fatalf("demo: %v", Join(errs))
	}
	c.Services[2].Name = " "
	c.Counters[1].Services = []string{"Z"}
	c.Supervisors[0].Role = RoleSupervisor
	errs := Validate(c)
	type at struct {
		table string
		index int
		key   string
	}
	got := map[at]bool{}
	for _, e := range errs {
		got[at{e.Table, e.Index, e.Key}] = true
		if e.Line != 0 || !strings.Contains(e.Msg, "(") {
			t.Errorf("%+v: want no line and a bilingual message", e)
		}
	}
	for _, w := range []at{{"service", 2, "name"}, {"counter", 1, "services"}, {"supervisor", -1, ""}} {
		if !got[w] {
			t.Errorf("no problem at %+v in %v", w, Join(errs))
		}
	}
}

func TestRoles(t *testing.T) {
	text := edit(t, baseConfig(t), "[[supervisor]]\n", "[[supervisor]]\nrole = \"boss\"\n")
	_, err := Load(writeConfig(t, text))
	if err == nil || !strings.Contains(err.Error(), "role must be admin or supervisor") {
		t.Errorf("Load with role boss: %v", err)
	}
	c, err := Load(writeConfig(t, baseConfig(t)))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Supervisors[0].IsAdmin() {
		t.Error("a [[supervisor]] without role is not an admin")
	}
}

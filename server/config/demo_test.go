package config

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

func TestWriteDemo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "sub", "hall.toml")
	demo, err := writeDemo(path, bcrypt.MinCost)
	if err != nil {
		t.Fatalf("WriteDemo: %v", err)
	}
	if demo == nil {
		t.Fatal("WriteDemo returned no Demo for a new file")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(raw) || !bytes.Contains(raw, []byte("Sở Công Thương tỉnh Bình Dương")) {
		t.Errorf("demo file is not the UTF-8 demo hall")
	}
	if n := bytes.Count(raw, []byte("\n#")); n < 20 {
		t.Errorf("demo file has %d comment lines, want the keys explained", n)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load(demo): %v", err)
	}

	t.Run("hall", func(t *testing.T) {
		h := c.Hall
		if h.Name != "Sở Công Thương tỉnh Bình Dương" || h.Timezone != "Asia/Ho_Chi_Minh" || h.Open != "07:30" ||
			h.Close != "17:00" || h.RatingWindow != "30m" || h.WaitAlert != "20m" || h.PriorityStreak != 3 ||
			h.FeedbackContact == "" || h.Ticker == "" || h.Announcement != DefaultAnnouncement {
			t.Errorf("Hall = %+v", h)
		}
	})
	t.Run("services and counters", func(t *testing.T) {
		var ids []string
		for _, s := range c.Services {
			ids = append(ids, s.ID)
			if s.Description == "" {
				t.Errorf("service %s has no description", s.ID)
			}
		}
		if want := []string{"A", "B", "C", "D", "E", "F"}; !reflect.DeepEqual(ids, want) {
			t.Errorf("services = %v, want %v", ids, want)
		}
		served := map[string]bool{}
		for i, ct := range c.Counters {
			if ct.ID != i+1 || ct.Name != "Quầy "+string(rune('1'+i)) || len(ct.Services) < 1 || len(ct.Services) > 3 {
				t.Errorf("counter %d = %+v", i, ct)
			}
			for _, s := range ct.Services {
				served[s] = true
			}
		}
		if len(c.Counters) != 5 || len(served) != 6 {
			t.Errorf("%d counters serving %d services, want 5 serving all 6", len(c.Counters), len(served))
		}
	})
	t.Run("devices", func(t *testing.T) {
		want := map[string]Device{
			"kiosk-1":   {ID: "kiosk-1", Role: "kiosk", Token: "demo-kiosk-1-token-0001"},
			"pad-3":     {ID: "pad-3", Role: "kiosk", Token: "demo-pad-3-token-000003", Counter: 3},
			"counter-5": {ID: "counter-5", Role: "counter", Token: "demo-counter-5-token-05", Counter: 5},
			"display-2": {ID: "display-2", Role: "display", Token: "demo-display-2-token-02"},
		}
		for id, w := range want {
			if d, ok := c.Device(id); !ok || d != w {
				t.Errorf("Device(%q) = %+v, %v; want %+v", id, d, ok, w)
			}
		}
		if len(c.Devices) != 13 || !reflect.DeepEqual(demo.Devices, c.Devices) {
			t.Errorf("%d devices, Demo.Devices = %+v; want the 13 of the file", len(c.Devices), demo.Devices)
		}
	})
	t.Run("logins", func(t *testing.T) {
		if len(demo.Clerks) != 5 || len(c.Clerks) != 5 {
			t.Fatalf("%d demo clerks, %d in file, want 5", len(demo.Clerks), len(c.Clerks))
		}
		for i, l := range demo.Clerks {
			cl := c.Clerks[i]
			if cl.Username != l.Username || cl.Name != l.Name || !CheckHash(cl.PINHash, l.Secret) {
				t.Errorf("clerk %s: PIN %q does not match the file's %+v", l.Username, l.Secret, cl)
			}
			if want := strings.Repeat(string(rune('1'+i)), 4); l.Secret != want {
				t.Errorf("clerk %s PIN = %q, want %q", l.Username, l.Secret, want)
			}
		}
		s, ok := c.Supervisor("giamsat")
		if !ok || s.Name != "Trần Văn Giám" || !CheckHash(s.PasswordHash, "giamsat2026") {
			t.Errorf("supervisor giamsat = %+v, %v; want Trần Văn Giám with password giamsat2026", s, ok)
		}
		if !reflect.DeepEqual(demo.Supervisors, []DemoLogin{{Username: "giamsat", Name: "Trần Văn Giám", Secret: "giamsat2026"}}) {
			t.Errorf("Demo.Supervisors = %+v", demo.Supervisors)
		}
	})
	t.Run("file mode", func(t *testing.T) {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("mode = %v, want readable by the owner only", fi.Mode())
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".hall-*"))
		if len(left) != 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
}

// TestWriteDemoCost checks that the exported WriteDemo hashes at HashCost.
func TestWriteDemoCost(t *testing.T) {
	if testing.Short() {
		t.Skip("bcrypt at cost 10 is slow under -race")
	}
	path := filepath.Join(t.TempDir(), "hall.toml")
	if _, err := WriteDemo(path); err != nil {
		t.Fatalf("WriteDemo: %v", err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	hashes := []string{c.Supervisors[0].PasswordHash}
	for _, cl := range c.Clerks {
		hashes = append(hashes, cl.PINHash)
	}
	for _, h := range hashes {
		if cost, err := bcrypt.Cost([]byte(h)); err != nil || cost != HashCost {
			t.Errorf("bcrypt.Cost(%s) = %d, %v; want %d", h, cost, err, HashCost)
		}
	}
}

func TestWriteDemoKeepsExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hall.toml")
	const mine = "# my own hall\n"
	if err := os.WriteFile(path, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	demo, err := WriteDemo(path)
	if demo != nil || err != nil {
		t.Errorf("WriteDemo over a file = %v, %v; want nil, nil", demo, err)
	}
	if b, _ := os.ReadFile(path); string(b) != mine {
		t.Errorf("file changed to %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only hall.toml", len(entries))
	}
}

func TestDemoPrint(t *testing.T) {
	_, _, demo, err := demoConfig(bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	demo.Print(&b)
	out := b.String()
	for _, want := range []string{
		"Thiết bị (devices)", "kiosk-1", "demo-kiosk-1-token-0001", "pad-5", "demo-counter-3-token-03",
		"display-2", "Màn hình phòng chờ (display)", "Máy đánh giá tại quầy (kiosk)",
		"Công chức một cửa (clerks)", "hang.nd", "Nguyễn Diệu Hằng", "5555",
		"Người giám sát (supervisors)", "giamsat", "giamsat2026",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Print output lacks %q:\n%s", want, out)
		}
	}
}

// TestDemoTokensMarked checks that every demo token starts "demo-", which is
// how DemoSecretsInUse recognises them, and that the demo secrets are the
// template's.
func TestDemoTokensMarked(t *testing.T) {
	_, c, demo, err := demoConfig(bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Devices {
		if !strings.HasPrefix(d.Token, "demo-") {
			t.Errorf("demo device %s token %q does not start with demo-", d.ID, d.Token)
		}
	}
	pins, passwords := demoSecrets()
	if len(pins) != len(demo.Clerks) || len(passwords) != 1 || passwords[0] != "giamsat2026" {
		t.Errorf("demoSecrets = %v, %v", pins, passwords)
	}
	for _, l := range demo.Clerks {
		if pins[l.Username] != l.Secret || l.Name == "" {
			t.Errorf("clerk %+v: secret %q in demoSecrets", l, pins[l.Username])
		}
	}
}

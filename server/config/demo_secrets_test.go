package config

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestDemoSecretsInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hall.toml")
	if _, err := writeDemo(path, 4); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := DemoSecretsInUse(c)
	all := strings.Join(got, "; ")
	for _, want := range []string{"thiết bị kiosk-1", "thiết bị pad-1", "cán bộ hang.nd", "cán bộ thao.vtp", "mật khẩu của giamsat"} {
		if !strings.Contains(all, want) {
			t.Errorf("demo secrets %q lack %q", all, want)
		}
	}
	// Replaced secrets are not reported.
	for i := range c.Devices {
		c.Devices[i].Token = "real-token-of-" + c.Devices[i].ID + "-7f3a9c"
	}
	h, _ := hashWithCost("8264", 4)
	for i := range c.Clerks {
		c.Clerks[i].PINHash = h
	}
	c.Supervisors[0].PasswordHash, _ = hashWithCost("một mật khẩu dài", 4)
	if got := DemoSecretsInUse(c); len(got) != 0 {
		t.Errorf("after replacing every secret: %q, want none", got)
	}
}

package config

import "strings"

// demoPINs and demoPasswords are the published demo secrets by username.
var (
	demoPINs      = map[string]string{"hang.nd": "1111", "minh.tq": "2222", "lan.ptn": "3333", "tuan.lv": "4444", "thao.vtp": "5555"}
	demoPasswords = []string{"giamsat2026"}
)

// DemoSecretsInUse lists, in Vietnamese, the secrets of c that still equal
// a published demo value: a device token of the demo hall (or any token
// starting "demo-"), a demo clerk's PIN, a supervisor's demo password. It
// checks bcrypt hashes, so it takes a fraction of a second per login: call
// it off the start path.
func DemoSecretsInUse(c *Config) []string {
	demoTokens := map[string]bool{}
	for _, d := range demoDevices() {
		demoTokens[d.Token] = true
	}
	var found []string
	for _, d := range c.Devices {
		if demoTokens[d.Token] || strings.HasPrefix(d.Token, "demo-") {
			found = append(found, "mã (token) của thiết bị "+d.ID)
		}
	}
	for _, cl := range c.Clerks {
		for _, pin := range []string{demoPINs[cl.Username], "1111"} {
			if pin != "" && CheckHash(cl.PINHash, pin) {
				found = append(found, "mã PIN của cán bộ "+cl.Username)
				break
			}
		}
	}
	for _, sv := range c.Supervisors {
		for _, pw := range demoPasswords {
			if CheckHash(sv.PasswordHash, pw) {
				found = append(found, "mật khẩu của "+sv.Username)
			}
		}
	}
	return found
}

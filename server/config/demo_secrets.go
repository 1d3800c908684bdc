package config

import "strings"

// demoSecrets returns the published demo secrets of the demo template: the
// clerks' PINs by username and the supervisors' passwords.
func demoSecrets() (pins map[string]string, passwords []string) {
	_, d, err := demoText(func(s string) (string, error) { return s, nil })
	if err != nil {
		panic(err) // the embedded template is tested
	}
	pins = map[string]string{}
	for _, l := range d.Clerks {
		pins[l.Username] = l.Secret
	}
	for _, l := range d.Supervisors {
		passwords = append(passwords, l.Secret)
	}
	return pins, passwords
}

// DemoSecretsInUse lists, in Vietnamese, the secrets of c that still equal
// a published demo value: a device token of the demo hall (or any token
// starting "demo-"), a demo clerk's PIN, a supervisor's demo password. It
// checks bcrypt hashes, so it takes a fraction of a second per login: call
// it off the start path.
func DemoSecretsInUse(c *Config) []string {
	demoPINs, demoPasswords := demoSecrets()
	var found []string
	for _, d := range c.Devices {
		// Every token of the demo hall starts "demo-".
		if strings.HasPrefix(d.Token, "demo-") {
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

package langenv

import "testing"

func TestApply(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"nothing set", nil, "vi"},
		{"LANG=C", map[string]string{"LANG": "C"}, "vi"},
		{"LANG=C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "vi"},
		{"LC_ALL=POSIX", map[string]string{"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, "vi"},
		{"LANG=en_US.UTF-8 kept", map[string]string{"LANG": "en_US.UTF-8"}, ""},
		{"LC_ALL wins", map[string]string{"LC_ALL": "vi_VN.UTF-8", "LANG": "C"}, ""},
		{"LANGUAGE kept", map[string]string{"LANGUAGE": "en", "LANG": "C"}, "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = v
			}
			Apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if got := env["LANGUAGE"]; got != tc.want {
				t.Errorf("LANGUAGE: got %q, want %q", got, tc.want)
			}
		})
	}
}

package main

import (
	"io"
	"testing"

	"hallq/shared/hallclient"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    options
		wantErr bool
	}{
		{"flags", []string{"-server", "ws://10.0.0.2:8080/ws", "-device", "counter-1", "-token", "tok"}, nil,
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://10.0.0.2:8080/ws", Device: "counter-1", Token: "tok", ServerSet: true}}, false},
		{"environment", nil, map[string]string{"HALL_SERVER": "ws://h:1/ws", "HALL_DEVICE": "counter-2", "HALL_TOKEN": "secret"},
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://h:1/ws", Device: "counter-2", Token: "secret", ServerSet: true}}, false},
		{"flag wins over environment", []string{"-device", "counter-3"}, map[string]string{"HALL_DEVICE": "counter-2", "HALL_TOKEN": "secret"},
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://localhost:8080/ws", Device: "counter-3", Token: "secret"}}, false},
		{"no token: pairing", []string{"-server", "ws://h:1/ws"}, nil, options{ConnFlags: hallclient.ConnFlags{Server: "ws://h:1/ws", ServerSet: true}}, false},
		{"a token needs a device", []string{"-token", "tok"}, nil, options{}, true},
		{"unknown flag", []string{"-fullscreen"}, nil, options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			got, err := parseFlags(tt.args, lookup, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error: got %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

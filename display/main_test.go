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
		{"flags", []string{"-server", "ws://10.0.0.2:8080/ws", "-device", "display-1", "-token", "t0123456789abcdef", "-fullscreen"}, nil,
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://10.0.0.2:8080/ws", Device: "display-1", Token: "t0123456789abcdef", ServerSet: true}, fullscreen: true, chime: true}, false},
		{"env", nil, map[string]string{"HALL_DEVICE": "d", "HALL_TOKEN": "t", "HALL_VOICE": "/srv/voice", "HALL_CHIME": "false"},
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://localhost:8080/ws", Device: "d", Token: "t"}, voiceDir: "/srv/voice"}, false},
		{"mute keeps the chime", []string{"-device", "d", "-token", "t", "-mute"}, nil,
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://localhost:8080/ws", Device: "d", Token: "t"}, mute: true, chime: true}, false},
		{"player command from the environment", []string{"-device", "d", "-token", "t"}, map[string]string{"HALL_PLAYER_CMD": "aplay -D plughw:1,0 -q -"},
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://localhost:8080/ws", Device: "d", Token: "t"}, chime: true, playerCmd: "aplay -D plughw:1,0 -q -"}, false},
		{"no token: pairing", []string{"-server", "ws://10.0.0.2:8080/ws"}, nil,
			options{ConnFlags: hallclient.ConnFlags{Server: "ws://10.0.0.2:8080/ws", ServerSet: true}, chime: true}, false},
		{"a token needs a device", []string{"-token", "t"}, nil, options{}, true},
		{"voice and mute", []string{"-device", "d", "-token", "t", "-mute", "-voice", "/x"}, nil, options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFlags(tt.args, func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

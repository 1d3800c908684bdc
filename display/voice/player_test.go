package voice

import (
	"context"
	"errors"
	"os/exec"
	"reflect"
	"testing"
)

func TestNewSystemPlayer(t *testing.T) {
	tests := []struct {
		name     string
		onPath   []string
		wantPath string
		wantErr  error
	}{
		{"aplay first", []string{"aplay", "paplay"}, "/usr/bin/aplay", nil},
		{"paplay", []string{"paplay"}, "/usr/bin/paplay", nil},
		{"none", nil, "", ErrNoPlayer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			look := func(name string) (string, error) {
				for _, p := range tt.onPath {
					if p == name {
						return "/usr/bin/" + name, nil
					}
				}
				return "", exec.ErrNotFound
			}
			p, err := NewSystemPlayer(look)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && p.(CommandPlayer).Path != tt.wantPath {
				t.Errorf("path = %q, want %q", p.(CommandPlayer).Path, tt.wantPath)
			}
		})
	}
}

func TestCommandPlayer(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	ok := CommandPlayer{Path: sh, Args: []string{"-c", "cat >/dev/null"}}
	if err := ok.Play(context.Background(), EncodeWAV(make([]int16, 10))); err != nil {
		t.Errorf("Play: %v", err)
	}
	bad := CommandPlayer{Path: sh, Args: []string{"-c", "echo no device >&2; exit 1"}}
	if err := bad.Play(context.Background(), nil); err == nil {
		t.Error("failing player: no error")
	}
}

func TestParseCommand(t *testing.T) {
	look := func(name string) (string, error) {
		if name == "aplay" || name == "/opt/rec.sh" {
			return "/usr/bin/" + name, nil
		}
		return "", exec.ErrNotFound
	}
	tests := []struct {
		name    string
		line    string
		want    CommandPlayer
		wantErr bool
	}{
		{"device", "aplay -D plughw:1,0 -q -", CommandPlayer{Path: "/usr/bin/aplay", Args: []string{"-D", "plughw:1,0", "-q", "-"}}, false},
		{"spaces", "  aplay   -q  ", CommandPlayer{Path: "/usr/bin/aplay", Args: []string{"-q"}}, false},
		{"script with a directory", "/opt/rec.sh /tmp/out", CommandPlayer{Path: "/usr/bin//opt/rec.sh", Args: []string{"/tmp/out"}}, false},
		{"empty", "  ", CommandPlayer{}, true},
		{"not found", "mpv -", CommandPlayer{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCommand(tt.line, look)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

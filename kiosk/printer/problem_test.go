package printer

import (
	"context"
	"errors"
	"fmt"
	"image"
	"net"
	"path/filepath"
	"strings"
	"testing"
)

func TestProblem(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	refused := (&TCP{Addr: closed}).Print(context.Background(), img, "x")
	missing := Device{Path: filepath.Join(t.TempDir(), "lp0")}.Print(context.Background(), img, "x")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"no error", nil, ""},
		{"out of paper", fmt.Errorf("printer: print A001: %w", ErrNoPaper), "máy in hết giấy"},
		{"refused", refused, "máy in từ chối kết nối"},
		{"no device", missing, "không thấy máy in"},
		{"other", errors.New("boom"), "máy in lỗi: boom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Problem(tc.err)
			if !strings.HasPrefix(got, tc.want) || (tc.want == "" && got != "") {
				t.Errorf("Problem(%v): got %q, want it to start with %q", tc.err, got, tc.want)
			}
		})
	}
}

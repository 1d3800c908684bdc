package main

import (
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hallq/shared/xtest"
)

// TestFlagErrorsVietnameseFirst: a wrong flag or value gives an error whose
// first line is Vietnamese and second English, and the usage with
// Vietnamese descriptions.
func TestFlagErrorsVietnameseFirst(t *testing.T) {
	xtest.FlagErrorsVietnameseFirst(t, "kiosk", func(args []string, out io.Writer) error {
		_, err := parseFlags(args, func(string) (string, bool) { return "", false }, out)
		return err
	}, "máy in phiếu")
}

// TestCAFlag: -ca (or HALL_CA) reads the hall's CA for wss://; a file that
// is missing or holds no certificate is a flag error, Vietnamese first,
// which main turns into exit status 2.
func TestCAFlag(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "bad.pem")
	os.WriteFile(good, caPEM, 0o644)
	os.WriteFile(bad, []byte("không phải chứng chỉ"), 0o644)
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string // the second line's text; empty: parses
	}{
		{"flag", []string{"-ca", good}, nil, ""},
		{"environment", nil, map[string]string{"HALL_CA": good}, ""},
		{"missing file", []string{"-ca", filepath.Join(dir, "none.pem")}, nil, "không đọc được tệp CA"},
		{"not a certificate", []string{"-ca", bad}, nil, "không chứa chứng chỉ PEM"},
		{"bad file from the environment", nil, map[string]string{"HALL_CA": bad}, "không chứa chứng chỉ PEM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseFlags(tt.args, func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }, io.Discard)
			if tt.wantErr == "" {
				if err != nil || c.CA.PEM != string(caPEM) {
					t.Fatalf("err %v, CA %d bytes; want the CA", err, len(c.CA.PEM))
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.SplitN(err.Error(), "\n", 2)
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "Giá trị không hợp lệ cho cờ -ca") && !strings.HasPrefix(lines[0], "Biến môi trường HALL_CA") ||
				!strings.Contains(lines[1], tt.wantErr) {
				t.Errorf("error:\n%s\nwant a Vietnamese first line and %q", err, tt.wantErr)
			}
		})
	}
}

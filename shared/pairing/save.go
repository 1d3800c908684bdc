package pairing

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Creds are what a paired app keeps: the server it paired with, its device
// id and token, and the hall CA's certificate when the server has TLS.
type Creds struct {
	Server  string `json:"server"`
	Device  string `json:"device"`
	Token   string `json:"token"`
	Role    string `json:"role,omitempty"`
	Counter int    `json:"counter,omitempty"`
	CAPEM   string `json:"ca_pem,omitempty"`
}

// Path returns where app ("kiosk", "counter", "display") keeps its
// credentials: os.UserConfigDir()/hallq/<app>.json.
func Path(app string) (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("pairing: config dir: %w", err)
	}
	return filepath.Join(dir, "hallq", app+".json"), nil
}

// Load reads the credentials at path; an absent file is os.ErrNotExist.
// A file without a server, device or token counts as absent.
func Load(path string) (Creds, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Creds{}, err
	}
	var c Creds
	if err := json.Unmarshal(b, &c); err != nil {
		return Creds{}, fmt.Errorf("pairing: %s: %w", path, err)
	}
	if c.Server == "" || c.Device == "" || c.Token == "" {
		return Creds{}, fmt.Errorf("pairing: %s: incomplete: %w", path, os.ErrNotExist)
	}
	return c, nil
}

// Save writes c to path, readable by the user alone (folder 0700, file
// 0600), through a temporary file renamed into place so that a crash
// leaves the old file or the new one.
func Save(path string, c Creds) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("pairing: save: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("pairing: save: %w", err)
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("pairing: save: %w", err)
	}
	f, err := os.CreateTemp(dir, ".pair-*")
	if err != nil {
		return fmt.Errorf("pairing: save: %w", err)
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("pairing: save: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("pairing: save: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("pairing: save: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("pairing: save: %w", err)
	}
	return nil
}

// Forget removes the credentials at path (a revoked token); an absent
// file is no error.
func Forget(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("pairing: forget: %w", err)
	}
	return nil
}

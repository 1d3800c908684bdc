package voice

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDefaultClips checks that the shipped set says every word of the
// vocabulary, stays small, and that each clip is a plausible spoken word.
func TestDefaultClips(t *testing.T) {
	c := Default()
	for _, name := range append(VocabularyNames(), ClipChime) {
		s, ok := c[name]
		if !ok {
			t.Errorf("no default clip %q", name)
			continue
		}
		d := time.Duration(len(s)) * time.Second / SampleRate
		if d < 50*time.Millisecond || d > 3*time.Second {
			t.Errorf("clip %q lasts %v", name, d)
		}
	}
	var total int64
	entries, err := defaultFS.ReadDir("clips")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		total += info.Size()
	}
	if total > 900_000 {
		t.Errorf("default clips take %d bytes, want well under 1 MB", total)
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	own := make([]int16, SampleRate/2)
	if err := os.WriteFile(filepath.Join(dir, "ba.wav"), EncodeWAV(own), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c["ba"]); got != len(own) {
		t.Errorf("ba has %d samples, want the hall's own %d", got, len(own))
	}
	if !c.Has("hai") {
		t.Error("hai missing: the default should fill in")
	}

	if err := os.WriteFile(filepath.Join(dir, "hai.wav"), []byte("not a wav"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(dir); err == nil {
		t.Error("LoadDir with a broken file: no error")
	}
	if _, err := LoadDir(t.TempDir()); err == nil {
		t.Error("LoadDir of an empty dir: no error")
	}
}

// Command genclips makes the default clip set of package voice: one WAV
// file per entry of voice.Vocabulary, spoken by espeak-ng's Vietnamese
// voice, trimmed of silence and converted to 16 kHz mono 16-bit with sox
// (without dither, so that a rerun gives the same bytes),
// plus a synthesised two-note chime. Run it from display/voice with
// `go generate` (espeak-ng and sox must be on PATH); it writes ./clips.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"math"
	"os"
	"os/exec"
	"path/filepath"

	"hallq/display/voice"
)

func main() {
	out := flag.String("out", "clips", "directory to write the clips into")
	speed := flag.Int("speed", 140, "espeak-ng speed in words per minute")
	flag.Parse()
	if err := run(*out, *speed); err != nil {
		slog.Error("genclips", "err", err)
		os.Exit(1)
	}
}

func run(out string, speed int) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "genclips")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	vocab := voice.Vocabulary()
	for _, name := range voice.VocabularyNames() {
		if err := speak(vocab[name], speed, filepath.Join(tmp, name+".wav"), filepath.Join(out, name+".wav")); err != nil {
			return fmt.Errorf("%s (%q): %w", name, vocab[name], err)
		}
	}
	return os.WriteFile(filepath.Join(out, voice.ClipChime+".wav"), voice.EncodeWAV(chime()), 0o644)
}

// speak renders text with espeak-ng into raw, then trims and converts it
// into dst with sox.
func speak(text string, speed int, raw, dst string) error {
	cmd := exec.Command("espeak-ng", "-v", "vi", "-s", fmt.Sprint(speed), "-w", raw, text)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("espeak-ng: %w: %s", err, b)
	}
	cmd = exec.Command("sox", "-R", "-D", raw, "-r", fmt.Sprint(voice.SampleRate), "-b", "16", "-c", "1", dst,
		"silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("sox: %w: %s", err, b)
	}
	return nil
}

// chime synthesises a soft two-note "ding-dong" (E6 then C6), each note a
// sine with a few overtones and an exponential decay.
func chime() []int16 {
	var s []int16
	for _, note := range []struct {
		freq float64
		dur  float64
	}{{1318.5, 0.45}, {1046.5, 0.75}} {
		n := int(note.dur * voice.SampleRate)
		for i := range n {
			t := float64(i) / voice.SampleRate
			env := math.Exp(-4*t) * math.Min(1, t/0.005)
			v := math.Sin(2*math.Pi*note.freq*t) + 0.3*math.Sin(4*math.Pi*note.freq*t) + 0.1*math.Sin(6*math.Pi*note.freq*t)
			s = append(s, int16(v/1.4*env*0.6*math.MaxInt16))
		}
	}
	return s
}

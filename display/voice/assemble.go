package voice

import "time"

// Silences put between clips.
const (
	wordGap  = 40 * time.Millisecond
	pauseGap = 200 * time.Millisecond
	chimeGap = 300 * time.Millisecond
	tailGap  = 150 * time.Millisecond
)

// Assemble joins the named clips into one WAV file, with a short silence
// between words, a longer one at each ClipPause and after a chime, and a
// tail so that players do not clip the last word. Names the set lacks are
// skipped and returned in missing.
func Assemble(names []string, clips Clips) (wav []byte, missing []string) {
	var out []int16
	for i, name := range names {
		if name == ClipPause {
			out = appendSilence(out, pauseGap)
			continue
		}
		s, ok := clips[name]
		if !ok {
			missing = append(missing, name)
			continue
		}
		out = append(out, s...)
		if i+1 < len(names) && names[i+1] != ClipPause {
			gap := wordGap
			if name == ClipChime {
				gap = chimeGap
			}
			out = appendSilence(out, gap)
		}
	}
	out = appendSilence(out, tailGap)
	return EncodeWAV(out), missing
}

// Duration returns how long a WAV file made by EncodeWAV plays.
func Duration(wav []byte) time.Duration {
	const header = 44
	if len(wav) <= header {
		return 0
	}
	return time.Duration(len(wav)-header) / 2 * time.Second / SampleRate
}

func appendSilence(s []int16, d time.Duration) []int16 {
	return append(s, make([]int16, int(d*SampleRate/time.Second))...)
}

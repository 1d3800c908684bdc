package voice

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Clips maps clip names (see ClipName) to their samples, mono at SampleRate.
// A Clips is not modified once built and may be shared between goroutines.
type Clips map[string][]int16

// Has reports whether the set holds the named clip.
func (c Clips) Has(name string) bool {
	_, ok := c[name]
	return ok
}

//go:embed clips/*.wav
var defaultFS embed.FS

// Default returns the clip set shipped with the program, made with
// espeak-ng's Vietnamese voice (see genclips). It panics if the embedded set
// is broken, which its tests rule out.
func Default() Clips {
	c, err := loadFS(defaultFS, "clips")
	if err != nil {
		panic(fmt.Sprintf("voice: embedded clips: %v", err))
	}
	return c
}

// LoadDir returns the default set with every clip of dir's *.wav files put
// over it, so that a hall may record all of the vocabulary or only part of
// it. An unreadable directory or a file that is not a PCM WAV is an error
// that names the file.
func LoadDir(dir string) (Clips, error) {
	c := Default()
	own, err := loadFS(os.DirFS(dir), ".")
	if err != nil {
		return nil, fmt.Errorf("voice: %s: %w", dir, err)
	}
	if len(own) == 0 {
		return nil, fmt.Errorf("voice: %s: no .wav files", dir)
	}
	for name, s := range own {
		c[name] = s
	}
	return c, nil
}

// loadFS decodes every *.wav file of dir in fsys.
func loadFS(fsys fs.FS, dir string) (Clips, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.wav"))
	if err != nil {
		return nil, err
	}
	c := Clips{}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		s, err := DecodeWAV(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(n), err)
		}
		c[strings.TrimSuffix(path.Base(n), ".wav")] = s
	}
	return c, nil
}

// Vocabulary maps every clip name the default wording can use to the text
// it says: the syllables of the numerals, the names of the letters A to Z,
// the words of DefaultTemplate and its runs of text as whole clips. The
// chime is not in it. genclips makes one clip for each entry, and the list
// is what a hall records for -voice DIR.
func Vocabulary() map[string]string {
	v := map[string]string{}
	add := func(text string) { v[ClipName(text)] = text }
	for _, w := range digitWords {
		add(w)
	}
	for _, w := range []string{"mười", "mươi", "mốt", "tư", "lăm", "lẻ", "trăm", "nghìn"} {
		add(w)
	}
	for r, name := range letterNames {
		v[LetterClip(r)] = name
	}
	for _, part := range templateText(DefaultTemplate) {
		add(part)
		for _, w := range strings.Fields(part) {
			add(w)
		}
	}
	return v
}

// VocabularyNames returns Vocabulary's clip names, sorted.
func VocabularyNames() []string {
	var names []string
	for n := range Vocabulary() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// templateText returns the runs of text between a template's placeholders.
func templateText(t string) []string {
	var out []string
	for t != "" {
		i := strings.IndexByte(t, '{')
		j := strings.IndexByte(t, '}')
		if i < 0 || j < i {
			i, j = len(t), len(t)-1
		}
		if s := strings.TrimSpace(t[:i]); s != "" {
			out = append(out, s)
		}
		t = t[j+1:]
	}
	return out
}

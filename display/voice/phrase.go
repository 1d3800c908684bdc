package voice

import (
	"strings"
	"unicode"
)

// DefaultTemplate is the announcement when the hall's config gives none.
const DefaultTemplate = "Xin mời công dân có số {number} đến quầy số {counter}"

// Names of the clips that are not words.
const (
	// ClipChime is the sound before each announcement.
	ClipChime = "chime"
	// ClipPause marks a short silence between the parts of a phrase; it is
	// not a file.
	ClipPause = "_pause"
)

// letterNames are the Vietnamese names of the letters, as read in a ticket
// number.
var letterNames = map[rune]string{
	'A': "a", 'B': "bê", 'C': "xê", 'D': "dê", 'E': "e", 'F': "ép", 'G': "giê",
	'H': "hát", 'I': "i", 'J': "gi", 'K': "ca", 'L': "e lờ", 'M': "em mờ",
	'N': "en nờ", 'O': "o", 'P': "pê", 'Q': "quy", 'R': "e rờ", 'S': "ét xì",
	'T': "tê", 'U': "u", 'V': "vê", 'W': "vê kép", 'X': "ích xì", 'Y': "i dài",
	'Z': "dét",
}

// LetterClip returns the clip name of a ticket letter: "letter-a" for A.
func LetterClip(r rune) string {
	return "letter-" + string(unicode.ToLower(r))
}

// Phrase returns the clip names that say an announcement: the template's
// text, with {number} replaced by the ticket number read as its letter and
// its numeral ("A105": letter-a, motj, tram, ...) and {counter} by the
// counter's numeral. Each run of text between placeholders is one clip if
// the set has it (its words' clip names joined with "_"), else one clip per
// word, so that a hall can record whole sentences or single words. Parts are
// separated by ClipPause. An empty template is DefaultTemplate.
func Phrase(template, number string, counter int, has func(string) bool) []string {
	if strings.TrimSpace(template) == "" {
		template = DefaultTemplate
	}
	var out []string
	for template != "" {
		i := strings.IndexByte(template, '{')
		j := strings.IndexByte(template, '}')
		if i < 0 || j < i {
			out = appendText(out, template, has)
			break
		}
		out = appendText(out, template[:i], has)
		switch template[i+1 : j] {
		case "number":
			out = appendPart(out, numberClips(number))
		case "counter":
			out = appendPart(out, wordClips(NumeralWords(counter)))
		default:
			out = appendText(out, template[i:j+1], has)
		}
		template = template[j+1:]
	}
	return out
}

// numberClips reads a ticket number: each letter by its name, each run of
// digits as a numeral.
func numberClips(number string) []string {
	var out []string
	digits := -1
	flush := func() {
		if digits >= 0 {
			out = append(out, wordClips(NumeralWords(digits))...)
			digits = -1
		}
	}
	for _, r := range strings.ToUpper(number) {
		switch {
		case r >= '0' && r <= '9':
			if digits < 0 {
				digits = 0
			}
			if digits < 1e8 {
				digits = digits*10 + int(r-'0')
			}
		case r >= 'A' && r <= 'Z':
			flush()
			out = append(out, LetterClip(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// appendText adds a run of template text: one clip for the whole run if the
// set has it, else a clip per word.
func appendText(out []string, text string, has func(string) bool) []string {
	name := ClipName(text)
	if name == "" {
		return out
	}
	if has != nil && has(name) {
		return appendPart(out, []string{name})
	}
	return appendPart(out, wordClips(strings.Fields(text)))
}

// appendPart adds clips as one part of the phrase, after a pause.
func appendPart(out, part []string) []string {
	if len(part) == 0 {
		return out
	}
	if len(out) > 0 {
		out = append(out, ClipPause)
	}
	return append(out, part...)
}

func wordClips(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if n := ClipName(w); n != "" {
			out = append(out, n)
		}
	}
	return out
}

package voice

import (
	"strings"
	"unicode"
)

// toneLetters are the Telex letters of the tones, in the order of the
// columns of vowelRows: none, huyền, sắc, hỏi, ngã, nặng.
var toneLetters = [6]string{"", "f", "s", "r", "x", "j"}

// vowelRows lists each Vietnamese vowel with its five tone marks, in the
// order of toneLetters; the first rune of a row is the vowel without tone.
var vowelRows = []struct {
	base  rune
	forms string
}{
	{'a', "aàáảãạ"}, {'a', "ăằắẳẵặ"}, {'a', "âầấẩẫậ"},
	{'e', "eèéẻẽẹ"}, {'e', "êềếểễệ"},
	{'i', "iìíỉĩị"},
	{'o', "oòóỏõọ"}, {'o', "ôồốổỗộ"}, {'o', "ơờớởỡợ"},
	{'u', "uùúủũụ"}, {'u', "ưừứửữự"},
	{'y', "yỳýỷỹỵ"},
}

// ClipName returns the file name, without ".wav", of the clip that says the
// word w: the word in lower case without diacritics, "đ" as "d", and the tone
// written as its Telex letter at the end (f huyền, s sắc, r hỏi, x ngã,
// j nặng). So "mời" is "moif", "số" "sos", "mốt" "mots", "một" "motj",
// "quầy" "quayf". A word of several syllables joins them with "_"; anything
// but letters and digits is dropped. The fold loses the vowel marks (ă â ê
// ô ơ ư) but keeps the tone, which tells apart every word the hall says.
func ClipName(w string) string {
	var parts []string
	for _, syl := range strings.FieldsFunc(strings.ToLower(w), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		parts = append(parts, foldSyllable(syl))
	}
	return strings.Join(parts, "_")
}

// foldSyllable folds one syllable (see ClipName).
func foldSyllable(s string) string {
	var b strings.Builder
	tone := ""
	for _, r := range s {
		if r == 'đ' {
			b.WriteRune('d')
			continue
		}
		base, t, ok := vowelOf(r)
		if !ok {
			if r < unicode.MaxASCII {
				b.WriteRune(r)
			}
			continue
		}
		b.WriteRune(base)
		if t != "" {
			tone = t
		}
	}
	return b.String() + tone
}

// vowelOf returns the bare vowel and the tone letter of a Vietnamese vowel.
func vowelOf(r rune) (base rune, tone string, ok bool) {
	for _, row := range vowelRows {
		i := 0
		for _, f := range row.forms {
			if f == r {
				return row.base, toneLetters[i], true
			}
			i++
		}
	}
	return 0, "", false
}

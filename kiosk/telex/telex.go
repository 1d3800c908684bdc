// Package telex turns Telex keystrokes into Vietnamese text, for the kiosk's
// on-screen keyboard (a touch kiosk has no physical keyboard and no input
// method).
//
// Marks: aa→â, aw→ă, ee→ê, oo→ô, ow→ơ, uw→ư, uow→ươ, dd→đ, and w alone→ư.
// Tones: s sắc, f huyền, r hỏi, x ngã, j nặng; z removes the tone; typing a
// tone key twice (or a mark key again) undoes it and writes the letter.
//
// Tone placement follows the "new style" (kiểu mới) rule: the tone goes on
// the vowel that carries a mark (ơ in ươ); in oa, oe and uy it goes on the
// second vowel (hoà, khoẻ, thuý); otherwise on the last vowel before a final
// consonant, the middle one of three, or the first one of two (mùa, hài).
// The u of qu and the i of gi before another vowel count as consonants
// (quý, già).
package telex

import (
	"strings"
	"unicode"
)

// Convert applies Telex to every word of s; anything that is not an ASCII
// letter separates words and passes through.
func Convert(s string) string {
	var out strings.Builder
	var w word
	for _, r := range s {
		if isKey(r) {
			w.key(r)
			continue
		}
		out.WriteString(w.String())
		w = word{}
		out.WriteRune(r)
	}
	out.WriteString(w.String())
	return out.String()
}

// isKey reports whether r takes part in a Telex word.
func isKey(r rune) bool {
	return r < unicode.MaxASCII && unicode.IsLetter(r)
}

// Tone marks, in the column order of the vowels table.
const (
	toneNone = iota
	toneSac
	toneHuyen
	toneHoi
	toneNga
	toneNang
)

var toneKeys = map[rune]int{'s': toneSac, 'f': toneHuyen, 'r': toneHoi, 'x': toneNga, 'j': toneNang}

// vowels lists each vowel, with its mark, in the six tones.
var vowels = map[rune][6]rune{
	'a': {'a', 'á', 'à', 'ả', 'ã', 'ạ'},
	'ă': {'ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'},
	'â': {'â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'},
	'e': {'e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'},
	'ê': {'ê', 'ế', 'ề', 'ể', 'ễ', 'ệ'},
	'i': {'i', 'í', 'ì', 'ỉ', 'ĩ', 'ị'},
	'o': {'o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'},
	'ô': {'ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ'},
	'ơ': {'ơ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'},
	'u': {'u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'},
	'ư': {'ư', 'ứ', 'ừ', 'ử', 'ữ', 'ự'},
	'y': {'y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'},
}

func isVowel(r rune) bool {
	_, ok := vowels[r]
	return ok
}

// marked reports whether r is a vowel with a mark, which takes the tone.
func marked(r rune) bool {
	return strings.ContainsRune("ăâêôơư", r)
}

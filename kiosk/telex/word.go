package telex

import "unicode"

// letter is one letter of a word being typed: lower case, with its mark.
type letter struct {
	r     rune
	upper bool
}

// word is a word being typed: its letters and its tone.
type word struct {
	letters []letter
	tone    int
}

// key applies one keystroke (an ASCII letter) to the word.
func (w *word) key(k rune) {
	up := unicode.IsUpper(k)
	lk := unicode.ToLower(k)
	if t, ok := toneKeys[lk]; ok && w.hasVowel() {
		if w.tone == t {
			w.tone = toneNone
			w.add(k)
			return
		}
		w.tone = t
		return
	}
	if lk == 'z' && w.tone != toneNone {
		w.tone = toneNone
		return
	}
	switch lk {
	case 'a', 'e', 'o':
		if w.circumflex(lk) {
			return
		}
	case 'w':
		if w.horn() {
			return
		}
		if !w.hasVowel() {
			w.letters = append(w.letters, letter{'ư', up})
			return
		}
	case 'd':
		if n := len(w.letters); n > 0 {
			switch w.letters[n-1].r {
			case 'd':
				w.letters[n-1].r = 'đ'
				return
			case 'đ':
				w.letters[n-1].r = 'd'
			}
		}
	}
	w.add(k)
}

func (w *word) add(k rune) {
	w.letters = append(w.letters, letter{unicode.ToLower(k), unicode.IsUpper(k)})
}

func (w *word) hasVowel() bool {
	for _, l := range w.letters {
		if isVowel(l.r) {
			return true
		}
	}
	return false
}

// circumflex turns a plain a, e or o typed right before into â, ê or ô, or
// undoes it when the letter already has it. It reports whether k was used.
func (w *word) circumflex(k rune) bool {
	n := len(w.letters)
	if n == 0 {
		return false
	}
	last := &w.letters[n-1]
	with := map[rune]rune{'a': 'â', 'e': 'ê', 'o': 'ô'}[k]
	switch last.r {
	case k:
		last.r = with
		return true
	case with:
		last.r = k
		w.add(k)
		return true
	}
	return false
}

// horn applies w to the word's last vowel group: uo→ươ, a→ă, o→ơ, u→ư. It
// reports whether w was used.
func (w *word) horn() bool {
	start, end := w.lastGroup()
	if start < 0 {
		return false
	}
	g := w.letters[start:end]
	for i := 0; i+1 < len(g); i++ {
		if (g[i].r == 'u' || g[i].r == 'ư') && g[i+1].r == 'o' && !w.quAt(start+i) {
			g[i].r, g[i+1].r = 'ư', 'ơ'
			return true
		}
	}
	for _, pair := range [][2]rune{{'a', 'ă'}, {'o', 'ơ'}, {'u', 'ư'}} {
		for i := len(g) - 1; i >= 0; i-- {
			if g[i].r == pair[0] && !(pair[0] == 'u' && w.quAt(start+i)) {
				g[i].r = pair[1]
				return true
			}
		}
	}
	return false
}

// quAt reports whether the letter at i is the u of qu.
func (w *word) quAt(i int) bool {
	return i > 0 && w.letters[i].r == 'u' && w.letters[i-1].r == 'q'
}

// lastGroup returns the bounds of the word's last run of vowels, or -1.
func (w *word) lastGroup() (start, end int) {
	end = -1
	for i := len(w.letters) - 1; i >= 0; i-- {
		if isVowel(w.letters[i].r) {
			end = i + 1
			break
		}
	}
	if end < 0 {
		return -1, -1
	}
	start = end - 1
	for start > 0 && isVowel(w.letters[start-1].r) {
		start--
	}
	return start, end
}

// String writes the word with its tone on the right vowel.
func (w *word) String() string {
	out := make([]rune, 0, len(w.letters)+1)
	at := w.tonePos()
	for i, l := range w.letters {
		r := l.r
		if i == at {
			r = vowels[r][w.tone]
		}
		if l.upper {
			r = unicode.ToUpper(r)
		}
		out = append(out, r)
	}
	return string(out)
}

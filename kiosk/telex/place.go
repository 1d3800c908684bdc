package telex

// tonePos returns the index of the letter that carries the tone, or -1 when
// the word has no tone or no vowel. See the package doc for the rule.
func (w *word) tonePos() int {
	if w.tone == toneNone {
		return -1
	}
	start, end := w.lastGroup()
	if start < 0 {
		return -1
	}
	// The u of qu and the i of gi (before another vowel) are consonants.
	if end-start > 1 && start > 0 {
		prev, first := w.letters[start-1].r, w.letters[start].r
		if (prev == 'q' && first == 'u') || (prev == 'g' && first == 'i') {
			start++
		}
	}
	for i := end - 1; i >= start; i-- {
		if marked(w.letters[i].r) {
			return i
		}
	}
	n := end - start
	final := end < len(w.letters)
	switch {
	case n == 1:
		return start
	case final:
		return end - 1
	case n == 2 && isNewStylePair(w.letters[start].r, w.letters[start+1].r):
		return start + 1
	case n == 3:
		return start + 1
	}
	return start
}

// isNewStylePair reports whether an open syllable ending in a, b takes its
// tone on the second vowel: oa, oe, uy (hoà, khoẻ, thuý).
func isNewStylePair(a, b rune) bool {
	return (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')
}

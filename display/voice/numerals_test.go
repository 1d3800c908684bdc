package voice

import "testing"

func TestNumeral(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "không"},
		{1, "một"},
		{4, "bốn"},
		{5, "năm"},
		{9, "chín"},
		{10, "mười"},
		{11, "mười một"},
		{14, "mười bốn"},
		{15, "mười lăm"},
		{19, "mười chín"},
		{20, "hai mươi"},
		{21, "hai mươi mốt"},
		{24, "hai mươi tư"},
		{25, "hai mươi lăm"},
		{31, "ba mươi mốt"},
		{55, "năm mươi lăm"},
		{99, "chín mươi chín"},
		{100, "một trăm"},
		{101, "một trăm lẻ một"},
		{104, "một trăm lẻ bốn"},
		{105, "một trăm lẻ năm"},
		{110, "một trăm mười"},
		{111, "một trăm mười một"},
		{115, "một trăm mười lăm"},
		{121, "một trăm hai mươi mốt"},
		{124, "một trăm hai mươi tư"},
		{200, "hai trăm"},
		{305, "ba trăm lẻ năm"},
		{999, "chín trăm chín mươi chín"},
		{1000, "một nghìn"},
		{1001, "một nghìn không trăm lẻ một"},
		{1005, "một nghìn không trăm lẻ năm"},
		{1010, "một nghìn không trăm mười"},
		{1015, "một nghìn không trăm mười lăm"},
		{1020, "một nghìn không trăm hai mươi"},
		{1021, "một nghìn không trăm hai mươi mốt"},
		{1100, "một nghìn một trăm"},
		{1105, "một nghìn một trăm lẻ năm"},
		{2024, "hai nghìn không trăm hai mươi tư"},
		{5555, "năm nghìn năm trăm năm mươi lăm"},
		{9999, "chín nghìn chín trăm chín mươi chín"},
		{10000, "mười nghìn"},
		{21000, "hai mươi mốt nghìn"},
		{-7, "bảy"},
		{1234567, "một hai ba bốn năm sáu bảy"},
	}
	for _, tt := range tests {
		if got := Numeral(tt.n); got != tt.want {
			t.Errorf("Numeral(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestNumeralAllBelow10000 checks invariants over the whole range a ticket
// number can take: no empty reading, no "mốt" or "lăm" where they do not
// belong, and every word has a clip in the default set.
func TestNumeralAllBelow10000(t *testing.T) {
	clips := Default()
	for n := 0; n < 10000; n++ {
		words := NumeralWords(n)
		if len(words) == 0 {
			t.Fatalf("Numeral(%d) is empty", n)
		}
		for i, w := range words {
			prev := ""
			if i > 0 {
				prev = words[i-1]
			}
			switch w {
			case "mốt", "tư":
				if prev != "mươi" {
					t.Errorf("Numeral(%d) = %q: %q after %q", n, Numeral(n), w, prev)
				}
			case "lăm":
				if prev != "mươi" && prev != "mười" {
					t.Errorf("Numeral(%d) = %q: %q after %q", n, Numeral(n), w, prev)
				}
			}
			if _, ok := clips[ClipName(w)]; !ok {
				t.Errorf("Numeral(%d): no clip %q for %q", n, ClipName(w), w)
			}
		}
	}
}

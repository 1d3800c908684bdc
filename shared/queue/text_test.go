package queue

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct{ in, text, line string }{
		{"Hồ sơ\u202Etxt.exe", "Hồ sơtxt.exe", "Hồ sơtxt.exe"},
		{"a\x00b\x1b[31mc", "ab[31mc", "ab[31mc"},
		{"dòng 1\r\ndòng 2\tcột", "dòng 1\ndòng 2\tcột", "dòng 1 dòng 2 cột"},
		{"\u2066x\u2067y\u2068z\u2069\u202A\u202B\u202C\u202D", "xyz", "xyz"},
		{"  tiếng Việt có dấu: ắ ặ ẫ ữ  ", "tiếng Việt có dấu: ắ ặ ẫ ữ", "tiếng Việt có dấu: ắ ặ ẫ ữ"},
		{"\u0085\u009b\x7f", "", ""},
		{"zero\u200dwidth joiner stays", "zero\u200dwidth joiner stays", "zero\u200dwidth joiner stays"},
	}
	for _, tc := range tests {
		if got := CleanText(tc.in); got != tc.text {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := CleanLine(tc.in); got != tc.line {
			t.Errorf("CleanLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
	}
}

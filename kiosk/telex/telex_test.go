package telex

import "testing"

func TestConvert(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tieengs vieetj", "tiếng việt"},
		{"ddaay", "đây"},
		{"hoaf", "hoà"},
		{"nguwowif", "người"},
		{"nguoiwf", "người"},
		{"xin chaof", "xin chào"},
		{"caamf", "cầm"},
		{"thuys", "thuý"},
		{"khoer", "khoẻ"},
		{"toans", "toán"},
		{"quys", "quý"},
		{"giaf", "già"},
		{"gif", "gì"},
		{"muaf", "mùa"},
		{"hair", "hải"},
		{"ngoaif", "ngoài"},
		{"chuoois", "chuối"},
		{"muoons", "muốn"},
		{"dduwowcj", "được"},
		{"truwowngf", "trường"},
		{"nhw", "như"},
		{"awn", "ăn"},
		{"Vieetj Nam", "Việt Nam"},
		{"DDaf Nawxng", "Đà Nẵng"},
		{"phanr anhs, kieens nghij", "phản ánh, kiến nghị"},
		{"thur tucj", "thủ tục"},
		{"hoass", "hoas"},
		{"haz", "haz"},
		{"hasz", "ha"},
		{"aaa", "aa"},
		{"thoiwf gian chowf", "thời gian chờ"},
		{"0274 123", "0274 123"},
		{"Sowr Coong Thuwowng", "Sở Công Thương"},
		{"giuwx", "giữ"},
		{"khuyeens", "khuyến"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Convert(tc.in); got != tc.want {
				t.Errorf("Convert(%q) got %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEditor(t *testing.T) {
	tests := []struct {
		name string
		keys string // '<' is backspace
		want string
	}{
		{"two words", "tieengs vieetj", "tiếng việt"},
		{"backspace in word", "vieetj<", "viêt"},
		{"backspace removes tone key first", "hoaf<<", "ho"},
		{"backspace across words", "ddi <<", "đ"},
		{"punctuation ends word", "ddepj.", "đẹp."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := NewEditor("")
			for _, r := range tc.keys {
				if r == '<' {
					e.Backspace()
					continue
				}
				e.Key(r)
			}
			if got := e.Text(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

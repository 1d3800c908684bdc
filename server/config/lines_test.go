package config

import "testing"

func TestLineIndex(t *testing.T) {
	const text = `top = 1
[hall]
name = "x"
  "quoted key" = 2
[[counter]] # first
id = 1
note = '''
[[counter]]
id = 99
'''
name = "a"
[ [counter] ]
[[counter]]
id = 2
"id" = 3
[hall.sub]
`
	x := indexLines(text)
	tests := []struct {
		name  string
		table string
		idx   int
		key   string
		want  int
	}{
		{"hall key", "hall", 0, "name", 3},
		{"quoted key", "hall", 0, "quoted key", 4},
		{"hall header for a missing key", "hall", 0, "open", 2},
		{"sub-table header for its key", "hall", 0, "sub", 16},
		{"first counter id", "counter", 0, "id", 6},
		{"key after a multi-line string", "counter", 0, "name", 11},
		{"second counter header", "counter", 1, "", 13},
		{"second counter id, first occurrence", "counter", 1, "id", 14},
		{"no third counter", "counter", 2, "id", 0},
		{"no such table", "device", 0, "id", 0},
	}
	for _, tt := range tests {
		if got := x.key(tt.table, tt.idx, tt.key); got != tt.want {
			t.Errorf("%s: key(%q, %d, %q) = %d, want %d", tt.name, tt.table, tt.idx, tt.key, got, tt.want)
		}
	}
	if got := x.top("top"); got != 1 {
		t.Errorf("top(\"top\") = %d, want 1", got)
	}
	if got := x.top("hall"); got != 2 {
		t.Errorf("top(\"hall\") = %d, want 2", got)
	}
}

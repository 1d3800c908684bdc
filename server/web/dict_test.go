package web

import "testing"

func TestDict(t *testing.T) {
	tests := []struct {
		name    string
		kv      []any
		want    map[string]any
		wantErr bool
	}{
		{"pairs", []any{"ID", "x", "Max", 8}, map[string]any{"ID": "x", "Max": 8}, false},
		{"empty", nil, map[string]any{}, false},
		{"odd", []any{"ID"}, nil, true},
		{"key not a string", []any{1, "x"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dict(tt.kv...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("dict(%v): got error %v, want error %v", tt.kv, err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("dict(%v): got %v, want %v", tt.kv, got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("dict(%v)[%q]: got %v, want %v", tt.kv, k, got[k], v)
				}
			}
		})
	}
}

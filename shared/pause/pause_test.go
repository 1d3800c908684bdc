package pause

import (
	"context"
	"testing"
	"time"
)

func TestFor(t *testing.T) {
	tests := []struct {
		name   string
		cancel bool
		d      time.Duration
		want   bool
	}{
		{"waits", false, time.Millisecond, true},
		{"cancelled", true, time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			if got := For(ctx, tt.d); got != tt.want {
				t.Errorf("For: got %v, want %v", got, tt.want)
			}
		})
	}
}

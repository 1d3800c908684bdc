package pgstore

import (
	"context"
	"strings"
	"testing"

	"hallq/server/province/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// TestMigrate: from an empty database and from every earlier version (with
// a hall stored at that version), Migrate reaches Latest, keeps the hall,
// and running it again changes nothing.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	for from := 0; from < Latest; from++ {
		t.Run("from "+string(rune('0'+from)), func(t *testing.T) {
			s := open(t)
			if err := s.Migrate(ctx, from); err != nil && from > 0 {
				t.Fatal(err)
			}
			if from == 0 {
				// Migrate(ctx, 0) means Latest; an empty database stays
				// empty until then.
				if v, _ := s.Version(ctx); v != Latest {
					t.Fatalf("from empty: version %d, want %d", v, Latest)
				}
				return
			}
			if v, _ := s.Version(ctx); v != from {
				t.Fatalf("version %d, want %d", v, from)
			}
			if _, err := s.pool.Exec(ctx, "INSERT INTO halls (id, name, key) VALUES ('h1', 'Sảnh 1', 'k')"); err != nil {
				t.Fatal(err)
			}
			if err := s.Migrate(ctx, 0); err != nil {
				t.Fatal(err)
			}
			if err := s.Migrate(ctx, 0); err != nil {
				t.Fatalf("second run: %v", err)
			}
			if v, _ := s.Version(ctx); v != Latest {
				t.Fatalf("version %d, want %d", v, Latest)
			}
			h, err := s.Hall(ctx, "h1")
			if err != nil || h.Name != "Sảnh 1" || h.DeadlineDays != 5 || h.Open != "07:30" {
				t.Fatalf("hall after migrating: %+v %v", h, err)
			}
		})
	}
}

// TestMigrateRefusesNewer: a database written by a newer build is refused
// with a message saying so, untouched.
func TestMigrateRefusesNewer(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := s.Migrate(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, "INSERT INTO schema_migrations (version) VALUES ($1)", Latest+1); err != nil {
		t.Fatal(err)
	}
	err := s.Migrate(ctx, 0)
	if err == nil || !strings.Contains(err.Error(), "mới hơn") {
		t.Fatalf("got %v, want a refusal naming the newer version", err)
	}
}

// TestMigrateConcurrently: two instances starting at once on an empty
// database both end at Latest (one waits for the other's lock).
func TestMigrateConcurrently(t *testing.T) {
	ctx := context.Background()
	a := open(t)
	b, err := Open(ctx, a.pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	errs := make(chan error, 2)
	go func() { errs <- a.Migrate(ctx, 0) }()
	go func() { errs <- b.Migrate(ctx, 0) }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if v, _ := a.Version(ctx); v != Latest {
		t.Fatalf("version %d, want %d", v, Latest)
	}
}

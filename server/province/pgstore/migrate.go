package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// migrations are the schema's versions in order: migrations[i] takes the
// database from version i to i+1. They are forward-only: never edit one
// that has shipped, append a new one.
var migrations = []string{
	// 1: halls, province accounts and their sessions, the raw events and
	// the signatures accepted within the skew window.
	`CREATE TABLE halls (
		id text PRIMARY KEY,
		name text NOT NULL,
		key text NOT NULL,
		feedback_deadline_days int NOT NULL DEFAULT 5,
		created_at timestamptz NOT NULL DEFAULT now(),
		last_batch_at timestamptz,
		version text NOT NULL DEFAULT ''
	);
	CREATE TABLE accounts (
		username text PRIMARY KEY,
		password_hash text NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now()
	);
	CREATE TABLE sessions (
		token_hash bytea PRIMARY KEY,
		username text NOT NULL REFERENCES accounts ON DELETE CASCADE,
		expires timestamptz NOT NULL
	);
	CREATE TABLE seen_signatures (
		signature text PRIMARY KEY,
		hall_id text NOT NULL,
		at timestamptz NOT NULL
	);
	CREATE INDEX seen_signatures_at ON seen_signatures (at);
	CREATE TABLE events (
		hall_id text NOT NULL,
		day date NOT NULL,
		seq bigint NOT NULL,
		type text NOT NULL,
		at timestamptz NOT NULL,
		frame jsonb NOT NULL,
		UNIQUE (hall_id, day, seq)
	);`,

	// 2: what the events say, kept up to date at ingest: tickets, ratings,
	// feedback, reports, and the per-day rollups the dashboard reads.
	`CREATE TABLE tickets (
		hall_id text NOT NULL,
		day date NOT NULL,
		id text NOT NULL,
		number text NOT NULL,
		service text NOT NULL,
		issued_service text NOT NULL,
		state text NOT NULL,
		priority boolean NOT NULL DEFAULT false,
		issued_at timestamptz,
		first_called_at timestamptz,
		called_at timestamptz,
		finished_at timestamptz,
		counter int,
		clerk text,
		recalls int NOT NULL DEFAULT 0,
		file_codes text[] NOT NULL DEFAULT '{}',
		wait_ms bigint,
		service_ms bigint,
		last_day date NOT NULL,
		last_seq bigint NOT NULL,
		PRIMARY KEY (hall_id, day, id)
	);
	CREATE TABLE ratings (
		hall_id text NOT NULL,
		day date NOT NULL,
		ticket_id text NOT NULL,
		rating int NOT NULL,
		first_rating int NOT NULL,
		counter int,
		clerk text,
		at timestamptz NOT NULL,
		PRIMARY KEY (hall_id, day, ticket_id)
	);
	CREATE TABLE feedback (
		hall_id text NOT NULL,
		id bigint NOT NULL,
		day date NOT NULL,
		status text NOT NULL,
		handled_at timestamptz,
		due date NOT NULL,
		record jsonb NOT NULL,
		received_at timestamptz NOT NULL,
		PRIMARY KEY (hall_id, id)
	);
	CREATE INDEX feedback_day ON feedback (day);
	CREATE TABLE reports (
		hall_id text NOT NULL,
		day date NOT NULL,
		report jsonb NOT NULL,
		received_at timestamptz NOT NULL,
		PRIMARY KEY (hall_id, day)
	);
	CREATE TABLE day_rollups (
		hall_id text NOT NULL,
		day date NOT NULL,
		seq bigint NOT NULL DEFAULT 0,
		last_batch_at timestamptz,
		issued int NOT NULL DEFAULT 0,
		called int NOT NULL DEFAULT 0,
		finished int NOT NULL DEFAULT 0,
		no_show int NOT NULL DEFAULT 0,
		expired int NOT NULL DEFAULT 0,
		wait_n int NOT NULL DEFAULT 0,
		wait_ms bigint NOT NULL DEFAULT 0,
		service_n int NOT NULL DEFAULT 0,
		service_ms bigint NOT NULL DEFAULT 0,
		r1 int NOT NULL DEFAULT 0,
		r2 int NOT NULL DEFAULT 0,
		r3 int NOT NULL DEFAULT 0,
		r4 int NOT NULL DEFAULT 0,
		r5 int NOT NULL DEFAULT 0,
		rated_finished int NOT NULL DEFAULT 0,
		PRIMARY KEY (hall_id, day)
	);
	CREATE INDEX day_rollups_day ON day_rollups (day);
	CREATE TABLE service_rollups (
		hall_id text NOT NULL,
		day date NOT NULL,
		service text NOT NULL,
		issued int NOT NULL,
		called int NOT NULL,
		finished int NOT NULL,
		no_show int NOT NULL,
		expired int NOT NULL,
		wait_n int NOT NULL,
		wait_ms bigint NOT NULL,
		service_n int NOT NULL,
		service_ms bigint NOT NULL,
		r1 int NOT NULL, r2 int NOT NULL, r3 int NOT NULL, r4 int NOT NULL, r5 int NOT NULL,
		rated_finished int NOT NULL,
		PRIMARY KEY (hall_id, day, service)
	);
	CREATE INDEX service_rollups_day ON service_rollups (day);`,

	// 3: the hall's opening hours and time zone, for the silent-link flag
	// (set by add-hall, updated from hall_updated events).
	`ALTER TABLE halls
		ADD COLUMN open text NOT NULL DEFAULT '07:30',
		ADD COLUMN close text NOT NULL DEFAULT '17:00',
		ADD COLUMN timezone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh';`,

	// 4: a ticket carries its rating, so that a rollup reads the tickets
	// alone (no join per rating: 400 ms a batch without it).
	`ALTER TABLE tickets ADD COLUMN rating int;
	UPDATE tickets t SET rating = r.rating FROM ratings r
		WHERE r.hall_id = t.hall_id AND r.day = t.day AND r.ticket_id = t.id;`,

	// 5: an account given a one-time password must choose its own at its
	// first sign-in.
	`ALTER TABLE accounts ADD COLUMN must_change boolean NOT NULL DEFAULT false;`,
}

// Latest is the schema version this build writes.
var Latest = len(migrations)

// migrateLock is the advisory lock key two instances starting at once
// take, so one migrates while the other waits.
const migrateLock = 0x6861_6c6c_7150 // "hallqP"

// Migrate brings the database to version to (Latest when to is 0), one
// transaction per version, each recorded in schema_migrations. A database
// at a newer version than this build knows is refused.
func (s *Store) Migrate(ctx context.Context, to int) error {
	if to == 0 {
		to = Latest
	}
	for {
		done, err := s.step(ctx, to)
		if err != nil || done {
			return err
		}
	}
}

// step applies the next migration below to, reporting true when there is
// none left.
func (s *Store) step(ctx context.Context, to int) (bool, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("pgstore: migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLock); err != nil {
		return false, fmt.Errorf("pgstore: migrate: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return false, fmt.Errorf("pgstore: schema_migrations: %w", err)
	}
	v, err := version(ctx, tx)
	if err != nil {
		return false, err
	}
	if v > Latest {
		return false, fmt.Errorf("pgstore: cơ sở dữ liệu ở phiên bản lược đồ %d, mới hơn bản này (%d); hãy dùng bản mới hơn (the database's schema version %d is newer than this build's %d)", v, Latest, v, Latest)
	}
	if v >= to {
		return true, nil
	}
	if _, err := tx.Exec(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("pgstore: migration %d: %w", v+1, err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version) VALUES ($1)", v+1); err != nil {
		return false, fmt.Errorf("pgstore: migration %d: %w", v+1, err)
	}
	return false, tx.Commit(ctx)
}

// Version returns the schema version the database is at (0 when empty).
func (s *Store) Version(ctx context.Context) (int, error) {
	return version(ctx, s.pool)
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func version(ctx context.Context, q querier) (int, error) {
	var v int
	if err := q.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("pgstore: schema version: %w", err)
	}
	return v, nil
}

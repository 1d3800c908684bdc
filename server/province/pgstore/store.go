// Package pgstore is the province service's PostgreSQL storage, and the
// only package of the service importing pgx: the schema and its
// migrations, the ingest transaction, halls and accounts, and the
// dashboard's queries over the per-day rollups.
//
// Every method is safe for concurrent use, and two processes may share
// one database: what must not happen twice is kept unique by the
// database (events by (hall, day, seq), signatures), and one hall's
// batches are serialized by its row lock, never by memory.
package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound is returned for a hall, account or session that does not
// exist.
var ErrNotFound = errors.New("pgstore: not found")

// Store is a pool of connections to the province's database.
type Store struct {
	pool *pgxpool.Pool
}

// Open connects to the database at url (postgres://…). It does not migrate;
// call Migrate.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("pgstore: địa chỉ cơ sở dữ liệu không hợp lệ (bad database url): %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: open: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: không kết nối được PostgreSQL (cannot reach PostgreSQL): %w", err)
	}
	return &Store{pool: pool}, nil
}

// Close closes every connection.
func (s *Store) Close() { s.pool.Close() }

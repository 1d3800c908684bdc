package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SetAccount creates the province account username with a password hash,
// or replaces the hash of an existing one.
func (s *Store) SetAccount(ctx context.Context, username, hash string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO accounts (username, password_hash) VALUES ($1, $2)
		ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash`, username, hash)
	if err != nil {
		return fmt.Errorf("pgstore: set account: %w", err)
	}
	// A new password ends every session of the account.
	_, err = s.pool.Exec(ctx, "DELETE FROM sessions WHERE username = $1", username)
	return err
}

// PasswordHash returns the account's bcrypt hash, or ErrNotFound.
func (s *Store) PasswordHash(ctx context.Context, username string) (string, error) {
	var h string
	err := s.pool.QueryRow(ctx, "SELECT password_hash FROM accounts WHERE username = $1", username).Scan(&h)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", ErrNotFound
	}
	return h, err
}

// AddSession stores a session (by the hash of its token) until expires,
// and forgets the sessions expired at now.
func (s *Store) AddSession(ctx context.Context, tokenHash []byte, username string, now, expires time.Time) error {
	_, err := s.pool.Exec(ctx, "INSERT INTO sessions (token_hash, username, expires) VALUES ($1, $2, $3)",
		tokenHash, username, expires)
	if err != nil {
		return fmt.Errorf("pgstore: add session: %w", err)
	}
	_, err = s.pool.Exec(ctx, "DELETE FROM sessions WHERE expires < $1", now)
	return err
}

// Session returns the username of a session not expired at now, or
// ErrNotFound.
func (s *Store) Session(ctx context.Context, tokenHash []byte, now time.Time) (string, error) {
	var u string
	err := s.pool.QueryRow(ctx, "SELECT username FROM sessions WHERE token_hash = $1 AND expires > $2",
		tokenHash, now).Scan(&u)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", ErrNotFound
	}
	return u, err
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := s.pool.Exec(ctx, "DELETE FROM sessions WHERE token_hash = $1", tokenHash)
	return err
}

package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SetAccount creates the province account username with a password hash,
// or replaces the hash of an existing one, and ends its sessions.
// mustChange marks a one-time password, to be replaced at the first
// sign-in.
func (s *Store) SetAccount(ctx context.Context, username, hash string, mustChange bool) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO accounts (username, password_hash, must_change) VALUES ($1, $2, $3)
		ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, must_change = excluded.must_change`,
		username, hash, mustChange)
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

// Session returns the username of a session not expired at now and
// whether its account must change its password, or ErrNotFound.
func (s *Store) Session(ctx context.Context, tokenHash []byte, now time.Time) (string, bool, error) {
	var u string
	var must bool
	err := s.pool.QueryRow(ctx, `SELECT s.username, a.must_change FROM sessions s JOIN accounts a USING (username)
		WHERE s.token_hash = $1 AND s.expires > $2`, tokenHash, now).Scan(&u, &must)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, ErrNotFound
	}
	return u, must, err
}

// MustChange reports whether username's password is a one-time password.
func (s *Store) MustChange(ctx context.Context, username string) (bool, error) {
	var must bool
	err := s.pool.QueryRow(ctx, "SELECT must_change FROM accounts WHERE username = $1", username).Scan(&must)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, ErrNotFound
	}
	return must, err
}

// ChangePassword sets the password the account chose itself and ends its
// other sessions (keep is the hash of the session to keep).
func (s *Store) ChangePassword(ctx context.Context, username, hash string, keep []byte) error {
	if _, err := s.pool.Exec(ctx, "UPDATE accounts SET password_hash = $2, must_change = false WHERE username = $1",
		username, hash); err != nil {
		return fmt.Errorf("pgstore: change password: %w", err)
	}
	_, err := s.pool.Exec(ctx, "DELETE FROM sessions WHERE username = $1 AND token_hash <> $2", username, keep)
	return err
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := s.pool.Exec(ctx, "DELETE FROM sessions WHERE token_hash = $1", tokenHash)
	return err
}

package sqlstore

import (
	"encoding/base64"
	"errors"
	"fmt"

	"tenfoot/session"
)

func (t *tx) Secret(name string) ([]byte, error) {
	var value string
	if err := t.one(`SELECT value FROM secrets WHERE name = ?`, []any{name}, &value); err != nil {
		return nil, err
	}
	secret, err := base64.StdEncoding.DecodeString(value)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: the secret %q is not base64: %w", name, err)
	}
	return secret, nil
}

func (t *tx) AddSecret(name string, value []byte) error {
	switch _, err := t.Secret(name); {
	case err == nil:
		return fmt.Errorf("%w: the secret %q is kept already", session.ErrInvalid, name)
	case !errors.Is(err, session.ErrNotFound):
		return err
	}
	_, err := t.exec(`INSERT INTO secrets (name, value) VALUES (?, ?)`, name, base64.StdEncoding.EncodeToString(value))
	return err
}

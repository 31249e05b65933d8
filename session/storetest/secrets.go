package storetest

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
)

// testSecrets checks that a secret is kept once, byte for byte, across a restart,
// and that a second one under the same name changes nothing.
func testSecrets(t *testing.T, open Opener) {
	dir := t.TempDir()
	s := open(t, dir)
	key := []byte{0, 1, 2, 0xfe, 0xff, '\n', 'k', 'e', 'y'}
	view(t, s, func(tx session.Tx) error {
		_, err := tx.Secret("page")
		assert.ErrorIs(t, err, session.ErrNotFound)
		return nil
	})
	refused := errors.New("refused")
	assert.ErrorIs(t, s.Update(ctx, func(tx session.Tx) error {
		require.NoError(t, tx.AddSecret("page", []byte("rolled back")))
		return refused
	}), refused)
	update(t, s, func(tx session.Tx) error { return tx.AddSecret("page", key) })
	assert.ErrorIs(t, s.Update(ctx, func(tx session.Tx) error { return tx.AddSecret("page", []byte("another")) }), session.ErrInvalid)
	require.NoError(t, s.Close())

	s = open(t, dir)
	defer s.Close()
	view(t, s, func(tx session.Tx) error {
		got, err := tx.Secret("page")
		require.NoError(t, err)
		assert.Equal(t, key, got, "the first one kept, byte for byte")
		return nil
	})
}

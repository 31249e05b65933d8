package session_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
	"tenfoot/session/storetest"
)

func TestJSONStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, dir string) session.Store {
		storage, err := session.NewDirStorage(dir)
		require.NoError(t, err)
		s, err := session.OpenJSONStore(storage, "service")
		require.NoError(t, err)
		return s
	})
}

// A document that something other than a JSONStore damaged while it was open is
// saved over: the store goes on with the records it held.
func TestJSONStoreSavesOverADocumentDamagedWhileOpen(t *testing.T) {
	storage := &session.MemStorage{}
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{Storage: storage, PasswordCost: 4})
	require.NoError(t, err)
	ana, err := svc.AddAccount(session.Account{Email: "ana@example.com", DisplayName: "Ana"}, "watch-together", nil, nil)
	require.NoError(t, err)
	require.NoError(t, storage.Save("service", []byte(`{"accounts": [`)))
	has, err := svc.HasAccount("ana@example.com")
	require.NoError(t, err)
	assert.True(t, has)
	_, err = svc.AddAccount(session.Account{Email: "sam@example.com", DisplayName: "Sam"}, "popcorn-night", nil, nil)
	require.NoError(t, err)
	again, err := session.OpenEmbedded(session.EmbeddedOptions{Storage: storage, PasswordCost: 4})
	require.NoError(t, err, "the damage was saved over")
	for _, email := range []string{ana.Email, "sam@example.com"} {
		has, err := again.HasAccount(email)
		require.NoError(t, err)
		assert.True(t, has, email)
	}
}

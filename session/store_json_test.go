package session_test

import (
	"testing"

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

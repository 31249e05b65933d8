package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretIsMadeOnceAndKept(t *testing.T) {
	h := newHousehold(t)
	first, err := h.svc.Secret(ctx, "activation-page")
	require.NoError(t, err)
	assert.Len(t, first, 32)
	again, err := h.svc.Secret(ctx, "activation-page")
	require.NoError(t, err)
	assert.Equal(t, first, again)
	other, err := h.svc.Secret(ctx, "something-else")
	require.NoError(t, err)
	assert.NotEqual(t, first, other, "each name has its own")
}

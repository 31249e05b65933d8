package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

func TestAPIDescribesAndDeniesACode(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		tv, auth := tvShowingCode(t, url, "Hotel TV")
		client := session.NewClient(url)
		phone, err := client.SignIn(t.Context(), session.NewDeviceIdentity("Phone", session.DeviceKindPhone),
			demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, err)

		p, err := client.DescribeDeviceAuth(t.Context(), phone.Token, auth.UserCode)
		require.NoError(t, err)
		assert.Equal(t, "Hotel TV", p.Device.Name)
		assert.Equal(t, session.DeviceKindTV, p.Device.Kind)
		assert.Equal(t, "Ana", p.Account.DisplayName)
		assert.Equal(t, session.DeviceAuthLifetime, p.Expires.Sub(p.Requested))
		_, err = client.DescribeDeviceAuth(t.Context(), phone.Token, "BBBB-BBBB")
		assert.ErrorIs(t, err, session.ErrInvalidUserCode)

		require.NoError(t, client.DenyDeviceAuth(t.Context(), phone.Token, auth.UserCode))
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAccessDenied)
		assert.ErrorIs(t, client.ApproveDeviceAuth(t.Context(), phone.Token, auth.UserCode), session.ErrInvalidUserCode)
	})
}

// TestDescribingACodeTakesNoWrite: the activation page describes the TV's code
// each time it shows the confirmation, and a phone may reload it. Describing a code
// that is waiting changes nothing, and takes no write transaction, which would take
// turns with every sign-in and sign-out (on PostgreSQL across the replicas). A wrong
// code is still counted, which is a write.
func TestDescribingACodeTakesNoWrite(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		srv, writes := writesCounted(t, db, session.EmbeddedOptions{}, config{})
		_, auth := tvShowingCode(t, srv.URL, "Hotel TV")
		client := session.NewClient(srv.URL)
		phone, err := client.SignIn(t.Context(), session.NewDeviceIdentity("Phone", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, err)

		before := writes.n.Load()
		for range 5 {
			p, err := client.DescribeDeviceAuth(t.Context(), phone.Token, auth.UserCode)
			require.NoError(t, err)
			assert.Equal(t, "Hotel TV", p.Device.Name)
		}
		assert.Zero(t, writes.n.Load()-before, "describing a code changes nothing")

		_, err = client.DescribeDeviceAuth(t.Context(), phone.Token, "BBBB-BBBB")
		assert.ErrorIs(t, err, session.ErrInvalidUserCode)
		assert.Equal(t, int64(1), writes.n.Load()-before, "a wrong code is counted")
		require.NoError(t, client.ApproveDeviceAuth(t.Context(), phone.Token, auth.UserCode))
	})
}

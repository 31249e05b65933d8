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

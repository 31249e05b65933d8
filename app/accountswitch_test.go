package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
)

// Another tab of the page (or another app on the same state) signs Ana out and Sam
// in while this one looks away, as a tab in the background does: this one finds
// Sam signed in where it had Ana, with no sign-out seen between. It used to go on
// showing Ana's Home, her profile and what she watched, on Sam's account. It shows
// Sam's Who's watching now, as after any sign-in, and then the other way round.
func TestAnotherAccountSignedInMeanwhileStartsAtWhoIsWatching(t *testing.T) {
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, tv, err := demo.Open(context.Background(), demo.Options{Storage: store, PasswordCost: testCost,
		Device: session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV}})
	require.NoError(t, err)
	otherTab, err := session.OpenDevice(store, svc, nil, session.DeviceInfo{})
	require.NoError(t, err)
	a := NewTenfoot(testOptions, tv)
	t.Cleanup(a.Close)

	for round, next := range []struct{ email, password, first, gone string }{
		{demo.SamEmail, demo.SamPassword, "Sam", "Ana"},
		{demo.AnaEmail, demo.AnaPassword, "Ana", "Sam"},
	} {
		pressKeys(a, ok) // the first profile's Home
		require.Equal(t, "home", a.Screen().Name(), "round %d", round)
		require.Equal(t, next.gone, a.Env().Profile.Name)

		otherTab.Reload()
		plan, err := otherTab.Plan()
		require.NoError(t, err)
		_, err = otherTab.Confirm(context.Background(), plan)
		require.NoError(t, err)
		require.NoError(t, otherTab.SignIn(context.Background(), next.email, next.password))
		tv.Reload() // the storage event, or the next change, as the tab comes back
		a.Update(0, input.Pointer{})

		assert.Equal(t, "profiles", a.Screen().Name(), "round %d: Who's watching of the new account", round)
		assert.Nil(t, a.Env().Profile, "round %d: nobody is watching", round)
		assert.True(t, shows(a, next.first), "round %d: %s's profiles", round, next.email)
		assert.False(t, shows(a, next.gone), "round %d: nothing of %s's", round, next.gone)
	}
}

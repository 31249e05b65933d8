package app

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// saveAnswerLost is a network that loses the answer of the next profile save it
// is told to: the service made the change, the TV hears nothing back.
type saveAnswerLost struct {
	session.Service
	lose atomic.Bool
}

func (n *saveAnswerLost) SaveProfile(ctx context.Context, token string, change session.ProfileChange) ([]session.Profile, error) {
	ps, err := n.Service.SaveProfile(ctx, token, change)
	if err == nil && n.lose.Swap(false) {
		return nil, fmt.Errorf("%w: the answer was lost", session.ErrOffline)
	}
	return ps, err
}

// Sam adds a profile, and the answer to Save is lost on its way back: the editor
// says the service cannot be reached. Sam presses Save again, as anyone would, and
// the profile is there once, on the TV and at the service. Twice, for two profiles.
// Before, the second Save made the profile a second time.
func TestAProfileSavedAgainAfterItsAnswerWasLostIsAddedOnce(t *testing.T) {
	svc := demoService(t, nil)
	net := &saveAnswerLost{Service: svc}
	a, dev := signedInBehind(t, net, demo.SamEmail, demo.SamPassword)
	for round, name := range []string{"Mia", "Leo"} {
		press(t, a, "add")
		require.Equal(t, "edit-profile", a.Screen().Name())
		typeText(t, a, strings.ToLower(name)) // the first letter comes out a capital by itself
		net.lose.Store(true)
		press(t, a, "save")
		waitFor(t, a, "the save is answered", func() bool { return shows(a, "cannot be reached") })
		require.Equal(t, "edit-profile", a.Screen().Name(), "round %d", round)
		press(t, a, "save")
		waitFor(t, a, "the editor closes", func() bool { return a.Screen().Name() == "profiles" })

		assert.Equal(t, 1, countNamed(dev.Profiles(), name), "round %d: on the TV", round)
		phone, err := session.OpenDevice(&session.MemStorage{}, svc, nil, session.DeviceInfo{Name: "Phone", Kind: session.DeviceKindPhone})
		require.NoError(t, err)
		require.NoError(t, phone.SignIn(context.Background(), demo.SamEmail, demo.SamPassword))
		assert.Equal(t, 1, countNamed(phone.Profiles(), name), "round %d: at the service", round)
		assert.Len(t, phone.Profiles(), 3+round)
	}
}

// countNamed counts the profiles called name.
func countNamed(ps []session.Profile, name string) int {
	n := 0
	for _, p := range ps {
		if p.Name == name {
			n++
		}
	}
	return n
}

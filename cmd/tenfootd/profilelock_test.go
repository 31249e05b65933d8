package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// A PIN lock holds over HTTP, whatever a client sends: a locked profile is changed,
// unlocked or deleted only with its PIN or the account's password.
func TestALockedProfileHoldsOverHTTP(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		_, g := signInAs(t, url, "Living Room TV", demo.AnaEmail, demo.AnaPassword)
		grandpa, ben := g.Profiles[3], g.Profiles[1]
		require.True(t, grandpa.Locked)
		none := ""
		path := "/profiles/" + grandpa.ID.String()

		// Without proof, as a client from before locks were enforced sends it.
		renamed := grandpa
		renamed.Name = "Grandad"
		status, w := call(t, url, "POST", "/profiles", g.Token, session.ProfileChange{Profile: renamed})
		assert.Equal(t, http.StatusForbidden, status)
		assert.Equal(t, "wrong_pin", w.Code)
		_, w = call(t, url, "POST", "/profiles", g.Token, session.ProfileChange{Profile: grandpa, PIN: &none})
		assert.Equal(t, "wrong_pin", w.Code, "unlocking takes the PIN")
		_, w = call(t, url, "DELETE", path, g.Token, nil)
		assert.Equal(t, "wrong_pin", w.Code, "deleting too")

		// With wrong proof.
		status, w = call(t, url, "DELETE", path, g.Token, session.ProfileDeletion{Proof: session.Proof{Password: "guess"}})
		assert.Equal(t, http.StatusUnauthorized, status)
		assert.Equal(t, "wrong_credentials", w.Code)
		_, w = call(t, url, "POST", "/profiles", g.Token, map[string]any{"id": grandpa.ID, "name": "Grandad", "avatar": "whale",
			"proof": map[string]any{"profileId": ben.ID, "pin": demo.GrandpaPIN}})
		assert.Equal(t, "wrong_pin", w.Code, "another profile's PIN unlocks nothing")

		// With the right proof, spelt as JSON.
		status, _ = call(t, url, "POST", "/profiles", g.Token, map[string]any{"id": grandpa.ID, "name": "Grandad", "avatar": "whale",
			"proof": map[string]any{"pin": demo.GrandpaPIN}})
		assert.Equal(t, http.StatusOK, status)
		status, _ = call(t, url, "DELETE", path, g.Token, map[string]any{"proof": map[string]any{"password": demo.AnaPassword}})
		assert.Equal(t, http.StatusOK, status)

		// Profiles that are not locked change as before, with no proof.
		ben.Name = "Benjamin"
		status, _ = call(t, url, "POST", "/profiles", g.Token, session.ProfileChange{Profile: ben})
		assert.Equal(t, http.StatusOK, status)
		status, _ = call(t, url, "DELETE", "/profiles/"+ben.ID.String(), g.Token, nil)
		assert.Equal(t, http.StatusOK, status)
	})
}

// A device of tenfootd unlocks a profile as a device of the embedded service does,
// and guessing the PIN by changing the profile meets the same limit as typing it.
func TestGuessingAPINByChangingTheProfileIsLimitedOverHTTP(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		tv := signedInRemote(t, url, "Living Room TV")
		grandpa := tv.Profiles()[3]
		for _, guess := range []string{"0000", "1111", "2222", "3333", "4444"} {
			err := tv.DeleteProfile(t.Context(), grandpa.ID, session.Proof{ProfileID: grandpa.ID, PIN: guess})
			require.ErrorIs(t, err, session.ErrWrongPIN)
		}
		err := tv.VerifyPIN(t.Context(), grandpa.ID, demo.GrandpaPIN)
		var rl *session.RateLimitError
		require.ErrorAs(t, err, &rl, "even the right PIN waits")
		assert.Positive(t, rl.RetryAfter)
		assert.Len(t, tv.Profiles(), 4, "nothing was deleted")

		other := signedInRemote(t, url, "Bedroom Stick")
		require.NoError(t, other.DeleteProfile(t.Context(), grandpa.ID, session.Proof{ProfileID: grandpa.ID, PIN: demo.GrandpaPIN}))
		assert.Len(t, other.Profiles(), 3)
	})
}

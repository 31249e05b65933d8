package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/session/sqlstore/pgtest"
)

// addProfile posts a new profile to url's service as token's device, under the
// Idempotency-Key key ("": none) and the request ID id ("": none), and returns the
// status and, when it is 200, the profiles.
func addProfile(t *testing.T, url, token, id, key string, p session.Profile) (int, []session.Profile) {
	t.Helper()
	b, err := json.Marshal(session.ProfileChange{Profile: p})
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(t.Context(), "POST", url+session.APIPrefix+"/profiles", bytes.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	for name, v := range map[string]string{"X-Request-ID": id, "Idempotency-Key": key} {
		if v != "" {
			req.Header.Set(name, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var ps []session.Profile
	if resp.StatusCode == http.StatusOK {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&ps))
	}
	return resp.StatusCode, ps
}

// named counts the profiles called name.
func named(ps []session.Profile, name string) int {
	n := 0
	for _, p := range ps {
		if p.Name == name {
			n++
		}
	}
	return n
}

// A device adds a profile under a key of its choosing, twice, as it does when the
// first answer was lost: one profile is made, with the key as its ID. A key that is
// no UUID is refused, and a device of an earlier version, which sends none, adds
// profiles as it did.
func TestAProfileAddedTwiceWithItsKeyIsMadeOnce(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		tv, err := session.NewClient(url).SignIn(t.Context(), session.NewDeviceIdentity("TV", session.DeviceKindTV),
			demo.SamEmail, demo.SamPassword)
		require.NoError(t, err)
		key := uuid.New()
		mia := session.Profile{Name: "Mia", Avatar: "owl"}
		for range 2 {
			status, ps := addProfile(t, url, tv.Token, "", key.String(), mia)
			require.Equal(t, http.StatusOK, status)
			require.Len(t, ps, 3)
			assert.Equal(t, key, ps[2].ID)
		}
		for _, bad := range []string{"not-a-uuid", uuid.Nil.String(), "' OR 1=1 --"} {
			status, _ := addProfile(t, url, tv.Token, "", bad, session.Profile{Name: "Zoe", Avatar: "cat"})
			assert.Equal(t, http.StatusBadRequest, status, "key %q", bad)
		}
		status, ps := addProfile(t, url, tv.Token, "", "", session.Profile{Name: "Zoe", Avatar: "cat"})
		require.Equal(t, http.StatusOK, status, "no key: made as before")
		assert.Equal(t, 1, named(ps, "Zoe"))
		assert.Equal(t, 1, named(ps, "Mia"))
	})
}

// A TV adds a profile, and PostgreSQL restarts between the save's COMMIT and its
// answer: the TV is told 503, although the profile was made. It saves again, under
// the same key, and is answered with the profiles as they are: one Leo. Before, the
// second save made a second Leo.
func TestAProfileAddedAgainAfterALostCommitIsMadeOnce(t *testing.T) {
	database := pgtest.SchemaURL(t, "profile-add")
	replicas := startReplicas(t, database, 1)
	client := session.NewClient(replicas[0].url)
	tv, err := client.SignIn(t.Context(), session.NewDeviceIdentity("TV", session.DeviceKindTV), demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	key := uuid.New().String()
	leo := session.Profile{Name: "Leo", Avatar: "cat"}

	start := loseCommitOf(t, "profile-add-lost")
	status, _ := addProfile(t, replicas[0].url, tv.Token, "profile-add-lost", key, leo)
	require.Equal(t, http.StatusServiceUnavailable, status, "whether the save took is not known")
	start()
	require.Eventually(t, func() bool {
		_, err := client.Check(t.Context(), tv.Token)
		return err == nil
	}, 30*time.Second, 50*time.Millisecond, "served again")
	status, ps := addProfile(t, replicas[0].url, tv.Token, "", key, leo)
	require.Equal(t, http.StatusOK, status, "the same save again is the save it was, though the account is full")
	assert.Len(t, ps, 5)
	assert.Equal(t, 1, named(ps, "Leo"))
}

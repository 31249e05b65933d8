//go:build !js

package session

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// portals are what a hotel's or a café's network answers in the service's place
// until its own sign-in page is filled in, each with 2xx somewhere: every one
// must count as offline, never as a sign-out made or a PIN taken.
var portals = map[string]http.HandlerFunc{
	"a redirect to its sign-in page": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/login" {
			http.Redirect(w, r, "/login", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html>Welcome to Hotel Wi-Fi, please sign in</html>"))
	},
	"its sign-in page in the service's place": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html>Welcome to Hotel Wi-Fi</html>"))
	},
	"an empty 204": func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) },
	"JSON that is not the service's": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"login required"}`))
	},
}

// TestANetworksSignInPageIsOffline puts the TV behind each portal. Its sign-out is
// kept to send and reaches the service once the TV is back on the real network; a
// wrong PIN opens no locked profile; no code is taken for approved; the service is
// not taken for reachable. Before, any 2xx counted as done: the sign-out was
// dropped, never sent, and a wrong PIN opened Grandpa's profile.
func TestANetworksSignInPageIsOffline(t *testing.T) {
	for name, portal := range portals {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(portal)
			defer srv.Close()
			behind := NewClient(srv.URL)
			h := newHousehold(t)
			tv, net, _ := h.signedIn("Hotel TV")
			locked := grandpa(t, tv)

			net.Service = behind
			assert.ErrorIs(t, tv.VerifyPIN(ctx, locked.ID, "0000"), ErrOffline, "a wrong PIN opens nothing")
			assert.ErrorIs(t, tv.ApproveCode(ctx, "BDFH-JKLM"), ErrOffline)
			assert.False(t, behind.Reachable(ctx))
			_, err := behind.Subscribe(ctx, tokenOf(tv), 0)
			assert.ErrorIs(t, err, ErrOffline, "no stream of events")

			token := tokenOf(tv)
			plan, err := tv.Plan()
			require.NoError(t, err)
			res, err := tv.Confirm(ctx, plan)
			require.NoError(t, err, "signed out here at once, whatever the network")
			assert.False(t, res.Confirmed, "but not by the service")
			assert.Equal(t, 1, tv.PendingRevocations(), "kept to send")

			net.Service = h.svc // the guest signs in to the network
			h.clock.Advance(retryMax)
			tv.Flush(ctx)
			assert.Zero(t, tv.PendingRevocations())
			require.NotNil(t, h.session(token))
			assert.NotNil(t, h.session(token).Revoked, "the service has the sign-out")
		})
	}
}

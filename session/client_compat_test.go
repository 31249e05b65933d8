//go:build !js

package session

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// During a rolling upgrade a device may reach a tenfootd of the earlier version,
// whose answer to a sign-out of all devices lists every device and counts none: the
// client counts the list.
func TestSignOutAllAnswerOfAnEarlierVersionIsCounted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"devices":[`+
			`{"device":{"id":"6a0e3b1c-4bd5-4e0f-9a52-2f1b7f2a8c01","name":"TV","kind":"tv"},"state":"pending","lastSeen":"2026-11-25T20:00:00Z"},`+
			`{"device":{"id":"6a0e3b1c-4bd5-4e0f-9a52-2f1b7f2a8c02","name":"Stick","kind":"tv"},"state":"pending","lastSeen":"2026-11-25T20:00:00Z"},`+
			`{"device":{"id":"6a0e3b1c-4bd5-4e0f-9a52-2f1b7f2a8c03","name":"Phone","kind":"phone"},"state":"offline","lastSeen":"2026-11-20T20:00:00Z"}`+
			`],"watch":"ticket"}`)
	}))
	defer srv.Close()
	c := &Client{base: srv.URL, t: newTransport()}
	res, err := c.SignOutAll(t.Context(), "token", Proof{Password: "secret"})
	require.NoError(t, err)
	assert.Len(t, res.Devices, 3)
	assert.Equal(t, SignOutCount{Pending: 2, Offline: 1}, res.Count)
	assert.Equal(t, "ticket", res.Watch)
}

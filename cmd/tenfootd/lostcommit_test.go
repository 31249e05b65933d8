package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/session/sqlstore"
	"tenfoot/session/sqlstore/pgtest"
)

// loseCommitOf makes the COMMIT of the request whose X-Request-ID is id take, then
// stops PostgreSQL (fast: what committed stays) before its answer comes back, as a
// restart between the COMMIT and its answer does: the store cannot ask whether it
// took, and the request is answered 503. started says the database is back.
func loseCommitOf(t *testing.T, id string) (start func()) {
	t.Helper()
	ctl := os.Getenv("TENFOOT_TEST_PG_CTL")
	if ctl == "" {
		t.Skip("TENFOOT_TEST_PG_CTL is not set: scripts/with-postgres.sh sets it")
	}
	pgtest.ServerURL(t)
	var stopped atomic.Bool
	var stopErr atomic.Value
	sqlstore.SetCommitHook(func(ctx context.Context, err error) error {
		if got, _ := ctx.Value(requestIDKey{}).(string); got != id || err != nil || stopped.Swap(true) {
			return err
		}
		args := append(strings.Fields(ctl), "stop", "-m", "fast")
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			stopErr.Store(string(out) + err.Error())
		}
		return io.ErrUnexpectedEOF // the answer, lost with the connection
	})
	t.Cleanup(func() {
		sqlstore.SetCommitHook(nil)
		if stopped.Load() {
			pgCtl(t, "start") // for the tests after this one, if it failed midway
		}
	})
	return func() {
		t.Helper()
		require.True(t, stopped.Load(), "the commit was lost")
		require.Nil(t, stopErr.Load(), "PostgreSQL stopped")
		pgCtl(t, "start")
		stopped.Store(false)
	}
}

// postAs posts body as JSON to url with the bearer token and the request ID given,
// and returns the status.
func postAs(t *testing.T, url, token, id string, body any) int {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(t.Context(), "POST", url, bytes.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if id != "" {
		req.Header.Set("X-Request-ID", id)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// A phone approves a TV's code, and PostgreSQL restarts between the approval's
// COMMIT and its answer: the phone is told 503, try again, although the approval
// took. It tries again, as anyone would, and is told the code is approved, not
// that it is invalid ("approved or refused already"), which says the approval
// failed when it did not; the TV signs in.
func TestApprovalRetriedAfterALostCommitIsApproved(t *testing.T) {
	database := pgtest.SchemaURL(t, "approve")
	replicas := startReplicas(t, database, 1)
	client := session.NewClient(replicas[0].url)
	phone, err := client.SignIn(t.Context(), session.NewDeviceIdentity("Phone", session.DeviceKindPhone),
		demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	code, err := client.StartDeviceAuth(t.Context(), session.NewDeviceIdentity("TV", session.DeviceKindTV))
	require.NoError(t, err)

	start := loseCommitOf(t, "approve-lost")
	approve := replicas[0].url + session.APIPrefix + "/device/approve"
	require.Equal(t, http.StatusServiceUnavailable, postAs(t, approve, phone.Token, "approve-lost",
		session.ApproveRequest{UserCode: code.UserCode}), "whether the approval took is not known")
	start()

	require.Eventually(t, func() bool {
		_, err := client.Check(t.Context(), phone.Token)
		return err == nil
	}, 30*time.Second, 50*time.Millisecond, "served again")
	assert.Equal(t, http.StatusOK, postAs(t, approve, phone.Token, "", session.ApproveRequest{UserCode: code.UserCode}),
		"the same approval again is the approval it was")
	require.Eventually(t, func() bool {
		_, err := client.PollDeviceAuth(t.Context(), code.DeviceCode)
		return err == nil
	}, 30*time.Second, 50*time.Millisecond, "the TV signs in")
}

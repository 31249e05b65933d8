package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
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

// A sign-out of all devices on replica0 commits, and PostgreSQL stops before its
// answer and before the replicas' listening connections can be trusted to have
// passed its notification on: the phone is told 503, and every TV listening on
// replica1 and replica2 hears its sign-out once PostgreSQL is back (a LISTEN
// reconnect wakes every account with streams), each once. The phone, trying
// again, is told that its own session was signed out: the sign-out took.
func TestSignOutAllWithItsCommitLostReachesEveryReplica(t *testing.T) {
	database := pgtest.SchemaURL(t, "signoutall-lost")
	replicas := startReplicas(t, database, 3)
	phone, err := session.NewClient(replicas[0].url).SignIn(t.Context(),
		session.NewDeviceIdentity("Phone", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)

	ctx, stop := context.WithTimeout(t.Context(), 60*time.Second)
	defer stop()
	const devices = 6
	results := make([]heard, devices)
	opened := make(chan struct{}, devices)
	var listening sync.WaitGroup
	for i := range devices {
		r := replicas[1+i%2]
		tv := session.NewDeviceIdentity(fmt.Sprint("TV ", i), session.DeviceKindTV)
		g, err := session.NewClient(r.url).SignIn(t.Context(), tv, demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, err)
		listening.Go(func() { results[i] = listenUntilSignedOut(ctx, r.url, g.Token, tv.ID, g.Seq, opened) })
	}
	for range devices {
		<-opened
	}

	start := loseCommitOf(t, "signoutall-lost")
	assert.Equal(t, http.StatusServiceUnavailable, postAs(t, replicas[0].url+session.APIPrefix+"/signout-all", phone.Token,
		"signoutall-lost", session.Proof{Password: demo.AnaPassword}), "whether the sign-out took is not known")
	start()
	listening.Wait()
	for i, h := range results {
		assert.Equal(t, 1, h.signedOut, "TV %d on %s heard its sign-out once: %+v", i, replicas[1+i%2].name, h)
	}
	require.Eventually(t, func() bool {
		_, err = session.NewClient(replicas[0].url).SignOutAll(t.Context(), phone.Token, session.Proof{Password: demo.AnaPassword})
		return !errors.Is(err, session.ErrUnavailable)
	}, 30*time.Second, 50*time.Millisecond)
	assert.ErrorIs(t, err, session.ErrRevoked, "the phone, trying again, hears that it is signed out")
}

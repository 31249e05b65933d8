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

// loseCommitOn is loseCommitOf on db. SQLite has no server to stop and no other
// connection that knows better: the COMMIT of the request whose X-Request-ID is id
// takes, and the answer the store sees is lost, so the request is answered 503.
func loseCommitOn(t *testing.T, db database, id string) (start func()) {
	t.Helper()
	if db.postgres {
		return loseCommitOf(t, id)
	}
	var lost atomic.Bool
	sqlstore.SetCommitHook(func(ctx context.Context, err error) error {
		if got, _ := ctx.Value(requestIDKey{}).(string); got != id || err != nil || lost.Swap(true) {
			return err
		}
		return io.ErrUnexpectedEOF
	})
	t.Cleanup(func() { sqlstore.SetCommitHook(nil) })
	return func() {
		t.Helper()
		require.True(t, lost.Load(), "the commit was lost")
		sqlstore.SetCommitHook(nil)
	}
}

// servedAgain waits until the page at base answers c, after its database restarted.
func servedAgain(t *testing.T, c *http.Client, base string) {
	t.Helper()
	require.Eventually(t, func() bool {
		status, _ := page(t, c, "GET", base+"/activate", nil)
		return status == http.StatusOK
	}, 30*time.Second, 50*time.Millisecond, "served again")
}

// Ana presses Not my TV on the activation page, and the COMMIT of her refusal takes
// but its answer is lost: the page says the service is briefly unavailable. She
// opens the code again, and is told it was refused, not that it is "not valid";
// she sends the form again, as a reload offers, and is told the same; so is the
// phone app, over the API. The TV is told it was refused. Before, each of these
// said the code was approved or refused already, as though her refusal had failed.
func TestARefusalRetriedAfterALostCommitIsRefused(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		tv, auth := tvShowingCode(t, base, "Stranger's TV")
		c := phone(t)
		confirmation := signInOnPage(t, c, base, auth.UserCode)

		start := loseCommitOn(t, db, "deny-lost")
		status, body := choose(t, c, base, confirmation, "deny", "X-Request-ID", "deny-lost")
		require.Equal(t, http.StatusServiceUnavailable, status, "whether the refusal took is not known")
		assert.Contains(t, body, "briefly unavailable")
		start()
		servedAgain(t, c, base)

		status, body = page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil)
		assert.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, "The TV was not signed in", "opened again")
		assert.NotContains(t, body, "not valid")
		status, body = choose(t, c, base, confirmation, "deny")
		assert.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, "The TV was not signed in", "sent again")
		assert.Equal(t, http.StatusOK, postAs(t, base+session.APIPrefix+"/device/deny", sessionCookie(t, c, base), "",
			session.ApproveRequest{UserCode: auth.UserCode}), "the phone app")
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAccessDenied)
	})
}

// Ana approves her TV on the activation page, the COMMIT takes, its answer is lost,
// and the TV signs in before she tries again: she sends the form again and is told
// the TV is signing in, not that the code is not valid (which also counted as a
// guess). Sam, typing the same code on his phone, is told it was approved already.
func TestAnApprovalRetriedAfterTheTVSignedInIsApproved(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		tv, auth := tvShowingCode(t, base, "Living Room TV")
		c := phone(t)
		confirmation := signInOnPage(t, c, base, auth.UserCode)

		start := loseCommitOn(t, db, "approve-lost")
		status, _ := choose(t, c, base, confirmation, "approve", "X-Request-ID", "approve-lost")
		require.Equal(t, http.StatusServiceUnavailable, status)
		start()
		require.Eventually(t, func() bool { return tv.PollCodeSignIn(t.Context(), auth) == nil }, 30*time.Second, 50*time.Millisecond,
			"the TV signs in")

		for range 2 {
			status, body := choose(t, c, base, confirmation, "approve")
			assert.Equal(t, http.StatusOK, status)
			assert.Contains(t, body, "Your TV is signing in")
		}
		sam := phone(t)
		signInOnPage(t, sam, base, "")
		status, body := page(t, sam, "GET", base+"/activate?code="+auth.UserCode, nil)
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, body, "That code was approved already")
	})
}

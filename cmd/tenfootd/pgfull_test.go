package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/session/sqlstore/pgtest"
)

// limitedRoleURL returns database reached as a role of its own that may own the
// schema's tables, and a function that sets how many connections PostgreSQL lets
// that role have (-1: no limit). A role's CONNECTION LIMIT is refused as
// max_connections is, with SQLSTATE 53300 (too_many_connections); superusers, such
// as the tests' own, are not held to it.
func limitedRoleURL(t *testing.T) (database string, limit func(n int)) {
	t.Helper()
	server := pgtest.ServerURL(t)
	role := "tf_limited_" + strings.ToLower(rand.Text()[:10])
	pgtest.Exec(t, server, `CREATE ROLE `+role+` LOGIN`)
	// Registered before the schema's, so it runs after the schema, which holds
	// what the role owns, is dropped.
	t.Cleanup(func() { pgtest.Exec(t, server, `DROP ROLE IF EXISTS `+role) })
	database = pgtest.SchemaURL(t, "full")
	u, err := url.Parse(database)
	require.NoError(t, err)
	pgtest.Exec(t, server, `GRANT ALL ON SCHEMA `+u.Query().Get("search_path")+` TO `+role)
	u.User = url.User(role)
	limit = func(n int) { pgtest.Exec(t, server, fmt.Sprintf(`ALTER ROLE %s CONNECTION LIMIT %d`, role, n)) }
	return u.String(), limit
}

// PostgreSQL takes no more connections (max_connections reached by the replicas
// and whatever else uses it) while a replica's own connections were lost: a device
// hears that the service is briefly unavailable, a 503 with Retry-After, as when
// PostgreSQL is down, and tries again; not a 500, which it takes for a failure of
// the service, logged at ERROR and counted as a refused statement. Once PostgreSQL
// takes connections again, the device is served.
func TestDatabaseFullIsUnavailableNotFailed(t *testing.T) {
	database, limit := limitedRoleURL(t)
	replicas := startReplicas(t, database, 1)
	client := session.NewClient(replicas[0].url)
	phone, err := client.SignIn(t.Context(), session.NewDeviceIdentity("Phone", session.DeviceKindPhone),
		demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)

	limit(0)
	t.Cleanup(func() { limit(-1) })
	killer := pgtest.Open(t, pgtest.ServerURL(t))
	var killed int
	require.NoError(t, killer.QueryRowContext(t.Context(),
		`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, replicas[0].name).Scan(&killed))
	require.Positive(t, killed, "the replica's pooled connections were ended")

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second) // a hang fails, not waits forever
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", replicas[0].url+session.APIPrefix+"/session", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+phone.Token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "a check is answered, not left hanging")
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "a check (a read)")
	assert.Equal(t, "3", resp.Header.Get("Retry-After"))
	_, err = client.SignIn(ctx, session.NewDeviceIdentity("TV", session.DeviceKindTV), demo.AnaEmail, demo.AnaPassword)
	assert.ErrorIs(t, err, session.ErrUnavailable, "a sign-in (a write): the device hears the service is briefly unavailable")

	families := scrape(t, replicas[0].url+"/metrics")
	assert.Positive(t, value(families, "tenfootd_store_errors_total", "error", "unavailable"), "counted as unavailable")
	assert.LessOrEqual(t, value(families, "tenfootd_store_errors_total", "error", "failed"), 0.0, "not as refused")
	assert.NotContains(t, replicas[0].log.String(), `"level":"ERROR"`, "no failure of the service is logged")
	assert.Contains(t, replicas[0].log.String(), "too many connections", "the cause is in the log")

	limit(-1)
	require.Eventually(t, func() bool {
		_, err := client.Check(t.Context(), phone.Token)
		return err == nil
	}, 30*time.Second, 50*time.Millisecond, "served again once PostgreSQL takes connections")
}

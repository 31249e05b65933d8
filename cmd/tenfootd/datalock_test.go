package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// A second tenfootd started on a SQLite data folder that one serves (by hand, or a
// container pointed at the systemd unit's folder) refuses to start, and says which
// process serves it. Both used to serve, and a sign-out of all devices made through
// one never reached the devices listening to the other. Once the first stops, the
// folder is free again, also within one process.
func TestASecondTenfootdOnOneDataFolderRefusesToStart(t *testing.T) {
	data := t.TempDir()
	first, stopFirst := context.WithCancel(t.Context())
	defer stopFirst()
	serving := runTenfootd(t, first, "-addr", "127.0.0.1:0", "-data", data)

	second, stopSecond := context.WithCancel(t.Context())
	defer stopSecond()
	var out, log testkit.Buffer
	refused := make(chan error, 1)
	go func() {
		refused <- run(second, []string{"-addr", "127.0.0.1:0", "-web", t.TempDir(), "-data", data},
			func(string) string { return "" }, &out, &log)
	}()
	require.Eventually(t, func() bool { return len(refused) > 0 || strings.Contains(out.String(), "serving") },
		20*time.Second, 10*time.Millisecond)
	require.NotContains(t, out.String(), "serving", "a second tenfootd serves the same data folder")
	assert.EqualError(t, <-refused, fmt.Sprintf("the data folder %s is in use by another tenfootd (pid %d): "+
		"one tenfootd serves a SQLite database; stop it, or run replicas on PostgreSQL (-database)", data, os.Getpid()))

	stopFirst()
	<-serving.done
	require.NoError(t, serving.err)
	next, stopNext := context.WithCancel(t.Context())
	defer stopNext()
	url := runTenfootd(t, next, "-addr", "127.0.0.1:0", "-data", data).url
	tv, listening := listeningTV(t, url)
	phone := signedInRemote(t, url, "Phone")
	_, err := phone.SignOutAll(t.Context(), session.Proof{Password: demo.AnaPassword})
	require.NoError(t, err)
	select {
	case err := <-listening:
		assert.ErrorIs(t, err, session.ErrRevoked)
	case <-time.After(streamWait):
		t.Fatal("the TV never heard its sign-out")
	}
	_, signedIn := tv.Account()
	assert.False(t, signedIn)
}

package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"tenfoot/session/sqlstore"
	"tenfoot/session/sqlstore/pgtest"
)

// database is a kind of database tenfootd keeps its records in; the service's tests
// run on each.
type database struct {
	name     string
	postgres bool
}

var (
	sqliteDB   = database{name: "sqlite"}
	postgresDB = database{name: "postgres", postgres: true}
)

// eachDatabase runs test once on SQLite and once on PostgreSQL.
func eachDatabase(t *testing.T, test func(t *testing.T, db database)) {
	for _, db := range []database{sqliteDB, postgresDB} {
		t.Run(db.name, func(t *testing.T) { test(t, db) })
	}
}

// place returns where records named key are kept: for SQLite the folder key, for
// PostgreSQL the URL of a schema of its own. The same key gives the same place
// within tb.
func (db database) place(tb testing.TB, key string) string {
	tb.Helper()
	if db.postgres {
		return pgtest.SchemaURL(tb, key)
	}
	return key
}

// flags are tenfootd's flags that keep its records at place.
func (db database) flags(place string) []string {
	if db.postgres {
		return []string{"-database", place}
	}
	return []string{"-data", place}
}

func (db database) open(tb testing.TB, place string) *sqlstore.Store {
	tb.Helper()
	var store *sqlstore.Store
	var err error
	if db.postgres {
		store, err = sqlstore.OpenPostgres(tb.Context(), place)
	} else {
		store, err = sqlstore.OpenSQLite(tb.Context(), place)
	}
	require.NoError(tb, err)
	tb.Cleanup(func() { store.Close() })
	return store
}

// dump returns every row of the records at place, to compare before and after. Failed
// attempts are left out: counting them is the point of a rejected password.
func (db database) dump(tb testing.TB, place string) string {
	tb.Helper()
	driver, source := "sqlite", filepath.Join(place, sqlstore.FileName)+"?_query_only=1"
	if db.postgres {
		driver, source = "pgx", place
	}
	conn, err := sql.Open(driver, source)
	require.NoError(tb, err)
	defer conn.Close()
	var out strings.Builder
	for _, table := range []string{"accounts", "profiles", "sessions", "events", "device_auths", "watches", "devices"} {
		rows, err := conn.Query("SELECT * FROM " + table + " ORDER BY 1, 2")
		require.NoError(tb, err)
		columns, err := rows.Columns()
		require.NoError(tb, err)
		for rows.Next() {
			values := make([]any, len(columns))
			for i := range values {
				values[i] = new(any)
			}
			require.NoError(tb, rows.Scan(values...))
			fmt.Fprint(&out, table)
			for _, v := range values {
				fmt.Fprintf(&out, " %v", *v.(*any))
			}
			out.WriteByte('\n')
		}
		require.NoError(tb, rows.Err())
		rows.Close()
	}
	return out.String()
}

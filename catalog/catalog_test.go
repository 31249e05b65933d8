package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

var (
	tide  = Title{ID: "tide", Name: "The Long Tide", Genre: "Drama"}
	quiet = Title{ID: "quiet", Name: "The Quiet Year", Genre: "Drama"}
	orbit = Title{ID: "orbit", Name: "Orbit of Small Things", Genre: "Sci-fi"}
	ridge = Title{ID: "ridge", Name: "North Ridge", Genre: "Thriller"}
	lib   = Catalog{Titles: []Title{tide, orbit, ridge, quiet}}
)

func TestSimilarNamesTheSameGenreFirst(t *testing.T) {
	assert.Equal(t, []Title{quiet, orbit}, lib.Similar(tide, 2))
	assert.Equal(t, []Title{quiet, orbit, ridge}, lib.Similar(tide, 8), "never the title itself")
	assert.Empty(t, Catalog{}.Similar(tide, 8))
}

func TestLookups(t *testing.T) {
	got, ok := lib.ByID("ridge")
	assert.True(t, ok)
	assert.Equal(t, ridge, got)
	_, ok = lib.ByID("gone")
	assert.False(t, ok)

	got, ok = lib.ByName("Orbit of Small Things")
	assert.True(t, ok)
	assert.Equal(t, orbit, got)
	// A download of a title since removed still has a tile, in a neutral colour.
	got, ok = lib.ByName("Old Film")
	assert.False(t, ok)
	assert.Equal(t, Title{ID: "unknown", Name: "Old Film", Hue: 220}, got)
}

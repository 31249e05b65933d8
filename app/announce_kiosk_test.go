package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
)

// heardOver runs the kiosk tick by tick for n ticks, as time passes, and returns
// what a screen reader said meanwhile: the host asks after every tick.
func (k *kioskTV) heardOver(n int) []string {
	var said []string
	for range n {
		k.run(1)
		if s := k.app.Announce(); s != "" {
			said = append(said, s)
		}
	}
	return said
}

// A guest who cannot see the countdown hears how to stay signed in, which was only
// shown, and hears the time left at a pace a person can follow, not a sentence
// every second; the second countdown after a press is heard the same, and the last
// one ends on the welcome screen, said.
func TestKioskCountdownIsHeardAtAPace(t *testing.T) {
	cfg := kioskConfig(t, map[string]string{"idleTimeout": "2m", "warning": "30s"})
	cfg.Language = i18n.German.Tag()
	k := newKioskTV(t, cfg, checkIn)
	pressKeys(k.app, ok)
	require.Equal(t, "home", k.screen())
	k.app.Announce()
	for round := 1; round <= 2; round++ {
		said := k.heardOver(2 * 60 * ticksPerSecond)
		require.Equal(t, "kiosk-countdown", k.screen())
		assert.Equal(t, []string{"Ana wird in 30 s abgemeldet. Drücke eine beliebige Taste, um angemeldet zu bleiben."}, said,
			"round %d: the countdown and how to stay", round)
		said = k.heardOver(15 * ticksPerSecond)
		assert.Equal(t, []string{"Ana wird in 20 s abgemeldet."}, said, "round %d: once in ten seconds", round)
		if round == 1 {
			pressKeys(k.app, down)
			require.Equal(t, "home", k.screen())
			assert.Equal(t, "Startseite. Weiterschauen, Reihe: Summit", k.app.Announce())
		}
	}
	said := k.heardOver(20 * ticksPerSecond)
	require.Equal(t, "kiosk-welcome", k.screen())
	assert.Equal(t, []string{"Ana wird in 10 s abgemeldet.", "Ana wird in 5 s abgemeldet.",
		"Willkommen. Mit dem Smartphone anmelden"}, said, "then the welcome screen the guest is left on")
}

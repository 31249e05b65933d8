package screens

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
	"tenfoot/ui"
)

// stepClock is the time of an app that runs at exactly TicksPerSecond: the test
// moves it one tick at a time.
type stepClock struct {
	start time.Time
	ticks int
}

func (c *stepClock) Now() time.Time {
	return c.start.Add(time.Duration(c.ticks) * time.Second / TicksPerSecond)
}

// A hotel's hundred TVs sign out, sixty in the first three seconds, then none for
// twenty, then the rest over ten: a listener hears how many have signed out at a
// pace a person can follow, not a sentence for each TV, also while none confirms,
// and the end at once. The list said only its heading and Done, and then nothing.
func TestSignOutProgressIsSpokenAtAPace(t *testing.T) {
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	device, err := session.OpenDevice(store, nil, nil, session.DeviceInfo{Name: "Lobby TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	clock := &stepClock{start: time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)}
	env := &Env{Device: device, Clock: clock, Canvas: ui.Canvas}
	const rooms = 100
	s := &signOutAll{env: env, stage: stageProgress, unheard: map[uuid.UUID]bool{},
		devices: []session.DeviceSignOut{{Device: device.Info(), State: session.SignOutDone}},
		tally:   session.SignOutCount{SignedOut: 1, Pending: rooms}}
	var ids []uuid.UUID
	for i := range rooms {
		id := uuid.New()
		ids = append(ids, id)
		s.devices = append(s.devices, session.DeviceSignOut{Device: session.DeviceInfo{ID: id, Name: fmt.Sprintf("Room %d", 101+i)}, State: session.SignOutPending})
	}
	// when[tick] is the room that confirms then: one every 3 ticks (50 ms) for the
	// first sixty, then after twenty seconds one every 15 ticks (250 ms).
	when := map[int]uuid.UUID{}
	for i, id := range ids {
		if i < 60 {
			when[3*(i+1)] = id
		} else {
			when[23*TicksPerSecond+15*(i-59)] = id
		}
	}
	last := 23*TicksPerSecond + 15*(rooms-59-1)

	// A host that says what changed whenever the screen is built again, as App
	// does, with the title a Paced screen says.
	var view ui.View
	announcer := ui.Announcer{Words: env.Words()}
	type line struct {
		tick int
		said string
	}
	var said []line
	say := func(tick int) {
		view.SetRoot(s.Build())
		title := view.Title()
		if p, ok := Screen(s).(Paced); ok {
			title = p.SpokenTitle()
		}
		if w := announcer.Announce(title, &view); w != "" {
			said = append(said, line{tick, w})
		}
	}
	say(0)
	for tick := 1; tick <= last+10*TicksPerSecond; tick++ {
		clock.ticks = tick
		if id, ok := when[tick]; ok {
			ev := session.Event{Kind: session.EventDeviceWiped, Devices: []uuid.UUID{id}}
			if cmd := s.heard(signOutEvent{event: ev, ok: true}); cmd.Kind == Rebuild.Kind {
				say(tick)
			}
		}
		if tk, ok := Screen(s).(Ticker); ok && tk.Tick() {
			say(tick)
		}
	}

	require.NotEmpty(t, said)
	assert.Equal(t, line{0, "Sign out of all devices. 1 of 101 devices signed out. Done"}, said[0])
	assert.Contains(t, said, line{5 * TicksPerSecond, "61 of 101 devices signed out."},
		"the count after the first sixty, while none confirms")
	assert.Equal(t, line{last, "Every device signed out."}, said[len(said)-1], "the end, at once")
	for i := 1; i < len(said)-1; i++ {
		assert.GreaterOrEqual(t, said[i].tick-said[i-1].tick, 5*TicksPerSecond, "%q came too soon after %q", said[i].said, said[i-1].said)
	}
	assert.LessOrEqual(t, len(said), 2+last/(5*TicksPerSecond), "%q", said)
}

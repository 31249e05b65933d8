package session

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fullStorage is storage that refuses every save while full is set, as a full disk
// or a read-only card does.
type fullStorage struct {
	*MemStorage
	full atomic.Bool
}

func (s *fullStorage) Save(name string, data []byte) error {
	if s.full.Load() {
		return errors.New("no space left on device")
	}
	return s.MemStorage.Save(name, data)
}

// A device whose storage refuses to save when it starts (a first start on a full
// disk, or a read-only card) still starts, from memory, and says why; it saves as
// soon as the storage takes it. It returned no device, and the app did not start
// at all. Started with a sign-out of all devices waiting for its answer, it starts
// signed out in memory, its sign-out in the outbox, and the wipe is kept once the
// storage takes it.
func TestADeviceStartsOnStorageThatRefusesToSave(t *testing.T) {
	h := newHousehold(t)
	store := &fullStorage{MemStorage: &MemStorage{}}
	store.full.Store(true)
	tv, err := OpenDevice(store, h.svc, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
	require.NotNil(t, tv, "a first start on a full disk")
	require.ErrorIs(t, err, ErrStorage)
	id := tv.Info().ID
	require.NotEqual(t, id.String(), "00000000-0000-0000-0000-000000000000")
	store.full.Store(false)
	tv.Flush(ctx)
	_, err = store.Load(deviceName)
	require.NoError(t, err, "saved once the storage takes it")

	require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))
	require.NoError(t, tv.update(tokenOf(tv), func(st *deviceState) { st.SigningOutAll = true }))
	for round := 1; round <= 2; round++ {
		store.full.Store(true)
		tv, err = OpenDevice(store, h.svc, h.clock, DeviceInfo{})
		require.NotNil(t, tv, "round %d", round)
		require.ErrorIs(t, err, ErrStorage, "round %d", round)
		_, signedIn := tv.Account()
		assert.False(t, signedIn, "round %d: signed out in memory", round)
		assert.Equal(t, 1, tv.PendingRevocations(), "round %d: the sign-out waits", round)
		assert.Equal(t, id, tv.Info().ID, "round %d", round)
	}
	store.full.Store(false)
	assert.Zero(t, tv.Flush(ctx), "delivered")
	tv, err = OpenDevice(store, h.svc, h.clock, DeviceInfo{})
	require.NoError(t, err)
	_, signedIn := tv.Account()
	assert.False(t, signedIn, "and the wipe is kept")
}

// A profile saved while the device's storage refuses to save is done at the
// service and shown on the device at once, Unsaved saying so, and saved by Flush
// once the storage takes it; a device started again then has it. Downloads wait
// meanwhile (StorageFull), and go on once the storage takes a save. Each twice,
// with room in between.
func TestChangesTheStorageRefusesAreShownAndKeptLater(t *testing.T) {
	h := newHousehold(t)
	store := &fullStorage{MemStorage: &MemStorage{}}
	tv, err := OpenDevice(store, h.svc, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
	require.NoError(t, err)
	require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))
	_, err = tv.StartDownload("Summit", tv.Profiles()[0].ID, 100)
	require.NoError(t, err)
	onDisk := func() []string {
		d, err := OpenDevice(store, h.svc, h.clock, DeviceInfo{})
		require.NoError(t, err)
		var names []string
		for _, p := range d.Profiles() {
			names = append(names, p.Name)
		}
		return names
	}
	var spells []uint64
	for round, name := range []string{"Benny", "Ben"} {
		store.full.Store(true)
		ben := tv.Profiles()[1]
		ben.Name = name
		require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: ben}), "round %d: done at the service", round)
		assert.Equal(t, name, tv.Profiles()[1].Name, "round %d: shown at once", round)
		unsaved, spell := tv.Unsaved()
		assert.True(t, unsaved, "round %d", round)
		spells = append(spells, spell)
		assert.NotContains(t, onDisk(), name, "round %d", round)

		before := tv.Downloads()[0].BytesDone
		_, err := tv.AdvanceDownloads(10)
		assert.ErrorIs(t, err, ErrStorage, "round %d", round)
		assert.True(t, tv.StorageFull(), "round %d", round)
		assert.Equal(t, before, tv.Downloads()[0].BytesDone, "round %d: the download waits", round)

		store.full.Store(false)
		h.clock.Advance(retryFirst)
		tv.Flush(ctx)
		unsaved, _ = tv.Unsaved()
		assert.False(t, unsaved, "round %d", round)
		assert.False(t, tv.StorageFull(), "round %d", round)
		assert.Contains(t, onDisk(), name, "round %d: kept once the storage takes it", round)
		_, err = tv.AdvanceDownloads(10)
		require.NoError(t, err)
		assert.Equal(t, before+10, tv.Downloads()[0].BytesDone, "round %d: the download goes on", round)
	}
	assert.NotEqual(t, spells[0], spells[1], "each time the storage refused is told apart")
}

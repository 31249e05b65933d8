//go:build js && wasm

package wasm

import (
	"strconv"
	"sync"
	"syscall/js"
	"time"
)

// browserZone returns the zone the browser is in now, as a fixed offset from UTC,
// named as Go names the zone it takes once, at start ("UTC+1"). Go's time.Local in
// a browser is that zone from start: a page left open across a change to or from
// summer time, or a TV moved to another zone, kept the old offset.
func browserZone() *time.Location {
	offset := -js.Global().Get("Date").New().Call("getTimezoneOffset").Int() * 60
	zones.Lock()
	defer zones.Unlock()
	if zones.last == nil || zones.offset != offset {
		zones.offset, zones.last = offset, time.FixedZone(zoneName(offset), offset)
	}
	return zones.last
}

// zones keeps the zone last made, so that a check each tick makes none.
var zones struct {
	sync.Mutex
	offset int
	last   *time.Location
}

// zoneName names an offset in seconds east of UTC: "UTC+9", "UTC-3:30".
func zoneName(offset int) string {
	sign := "+"
	if offset < 0 {
		sign, offset = "-", -offset
	}
	name := "UTC" + sign + strconv.Itoa(offset/3600)
	if m := offset % 3600 / 60; m != 0 {
		name += ":" + strconv.Itoa(m)
	}
	return name
}

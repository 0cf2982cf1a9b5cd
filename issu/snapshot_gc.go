package issu

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The collector's pace while a snapshot runs.
//
// A snapshot's heap is mostly what it keeps: every device's parsed
// results, which grow from nothing to hundreds of megabytes over a fleet
// and which every collection re-marks although none of it is garbage.
// A collection late in a 1000-device snapshot marked some 250 MB of
// results and cost 0.4-0.6 CPU-s, a tenth of the snapshot; and as the
// setting is restored when the snapshot ends, another collection follows
// at once and marks it all again.
//
// So while a snapshot runs, GOGC is at least snapshotGCPercent, and
// high enough that the next collection waits until the heap has grown by
// snapshotHeapFloor (GOGC at most maxSnapshotGCPercent): GOGC alone paces
// by the heap the last collection found, and the one left by connecting a
// thousand sessions (20-80 MB live) set the next after little more.
// Whatever the setting, a snapshot's heap cannot outgrow what it held at
// the start plus what it allocates, about twice what it keeps
// (BenchmarkSnapshotLab1000: one or two collections during the snapshot,
// now none; max RSS 450 -> 500 MiB). The monitor, which must stay small,
// runs at the default.
const (
	snapshotGCPercent    = 400
	snapshotHeapFloor    = 1 << 30
	maxSnapshotGCPercent = 5000
)

// gcRaise counts the snapshots running, so that concurrent ones restore
// the setting once, when the last ends.
var gcRaise struct {
	mu   sync.Mutex
	n    int
	prev int
	set  bool // this package changed the setting
}

// heapLive reads the heap the last collection marked live (0 before the
// first); a variable so that tests can pin it.
var heapLive = func() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// snapshotPercent is the GOGC a snapshot runs at when the last
// collection left live bytes: the heap may grow by snapshotHeapFloor
// before the next one, and at least by snapshotGCPercent.
func snapshotPercent(live uint64) int {
	p := uint64(maxSnapshotGCPercent)
	if live > 0 {
		p = min(p, 100*snapshotHeapFloor/live)
	}
	return max(snapshotGCPercent, int(p))
}

// raiseGCPercent sets GOGC to snapshotPercent until the returned func is
// called, unless the user chose the collector's pace: GOGC in the
// environment, or a setting already off or higher is left alone.
func raiseGCPercent() (restore func()) {
	gcRaise.mu.Lock()
	defer gcRaise.mu.Unlock()
	if gcRaise.n == 0 {
		gcRaise.set = false
		if os.Getenv("GOGC") == "" {
			want := snapshotPercent(heapLive())
			prev := debug.SetGCPercent(want)
			if prev < 0 || prev >= want {
				debug.SetGCPercent(prev) // off, or already as lazy: keep it
			} else {
				gcRaise.prev, gcRaise.set = prev, true
			}
		}
	}
	gcRaise.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			gcRaise.mu.Lock()
			defer gcRaise.mu.Unlock()
			if gcRaise.n--; gcRaise.n == 0 && gcRaise.set {
				debug.SetGCPercent(gcRaise.prev)
				gcRaise.set = false
			}
		})
	}
}

package issu

import (
	"os"
	"runtime/debug"
	"sync"
)

// snapshotGCPercent is the collector's GOGC while a snapshot runs.
//
// A snapshot's heap is mostly what it keeps: every device's parsed
// results, which grow from nothing to hundreds of megabytes over a fleet
// and which every collection re-marks although none of it is garbage.
// At the default GOGC=100 that marking was a fifth of a 1000-device
// snapshot's CPU; at 400 the collector runs a few times less often for
// about 60 MB more peak memory (BenchmarkSnapshotLab1000: 5.6-6.3 ->
// 5.0-5.3 CPU-s, max RSS 450 -> 505 MiB). The setting is scoped to the
// snapshot: the monitor, which must stay small, runs at the default.
const snapshotGCPercent = 400

// gcRaise counts the snapshots running, so that concurrent ones restore
// the setting once, when the last ends.
var gcRaise struct {
	mu   sync.Mutex
	n    int
	prev int
	set  bool // this package changed the setting
}

// raiseGCPercent sets GOGC to snapshotGCPercent until the returned func is
// called, unless the user chose the collector's pace: GOGC in the
// environment, or a setting already off or higher is left alone.
func raiseGCPercent() (restore func()) {
	gcRaise.mu.Lock()
	defer gcRaise.mu.Unlock()
	if gcRaise.n == 0 {
		gcRaise.set = false
		if os.Getenv("GOGC") == "" {
			prev := debug.SetGCPercent(snapshotGCPercent)
			if prev < 0 || prev >= snapshotGCPercent {
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

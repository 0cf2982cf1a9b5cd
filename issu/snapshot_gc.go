package issu

import (
	"os"
	"runtime"
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
// So while a snapshot runs, its first collection waits until the heap
// has grown by about snapshotHeapFloor: GOGC alone paces by the heap the
// last collection found, and the one left by connecting a thousand
// sessions (20-80 MB live) set the next after little more. GOGC is set
// so that the next goal, live + (live + stacks + globals) x GOGC/100, is
// live + snapshotHeapFloor (between snapshotGCPercent and
// maxSnapshotGCPercent); once a collection has run during the snapshot,
// GOGC drops to snapshotGCPercent (or the user's, if higher), so a fleet big enough to be collected
// is paced as before rather than at fifty times its heap
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
	set  bool   // this package changed the setting
	gen  uint64 // raises so far: a collection's callback for an earlier one is stale
}

// gcHeap reads what the last collection found: the live heap, and the
// stacks and globals it scans (0 before the first); a variable so that
// tests can pin it.
var gcHeap = func() (live, roots uint64) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/scan/stack:bytes"}, {Name: "/gc/scan/globals:bytes"}}
	metrics.Read(s)
	var v [3]uint64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	return v[0], v[1] + v[2]
}

// snapshotPercent is the GOGC under which the next collection comes when
// the heap has grown by snapshotHeapFloor, from what the last collection
// found (live bytes, and the stacks and globals it scanned), within
// [snapshotGCPercent, maxSnapshotGCPercent].
func snapshotPercent(live, roots uint64) int {
	p := uint64(maxSnapshotGCPercent)
	if base := live + roots; base > 0 && base >= live { // base >= live: no overflow
		p = min(p, 100*snapshotHeapFloor/base)
	}
	return max(snapshotGCPercent, int(p))
}

// gcSentinel is an object nothing references: its cleanup runs after
// the first collection that follows the raise. Pointer fields keep it
// out of the tiny allocator, whose blocks are freed late.
type gcSentinel struct{ _ [4]*byte }

// afterSnapshotGC lowers GOGC to snapshotGCPercent (or the setting
// before the raise, if higher) once a collection has run during the raise
// of generation gen.
func afterSnapshotGC(gen uint64) {
	gcRaise.mu.Lock()
	defer gcRaise.mu.Unlock()
	if gcRaise.set && gcRaise.gen == gen {
		debug.SetGCPercent(max(snapshotGCPercent, gcRaise.prev))
	}
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
			want := snapshotPercent(gcHeap())
			prev := debug.SetGCPercent(want)
			if prev < 0 || prev >= want {
				debug.SetGCPercent(prev) // off, or already as lazy: keep it
			} else {
				gcRaise.prev, gcRaise.set = prev, true
				gcRaise.gen++
				if want > snapshotGCPercent {
					runtime.AddCleanup(new(gcSentinel), afterSnapshotGC, gcRaise.gen)
				}
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

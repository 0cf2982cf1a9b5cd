package monitor

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkPollCycle measures one poll cycle over N fake NX-OS devices:
// every polled command executed, parsed (registry or raw fallback),
// detectors run and the sample merged; files are not written.
func BenchmarkPollCycle(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("devices=%d", n), func(b *testing.B) {
			clock := newFakeClock(5 * time.Second)
			cfg := Config{CriticalPrefixes: []Prefix{{Prefix: "10.99.0.0/24"}},
				Probes: []Probe{{Destination: "10.99.0.1", EveryPolls: 1}}, Clock: clock.Now}.withDefaults()
			dets, err := Detectors(cfg)
			if err != nil {
				b.Fatal(err)
			}
			r := &runner{cfg: cfg, dets: dets, state: map[string]*devState{}, esc: escalator{cfg: cfg.Escalate},
				vote: voter{vote: cfg.Vote, window: cfg.VoteWindow}, st: &store{}}
			for i := 0; i < n; i++ {
				t := &fakeTarget{name: fmt.Sprintf("n9k-%d", i), os: "nxos", clock: clock, script: func(int) nxState { return baseNX() }}
				p, err := newPoller(t, &r.cfg)
				if err != nil {
					b.Fatal(err)
				}
				r.pollers = append(r.pollers, p)
				r.state[p.name] = &devState{}
			}
			ctx := context.Background()
			noReconnect := func(error) {}
			b.ReportAllocs()
			b.ResetTimer()
			poll := 0
			for b.Loop() {
				poll++
				c := cycle{n: poll, t: clock.Now()}
				for _, p := range r.pollers {
					r.handle(p.poll(ctx, c, noReconnect))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/device-poll")
		})
	}
}

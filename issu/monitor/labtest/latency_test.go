package labtest

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/fixtures/sim"
	"github.com/goissu/goissu/fixtures/sim/model"
	"github.com/goissu/goissu/issu/monitor"
)

// BenchmarkEventLatency measures how long after the lab makes something
// happen the monitor's event is on disk: a device's sessions are dropped
// and its address refuses connections at T0; the benchmark polls
// events.jsonl for that device's "unreachable" event and reports the delay
// (target: at most one interval + 1 s). N devices (GOISSU_BENCH_DEVICES,
// default 100) are polled at the default 5 s interval, the lab in real time.
func BenchmarkEventLatency(b *testing.B) {
	n := 100
	if v, err := strconv.Atoi(os.Getenv("GOISSU_BENCH_DEVICES")); err == nil && v > 0 {
		n = v
	}
	b.Setenv(sim.PasswordEnv, "lab-secret")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lab, err := sim.Start(ctx, sim.LabConfig{Scenario: "clean-issu", Devices: n, TimeScale: 1, StateDir: b.TempDir(), Password: "lab-secret"})
	if err != nil {
		b.Fatal(err)
	}
	defer lab.Close()
	tb, err := devices.LoadTestbed(lab.TestbedPath())
	if err != nil {
		b.Fatal(err)
	}
	var targets []monitor.Target
	for _, name := range lab.Names() {
		d, err := tb.Device(name, devices.Options{KnownHostsFile: lab.KnownHostsPath(), LoginTimeout: 30 * time.Second,
			CommandTimeout: 30 * time.Second, ReconnectBackoff: time.Second, ReconnectMaxBackoff: 5 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Connect(ctx); err != nil {
			b.Fatal(err)
		}
		defer func() { _ = d.Disconnect() }()
		targets = append(targets, d)
	}
	victim := lab.Names()[n/2]
	var worst time.Duration
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(b.TempDir(), "monitor")
		cfg := monitor.Config{Dir: dir, Interval: 5 * time.Second, MaxDuration: 25 * time.Second, StablePolls: -1}
		done := make(chan error, 1)
		go func() { _, err := monitor.Run(ctx, targets, cfg); done <- err }()
		// Let two cycles pass, then break the device.
		waitFor(b, func() bool { return countSamples(filepath.Join(dir, monitor.TimelineFile)) >= 2*n }, 30*time.Second)
		t0 := time.Now()
		if err := lab.Inject(victim, model.FaultSpec{Kind: "refuse-connections", Duration: time.Minute}); err != nil {
			b.Fatal(err)
		}
		if err := lab.Inject(victim, model.FaultSpec{Kind: "drop"}); err != nil {
			b.Fatal(err)
		}
		waitFor(b, func() bool { return hasEvent(filepath.Join(dir, monitor.EventsFile), victim, monitor.KindUnreachable) }, 30*time.Second)
		lat := time.Since(t0)
		worst = max(worst, lat)
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(worst.Seconds(), "event-latency-s")
	b.ReportMetric(5, "interval-s")
}

// waitFor polls cond until it holds, failing after limit.
func waitFor(b *testing.B, cond func() bool, limit time.Duration) {
	b.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			b.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(20 * time.Millisecond) // polling files another goroutine writes
	}
}

func countSamples(path string) int {
	n := 0
	eachLine(path, func(line []byte) {
		var h struct{ Type string }
		if json.Unmarshal(line, &h) == nil && h.Type == "sample" {
			n++
		}
	})
	return n
}

func hasEvent(path, device, kind string) bool {
	found := false
	eachLine(path, func(line []byte) {
		var ev monitor.Event
		if json.Unmarshal(line, &ev) == nil && ev.Device == device && ev.Kind == kind {
			found = true
		}
	})
	return found
}

func eachLine(path string, fn func([]byte)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fn(sc.Bytes())
	}
}

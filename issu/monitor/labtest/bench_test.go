package labtest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/fixtures/sim"
	"github.com/goissu/goissu/issu/monitor"
)

// BenchmarkLabPollCycle measures one monitor poll cycle over N lab devices
// on persistent SSH sessions (every polled command, parsing, detectors).
// N is GOISSU_BENCH_DEVICES (default 30; the 1000-device figure wants a
// quiet machine) and GOISSU_BENCH_CONCURRENCY overrides Config.Concurrency.
func BenchmarkLabPollCycle(b *testing.B) {
	n := 30
	if v, err := strconv.Atoi(os.Getenv("GOISSU_BENCH_DEVICES")); err == nil && v > 0 {
		n = v
	}
	b.Setenv(sim.PasswordEnv, "lab-secret")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lab, err := sim.Start(ctx, sim.LabConfig{Scenario: "clean-issu", Devices: n, StateDir: b.TempDir(), Password: "lab-secret"})
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
		d, err := tb.Device(name, devices.Options{KnownHostsFile: lab.KnownHostsPath(), LoginTimeout: 30 * time.Second, CommandTimeout: 30 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Connect(ctx); err != nil {
			b.Fatal(err)
		}
		defer func() { _ = d.Disconnect() }()
		targets = append(targets, d)
	}
	cfg := monitor.Config{Interval: time.Hour, PollTimeout: time.Minute, StablePolls: 1}
	if v, err := strconv.Atoi(os.Getenv("GOISSU_BENCH_CONCURRENCY")); err == nil && v > 0 {
		cfg.Concurrency = v // default 100
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := monitor.Run(ctx, targets, cfg) // one cycle: every device's first sample is quiet
		if err != nil || res.StopReason != monitor.StopStable || res.Samples != len(targets) {
			b.Fatal(fmt.Sprintf("run: %v %+v", err, res))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(targets)), "ns/device-poll")
	b.ReportMetric(float64(len(targets)), "devices")
}

package issu_test

// Benchmarks at fleet scale against the simulated lab running in a separate
// process (`goissu lab`), so what is measured is goissu's own cost:
//
//	go test ./issu -run '^$' -bench 'Lab1000' -benchtime 1x
//
// They report wall time per snapshot, goissu's own CPU seconds (getrusage
// of this process; the lab's CPU is in the other process) and max RSS.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
	"github.com/goissu/goissu/suites/harness"
)

// startLabProcess builds goissu and runs `goissu lab` in its own process,
// returning the testbed it wrote. The process is killed at cleanup.
//
// GOISSU_BENCH_LAB names the testbed of a lab already running (started by
// hand with the same flags), for runs under valgrind, which cannot follow
// a child process's signals.
func startLabProcess(b *testing.B, devicesN int, latency time.Duration, timeScale float64) string {
	b.Helper()
	b.Setenv("GOISSU_LAB_PASSWORD", "admin") // the lab's testbed reads it
	if tb := os.Getenv("GOISSU_BENCH_LAB"); tb != "" {
		return tb
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "goissu")
	build := exec.Command("go", "build", "-o", bin, "./cmd/goissu")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build goissu: %v\n%s", err, out)
	}
	tb := filepath.Join(dir, "lab.yaml")
	cmd := exec.Command(bin, "lab", "--scenario", "clean-issu", "--devices", fmt.Sprint(devicesN),
		"--time-scale", fmt.Sprint(timeScale), "--latency", latency.String(),
		"--testbed-out", tb, "--state-dir", filepath.Join(os.TempDir(), "goissu-bench-lab"))
	cmd.Env = append(os.Environ(), "GOISSU_LAB_PASSWORD=admin")
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_, _ = cmd.Process.Wait()
	})
	deadline := time.Now().Add(2 * time.Minute)
	var lastErr error
	for {
		if _, err := os.Stat(tb + ".known_hosts"); err == nil {
			if _, lastErr = devices.LoadTestbed(tb); lastErr == nil {
				return tb
			}
		}
		if time.Now().After(deadline) {
			b.Fatalf("the lab did not write a loadable testbed within 2 minutes (last error: %v)", lastErr)
		}
		time.Sleep(50 * time.Millisecond) // polling the other process's output file
	}
}

func connectAll(b *testing.B, tbPath string, concurrency int) []*devices.Device {
	b.Helper()
	b.Setenv("GOISSU_LAB_PASSWORD", "admin")
	tb, err := devices.LoadTestbed(tbPath)
	if err != nil {
		b.Fatal(err)
	}
	var devs []*devices.Device
	for _, n := range tb.DeviceNames() {
		// Transcript bounds as goissu's suites set them.
		maxBytes, maxEntries := harness.TranscriptLimits()
		d, err := tb.Device(n, devices.Options{CommandTimeout: time.Minute, LoginTimeout: time.Minute, TranscriptMaxBytes: maxBytes, TranscriptMaxEntries: maxEntries})
		if err != nil {
			b.Fatal(err)
		}
		devs = append(devs, d)
	}
	b.Cleanup(func() {
		for _, d := range devs {
			_ = d.Disconnect()
		}
	})
	errs := devices.ForEach(context.Background(), devs, concurrency, func(ctx context.Context, d *devices.Device) error {
		return d.Connect(ctx)
	})
	for n, err := range errs {
		if err != nil {
			b.Fatalf("connect %s: %v", n, err)
		}
	}
	return devs
}

// usage is this process's CPU so far, cpu = user + sys (the kernel's
// share is mostly creating artifact files, socket I/O and page faults),
// and its minor page faults (each a page of memory touched first).
type usage struct {
	cpu, sys time.Duration
	faults   int64
}

func selfUsage() usage {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return usage{cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), sys: time.Duration(ru.Stime.Nano()), faults: ru.Minflt}
}

func maxRSSMiB() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}

func targetsOf(devs []*devices.Device) []issu.Target {
	out := make([]issu.Target, len(devs))
	for i, d := range devs {
		out[i] = d
	}
	return out
}

// BenchmarkSnapshotLab1000 is the target: a snapshot of 1000
// simulated devices with the full profile at zero device latency in ≤ 10 s
// wall and ≤ 5 CPU-seconds of goissu's own process. GOISSU_BENCH_DEVICES
// sets another fleet size (a small one fits under valgrind, for instruction
// counts on a noisy machine); GOISSU_BENCH_RESULTS keeps the artifacts;
// GOISSU_BENCH_CONCURRENCY bounds the devices snapshotted at once (all by
// default). Besides CPU, wall and RSS it reports the kernel's share of the
// CPU, page faults, bytes allocated and collections: unlike CPU seconds on
// a shared machine, faults and bytes barely vary from run to run.
func BenchmarkSnapshotLab1000(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("GOISSU_BENCH_DEVICES")); err == nil && v > 0 {
		n = v
	}
	tb := startLabProcess(b, n, 0, 60)
	// Connecting is measured apart (the suites connect in SetupSuite, then
	// snapshot): the handshakes' cost is the SSH key exchange's.
	c0, t0 := selfUsage(), time.Now()
	devs := connectAll(b, tb, 200)
	connectWall, connectCPU := time.Since(t0), selfUsage().cpu-c0.cpu
	pol := policy.Default()
	pol.TargetImage = "nxos64-cs.10.4.3.F.bin"
	root := b.TempDir()
	if keep := os.Getenv("GOISSU_BENCH_RESULTS"); keep != "" {
		root = keep // kept for inspection
	}
	conc := n
	if v, err := strconv.Atoi(os.Getenv("GOISSU_BENCH_CONCURRENCY")); err == nil && v > 0 {
		conc = v
	}
	stopProfile := startCPUProfile(b)
	b.ResetTimer()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	before := selfUsage()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		run, err := issu.OpenRun(root, fmt.Sprintf("bench-%d", i))
		if err != nil {
			b.Fatal(err)
		}
		snap, err := issu.TakeSnapshot(context.Background(), targetsOf(devs), issu.Pre, issu.SnapshotOptions{Run: run, Policy: pol, Concurrency: conc})
		if err != nil {
			b.Fatal(err)
		}
		if len(snap.Findings) > 0 {
			b.Fatalf("%d device findings, first: %v", len(snap.Findings), snap.Findings[0])
		}
		if i == b.N-1 {
			b.StopTimer()
			writeHeapProfile(b) // the snapshot is live here
			runtime.KeepAlive(snap)
			b.StartTimer()
		}
	}
	wall := time.Since(start)
	after := selfUsage()
	runtime.ReadMemStats(&ms1)
	cpu, sys := after.cpu-before.cpu, after.sys-before.sys
	stopProfile()
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/(1<<20)/float64(b.N), "alloc-MiB/snapshot")
	b.ReportMetric(float64(ms1.NumGC-ms0.NumGC)/float64(b.N), "gc/snapshot")
	b.ReportMetric(wall.Seconds()/float64(b.N), "wall-s/snapshot")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "goissu-cpu-s/snapshot")
	b.ReportMetric(sys.Seconds()/float64(b.N), "of-which-sys-s/snapshot")
	b.ReportMetric(float64(after.faults-before.faults)/float64(b.N), "faults/snapshot")
	b.ReportMetric(connectWall.Seconds(), "connect-wall-s")
	b.ReportMetric(connectCPU.Seconds(), "connect-cpu-s")
	b.ReportMetric(maxRSSMiB(), "maxrss-MiB")
}

// BenchmarkPythonWayLab compares, at 100 ms per command, goissu's
// snapshot of every device (concurrent, one persistent session each) with
// the replaced script's way: one device after another, a new connection for
// every command. The serial way is measured on a sample of devices and
// scaled linearly (it is serial by construction).
func BenchmarkPythonWayLab(b *testing.B) {
	const n, sample = 200, 3
	tb := startLabProcess(b, n, 100*time.Millisecond, 60)
	devs := connectAll(b, tb, n)
	pol := policy.Default()
	pol.TargetImage = "nxos64-cs.10.4.3.F.bin"
	root := b.TempDir()
	b.Setenv("GOISSU_LAB_PASSWORD", "admin")
	tbLoaded, err := devices.LoadTestbed(tb)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run, err := issu.OpenRun(root, fmt.Sprintf("bench-%d", i))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := issu.TakeSnapshot(context.Background(), targetsOf(devs), issu.Pre, issu.SnapshotOptions{Run: run, Policy: pol, Concurrency: n}); err != nil {
			b.Fatal(err)
		}
		ours := time.Since(start)

		start = time.Now()
		for _, d := range devs[:sample] {
			for _, c := range issu.ProfileFor(d.OS(), pol).Expand(issu.VarsFromPolicy(pol)) {
				one, err := tbLoaded.Device(d.Name(), devices.Options{CommandTimeout: time.Minute})
				if err != nil {
					b.Fatal(err)
				}
				if err := one.Connect(context.Background()); err != nil {
					b.Fatal(err)
				}
				_, _ = one.Execute(context.Background(), c.Command)
				_ = one.Disconnect()
			}
		}
		serial := time.Since(start) * time.Duration(n) / sample
		b.ReportMetric(ours.Seconds(), "goissu-s")
		b.ReportMetric(serial.Seconds(), "serial-reconnect-s")
		b.ReportMetric(serial.Seconds()/ours.Seconds(), "speedup-x")
	}
}

// BenchmarkMonitorLab1000 runs the monitor over 1000 lab devices at the
// default 5 s interval for a fixed time and reports goissu's CPU use in
// cores and its max RSS (targets: ≤ 0.5 core, ≤ 256 MiB).
func BenchmarkMonitorLab1000(b *testing.B) {
	const n = 1000
	run := 60 * time.Second
	if testing.Short() {
		run = 20 * time.Second
	}
	tb := startLabProcess(b, n, 0, 60)
	devs := connectAll(b, tb, 200)
	pol := policy.Default()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg := issu.MonitorConfig(pol, filepath.Join(b.TempDir(), "monitor"))
		cfg.MaxDuration = run
		cfg.StablePolls = -1
		cfg.Concurrency = n
		targets := make([]monitor.Target, len(devs))
		for i, d := range devs {
			targets[i] = d
		}
		before := selfUsage()
		start := time.Now()
		res, err := monitor.Run(context.Background(), targets, cfg)
		if err != nil {
			b.Fatal(err)
		}
		wall := time.Since(start)
		cpu := selfUsage().cpu - before.cpu
		writeHeapProfile(b)
		b.ReportMetric(cpu.Seconds()/wall.Seconds(), "cores")
		b.ReportMetric(maxRSSMiB(), "maxrss-MiB")
		b.ReportMetric(float64(res.Samples), "samples")
	}
}

// writeHeapProfile writes the live heap to $GOISSU_BENCH_HEAPPROFILE when
// set, while the devices are still connected (-memprofile is written after
// the benchmark's cleanup has closed them).
func writeHeapProfile(b *testing.B) {
	path := os.Getenv("GOISSU_BENCH_HEAPPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

// startCPUProfile profiles the measured part only (not the lab's build or
// the connections, which -cpuprofile would include) into
// $GOISSU_BENCH_CPUPROFILE when set; the returned func stops it.
func startCPUProfile(b *testing.B) func() {
	path := os.Getenv("GOISSU_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

package devices

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/devices/internal/sshtest"
)

func BenchmarkHandshake(b *testing.B) {
	l := newLab(b, sshtest.Config{}, "nxos", "")
	cfg := l.tb.Devices["DUT"]
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d, err := NewDevice(cfg, l.opts())
		require.NoError(b, err)
		require.NoError(b, d.Connect(ctx))
		require.NoError(b, d.Disconnect())
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "handshakes/s")
}

func benchExecute(b *testing.B, cmd string, size int) {
	l := newLab(b, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(b)
	ctx := context.Background()
	if size > 0 {
		b.SetBytes(int64(size))
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := d.Execute(ctx, cmd)
		if err != nil || len(out) < size {
			b.Fatalf("%s: %d bytes, %v", cmd, len(out), err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cmds/s")
}

func BenchmarkExecuteSmall(b *testing.B) { benchExecute(b, "show clock", 0) }

func BenchmarkExecute1MB(b *testing.B) { benchExecute(b, "show bytes 1048576", 1<<20) }

// BenchmarkIdleSessions opens 1000 sessions and reports the heap they hold
// (client and the in-process test server together, since both live in
// this process) and the goroutines per session.
func BenchmarkIdleSessions(b *testing.B) {
	const n = 1000
	l := newLab(b, sshtest.Config{}, "nxos", "")
	cfg := l.tb.Devices["DUT"]
	ctx := context.Background()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g0 := runtime.NumGoroutine()
	devs := make([]*Device, 0, n)
	b.Cleanup(func() {
		for _, d := range devs {
			d.Disconnect()
		}
	})
	for range n {
		o := l.opts()
		o.KeepaliveInterval = time.Minute // idle: no traffic during the measurement
		o.TranscriptMaxBytes = -1
		d, err := NewDevice(cfg, o)
		require.NoError(b, err)
		require.NoError(b, d.Connect(ctx))
		devs = append(devs, d)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perSession := float64(after.HeapAlloc-before.HeapAlloc) / n
	goroutines := float64(runtime.NumGoroutine()-g0) / n
	i := 0
	for b.Loop() {
		// Sessions stay usable while idle: one command on one of them.
		if _, err := devs[i%n].Execute(ctx, "show lines 1"); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(perSession, "heap-B/session")
	b.ReportMetric(goroutines, "goroutines/session")
}

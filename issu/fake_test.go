package issu

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeTarget is a scripted device: outputs per command, optional hang on one
// command (until the context ends), optional failure of every command, and
// a shared gauge of concurrent Execute calls.
type fakeTarget struct {
	name, os string
	outputs  map[string]string
	hang     string // command that blocks until ctx is done
	fail     error  // every Execute fails with it
	failCmd  map[string]error
	panicCmd string // command whose Execute panics (a bug on odd output)
	gauge    *gauge
	mu       sync.Mutex
	executed []string
}

func (f *fakeTarget) Name() string { return f.name }
func (f *fakeTarget) OS() string   { return f.os }

func (f *fakeTarget) Execute(ctx context.Context, cmd string) (string, error) {
	f.mu.Lock()
	f.executed = append(f.executed, cmd)
	f.mu.Unlock()
	if f.gauge != nil {
		f.gauge.enter(ctx)
		defer f.gauge.leave()
	}
	if f.fail != nil {
		return "", f.fail
	}
	if err, ok := f.failCmd[cmd]; ok {
		return "", err
	}
	if cmd == f.panicCmd {
		var rows []string
		return rows[3], nil
	}
	if cmd == f.hang {
		<-ctx.Done()
		return "partial", ctx.Err()
	}
	if out, ok := f.outputs[cmd]; ok {
		return out, nil
	}
	return fmt.Sprintf("output of %s on %s\n", cmd, f.name), nil
}

// gauge counts concurrent calls; the first `want` callers wait until `want`
// calls are in flight at once (or their context ends), which proves the
// fan-out reaches its bound without sleeping.
type gauge struct {
	want      int64
	cur, max  atomic.Int64
	reached   chan struct{}
	closeOnce sync.Once
}

func newGauge(want int) *gauge { return &gauge{want: int64(want), reached: make(chan struct{})} }

func (g *gauge) enter(ctx context.Context) {
	n := g.cur.Add(1)
	for {
		m := g.max.Load()
		if n <= m || g.max.CompareAndSwap(m, n) {
			break
		}
	}
	if n >= g.want {
		g.closeOnce.Do(func() { close(g.reached) })
	}
	select {
	case <-g.reached:
	case <-ctx.Done():
	}
}

func (g *gauge) leave() { g.cur.Add(-1) }

var errUnreachable = errors.New("dial tcp 127.0.0.1:22: connection refused")

// waitGoroutines polls until the goroutine count is back to at most base.
func waitGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutine leak: %d > %d\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}

// ran returns the commands executed so far.
func (f *fakeTarget) ran() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.executed...)
}

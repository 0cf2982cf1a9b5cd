package monitor

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const crashLine = `2026 Nov 27 20:00:31 n9k-1 %SYSMGR-2-SERVICE_CRASHED: Service "bgp" (PID 8083) hasn't caught signal 11 (core will be saved).`

// issuScript is a dual-sup NX-OS ISSU that goes wrong after the switchover
// (ISSU-DOMAIN 5.2) and then recovers: polls 4-5 the management session is
// gone (switchover), from 6 the new active shows a BGP neighbor down, the
// critical prefix withdrawn, probe loss, a crash log, a new core and high
// CPU; at 9 it recovers, at 10 the install succeeds. Reconnecting may
// take up to one more poll, so the problems last three polls.
func issuScript(poll int) nxState {
	s := baseNX()
	switch {
	case poll >= 3 && poll < 10:
		s.install, s.step = "running", "Performing configuration copy."
	case poll >= 10:
		s.install = "ok"
	}
	if poll == 4 || poll == 5 {
		s.down = true
	}
	if poll >= 4 {
		s.sup = 2
	}
	if poll >= 6 && poll < 9 {
		s.bgp["10.1.1.6"] = "Idle"
		s.routes["10.99.0.0/24"] = false
		s.pingRecv = 0
		s.cpu = 96
	}
	if poll >= 6 {
		s.logs = append(s.logs, crashLine)
		s.cores = []string{"1    28      1         bgp              8083      2026-11-27 20:00:31"}
	}
	return s
}

func TestRunISSUScenario(t *testing.T) {
	checkNoLeak(t)
	clock := newFakeClock(5 * time.Second)
	dev := &fakeTarget{name: "n9k-1", os: "nxos", clock: clock, script: issuScript}
	peer := &fakeTarget{name: "n9k-2", os: "nxos", clock: clock, script: func(int) nxState { return baseNX() }}
	dir := t.TempDir()
	var progress bytes.Buffer
	cfg := Config{
		Dir:              dir,
		Interval:         25 * time.Millisecond, // a poll must not overrun it, or scripted polls are skipped
		PollTimeout:      10 * time.Second,
		MaxDuration:      20 * time.Second, // safety net only
		StablePolls:      3,
		RequireInstall:   true,
		CriticalPrefixes: []Prefix{{VRF: "default", Prefix: "10.99.0.0/24"}},
		Probes:           []Probe{{Destination: "10.99.0.1", VRF: "default", Source: "10.0.0.1", EveryPolls: 1, Count: 5}},
		Progress:         &progress,
		Clock:            clock.Now,
	}
	res, err := Run(context.Background(), []Target{dev, peer}, cfg)
	require.NoError(t, err)

	assert.Equal(t, StopStable, res.StopReason)
	assert.Equal(t, map[string]string{"n9k-1": InstallSuccess, "n9k-2": InstallSuccess}, res.InstallState)
	assert.Empty(t, kinds(res.Events, "n9k-2"), "the quiet peer has no events")

	evs := res.Events
	t.Run("switchover outage is expected and measured", func(t *testing.T) {
		un, ok := find(evs, KindUnreachable, "")
		require.True(t, ok, "unreachable event: %v", kinds(evs, ""))
		assert.True(t, un.Expected)
		assert.Equal(t, SevWarning, un.Severity)
		re, ok := find(evs, KindReachable, "")
		require.True(t, ok)
		assert.True(t, re.Expected)
		assert.GreaterOrEqual(t, re.OutageSeconds, 5.0) // at least one 5 s cycle
		assert.LessOrEqual(t, re.OutageSeconds, 60.0)
		sw, ok := find(evs, KindSwitchover, "")
		require.True(t, ok)
		assert.True(t, sw.Expected)
		assert.Contains(t, sw.Message, "sup-1 -> sup-2")
		assert.Contains(t, sw.Message, "active module 27 -> 28")
	})
	t.Run("install progress and done", func(t *testing.T) {
		p, ok := find(evs, KindInstallProgress, "")
		require.True(t, ok)
		assert.Contains(t, p.Message, "configuration copy")
		_, ok = find(evs, KindInstallDone, "")
		assert.True(t, ok)
		assert.Equal(t, 1, count(evs, KindInstallDone))
	})
	t.Run("bgp neighbor down and up with outage", func(t *testing.T) {
		d, ok := find(evs, KindBGPDown, "10.1.1.6")
		require.True(t, ok)
		assert.Equal(t, "default", d.VRF)
		assert.Contains(t, d.Message, "idle")
		u, ok := find(evs, KindBGPUp, "10.1.1.6")
		require.True(t, ok)
		assert.Greater(t, u.OutageSeconds, 0.0)
		assert.Equal(t, 1, count(evs, KindBGPDown), "only the neighbor that went down")
	})
	t.Run("prefix withdrawn and restored", func(t *testing.T) {
		_, ok := find(evs, KindPrefixWithdrawn, "10.99.0.0/24")
		require.True(t, ok)
		r, ok := find(evs, KindPrefixRestored, "10.99.0.0/24")
		require.True(t, ok)
		assert.Greater(t, r.OutageSeconds, 0.0)
	})
	t.Run("probe loss and recovery", func(t *testing.T) {
		l, ok := find(evs, KindProbeLoss, "10.99.0.1")
		require.True(t, ok)
		assert.Equal(t, SevError, l.Severity)
		assert.Contains(t, l.Message, "100% loss")
		_, ok = find(evs, KindProbeOK, "10.99.0.1")
		assert.True(t, ok)
	})
	t.Run("crash once despite the line staying in the log window", func(t *testing.T) {
		c, ok := find(evs, KindCrash, "SYSMGR-2-SERVICE_CRASHED")
		require.True(t, ok)
		assert.Equal(t, SevCritical, c.Severity)
		assert.Equal(t, crashLine, c.Evidence)
		assert.Equal(t, 1, count(evs, KindCrash))
	})
	t.Run("new core and cpu spike", func(t *testing.T) {
		c, ok := find(evs, KindCore, "")
		require.True(t, ok)
		assert.Contains(t, c.Subject, "bgp pid 8083")
		assert.Equal(t, 1, count(evs, KindCore))
		s, ok := find(evs, KindCPUSpike, "")
		require.True(t, ok)
		assert.Contains(t, s.Message, "96%")
	})
	t.Run("incident voted from independent signals", func(t *testing.T) {
		i, ok := find(evs, KindIncident, "")
		require.True(t, ok)
		assert.Equal(t, SevCritical, i.Severity)
		for _, sig := range []string{"bgp", "prefix", "probe", "crash", "core", "cpu"} {
			assert.Contains(t, i.Subject, sig)
		}
		assert.Equal(t, 1, count(evs, KindIncident), "one incident while the signals stay")
	})
	t.Run("outages", func(t *testing.T) {
		byKind := map[string]Outage{}
		for _, o := range res.Outages {
			byKind[o.Kind] = o
			assert.True(t, o.Recovered, "%+v", o)
			require.NotNil(t, o.End)
			assert.InDelta(t, o.End.Sub(o.Start).Seconds(), o.Seconds, 1e-9)
		}
		for _, k := range []string{"mgmt", "bgp", "prefix", "probe"} {
			assert.Contains(t, byKind, k)
		}
		assert.True(t, byKind["mgmt"].Expected)
	})
	t.Run("progress one line per cycle", func(t *testing.T) {
		lines := strings.Split(strings.TrimSpace(progress.String()), "\n")
		assert.GreaterOrEqual(t, len(lines), 10)
		assert.Contains(t, progress.String(), "1 down [n9k-1]")
		assert.Contains(t, lines[0], "monitor poll 1 ")
		assert.Contains(t, lines[len(lines)-1], "monitor stopped: stable")
	})
	t.Run("Load rebuilds the same result", func(t *testing.T) {
		got, err := Load(dir)
		require.NoError(t, err)
		assert.Equal(t, res.Events, got.Events)
		assert.Equal(t, res.Outages, got.Outages)
		assert.Equal(t, res.InstallState, got.InstallState)
		assert.Equal(t, res.Samples, got.Samples)
		assert.Equal(t, res.StopReason, got.StopReason)
		assert.True(t, res.Start.Equal(got.Start))
		assert.True(t, res.End.Equal(got.End))
	})
	assert.GreaterOrEqual(t, dev.reconnects, 1)
}

func TestRunStopConditions(t *testing.T) {
	quiet := func(int) nxState { return baseNX() }
	flappy := func(p int) nxState { // CPU crosses the threshold every other poll: never stable
		s := baseNX()
		if p%2 == 0 {
			s.cpu = 99
		}
		return s
	}
	tests := []struct {
		name   string
		script func(int) nxState
		cfg    Config
		cancel bool // cancel the context at poll 3
		want   string
	}{
		{"max duration", flappy, Config{MaxDuration: 150 * time.Millisecond}, false, StopMaxDuration},
		{"stable without install", quiet, Config{MaxDuration: 20 * time.Second, StablePolls: 2}, false, StopStable},
		{"require install keeps polling", quiet, Config{MaxDuration: 150 * time.Millisecond, RequireInstall: true}, false, StopMaxDuration},
		{"stable disabled", quiet, Config{MaxDuration: 150 * time.Millisecond, StablePolls: -1}, false, StopMaxDuration},
		{"context cancelled", flappy, Config{MaxDuration: 20 * time.Second}, true, StopCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkNoLeak(t)
			clock := newFakeClock(5 * time.Second)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			dev := &fakeTarget{name: "n9k-1", os: "nxos", clock: clock, script: tc.script}
			if tc.cancel {
				dev.hook = func(poll int, _ string) {
					if poll >= 3 { // cycle 3 itself may be skipped under load
						cancel()
					}
				}
			}
			cfg := tc.cfg
			cfg.Interval, cfg.Clock, cfg.Dir = 10*time.Millisecond, clock.Now, t.TempDir()
			cfg.PollTimeout = 10 * time.Second // a loaded test machine is not a dead device
			cfg.Progress = testWriter{t}
			res, err := Run(ctx, []Target{dev}, cfg)
			require.NoError(t, err)
			assert.Equal(t, tc.want, res.StopReason)
			assert.Positive(t, res.Samples)
			got, err := Load(cfg.Dir)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.StopReason)
			if tc.want == StopStable {
				assert.Empty(t, res.Events)
				assert.Less(t, res.Samples, 20)
			}
		})
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	clock := newFakeClock(time.Second)
	dev := &fakeTarget{name: "x", os: "junos", clock: clock, script: func(int) nxState { return baseNX() }}
	nx := &fakeTarget{name: "n", os: "nxos", clock: clock, script: func(int) nxState { return baseNX() }}
	tests := []struct {
		name    string
		targets []Target
		cfg     Config
		want    string
	}{
		{"no targets", nil, Config{}, "no targets"},
		{"unknown os", []Target{dev}, Config{}, "no polled commands"},
		{"duplicate", []Target{nx, nx}, Config{}, "listed twice"},
		{"bad pattern", []Target{nx}, Config{LogPatterns: []LogPattern{{Name: "x", Regexp: "("}}}, "log pattern"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(context.Background(), tc.targets, tc.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestRunManyDevicesBoundedConcurrency polls more devices than the
// concurrency bound and checks the bound holds and every device is sampled.
func TestRunManyDevicesBoundedConcurrency(t *testing.T) {
	checkNoLeak(t)
	clock := newFakeClock(5 * time.Second)
	var mu sync.Mutex
	inFlight, peak := 0, 0
	var targets []Target
	for i := 0; i < 24; i++ {
		d := &fakeTarget{name: "dev" + string(rune('A'+i%26)) + string(rune('a'+i/26)), os: "nxos", clock: clock,
			script: func(int) nxState { return baseNX() }}
		d.hook = func(int, string) {
			mu.Lock()
			inFlight++
			if inFlight > peak {
				peak = inFlight
			}
			mu.Unlock()
			time.Sleep(50 * time.Microsecond) // hold the slot so overlaps show
			mu.Lock()
			inFlight--
			mu.Unlock()
		}
		targets = append(targets, d)
	}
	res, err := Run(context.Background(), targets, Config{Interval: 250 * time.Millisecond, PollTimeout: 10 * time.Second, Concurrency: 4, StablePolls: 2,
		MaxDuration: 20 * time.Second, Clock: clock.Now})
	require.NoError(t, err)
	assert.Equal(t, StopStable, res.StopReason)
	assert.LessOrEqual(t, peak, 4)
	assert.GreaterOrEqual(t, res.Samples, 24*2)
	assert.Len(t, res.InstallState, 24)
}

// TestRunSlowDeviceDoesNotPileUp: a device slower than the interval skips
// cycles instead of queueing them.
func TestRunSlowDeviceDoesNotPileUp(t *testing.T) {
	checkNoLeak(t)
	clock := newFakeClock(5 * time.Second)
	block := make(chan struct{})
	var once sync.Once
	dev := &fakeTarget{name: "slow", os: "nxos", clock: clock, script: func(int) nxState { return baseNX() }}
	dev.hook = func(poll int, _ string) {
		if poll == 1 {
			<-block // held until the test has seen cycles go by
		}
	}
	var progress syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan *Result)
	go func() {
		res, _ := Run(ctx, []Target{dev}, Config{Interval: 5 * time.Millisecond, StablePolls: -1, Clock: clock.Now, Progress: &progress})
		done <- res
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(progress.String(), "monitor poll 5 ") {
		require.True(t, time.Now().Before(deadline), "no progress: %q", progress.String())
		time.Sleep(time.Millisecond)
	}
	once.Do(func() { close(block) })
	cancel()
	res := <-done
	assert.Contains(t, progress.String(), "still busy")
	assert.Less(t, res.Samples, 5, "skipped cycles are not queued")
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLoadTruncatedLastLine(t *testing.T) {
	clock := newFakeClock(5 * time.Second)
	dev := &fakeTarget{name: "n9k-1", os: "nxos", clock: clock, script: issuScript}
	dir := t.TempDir()
	res, err := Run(context.Background(), []Target{dev}, Config{Dir: dir, Interval: 10 * time.Millisecond, PollTimeout: 10 * time.Second,
		StablePolls: 3, RequireInstall: true, MaxDuration: 20 * time.Second, Clock: clock.Now})
	require.NoError(t, err)
	require.NotEmpty(t, res.Events)

	// Simulate a kill mid-write: drop the end record and cut the last sample
	// and the last event in half.
	cut := func(name string, dropLast int) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
		lines = lines[:len(lines)-dropLast]
		last := lines[len(lines)-1]
		lines[len(lines)-1] = last[:len(last)/2]
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "")), 0o644))
	}
	cut(TimelineFile, 1)
	cut(EventsFile, 0)
	got, err := Load(dir)
	require.NoError(t, err)
	assert.Equal(t, StopIncomplete, got.StopReason)
	assert.Equal(t, res.Samples-1, got.Samples)
	assert.Equal(t, res.Events[:len(res.Events)-1], got.Events)
	assert.False(t, got.End.IsZero())

	// A corrupt line in the middle is an error, not silently skipped.
	b, err := os.ReadFile(filepath.Join(dir, EventsFile))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, EventsFile), append([]byte("{garbage\n"), b...), 0o644))
	_, err = Load(dir)
	assert.ErrorIs(t, err, ErrCorrupt)

	_, err = Load(filepath.Join(dir, "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

// testWriter sends progress lines to the test log (visible with -v).
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestPollerCommands(t *testing.T) {
	clock := newFakeClock(time.Second)
	nx := &fakeTarget{name: "n", os: "NXOS", clock: clock, script: func(int) nxState { return baseNX() }}
	tests := []struct {
		name string
		cfg  Config
		want []string
	}{
		{"built-in profile plus prefixes and probes", Config{
			CriticalPrefixes: []Prefix{{VRF: "blue", Prefix: "10.99.0.0/24"}},
			Probes:           []Probe{{Destination: "10.99.0.1", VRF: "blue", Source: "10.0.0.1"}},
		}, append(DefaultCommands("nxos"), "show ip route 10.99.0.0/24 vrf blue", "ping 10.99.0.1 vrf blue source 10.0.0.1 count 5")},
		{"override; a full-table route command replaces per-prefix lookups", Config{
			Commands:         map[string][]string{"nxos": {"show module", "show ip route vrf all", "show version"}},
			CriticalPrefixes: []Prefix{{Prefix: "10.99.0.0/24"}},
		}, []string{"show module", "show ip route vrf all", "show version"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg.withDefaults()
			p, err := newPoller(nx, &cfg)
			require.NoError(t, err)
			var got []string
			for _, c := range p.cmds {
				got = append(got, c.cmd)
			}
			assert.Equal(t, tc.want, got)
		})
	}
	t.Run("probes every N polls", func(t *testing.T) {
		cfg := Config{Probes: []Probe{{Destination: "10.99.0.1", EveryPolls: 3}}, PollTimeout: time.Second}.withDefaults()
		p, err := newPoller(nx, &cfg)
		require.NoError(t, err)
		var probed []int
		for n := 1; n <= 7; n++ {
			s := p.poll(context.Background(), cycle{n: n, t: clock.Now()}, func(error) {})
			if s.Probes != nil {
				probed = append(probed, n)
				assert.Equal(t, ProbeStat{Sent: 5, Received: 5, LossPct: 0, RTTms: 0.734}, s.Probes["default|10.99.0.1"])
			}
		}
		assert.Equal(t, []int{1, 4, 7}, probed)
	})
	t.Run("full route table checks each critical prefix", func(t *testing.T) {
		cfg := Config{Commands: map[string][]string{"nxos": {"show ip route 10.99.0.0/24 vrf default"}},
			CriticalPrefixes: []Prefix{{VRF: "default", Prefix: "10.99.0.0/24"}, {VRF: "default", Prefix: "10.98.0.0/24"}}, PollTimeout: time.Second}.withDefaults()
		p, err := newPoller(nx, &cfg)
		require.NoError(t, err)
		s := p.poll(context.Background(), cycle{n: 1, t: clock.Now()}, func(error) {})
		assert.Equal(t, map[string]bool{"default|10.99.0.0/24": true, "default|10.98.0.0/24": false}, s.Prefixes)
	})
	t.Run("first log poll is the baseline, then only new lines", func(t *testing.T) {
		cfg := Config{Commands: map[string][]string{"nxos": {"show logging last 200"}}, PollTimeout: time.Second}.withDefaults()
		lines := []string{"2026 Nov 27 19:00:00 n %A-5-B: one"}
		f := &fakeTarget{name: "l", os: "nxos", clock: clock, script: func(int) nxState {
			s := baseNX()
			s.logs = lines
			return s
		}}
		p, err := newPoller(f, &cfg)
		require.NoError(t, err)
		s := p.poll(context.Background(), cycle{n: 1}, func(error) {})
		assert.Empty(t, s.Logs)
		lines = append(lines[1:], "2026 Nov 27 19:00:01 n %A-5-B: two", "2026 Nov 27 19:00:02 n %A-5-B: three")
		s = p.poll(context.Background(), cycle{n: 2}, func(error) {})
		assert.Equal(t, lines, s.Logs)
		s = p.poll(context.Background(), cycle{n: 3}, func(error) {})
		assert.Empty(t, s.Logs, "same window: nothing new")
	})
}

// TestLoadMergedShards: timelines and events of two runs over different
// devices, concatenated (as issu's merge of CI shards does), load as one.
func TestLoadMergedShards(t *testing.T) {
	var dirs []string
	var results []*Result
	for i, name := range []string{"n9k-1", "n9k-2"} {
		clock := newFakeClock(5 * time.Second)
		clock.t = clock.t.Add(time.Duration(i) * time.Minute) // the second shard starts later
		dev := &fakeTarget{name: name, os: "nxos", clock: clock, script: issuScript}
		dir := t.TempDir()
		res, err := Run(context.Background(), []Target{dev}, Config{Dir: dir, Interval: 10 * time.Millisecond, PollTimeout: 10 * time.Second,
			StablePolls: 3, RequireInstall: true, MaxDuration: 20 * time.Second, Clock: clock.Now})
		require.NoError(t, err)
		dirs, results = append(dirs, dir), append(results, res)
	}
	merged := t.TempDir()
	for _, name := range []string{TimelineFile, EventsFile} {
		var all []byte
		for _, d := range dirs {
			b, err := os.ReadFile(filepath.Join(d, name))
			require.NoError(t, err)
			all = append(all, b...)
		}
		require.NoError(t, os.WriteFile(filepath.Join(merged, name), all, 0o644))
	}
	got, err := Load(merged)
	require.NoError(t, err)
	assert.Equal(t, StopStable, got.StopReason)
	assert.True(t, got.Start.Equal(results[0].Start))
	assert.True(t, got.End.Equal(results[1].End))
	assert.Equal(t, results[0].Samples+results[1].Samples, got.Samples)
	assert.Equal(t, append(append([]Event{}, results[0].Events...), results[1].Events...), got.Events)
	assert.Equal(t, append(append([]Outage{}, results[0].Outages...), results[1].Outages...), got.Outages)
	assert.Equal(t, map[string]string{"n9k-1": InstallSuccess, "n9k-2": InstallSuccess}, got.InstallState)

	// One shard killed: drop its end record.
	b, err := os.ReadFile(filepath.Join(dirs[0], TimelineFile))
	require.NoError(t, err)
	lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
	b2, err := os.ReadFile(filepath.Join(dirs[1], TimelineFile))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(merged, TimelineFile), append([]byte(strings.Join(lines[:len(lines)-1], "")), b2...), 0o644))
	got, err = Load(merged)
	require.NoError(t, err)
	assert.Equal(t, StopIncomplete, got.StopReason)
}

func TestNewLogsLargeWindow(t *testing.T) {
	p := &poller{logSeen: map[uint64]struct{}{}}
	var window []string
	for i := 0; i < 2*minLogMemory; i++ {
		window = append(window, fmt.Sprintf("2026 Nov 27 19:00:00 n %%A-5-B: line %d", i))
	}
	assert.Empty(t, p.newLogs(window), "baseline")
	window = append(window[1:], "2026 Nov 27 19:00:01 n %A-5-B: new")
	assert.Equal(t, []string{"2026 Nov 27 19:00:01 n %A-5-B: new"}, p.newLogs(window))
	assert.Empty(t, p.newLogs(window), "a window larger than the minimum memory is not forgotten")
	assert.LessOrEqual(t, len(p.logOrder), 2*len(window))
}

// TestRunPollPanicKeepsMonitoring: a panic while polling one device (a bug
// on its output) killed the monitor of every device mid-upgrade. Now the
// poll notes it and the monitor goes on with the device still reachable.
func TestRunPollPanicKeepsMonitoring(t *testing.T) {
	clock := newFakeClock(5 * time.Second)
	quiet := func(int) nxState { return baseNX() }
	bad := &fakeTarget{name: "n9k-1", os: "nxos", clock: clock, script: quiet}
	good := &fakeTarget{name: "n9k-2", os: "nxos", clock: clock, script: quiet}
	bad.hook = func(_ int, cmd string) {
		if cmd == "show module" {
			var m map[string]int
			m[cmd]++ // the bug
		}
	}
	cfg := Config{MaxDuration: 20 * time.Second, StablePolls: 2, Interval: 10 * time.Millisecond, Clock: clock.Now, Dir: t.TempDir(),
		PollTimeout: 10 * time.Second, Progress: testWriter{t}}
	res, err := Run(context.Background(), []Target{bad, good}, cfg)
	require.NoError(t, err)
	assert.Equal(t, StopStable, res.StopReason)
	for _, e := range res.Events {
		assert.NotEqual(t, KindUnreachable, e.Kind, "%+v", e)
	}
	b, err := os.ReadFile(filepath.Join(cfg.Dir, TimelineFile))
	require.NoError(t, err)
	assert.Contains(t, string(b), `show module: panic: assignment to entry in nil map`)
}

package harness

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	cases := []struct {
		in      string
		want    Shard
		wantErr bool
	}{
		{"", Shard{}, false},
		{"1/1", Shard{1, 1}, false},
		{"2/4", Shard{2, 4}, false},
		{"0/4", Shard{}, true},
		{"5/4", Shard{}, true},
		{"1/0", Shard{}, true},
		{"a/b", Shard{}, true},
		{"3", Shard{}, true},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%q", c.in), func(t *testing.T) {
			got, err := ParseShard(c.in)
			if c.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestShardPartitionsDevices(t *testing.T) {
	const n = 4
	seen := map[string]int{}
	var names []string
	for i := 0; i < 200; i++ {
		names = append(names, fmt.Sprintf("DEV_%04d", i))
	}
	for k := 1; k <= n; k++ {
		s := Shard{k, n}
		count := 0
		for _, d := range names {
			if s.Has(d) {
				seen[d]++
				count++
			}
		}
		assert.Greater(t, count, 20, "shard %d/%d is badly balanced", k, n)
	}
	for _, d := range names {
		assert.Equal(t, 1, seen[d], "%s must be in exactly one shard", d)
	}
	assert.True(t, Shard{}.Has("anything"))
}

// TestTestNameIsTheSubTestName: a device whose name package testing
// rewrites differently (a no-break space, a carriage return, a control
// character) got a sub-test name TestName did not predict, so its custom
// check result could not be mapped back to it.
func TestTestNameIsTheSubTestName(t *testing.T) {
	for _, dev := range []string{"CHASSIS_A", "Ethernet1/1", "B\u00a0C", "D 1", "E\rF", "G\x01H", "I\u2003J", "K\u2028L", "M\u00e9N", "O\tP\nQ"} {
		name := TestName(dev)
		t.Run(name, func(t *testing.T) {
			got := t.Name()[strings.LastIndexByte(t.Name(), '/')+1:]
			assert.Equal(t, name, got, "device %q", dev)
		})
	}
}

func TestTestName(t *testing.T) {
	assert.Equal(t, "Ethernet1_1", TestName("Ethernet1/1"))
	assert.Equal(t, "vrf_CUST-A_10.0.0.0_24", TestName("vrf CUST-A 10.0.0.0/24"))
}

func TestResolvePath(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "lab.yaml")
	require.NoError(t, os.WriteFile(f, []byte("x"), 0o600))

	got, err := ResolvePath(f, true)
	require.NoError(t, err)
	assert.Equal(t, f, got)

	t.Setenv("GOISSU_CWD", dir)
	got, err = ResolvePath("lab.yaml", true)
	require.NoError(t, err)
	assert.Equal(t, f, got)

	got, err = ResolvePath("results", false)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "results"), got)

	_, err = ResolvePath("missing.yaml", true)
	assert.ErrorContains(t, err, "missing.yaml: not found")

	root, err := ModuleRoot()
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(root, "go.mod"))
}

func TestFlagsCheck(t *testing.T) {
	ok := Flags{TimeScale: 60, Concurrency: 1, MonitorDuration: 30 * time.Minute}
	require.NoError(t, ok.check())
	cases := []struct {
		name string
		edit func(*Flags)
		want string
	}{
		{"NaN time scale", func(f *Flags) { f.TimeScale = math.NaN() }, "-time-scale NaN"},
		{"infinite time scale", func(f *Flags) { f.TimeScale = math.Inf(1) }, "-time-scale +Inf"},
		{"zero time scale", func(f *Flags) { f.TimeScale = 0 }, "-time-scale 0"},
		{"time scale that overflows the clock", func(f *Flags) { f.TimeScale = 1e12 }, "-time-scale 1e+12"},
		{"no concurrency", func(f *Flags) { f.Concurrency = 0 }, "-concurrency 0"},
		// Used to mean a monitor without a time limit.
		{"negative monitor duration", func(f *Flags) { f.MonitorDuration = -time.Minute }, "-monitor.duration -1m0s"},
		{"negative monitor interval", func(f *Flags) { f.MonitorInterval = -time.Second }, "-monitor.interval -1s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := ok
			c.edit(&f)
			assert.ErrorContains(t, f.check(), c.want)
		})
	}
}

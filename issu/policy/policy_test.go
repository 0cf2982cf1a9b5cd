package policy

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefault(t *testing.T) {
	p := Default()
	assert.Equal(t, 80.0, p.CPU.FiveMinMaxPercent)
	assert.Equal(t, 5*time.Second, p.Monitor.Interval)
	assert.False(t, p.AllowDisruptive)
	assert.NotEmpty(t, p.LogPatterns)
	assert.Empty(t, p.Source)
	// Default returns a fresh value each time: callers may modify it.
	p.CPU.FiveMinMaxPercent = 1
	assert.Equal(t, 80.0, Default().CPU.FiveMinMaxPercent)
}

func TestLoadOverrides(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`
target_image: nxos64-cs.10.4.3.F.bin
cpu:
  five_min_max_percent: 70
critical_prefixes:
  - {vrf: default, prefix: 10.99.0.0/24}
bgp:
  critical_neighbors: [10.1.1.6]
outage:
  per_neighbor: {10.1.1.6: 30}
monitor:
  interval: 2s
commands:
  panos:
    - {label: system_info, command: show system info}
`), 0o644))
	p, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, "nxos64-cs.10.4.3.F.bin", p.TargetImage)
	assert.Equal(t, 70.0, p.CPU.FiveMinMaxPercent)
	assert.Equal(t, 95.0, p.CPU.FiveSecMaxPercent, "untouched keys keep their default")
	assert.Equal(t, []Prefix{{VRF: "default", Prefix: "10.99.0.0/24"}}, p.CriticalPrefixes)
	assert.Equal(t, 2*time.Second, p.Monitor.Interval)
	assert.Equal(t, 30.0, p.OutageLimit("bgp", "10.1.1.6"))
	assert.Equal(t, p.Outage.MaxNeighborSeconds, p.OutageLimit("bgp", "10.1.1.2"))
	assert.Equal(t, p.Outage.MaxMgmtSeconds, p.OutageLimit("mgmt", ""))
	assert.Len(t, p.Commands["panos"], 1)
	assert.Equal(t, path, p.Source)
}

func TestLoadErrorsNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown top key", "target_image: x.bin\nbogus: 1\n", "p.yaml:2: field bogus not found"},
		{"unknown nested key", "cpu:\n  five_min_max_percent: 50\n  five_hour: 3\n", "p.yaml:3: field five_hour not found"},
		{"wrong type", "cpu:\n  five_min_max_percent: lots\n", "p.yaml:2: cannot unmarshal"},
		{"percent out of range", "\nmemory:\n  max_used_percent: 140\n", "p.yaml:3: max_used_percent must be between 0 and 100"},
		{"bad prefix", "critical_prefixes:\n  - vrf: default\n    prefix: 10.99.0.0\n", "p.yaml:3: critical_prefixes: \"10.99.0.0\" is not a prefix"},
		{"bad neighbor", "bgp:\n  critical_neighbors: [10.1.1.6, nope]\n", "p.yaml:2: bgp.critical_neighbors: \"nope\""},
		{"bad regexp", "log_patterns:\n  - {name: x, regexp: \"(\", severity: error}\n", "p.yaml:2: log_patterns x: bad regexp"},
		{"bad severity", "log_patterns:\n  - name: x\n    regexp: foo\n    severity: fatal\n", "p.yaml:4: log_patterns x: severity \"fatal\""},
		{"bad duration", "monitor:\n  interval: soon\n", "p.yaml:2: cannot unmarshal"},
		{"zero interval", "monitor:\n  interval: 0s\n", "p.yaml:2: monitor.interval must be positive"},
		{"image with path", "target_image: ../x.bin\n", "p.yaml:1: target_image"},
		{"bad each", "commands:\n  nxos:\n    - {label: a, command: b, each: device}\n", "p.yaml:3: commands.nxos: each \"device\""},
		{"syntax", "cpu: [\n", "p.yaml"},
		// .nan compares false with everything: it passed the range checks
		// and then silently disabled the check or failed every outage.
		{"percent NaN", "cpu:\n  five_min_max_percent: .nan\n", "p.yaml:2: five_min_max_percent must be between 0 and 100, got NaN"},
		{"margin NaN", "bootflash:\n  margin_percent: .nan\n", "p.yaml:2: margin_percent must be a number, not negative"},
		{"outage NaN", "outage:\n  max_mgmt_seconds: .nan\n", "p.yaml:2: max_mgmt_seconds must be a number, not negative"},
		{"per neighbor negative", "outage:\n  per_neighbor:\n    10.1.1.6: -5\n", "p.yaml:3: outage.per_neighbor.10.1.1.6 must be a number, not negative"},
		{"per prefix NaN", "outage:\n  per_prefix:\n    10.99.0.0/24: .nan\n", "p.yaml:3: outage.per_prefix.10.99.0.0/24 must be a number, not negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(c.yaml))
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalid), "error wraps ErrInvalid: %v", err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	require.Error(t, err)
	assert.True(t, errors.Is(err, os.ErrNotExist))
}

func TestRequiredFree(t *testing.T) {
	p := Default()
	p.Bootflash.MarginPercent = 10
	p.Bootflash.MarginBytes = 100
	assert.Equal(t, int64(1100), p.RequiredFree(1000), "percent margin larger")
	assert.Equal(t, int64(110), p.RequiredFree(10), "byte margin larger")
	// A huge percent used to convert out of int64 range (min int64 on
	// amd64), so the byte margin alone was required.
	p.Bootflash.MarginPercent = 1e300
	assert.Equal(t, int64(math.MaxInt64), p.RequiredFree(1000), "saturates")
	p.Bootflash.MarginPercent, p.Bootflash.MarginBytes = 0, math.MaxInt64
	assert.Equal(t, int64(math.MaxInt64), p.RequiredFree(1000), "sum saturates")
}

func TestSkipped(t *testing.T) {
	p, err := Parse("p.yaml", []byte("skip_checks: [cpu_headroom]\n"))
	require.NoError(t, err)
	assert.True(t, p.Skipped("cpu_headroom"))
	assert.False(t, p.Skipped("no_cores"))
}

// FuzzParse: no policy file makes the loader panic; a policy it accepts
// answers its helpers.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("default.yaml"); err == nil {
		f.Add(string(b))
	}
	f.Add("outage:\n  per_neighbor:\n    10.1.1.6: 30\ncritical_prefixes:\n  - {vrf: default, prefix: 10.99.0.0/24}\n")
	f.Add("commands:\n  nxos:\n    - {label: a, command: b, each: prefix}\nbootflash: {margin_percent: 1e300}\n")
	f.Add("cpu: &a {five_min_max_percent: 50}\nmemory: *a\n")
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := Parse("p.yaml", []byte(doc))
		if err != nil {
			return
		}
		p.RequiredFree(1 << 30)
		p.OutageLimit("bgp", "10.1.1.6")
		p.ImageFor("nxos")
		p.Skipped("x")
	})
}

// TestYAMLRoundTrip: a run records the policy it applied with YAML and
// its report is rebuilt from Parse of that file, so the two must agree on
// every field, including ones changed in code after loading.
func TestYAMLRoundTrip(t *testing.T) {
	cases := []struct {
		name   string
		change func(p *Policy)
	}{
		{"defaults", func(*Policy) {}},
		{"changed in code", func(p *Policy) {
			p.CriticalPrefixes = append(p.CriticalPrefixes, Prefix{VRF: "default", Prefix: "10.100.0.0/24"})
			p.Probes = append(p.Probes, Probe{Destination: "10.100.0.1", VRF: "default", EveryPolls: 2, Count: 3})
			p.Outage.MaxMgmtSeconds += 300
			p.Outage.PerNeighbor = map[string]float64{"10.1.1.6": 90}
			p.TargetImages = map[string]string{"nxos": "nxos64-cs.10.4.3.F.bin", "iosxe": "cat9k.bin"}
			p.Monitor.Interval = 250 * time.Millisecond
			p.SkipChecks = []string{"ntp"}
			p.BGP.CriticalNeighbors = []string{"10.1.1.6", "2001:db8::1"}
			p.LogPatterns = append(p.LogPatterns, LogPattern{Name: "odd: \"quoted\"", Regexp: `^%X-[0-9]-Y: .*$`, Severity: "error"})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := Default()
			c.change(want)
			b, err := want.YAML()
			require.NoError(t, err)
			got, err := Parse("recorded.yaml", b)
			require.NoError(t, err, "%s", b)
			want.Source, got.Source = "", ""
			assert.Equal(t, want, got)
		})
	}
}

package orchestrate

import (
	"testing"

	"github.com/goissu/goissu/devices"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testbed(custom map[string]map[string]any, names ...string) *devices.Testbed {
	tb := &devices.Testbed{Devices: map[string]*devices.DeviceConfig{}}
	for _, n := range names {
		tb.Devices[n] = &devices.DeviceConfig{Name: n, OS: "nxos", Custom: custom[n]}
	}
	return tb
}

func TestWaves(t *testing.T) {
	all := []string{"CHASSIS_A", "CHASSIS_B", "EDGE1", "n9k-1", "n9k-2"}
	cases := []struct {
		name   string
		custom map[string]map[string]any
		names  []string
		groups [][]string
		want   [][]string
		source string
		err    string
	}{
		{name: "default: one per pair first", names: all,
			want: [][]string{{"CHASSIS_A", "n9k-1"}, {"CHASSIS_B", "EDGE1", "n9k-2"}}, source: "default: one device per redundant pair first"},
		{name: "custom pair wins over names", names: []string{"core1", "core2", "edge"},
			custom: map[string]map[string]any{"core1": {"pair": "dc1"}, "core2": {"pair": "dc1"}},
			want:   [][]string{{"core1"}, {"core2", "edge"}}},
		{name: "no pairs: first device is the canary", names: []string{"x", "y", "z"},
			want: [][]string{{"x"}, {"y", "z"}}, source: "default: no redundant pairs"},
		{name: "single device", names: []string{"x"}, want: [][]string{{"x"}}},
		{name: "testbed custom.wave", names: []string{"CHASSIS_A", "CHASSIS_B", "EDGE1"},
			custom: map[string]map[string]any{"CHASSIS_A": {"wave": 2}, "CHASSIS_B": {"wave": "3"}, "EDGE1": {"wave": 1}},
			want:   [][]string{{"EDGE1"}, {"CHASSIS_A"}, {"CHASSIS_B"}}, source: "testbed custom.wave"},
		{name: "custom.wave on some devices only", names: []string{"CHASSIS_A", "CHASSIS_B"},
			custom: map[string]map[string]any{"CHASSIS_A": {"wave": 1}}, err: "not on CHASSIS_B"},
		{name: "custom.wave zero", names: []string{"CHASSIS_A"},
			custom: map[string]map[string]any{"CHASSIS_A": {"wave": 0}}, err: "numbered from 1"},
		{name: "custom.wave not a number", names: []string{"CHASSIS_A"},
			custom: map[string]map[string]any{"CHASSIS_A": {"wave": "first"}}, err: "not a number"},
		{name: "groups", names: all, groups: [][]string{{"EDGE1"}, {"n9k-1", "CHASSIS_A"}, {"n9k-2", "CHASSIS_B"}},
			want: [][]string{{"EDGE1"}, {"n9k-1", "CHASSIS_A"}, {"n9k-2", "CHASSIS_B"}}, source: "groups"},
		{name: "groups skip another shard's devices", names: []string{"EDGE1"}, groups: [][]string{{"CHASSIS_A"}, {"EDGE1"}},
			want: [][]string{{"EDGE1"}}},
		{name: "device in no group", names: all, groups: [][]string{{"EDGE1"}}, err: "devices in no group"},
		{name: "device in two groups", names: all, groups: [][]string{{"EDGE1"}, {"EDGE1"}}, err: "group 1 and group 2"},
		{name: "unknown device in a group", names: all, groups: [][]string{{"EDGE9"}}, err: "EDGE9 is not in the testbed"},
		{name: "no devices", names: nil, err: "no devices"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := testbed(c.custom, all...)
			for _, n := range c.names {
				if tb.Devices[n] == nil {
					tb.Devices[n] = &devices.DeviceConfig{Name: n, Custom: c.custom[n]}
				}
			}
			p, err := Waves(tb, c.names, c.groups)
			if c.err != "" {
				require.ErrorIs(t, err, ErrBadPlan)
				assert.Contains(t, err.Error(), c.err)
				return
			}
			require.NoError(t, err)
			var got [][]string
			for i, w := range p.Waves {
				assert.Equal(t, i+1, w.Number)
				got = append(got, w.Devices)
			}
			assert.Equal(t, c.want, got)
			assert.Contains(t, p.Source, c.source)
			assert.ElementsMatch(t, c.names, p.Devices())
		})
	}
}

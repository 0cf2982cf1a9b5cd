package orchestrate

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/goissu/goissu/devices"
)

// ErrBadPlan is wrapped by every error about a wave plan: a device in no
// wave or in two, an unknown device, a bad custom.wave.
var ErrBadPlan = errors.New("invalid wave plan")

// Wave is one step of a rollout: devices upgraded together.
type Wave struct {
	Number  int      `json:"number"` // from 1
	Devices []string `json:"devices"`
}

// Plan is the ordered waves of a rollout and where they came from.
type Plan struct {
	Source string `json:"source"` // "testbed custom.wave", "groups", "default: one device per redundant pair first"
	Waves  []Wave `json:"waves"`
}

// Devices lists every device of the plan, wave by wave.
func (p Plan) Devices() []string {
	var out []string
	for _, w := range p.Waves {
		out = append(out, w.Devices...)
	}
	return out
}

// Waves plans the rollout of names (this run's devices). In order of
// preference:
//   - groups (a policy's list of device groups): one wave per group, in order;
//   - the testbed's devices.<name>.custom.wave (a positive integer) on any
//     device: waves in increasing number; then every device needs one;
//   - the default: one device of each redundant pair first, then the rest.
//
// A redundant pair is the devices sharing custom.pair (or
// custom.redundancy_group), else the devices whose names differ only in a
// last letter or number after "-" or "_" (CHASSIS_A / CHASSIS_B, n9k-1 /
// n9k-2). Devices with no partner go to the second wave; when no device has
// one, the first device alone is the canary. Errors wrap ErrBadPlan.
func Waves(tb *devices.Testbed, names []string, groups [][]string) (Plan, error) {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	in := map[string]bool{}
	for _, n := range sorted {
		if tb != nil && tb.Devices[n] == nil {
			return Plan{}, fmt.Errorf("%w: device %s is not in the testbed", ErrBadPlan, n)
		}
		in[n] = true
	}
	if len(sorted) == 0 {
		return Plan{}, fmt.Errorf("%w: no devices", ErrBadPlan)
	}
	if len(groups) > 0 {
		return fromGroups(tb, sorted, in, groups)
	}
	if p, ok, err := fromTestbed(tb, sorted); ok || err != nil {
		return p, err
	}
	return byPairs(tb, sorted), nil
}

func fromGroups(tb *devices.Testbed, names []string, in map[string]bool, groups [][]string) (Plan, error) {
	p := Plan{Source: "groups"}
	placed := map[string]int{}
	for i, g := range groups {
		w := Wave{Number: len(p.Waves) + 1}
		for _, n := range g {
			if tb != nil && tb.Devices[n] == nil {
				return Plan{}, fmt.Errorf("%w: group %d: device %s is not in the testbed", ErrBadPlan, i+1, n)
			}
			if !in[n] {
				continue // another shard's device
			}
			if prev, dup := placed[n]; dup {
				return Plan{}, fmt.Errorf("%w: device %s is in group %d and group %d", ErrBadPlan, n, prev, i+1)
			}
			placed[n] = i + 1
			w.Devices = append(w.Devices, n)
		}
		if len(w.Devices) > 0 {
			p.Waves = append(p.Waves, w)
		}
	}
	var missing []string
	for _, n := range names {
		if _, ok := placed[n]; !ok {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return Plan{}, fmt.Errorf("%w: devices in no group: %s", ErrBadPlan, strings.Join(missing, ", "))
	}
	return p, nil
}

// fromTestbed reads custom.wave; ok is false when no device has one.
func fromTestbed(tb *devices.Testbed, names []string) (Plan, bool, error) {
	if tb == nil {
		return Plan{}, false, nil
	}
	byWave := map[int][]string{}
	var missing []string
	for _, n := range names {
		v, has := tb.Devices[n].Custom["wave"]
		if !has {
			missing = append(missing, n)
			continue
		}
		w, err := waveNumber(v)
		if err != nil {
			return Plan{}, true, fmt.Errorf("%w: device %s: custom.wave: %v", ErrBadPlan, n, err)
		}
		byWave[w] = append(byWave[w], n)
	}
	if len(byWave) == 0 {
		return Plan{}, false, nil
	}
	if len(missing) > 0 {
		return Plan{}, true, fmt.Errorf("%w: custom.wave is set on some devices but not on %s", ErrBadPlan, strings.Join(missing, ", "))
	}
	var nums []int
	for w := range byWave {
		nums = append(nums, w)
	}
	sort.Ints(nums)
	p := Plan{Source: "testbed custom.wave"}
	for _, w := range nums {
		p.Waves = append(p.Waves, Wave{Number: len(p.Waves) + 1, Devices: byWave[w]})
	}
	return p, true, nil
}

func waveNumber(v any) (int, error) {
	var n int
	switch x := v.(type) {
	case int:
		n = x
	case int64:
		n = int(x)
	case float64:
		if x != float64(int(x)) {
			return 0, fmt.Errorf("%v is not a whole number", x)
		}
		n = int(x)
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(x))
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", x)
		}
		n = i
	default:
		return 0, fmt.Errorf("%v (%T) is not a number", v, v)
	}
	if n < 1 {
		return 0, fmt.Errorf("%d: waves are numbered from 1", n)
	}
	return n, nil
}

var rePairSuffix = regexp.MustCompile(`^(.+)[-_]([A-Za-z]|\d+)$`)

// pairKey names the redundant pair a device belongs to ("" for none).
func pairKey(tb *devices.Testbed, name string) string {
	if tb != nil {
		if c := tb.Devices[name]; c != nil {
			for _, k := range []string{"pair", "redundancy_group"} {
				if v, ok := c.Custom[k]; ok && fmt.Sprint(v) != "" {
					return "custom:" + fmt.Sprint(v)
				}
			}
		}
	}
	if m := rePairSuffix.FindStringSubmatch(name); m != nil {
		return "name:" + m[1]
	}
	return ""
}

func byPairs(tb *devices.Testbed, names []string) Plan {
	groups := map[string][]string{}
	for _, n := range names {
		if k := pairKey(tb, n); k != "" {
			groups[k] = append(groups[k], n)
		}
	}
	first := map[string]bool{}
	for _, g := range groups {
		if len(g) > 1 {
			first[g[0]] = true // names are sorted: the first of each pair
		}
	}
	p := Plan{Source: "default: one device per redundant pair first, then the rest"}
	if len(first) == 0 {
		first[names[0]] = true
		p.Source = "default: no redundant pairs, first device as canary, then the rest"
	}
	w1, w2 := Wave{Number: 1}, Wave{Number: 2}
	for _, n := range names {
		if first[n] {
			w1.Devices = append(w1.Devices, n)
		} else {
			w2.Devices = append(w2.Devices, n)
		}
	}
	p.Waves = append(p.Waves, w1)
	if len(w2.Devices) > 0 {
		p.Waves = append(p.Waves, w2)
	}
	return p
}

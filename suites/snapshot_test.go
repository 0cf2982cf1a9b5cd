package suites

import (
	"context"
	"fmt"
	"sort"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/diff"
)

// unreachable stands in for a device whose session could not be opened, so
// the snapshot records the connect error against it (an "error:" result in
// every check) instead of losing the device.
type unreachable struct {
	name, os string
	err      error
}

func (u unreachable) Name() string { return u.name }
func (u unreachable) OS() string   { return u.os }
func (u unreachable) Execute(context.Context, string) (string, error) {
	return "", fmt.Errorf("not connected: %w", u.err)
}

func (s *phaseSuite) targets(devs []*devices.Device, connErrs map[string]error) []issu.Target {
	var out []issu.Target
	for _, d := range devs {
		if err, bad := connErrs[d.Name()]; bad {
			out = append(out, unreachable{d.Name(), d.OS(), err})
			continue
		}
		out = append(out, d)
	}
	for name, err := range connErrs {
		found := false
		for _, d := range devs {
			found = found || d.Name() == name
		}
		if !found {
			out = append(out, unreachable{name, s.env.OS(name), err})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// snapshot collects one phase. Devices are grouped by target image, since
// the profile's commands name it (show install all impact nxos
// bootflash:<img>) and a mixed testbed upgrades each os to its own image.
func (s *phaseSuite) snapshot(phase issu.Phase, devs []*devices.Device, connErrs map[string]error) *issu.Snapshot {
	groups := map[string][]issu.Target{}
	for _, t := range s.targets(devs, connErrs) {
		img := s.env.TargetImage(t.Name())
		groups[img] = append(groups[img], t)
	}
	merged := &issu.Snapshot{Phase: phase, Devices: map[string]*issu.DeviceSnapshot{}}
	for img, ts := range groups {
		vars := issu.VarsFromPolicy(s.env.Policy)
		vars.Image = img
		snap, err := issu.TakeSnapshot(s.ctx(), ts, phase, issu.SnapshotOptions{
			Run:         s.env.Run,
			Policy:      s.env.Policy,
			Vars:        &vars,
			Concurrency: s.env.Flags.Concurrency,
		})
		s.Require().NoError(err, "error: %s snapshot", phase)
		merged.Dir = snap.Dir
		for n, d := range snap.Devices {
			merged.Devices[n] = d
		}
		merged.Findings = append(merged.Findings, snap.Findings...)
	}
	for _, f := range merged.Findings {
		fmt.Fprintf(s.env.Log, "goissu: %s snapshot: %s\n", phase, f)
	}
	return merged
}

// writeDiffs writes diff/<device>.json (semantic diff of the parsed state)
// and diff/<device>.config.diff (running-config) for every device with both
// snapshots.
func (s *phaseSuite) writeDiffs() {
	for _, name := range s.env.Names {
		before, after := s.pre.Devices[name], s.post.Devices[name]
		if before == nil || after == nil {
			continue
		}
		res := diff.Compare(before.AllParsed(), after.AllParsed(), diff.Options{})
		s.Require().NoError(s.env.Run.WriteJSON(res, "diff", name+".json"), "error: write diff of %s", name)
		rb, ra := before.Raw[issu.LabelRunningConfig], after.Raw[issu.LabelRunningConfig]
		if rb != "" || ra != "" {
			unified, _ := diff.Config(rb, ra)
			s.Require().NoError(s.env.Run.WriteFile([]byte(unified), "diff", name+".config.diff"))
		}
	}
}

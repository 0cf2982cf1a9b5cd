package issu

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/goissu/goissu/issu/monitor"
)

// MergeRuns combines the run directories of several shards (each written by
// `go test ./suites -shard K/N`, on its own CI runner) into dst, as if one
// run had covered every device: device artifacts are copied, check results
// and monitor files concatenated, run.json's device lists joined. Shards
// cover disjoint devices; a device found in two shards is an error, since
// one of its results would be lost. The shards' recorded policy.yaml must
// agree and is copied. The report is then built from dst.
func MergeRuns(dst string, srcs []string) error {
	if len(srcs) == 0 {
		return errors.New("merge: no shard directories")
	}
	out, err := OpenRun(filepath.Dir(dst), filepath.Base(dst))
	if err != nil {
		return fmt.Errorf("merge into %s: %w", dst, err)
	}
	owner := map[string]string{} // device -> shard dir
	var info *RunInfo
	results := map[Phase][]CheckResult{}
	var monitorDirs []string
	for _, src := range srcs {
		in, err := LoadRun(src)
		if err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		ri, err := in.ReadRunInfo()
		if err == nil && ri != nil {
			if info == nil {
				cp := *ri
				cp.RunID = out.ID
				cp.Devices = nil
				info = &cp
			}
			for _, d := range ri.Devices {
				if prev, dup := owner[d.Name]; dup && prev != src {
					return fmt.Errorf("merge: device %s is in both %s and %s", d.Name, prev, src)
				}
				owner[d.Name] = src
				info.Devices = append(info.Devices, d)
			}
		}
		for _, ph := range []Phase{Pre, Post} {
			if err := claimDevices(owner, filepath.Join(src, string(ph)), src); err != nil {
				return err
			}
			if err := copyDeviceDirs(filepath.Join(src, string(ph)), filepath.Join(out.Dir, string(ph))); err != nil {
				return fmt.Errorf("merge %s: %w", src, err)
			}
		}
		if err := copyTree(filepath.Join(src, "diff"), filepath.Join(out.Dir, "diff")); err != nil {
			return fmt.Errorf("merge %s: %w", src, err)
		}
		for _, ph := range []Phase{Pre, MonitorPhase, Post} {
			rs, err := LoadCheckResults(src, ph)
			if errors.Is(err, ErrNoResults) || errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return fmt.Errorf("merge %s: %w", src, err)
			}
			results[ph] = append(results[ph], rs...)
		}
		monitorDirs = append(monitorDirs, filepath.Join(src, string(MonitorPhase)))
	}
	if err := mergePolicy(out, srcs); err != nil {
		return err
	}
	for ph, rs := range results {
		rs = mergeRunWide(rs)
		if err := out.WriteCheckResults(ph, rs); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
	}
	if err := out.CombineMonitorFiles(monitorDirs...); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	if info != nil {
		sort.Slice(info.Devices, func(i, j int) bool { return info.Devices[i].Name < info.Devices[j].Name })
		if err := out.WriteRunInfo(*info); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
	}
	return nil
}

// claimDevices records which shard a phase's device directories came from;
// the same device in two shards is an error.
func claimDevices(owner map[string]string, phaseDir, src string) error {
	entries, err := os.ReadDir(phaseDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if prev, dup := owner[e.Name()]; dup && prev != src {
			return fmt.Errorf("merge: device %s is in both %s and %s", e.Name(), prev, src)
		}
		owner[e.Name()] = src
	}
	return nil
}

// completeLines drops a partial last line (a shard killed mid-write) and
// makes sure the data ends in a newline.
func completeLines(b []byte) []byte {
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return b[:i+1]
	}
	return nil
}

// copyDeviceDirs copies every device directory of a phase.
func copyDeviceDirs(from, to string) error {
	entries, err := os.ReadDir(from)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if err := ValidateName(e.Name()); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(from, e.Name()), err)
		}
		if err := copyTree(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// copyTree copies regular files below from into to (atomically per file).
func copyTree(from, to string) error {
	if _, err := os.Stat(from); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return WriteFileAtomic(dst, b)
	})
}

// CombineMonitorFiles writes the run's monitor/timeline.jsonl and
// events.jsonl as the concatenation of those in dirs, in order (a partial
// last line of a killed writer dropped), so monitor.Load and the report
// read them as one monitor: shards merged, or a rollout's waves. It writes
// nothing when no dir has either file.
func (r *Run) CombineMonitorFiles(dirs ...string) error {
	var events, timeline bytes.Buffer
	for _, dir := range dirs {
		for name, buf := range map[string]*bytes.Buffer{monitor.EventsFile: &events, monitor.TimelineFile: &timeline} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return fmt.Errorf("combine monitors: %w", err)
			}
			buf.Write(completeLines(b))
		}
	}
	if timeline.Len() == 0 && events.Len() == 0 {
		return nil
	}
	if err := r.WriteFile(timeline.Bytes(), string(MonitorPhase), monitor.TimelineFile); err != nil {
		return fmt.Errorf("combine monitors: %w", err)
	}
	if err := r.WriteFile(events.Bytes(), string(MonitorPhase), monitor.EventsFile); err != nil {
		return fmt.Errorf("combine monitors: %w", err)
	}
	return nil
}

// mergeRunWide makes one result per check of the results for the whole
// run (device "", a user's check without per-device sub-tests), which
// every shard records: the worst status, every distinct finding and
// reason. Per-device results are kept as they are.
func mergeRunWide(rs []CheckResult) []CheckResult {
	rank := map[Status]int{StatusPass: 0, StatusSkipped: 1, StatusBlocked: 2, StatusError: 3, StatusFail: 4}
	out := rs[:0:0]
	at := map[string]int{} // check -> index in out of its run-wide result
	for _, r := range rs {
		if r.Device != "" {
			out = append(out, r)
			continue
		}
		i, seen := at[r.Check]
		if !seen {
			at[r.Check] = len(out)
			r.Findings = append([]Finding(nil), r.Findings...)
			out = append(out, r)
			continue
		}
		m := &out[i]
		if rank[r.Status] > rank[m.Status] {
			m.Status = r.Status
		}
		if r.Reason != "" && !strings.Contains(m.Reason, r.Reason) {
			m.Reason = strings.TrimPrefix(m.Reason+"; "+r.Reason, "; ")
		}
		for _, f := range r.Findings {
			if !slices.Contains(m.Findings, f) {
				m.Findings = append(m.Findings, f)
			}
		}
	}
	return out
}

package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/diff"
	"github.com/goissu/goissu/issu/monitor"
)

// Input is everything the HTML page shows, loaded from a run directory by
// LoadInput. Tests and callers that hold the pieces already may fill it
// themselves; only Report is required.
type Input struct {
	// RunDir is the run directory; evidence links are relative to it.
	RunDir string
	// Report is report.json.
	Report *issu.Report
	// Events are all monitor events (report.json keeps only the notable ones).
	Events []monitor.Event
	// Timeline is the monitor phase as state spans; nil = no monitor phase.
	Timeline *Timeline
	// Diffs are the semantic diffs per device (diff/<device>.json).
	Diffs map[string]*diff.Result
	// ConfigDiffs are the unified running-config diffs per device.
	ConfigDiffs map[string]string
	// Files are the run's files, relative to RunDir with forward slashes,
	// per device (pre/<device>/…, post/<device>/…, diff/<device>.…); the
	// key "" holds the run-level files (report.json, monitor/…).
	Files map[string][]string
}

// LoadInput reads a run directory: report.json (rebuilt with the default
// policy when it is missing), the monitor's events and timeline, the diff
// artifacts and the list of evidence files.
func LoadInput(runDir string) (*Input, error) {
	rep, err := issu.LoadReport(runDir)
	if errors.Is(err, os.ErrNotExist) {
		rep, err = issu.BuildReport(runDir, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("report input %s: %w", runDir, err)
	}
	in := &Input{RunDir: runDir, Report: rep, Diffs: map[string]*diff.Result{}, ConfigDiffs: map[string]string{}}
	// events.jsonl is read alone: monitor.Load would read the (large)
	// timeline a second time.
	if in.Events, err = readEvents(filepath.Join(runDir, "monitor", monitor.EventsFile)); err != nil {
		return nil, fmt.Errorf("report input %s: %w", runDir, err)
	}
	if in.Timeline, err = LoadTimeline(runDir); err != nil {
		return nil, fmt.Errorf("report input %s: %w", runDir, err)
	}
	if len(in.Timeline.Devices) == 0 {
		in.Timeline = nil
	}
	for _, d := range rep.Diffs {
		// The paths come from report.json: the page shows what they name,
		// so they must stay inside the run.
		for _, p := range []string{d.JSON, d.ConfigDiff} {
			if p != "" && !filepath.IsLocal(filepath.FromSlash(p)) {
				return nil, fmt.Errorf("report input %s: report.json: diff of %s: path %q leaves the run directory", runDir, d.Device, p)
			}
		}
		if d.JSON != "" {
			b, err := os.ReadFile(filepath.Join(runDir, filepath.FromSlash(d.JSON)))
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("report input %s: %w", runDir, err)
			}
			if err == nil {
				var r diff.Result
				if err := json.Unmarshal(b, &r); err != nil {
					return nil, fmt.Errorf("report input %s: %s: %w", runDir, d.JSON, err)
				}
				in.Diffs[d.Device] = &r
			}
		}
		if d.ConfigDiff != "" {
			b, err := os.ReadFile(filepath.Join(runDir, filepath.FromSlash(d.ConfigDiff)))
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("report input %s: %w", runDir, err)
			}
			in.ConfigDiffs[d.Device] = string(b)
		}
	}
	if in.Files, err = listFiles(runDir, rep); err != nil {
		return nil, fmt.Errorf("report input %s: %w", runDir, err)
	}
	return in, nil
}

// listFiles groups the run's evidence files by device.
func listFiles(runDir string, rep *issu.Report) (map[string][]string, error) {
	devs := map[string]bool{}
	for _, d := range rep.Devices {
		devs[d.Name] = true
	}
	files := map[string][]string{}
	err := filepath.WalkDir(runDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(runDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == HTMLFile || strings.HasPrefix(e.Name(), ".") {
			return nil // the page itself, temporary files
		}
		parts := strings.Split(rel, "/")
		dev := ""
		switch {
		case len(parts) >= 3 && (parts[0] == string(issu.Pre) || parts[0] == string(issu.Post)) && devs[parts[1]]:
			dev = parts[1]
		case len(parts) == 2 && parts[0] == "diff":
			name := parts[1]
			for _, suf := range []string{".config.diff", ".json"} {
				if strings.HasSuffix(name, suf) && devs[strings.TrimSuffix(name, suf)] {
					dev = strings.TrimSuffix(name, suf)
				}
			}
		}
		files[dev] = append(files[dev], rel)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list evidence: %w", err)
	}
	for _, v := range files {
		sort.Strings(v)
	}
	return files, nil
}

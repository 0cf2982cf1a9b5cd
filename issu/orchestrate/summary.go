package orchestrate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LoadRollout reads results/<run-id>/rollout.json back (for the report,
// or a later CI job).
func LoadRollout(runDir string) (*Result, error) {
	b, err := os.ReadFile(filepath.Join(runDir, RolloutFile))
	if err != nil {
		return nil, fmt.Errorf("load rollout: %w", err)
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("load rollout %s: %w", filepath.Join(runDir, RolloutFile), err)
	}
	return &r, nil
}

// Summary renders the rollout for people: one line per wave with its
// devices, status and decision, why the rollout stopped, and the
// recommended (never run) rollback commands.
func (r *Result) Summary() string {
	var b strings.Builder
	state := "COMPLETED"
	if !r.Completed {
		state = "STOPPED"
	}
	fmt.Fprintf(&b, "ROLLOUT %s  run %s  (%d waves, %s)\n", state, r.RunID, len(r.Waves), r.PlanSource)
	for _, w := range r.Waves {
		dec := w.Decision
		if dec == "" {
			dec = "-"
		}
		fmt.Fprintf(&b, "  wave %d  %-8s %-11s %s\n", w.Number, w.Status, dec, strings.Join(w.Devices, ", "))
		for _, in := range w.Installs {
			fmt.Fprintf(&b, "    %s: install %s%s\n", in.Device, in.Status, suffix(in.Reason))
		}
		if w.StopReason != "" && w.Status != WaveProceed {
			fmt.Fprintf(&b, "    why: %s\n", w.StopReason)
		}
	}
	if r.StopReason != "" {
		fmt.Fprintf(&b, "stopped: %s\n", r.StopReason)
	}
	for _, w := range r.Waves {
		var devs []string
		for d := range w.Rollback {
			devs = append(devs, d)
		}
		sort.Strings(devs)
		for _, d := range devs {
			fmt.Fprintf(&b, "recommended rollback of %s (not run by goissu): %s\n", d, strings.Join(w.Rollback[d], "; "))
		}
	}
	return b.String()
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

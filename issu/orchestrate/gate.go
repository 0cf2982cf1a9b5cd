package orchestrate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/goissu/goissu/issu"
)

// Gate errors: each names one condition an install needs. They are checked
// before any command that changes a device is sent.
var (
	// ErrNotExecuting: writes were not enabled for this run (-issu.execute).
	ErrNotExecuting = errors.New("orchestration not enabled (-issu.execute)")
	// ErrNotApproved: the approval token is missing or names another run
	// (-issu.approve must equal -run-id).
	ErrNotApproved = errors.New("not approved: -issu.approve must equal the run id")
	// ErrPreNotPassed: the run has no pre phase on disk for the device, or
	// one of its pre-checks failed or errored.
	ErrPreNotPassed = errors.New("pre phase not passed")
	// ErrImageMissing: the target image is not on the device's boot device
	// (or no target image is known).
	ErrImageMissing = errors.New("target image missing")
	// ErrDisruptive: the install impact is disruptive and the policy does
	// not allow disruptive upgrades (policy allow_disruptive).
	ErrDisruptive = errors.New("install impact is disruptive and the policy does not allow it")
)

// Approval is what the operator gave for this run: writes enabled and the
// approval token. The token must equal the run id, so a command line copied
// from another change cannot upgrade this one.
type Approval struct {
	Execute bool   // -issu.execute
	Token   string // -issu.approve
}

// CheckApproval checks the run-level gates: writes enabled, and a token
// equal to the run id.
func CheckApproval(runID string, a Approval) error {
	if !a.Execute {
		return ErrNotExecuting
	}
	if a.Token == "" {
		return fmt.Errorf("%w (no token given; want -issu.approve=%s)", ErrNotApproved, runID)
	}
	if a.Token != runID {
		return fmt.Errorf("%w (token %q, run id %q)", ErrNotApproved, a.Token, runID)
	}
	return nil
}

// CheckPrePassed checks that runDir holds a pre phase (pre/checks.json)
// with results for device and none of them fail or error.
func CheckPrePassed(runDir, device string) error {
	res, err := issu.LoadCheckResults(runDir, issu.Pre)
	if err != nil {
		return fmt.Errorf("%s: %w: no pre phase in %s (%v): run TestPrecheck first", device, ErrPreNotPassed, runDir, err)
	}
	var bad []string
	seen := false
	for _, r := range res {
		// A result of the whole run (device "": a user's check that does
		// not judge device by device) gates every device.
		if r.Device != device && r.Device != "" {
			continue
		}
		seen = seen || r.Device == device
		if r.Status == issu.StatusFail || r.Status == issu.StatusError {
			what := r.Check
			if r.Device == "" {
				what += " for the run"
			}
			bad = append(bad, fmt.Sprintf("%s (%s)", what, r.Status))
		}
	}
	if !seen {
		return fmt.Errorf("%s: %w: the pre phase of %s has no results for this device", device, ErrPreNotPassed, filepath.Base(runDir))
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("%s: %w: %s", device, ErrPreNotPassed, strings.Join(bad, ", "))
	}
	return nil
}

// Reader runs read-only commands; *devices.Device satisfies it.
type Reader interface {
	Execute(ctx context.Context, cmd string) (string, error)
}

// CheckImage checks that image is on the device's bootflash by reading
// `dir bootflash:` (a read: nothing on the device changes).
func CheckImage(ctx context.Context, r Reader, device, image string) error {
	file := issu.ImageFileName(image)
	if file == "" {
		return fmt.Errorf("%s: %w: no target image given", device, ErrImageMissing)
	}
	out, err := r.Execute(ctx, "dir bootflash:")
	if err != nil {
		return fmt.Errorf("%s: check image: dir bootflash: %w", device, err)
	}
	if !listsFile(out, file) {
		return fmt.Errorf("%s: %w: %s not in dir bootflash:", device, ErrImageMissing, file)
	}
	return nil
}

// listsFile reports whether a dir listing names file as a whole word (a
// longer name that contains it does not count). Listings differ per OS in
// their columns, so any field counts, with a leading path stripped.
func listsFile(listing, file string) bool {
	for rest := listing; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if !strings.Contains(line, file) {
			continue
		}
		for _, f := range strings.Fields(line) {
			if i := strings.LastIndexAny(f, "/:"); i >= 0 {
				f = f[i+1:]
			}
			if f == file {
				return true
			}
		}
	}
	return false
}

// reDisruptive finds a disruptive impact the way genie does: "disruptive"
// not preceded by "-" (non-disruptive) after "Compatibility check is done:".
var reDisruptive = regexp.MustCompile(`(?s)Compatibility check is done:.*[^-]disruptive`)

// IsDisruptive reports whether an NX-OS impact table (install all's
// compatibility check or show install all impact) says disruptive.
func IsDisruptive(out string) bool {
	return reDisruptive.MatchString(strings.ReplaceAll(out, "\r", ""))
}

// CheckImpact refuses a disruptive upgrade the pre snapshot already showed
// (pre/<device>/install_impact.txt, NX-OS), before anything is sent. No
// impact artifact is not a refusal: the install dialog is checked too.
func CheckImpact(runDir, device string, allowDisruptive bool) error {
	if allowDisruptive {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(runDir, string(issu.Pre), device, issu.LabelInstallImpact+".txt"))
	if err != nil {
		return nil
	}
	if IsDisruptive(string(b)) {
		return fmt.Errorf("%s: %w (pre/%s/%s.txt)", device, ErrDisruptive, device, issu.LabelInstallImpact)
	}
	return nil
}

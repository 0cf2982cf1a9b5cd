// Package harness is what every goissu test suite imports: the command-line
// flags (-testbed, -run-id, -results, -policy, -target-image, -monitor.*,
// -shard, -scenario, -time-scale), their resolution against the directory
// `go test` was started from, and the run environment built from them (the
// testbed or the built-in simulated lab, the devices of this shard, the
// results directory).
//
// Flags are registered in init, so `go test ./suites/... -testbed lab.yaml`
// works for every suite package that imports harness.
package harness

import (
	"errors"
	"flag"
	"fmt"
	"github.com/goissu/goissu/fixtures/sim"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/goissu/goissu/issu"
)

// Flags are the goissu suite flags after parsing. Read them with Get.
type Flags struct {
	Testbed         string        // pyATS testbed file; empty = built-in lab
	RunID           string        // results/<run-id>
	Results         string        // results root
	Policy          string        // policy YAML; empty = built-in defaults
	TargetImage     string        // image the upgrade installs
	MonitorDuration time.Duration // longest the monitor runs
	MonitorInterval time.Duration // poll interval (0 = policy default)
	Shard           Shard         // this runner's subset of devices
	Scenario        string        // built-in lab scenario
	TimeScale       float64       // built-in lab time scale
	Devices         int           // built-in lab: number of devices (0 = the scenario's lab)
	Concurrency     int           // devices worked on at once
	Insecure        bool          // skip host key verification (prints a warning)
	Execute         bool          // orchestration: writes allowed for this run
	Approve         string        // orchestration: must equal the run id
}

var (
	fTestbed     = flag.String("testbed", "", "pyATS testbed YAML (absolute, or relative to where go test was started); empty starts the built-in simulated lab")
	fRunID       = flag.String("run-id", "", "run id: results go to <results>/<run-id>/ (default: a UTC timestamp)")
	fResults     = flag.String("results", "results", "results root directory")
	fPolicy      = flag.String("policy", "", "policy YAML overriding the built-in thresholds")
	fTarget      = flag.String("target-image", "", "image file the upgrade installs, e.g. nxos64-cs.10.4.3.F.bin (built-in lab: the scenario's target)")
	fMonDuration = flag.Duration("monitor.duration", 30*time.Minute, "longest the monitor phase runs")
	fMonInterval = flag.Duration("monitor.interval", 0, "monitor poll interval (default: the policy's, 5s; built-in lab: 250ms)")
	fShard       = flag.String("shard", "", "K/N: run only shard K of N (stable by device name hash)")
	fScenario    = flag.String("scenario", "clean-issu", "built-in lab scenario (without -testbed)")
	fTimeScale   = flag.Float64("time-scale", 60, "built-in lab: how many times faster than real time the ISSU plays")
	fLabDevices  = flag.Int("lab.devices", 0, "built-in lab: number of devices (0 = the scenario's lab)")
	fConcurrency = flag.Int("concurrency", 100, "devices worked on at once")
	fInsecure    = flag.Bool("insecure-ignore-host-key", false, "do not verify SSH host keys (lab use only; prints a warning)")
	fExecute     = flag.Bool("issu.execute", false, "allow goissu to run the upgrade itself (orchestration)")
	fApprove     = flag.String("issu.approve", "", "approval token for orchestration: must equal -run-id")
)

// Get returns the parsed flags with paths resolved and defaults filled in.
// Call it from a test (after flag.Parse).
func Get() (Flags, error) {
	f := Flags{
		Policy:          *fPolicy,
		TargetImage:     *fTarget,
		MonitorDuration: *fMonDuration,
		MonitorInterval: *fMonInterval,
		Scenario:        *fScenario,
		TimeScale:       *fTimeScale,
		Devices:         *fLabDevices,
		Concurrency:     *fConcurrency,
		Insecure:        *fInsecure,
		Execute:         *fExecute,
		Approve:         *fApprove,
	}
	var err error
	if *fTestbed != "" {
		if f.Testbed, err = ResolvePath(*fTestbed, true); err != nil {
			return f, fmt.Errorf("-testbed: %w", err)
		}
	}
	if f.Policy != "" {
		if f.Policy, err = ResolvePath(f.Policy, true); err != nil {
			return f, fmt.Errorf("-policy: %w", err)
		}
	}
	if f.Results, err = ResolvePath(*fResults, false); err != nil {
		return f, fmt.Errorf("-results: %w", err)
	}
	f.RunID = *fRunID
	if f.RunID == "" {
		f.RunID = defaultRunID()
	}
	if err := issu.ValidateName(f.RunID); err != nil {
		return f, fmt.Errorf("-run-id %q: %w", f.RunID, err)
	}
	if f.Shard, err = ParseShard(*fShard); err != nil {
		return f, fmt.Errorf("-shard: %w", err)
	}
	return f, f.check()
}

// check refuses flag values that parse but mean nothing.
func (f Flags) check() error {
	// NaN passes "<= 0" and makes the lab's clock run backwards.
	if !(f.TimeScale > 0) || f.TimeScale > sim.MaxTimeScale {
		return fmt.Errorf("-time-scale %v: must be a number > 0 and at most %g", f.TimeScale, float64(sim.MaxTimeScale))
	}
	if f.Concurrency < 1 {
		return fmt.Errorf("-concurrency %d: must be >= 1", f.Concurrency)
	}
	// The monitor treats a duration <= 0 as no limit at all.
	if f.MonitorDuration <= 0 {
		return fmt.Errorf("-monitor.duration %v: must be > 0", f.MonitorDuration)
	}
	if f.MonitorInterval < 0 {
		return fmt.Errorf("-monitor.interval %v: must not be negative (0: the policy's)", f.MonitorInterval)
	}
	return nil
}

// runIDOnce keeps the default run id stable for the whole test binary, so
// every phase of one invocation writes to the same directory.
var runIDOnce = time.Now().UTC().Format("20060102T150405Z")

func defaultRunID() string { return runIDOnce }

// ResolvePath resolves a path given on the go test command line. go test
// runs the test binary in the package directory, so a relative path is
// tried against, in order: $GOISSU_CWD (set by the Makefile to where make
// ran), the module root (where `go test ./suites` is usually started) and
// the package directory. For an input file (mustExist) the first existing
// candidate wins; for an output directory the first base applies.
func ResolvePath(p string, mustExist bool) (string, error) {
	if p == "" {
		return "", errors.New("empty path")
	}
	if filepath.IsAbs(p) {
		if mustExist {
			if _, err := os.Stat(p); err != nil {
				return "", err
			}
		}
		return filepath.Clean(p), nil
	}
	var bases []string
	if d := os.Getenv("GOISSU_CWD"); d != "" {
		bases = append(bases, d)
	}
	if root, err := ModuleRoot(); err == nil {
		bases = append(bases, root)
	}
	if wd, err := os.Getwd(); err == nil {
		bases = append(bases, wd)
	}
	if len(bases) == 0 {
		return "", errors.New("cannot determine the working directory")
	}
	if !mustExist {
		return filepath.Join(bases[0], p), nil
	}
	var tried []string
	for _, b := range bases {
		c := filepath.Join(b, p)
		if _, err := os.Stat(c); err == nil {
			return c, nil
		}
		tried = append(tried, c)
	}
	return "", fmt.Errorf("%s: not found (tried %s)", p, strings.Join(tried, ", "))
}

// ModuleRoot walks up from the working directory to the directory that
// holds go.mod.
func ModuleRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", errors.New("go.mod not found above the working directory")
		}
		d = parent
	}
}

// Shard selects a stable subset of devices: shard K of N (1-based).
// The zero Shard selects every device.
type Shard struct{ K, N int }

// ParseShard parses "K/N" ("" is the zero Shard).
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return Shard{}, fmt.Errorf("%q: want K/N with 1 <= K <= N", s)
	}
	return Shard{K: k, N: n}, nil
}

// Has reports whether device belongs to this shard. The choice depends only
// on the name, so every runner of a CI matrix agrees without talking.
func (s Shard) Has(device string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(device))
	return int(h.Sum32()%uint32(s.N)) == s.K-1
}

// String renders the shard as K/N ("" for all devices).
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// TestName makes a device, interface or neighbor name safe as a sub-test
// name: `go test` splits names on "/", so "Ethernet1/1" would become a fake
// level in JUnit. Slashes become "_", and the rest is rewritten as package
// testing rewrites a sub-test's name (white space to "_", characters that
// do not print quoted), so TestName(dev) is the name the sub-test gets
// and a result can be mapped back to its device.
func TestName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/' || isTestSpace(r):
			b.WriteByte('_')
		case !strconv.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isTestSpace is package testing's notion of white space in test names
// (testing/match.go), which is not unicode.IsSpace.
func isTestSpace(r rune) bool {
	if r < 0x2000 {
		switch r {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680:
			return true
		}
		return false
	}
	if r <= 0x200a {
		return true
	}
	switch r {
	case 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return false
}

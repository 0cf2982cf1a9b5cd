// Package policy holds goissu's ISSU policy: the thresholds of every pre- and
// post-check, the critical neighbors and prefixes, the outages tolerated
// during the upgrade, log patterns and their severities, the monitor's
// settings and per-OS command profile overrides. Defaults are embedded; a
// user YAML file overrides them, and unknown keys or bad values are errors
// that name the file and line.
package policy

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"net/netip"
	"os"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

//go:embed default.yaml
var defaultYAML []byte

// ErrInvalid is wrapped by every error about a policy file's content.
var ErrInvalid = errors.New("invalid policy")

// Policy is the complete set of decisions goissu takes from configuration.
type Policy struct {
	TargetImage   string `yaml:"target_image" json:"target_image"`
	TargetVersion string `yaml:"target_version" json:"target_version,omitempty"`
	// TargetImages and TargetVersions set the target per OS in a mixed
	// lab; an OS missing from them uses TargetImage / TargetVersion.
	TargetImages    map[string]string `yaml:"target_images" json:"target_images,omitempty"`
	TargetVersions  map[string]string `yaml:"target_versions" json:"target_versions,omitempty"`
	ImageSizeBytes  int64             `yaml:"image_size_bytes" json:"image_size_bytes,omitempty"`
	ImageMD5        string            `yaml:"image_md5" json:"image_md5,omitempty"`
	ImageSHA256     string            `yaml:"image_sha256" json:"image_sha256,omitempty"`
	AllowDisruptive bool              `yaml:"allow_disruptive" json:"allow_disruptive"`

	CPU       CPU       `yaml:"cpu" json:"cpu"`
	Memory    Memory    `yaml:"memory" json:"memory"`
	Bootflash Bootflash `yaml:"bootflash" json:"bootflash"`
	BGP       BGP       `yaml:"bgp" json:"bgp"`
	OSPF      OSPF      `yaml:"ospf" json:"ospf"`

	CriticalPrefixes []Prefix `yaml:"critical_prefixes" json:"critical_prefixes"`
	VRFs             []string `yaml:"vrfs" json:"vrfs"`
	Probes           []Probe  `yaml:"probes" json:"probes"`

	Outage      Outage       `yaml:"outage" json:"outage"`
	LogPatterns []LogPattern `yaml:"log_patterns" json:"log_patterns"`
	// LogWindow limits the pre-check's log scan to lines this recent,
	// counted back from the newest line (0 = the whole log).
	LogWindow time.Duration `yaml:"log_window" json:"log_window"`
	Voting    Voting        `yaml:"voting" json:"voting"`
	Monitor   Monitor       `yaml:"monitor" json:"monitor"`
	Snapshot  Snapshot      `yaml:"snapshot" json:"snapshot"`

	// ExpectedConfigChanges are regexps of running-config lines allowed to
	// differ between pre and post.
	ExpectedConfigChanges []string `yaml:"expected_config_changes" json:"expected_config_changes"`
	// Commands replaces the built-in command profile of an OS.
	Commands map[string][]Command `yaml:"commands" json:"commands,omitempty"`
	// SkipChecks lists check ids not to run.
	SkipChecks []string `yaml:"skip_checks" json:"skip_checks,omitempty"`

	// Source is the file the policy was loaded from ("" for the defaults).
	Source string `yaml:"-" json:"source,omitempty"`
}

// CPU thresholds, in percent.
type CPU struct {
	FiveMinMaxPercent float64 `yaml:"five_min_max_percent" json:"five_min_max_percent"`
	FiveSecMaxPercent float64 `yaml:"five_sec_max_percent" json:"five_sec_max_percent"`
}

// Memory thresholds, in percent used.
type Memory struct {
	MaxUsedPercent float64 `yaml:"max_used_percent" json:"max_used_percent"`
}

// Bootflash sets the free space needed beyond the image size.
type Bootflash struct {
	MarginPercent float64 `yaml:"margin_percent" json:"margin_percent"`
	MarginBytes   int64   `yaml:"margin_bytes" json:"margin_bytes"`
}

// BGP settings: the neighbors that matter and the prefix-count tolerance.
type BGP struct {
	CriticalNeighbors      []string `yaml:"critical_neighbors" json:"critical_neighbors"`
	PrefixTolerancePercent float64  `yaml:"prefix_tolerance_percent" json:"prefix_tolerance_percent"`
}

// OSPF settings: the neighbors (router id or address) that matter.
type OSPF struct {
	CriticalNeighbors []string `yaml:"critical_neighbors" json:"critical_neighbors"`
}

// Prefix is a route that must be present, in a VRF ("" means default).
type Prefix struct {
	VRF    string `yaml:"vrf" json:"vrf"`
	Prefix string `yaml:"prefix" json:"prefix"`
}

// Probe is a ping the monitor sends every EveryPolls polls.
type Probe struct {
	Destination string `yaml:"destination" json:"destination"`
	VRF         string `yaml:"vrf" json:"vrf,omitempty"`
	Source      string `yaml:"source" json:"source,omitempty"`
	EveryPolls  int    `yaml:"every_polls" json:"every_polls,omitempty"`
	Count       int    `yaml:"count" json:"count,omitempty"`
}

// Outage sets the longest tolerated outages, in seconds. PerNeighbor and
// PerPrefix override the defaults for one neighbor address or prefix.
type Outage struct {
	MaxMgmtSeconds     float64            `yaml:"max_mgmt_seconds" json:"max_mgmt_seconds"`
	MaxNeighborSeconds float64            `yaml:"max_neighbor_seconds" json:"max_neighbor_seconds"`
	MaxPrefixSeconds   float64            `yaml:"max_prefix_seconds" json:"max_prefix_seconds"`
	PerNeighbor        map[string]float64 `yaml:"per_neighbor" json:"per_neighbor,omitempty"`
	PerPrefix          map[string]float64 `yaml:"per_prefix" json:"per_prefix,omitempty"`
}

// LogPattern gives a syslog regexp a name, a severity and, for the monitor,
// the event kind a matching line becomes ("crash", "core"; "" = "log").
type LogPattern struct {
	Name     string `yaml:"name" json:"name"`
	Regexp   string `yaml:"regexp" json:"regexp"`
	Severity string `yaml:"severity" json:"severity"`
	Kind     string `yaml:"kind" json:"kind,omitempty"`
}

// Voting sets how many signals make an incident and how repetition escalates.
type Voting struct {
	Votes          int           `yaml:"votes" json:"votes"`
	EscalateCount  int           `yaml:"escalate_count" json:"escalate_count"`
	EscalateWindow time.Duration `yaml:"escalate_window" json:"escalate_window"`
}

// Monitor holds the monitor's polling settings.
type Monitor struct {
	Interval        time.Duration `yaml:"interval" json:"interval"`
	MaxDuration     time.Duration `yaml:"max_duration" json:"max_duration"`
	StablePolls     int           `yaml:"stable_polls" json:"stable_polls"`
	RequireInstall  bool          `yaml:"require_install" json:"require_install"`
	Concurrency     int           `yaml:"concurrency" json:"concurrency"`
	CPUSpikePercent float64       `yaml:"cpu_spike_percent" json:"cpu_spike_percent"`
}

// Snapshot holds the snapshot's fan-out and per-command timeout.
type Snapshot struct {
	Concurrency    int           `yaml:"concurrency" json:"concurrency"`
	CommandTimeout time.Duration `yaml:"command_timeout" json:"command_timeout"`
}

// Command is one entry of a command profile override.
type Command struct {
	Label   string   `yaml:"label" json:"label"`
	Command string   `yaml:"command" json:"command"`
	Checks  []string `yaml:"checks" json:"checks,omitempty"`
	// Each expands the command once per "prefix", "probe" or "vrf", or runs
	// it only when the policy has an image "md5" or "sha256".
	Each string `yaml:"each" json:"each,omitempty"`
	// Optional commands may fail without making checks error.
	Optional bool `yaml:"optional" json:"optional,omitempty"`
}

// Severities lists the valid severities, lowest first.
var Severities = []string{"info", "warning", "error", "critical"}

// Default returns the embedded default policy.
func Default() *Policy {
	p, err := parse("default.yaml", defaultYAML, nil)
	if err != nil {
		// The embedded file is tested; failing here is a build defect.
		panic(fmt.Sprintf("policy: embedded defaults: %v", err))
	}
	return p
}

// Load reads the policy file at path over the defaults. path "" returns the
// defaults.
func Load(path string) (*Policy, error) {
	if path == "" {
		return Default(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load policy: %w", err)
	}
	return Parse(path, b)
}

// Parse reads policy YAML (named name in errors) over the defaults.
func Parse(name string, data []byte) (*Policy, error) {
	return parse(name, data, Default())
}

func parse(name string, data []byte, base *Policy) (*Policy, error) {
	p := base
	if p == nil {
		p = &Policy{}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w: %s", name, ErrInvalid, yamlMsg(err))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlErr(name, err)
	}
	if name != "default.yaml" || base != nil {
		p.Source = name
	}
	if err := p.validate(name, &root); err != nil {
		return nil, err
	}
	return p, nil
}

// YAML writes the whole policy as a policy file: Parse of it gives the
// same policy back (except Source). A run records the policy it applied
// this way, so its report can be rebuilt later under the same limits.
func (p *Policy) YAML() ([]byte, error) {
	b, err := yaml.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", p.Source, err)
	}
	return b, nil
}

// yamlErr turns "yaml: line 3: ..." into "file:3: ...".
func yamlErr(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, 0, len(te.Errors))
		for _, m := range te.Errors {
			msgs = append(msgs, lineMsg(name, m))
		}
		return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(msgs, "; "))
	}
	return fmt.Errorf("%w: %s", ErrInvalid, lineMsg(name, yamlMsg(err)))
}

func yamlMsg(err error) string { return strings.TrimPrefix(err.Error(), "yaml: ") }

var lineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

func lineMsg(name, m string) string {
	if s := lineRE.FindStringSubmatch(m); s != nil {
		return fmt.Sprintf("%s:%s: %s", name, s[1], s[2])
	}
	return name + ": " + m
}

// validate checks values the YAML types cannot express and names the line
// of the offending key.
func (p *Policy) validate(name string, root *yaml.Node) error {
	var errs []string
	bad := func(msg string, path ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s", name, lineOf(root, path...), msg))
	}
	pct := func(v float64, path ...any) {
		if !(v >= 0 && v <= 100) { // NaN too: it compares false with any value
			bad(fmt.Sprintf("%s must be between 0 and 100, got %v", path[len(path)-1], v), path...)
		}
	}
	pct(p.CPU.FiveMinMaxPercent, "cpu", "five_min_max_percent")
	pct(p.CPU.FiveSecMaxPercent, "cpu", "five_sec_max_percent")
	pct(p.Memory.MaxUsedPercent, "memory", "max_used_percent")
	pct(p.BGP.PrefixTolerancePercent, "bgp", "prefix_tolerance_percent")
	pct(p.Monitor.CPUSpikePercent, "monitor", "cpu_spike_percent")
	// NaN passes "< 0" and then compares false with every value: a check
	// it guards would never fire, or every outage would exceed it.
	notNeg := func(v float64, what string, path ...any) {
		if !(v >= 0) {
			bad(fmt.Sprintf("%s must be a number, not negative, got %v", what, v), path...)
		}
	}
	notNeg(p.Bootflash.MarginPercent, "margin_percent", "bootflash", "margin_percent")
	if p.Bootflash.MarginBytes < 0 {
		bad("margin_bytes must not be negative", "bootflash", "margin_bytes")
	}
	if p.ImageSizeBytes < 0 {
		bad("image_size_bytes must not be negative", "image_size_bytes")
	}
	if strings.ContainsAny(p.TargetImage, "/\\ \x00") {
		bad(fmt.Sprintf("target_image %q must be a file name on bootflash (no path, no spaces)", p.TargetImage), "target_image")
	}
	for osName, img := range p.TargetImages {
		if img == "" || strings.ContainsAny(img, "/\\ \x00") {
			bad(fmt.Sprintf("target_images.%s %q must be a file name on bootflash (no path, no spaces)", osName, img), "target_images", osName)
		}
	}
	for k, v := range map[string]float64{"max_mgmt_seconds": p.Outage.MaxMgmtSeconds, "max_neighbor_seconds": p.Outage.MaxNeighborSeconds, "max_prefix_seconds": p.Outage.MaxPrefixSeconds} {
		notNeg(v, k, "outage", k)
	}
	for _, per := range []struct {
		key string
		m   map[string]float64
	}{{"per_neighbor", p.Outage.PerNeighbor}, {"per_prefix", p.Outage.PerPrefix}} {
		for subject, v := range per.m {
			notNeg(v, "outage."+per.key+"."+subject, "outage", per.key, subject)
		}
	}
	for i, c := range p.CriticalPrefixes {
		if _, err := netip.ParsePrefix(c.Prefix); err != nil {
			bad(fmt.Sprintf("critical_prefixes: %q is not a prefix (a.b.c.d/len)", c.Prefix), "critical_prefixes", i, "prefix")
		}
	}
	for i, n := range p.BGP.CriticalNeighbors {
		if _, err := netip.ParseAddr(n); err != nil {
			bad(fmt.Sprintf("bgp.critical_neighbors: %q is not an IP address", n), "bgp", "critical_neighbors", i)
		}
	}
	for i, pr := range p.Probes {
		if _, err := netip.ParseAddr(pr.Destination); err != nil {
			bad(fmt.Sprintf("probes: destination %q is not an IP address", pr.Destination), "probes", i, "destination")
		}
		if pr.EveryPolls < 0 || pr.Count < 0 {
			bad("probes: every_polls and count must not be negative", "probes", i)
		}
	}
	for i, lp := range p.LogPatterns {
		if lp.Name == "" {
			bad("log_patterns: name is required", "log_patterns", i)
		}
		if _, err := regexp.Compile(lp.Regexp); err != nil {
			bad(fmt.Sprintf("log_patterns %s: bad regexp: %v", lp.Name, err), "log_patterns", i, "regexp")
		}
		switch lp.Kind {
		case "", "log", "crash", "core", "incident":
		default:
			bad(fmt.Sprintf("log_patterns %s: kind %q is not log, crash, core or incident", lp.Name, lp.Kind), "log_patterns", i, "kind")
		}
		if !ValidSeverity(lp.Severity) {
			bad(fmt.Sprintf("log_patterns %s: severity %q is not one of %s", lp.Name, lp.Severity, strings.Join(Severities, ", ")), "log_patterns", i, "severity")
		}
	}
	for i, re := range p.ExpectedConfigChanges {
		if _, err := regexp.Compile(re); err != nil {
			bad(fmt.Sprintf("expected_config_changes: bad regexp: %v", err), "expected_config_changes", i)
		}
	}
	if p.LogWindow < 0 {
		bad("log_window must not be negative", "log_window")
	}
	if p.Voting.Votes < 1 {
		bad("voting.votes must be at least 1", "voting", "votes")
	}
	if p.Monitor.Interval <= 0 {
		bad("monitor.interval must be positive", "monitor", "interval")
	}
	if p.Monitor.MaxDuration <= 0 {
		bad("monitor.max_duration must be positive", "monitor", "max_duration")
	}
	if p.Monitor.StablePolls < 1 {
		bad("monitor.stable_polls must be at least 1", "monitor", "stable_polls")
	}
	if p.Monitor.Concurrency < 1 || p.Snapshot.Concurrency < 1 {
		bad("concurrency must be at least 1", "snapshot", "concurrency")
	}
	if p.Snapshot.CommandTimeout <= 0 {
		bad("snapshot.command_timeout must be positive", "snapshot", "command_timeout")
	}
	for osName, cmds := range p.Commands {
		for i, c := range cmds {
			if c.Label == "" || c.Command == "" {
				bad(fmt.Sprintf("commands.%s: label and command are required", osName), "commands", osName, i)
			}
			switch c.Each {
			case "", "prefix", "probe", "vrf", "md5", "sha256":
			default:
				bad(fmt.Sprintf("commands.%s: each %q is not prefix, probe, vrf, md5 or sha256", osName, c.Each), "commands", osName, i, "each")
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(errs, "; "))
	}
	return nil
}

// ValidSeverity reports whether s is info, warning, error or critical.
func ValidSeverity(s string) bool {
	for _, v := range Severities {
		if s == v {
			return true
		}
	}
	return false
}

// lineOf finds the line of the node at path (map keys as strings, sequence
// indexes as ints) in a user file; it returns the line of the deepest node
// found, or 0 when the key came from the defaults.
func lineOf(root *yaml.Node, path ...any) int {
	n := root
	if n == nil || n.Kind != yaml.DocumentNode || len(n.Content) == 0 {
		return 0
	}
	n = n.Content[0]
	line := 0
	for _, p := range path {
		switch k := p.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return line
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					line = n.Content[i].Line
					n = n.Content[i+1]
					found = true
					break
				}
			}
			if !found {
				return line
			}
		case int:
			if n.Kind != yaml.SequenceNode || k >= len(n.Content) {
				return line
			}
			n = n.Content[k]
			line = n.Line
		}
	}
	return line
}

// OutageLimit returns the tolerated outage in seconds for kind (mgmt, bgp,
// ospf, prefix, probe) and subject (neighbor address or prefix).
func (p *Policy) OutageLimit(kind, subject string) float64 {
	switch kind {
	case "mgmt":
		return p.Outage.MaxMgmtSeconds
	case "bgp", "ospf":
		if v, ok := p.Outage.PerNeighbor[subject]; ok {
			return v
		}
		return p.Outage.MaxNeighborSeconds
	default:
		if v, ok := p.Outage.PerPrefix[subject]; ok {
			return v
		}
		return p.Outage.MaxPrefixSeconds
	}
}

// ImageFor returns the target image for a device running os.
func (p *Policy) ImageFor(os string) string {
	if img, ok := p.TargetImages[strings.ToLower(os)]; ok {
		return img
	}
	return p.TargetImage
}

// VersionFor returns the target version for a device running os.
func (p *Policy) VersionFor(os string) string {
	if v, ok := p.TargetVersions[strings.ToLower(os)]; ok {
		return v
	}
	return p.TargetVersion
}

// Skipped reports whether check id is listed in skip_checks.
func (p *Policy) Skipped(id string) bool {
	for _, s := range p.SkipChecks {
		if s == id {
			return true
		}
	}
	return false
}

// RequiredFree returns the free bytes a supervisor needs for an image of size
// bytes: size plus the larger of the percent and byte margins.
func (p *Policy) RequiredFree(size int64) int64 {
	// Saturate instead of overflowing: a float beyond int64 converts to an
	// arbitrary value (min int64 on amd64) and would drop the margin.
	pm := float64(size) * p.Bootflash.MarginPercent / 100
	m := int64(math.MaxInt64)
	if pm < math.MaxInt64 {
		m = int64(pm)
	}
	if p.Bootflash.MarginBytes > m {
		m = p.Bootflash.MarginBytes
	}
	if size > 0 && m > math.MaxInt64-size {
		return math.MaxInt64
	}
	return size + m
}

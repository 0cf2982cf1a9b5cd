package monitor

import (
	"context"
	"io"
	"time"
)

// Target is a device the monitor polls over one persistent session.
// *devices.Device satisfies it.
type Target interface {
	Name() string
	OS() string
	Execute(ctx context.Context, cmd string) (string, error)
	Reconnect(ctx context.Context) error
}

// Event kinds written to events.jsonl.
const (
	KindUnreachable     = "unreachable"
	KindReachable       = "reachable"
	KindSwitchover      = "switchover"
	KindInstallProgress = "install_progress"
	KindInstallDone     = "install_done"
	KindInstallFailed   = "install_failed"
	KindBGPDown         = "bgp_down"
	KindBGPUp           = "bgp_up"
	KindOSPFDown        = "ospf_down"
	KindOSPFUp          = "ospf_up"
	KindPrefixWithdrawn = "prefix_withdrawn"
	KindPrefixRestored  = "prefix_restored"
	KindProbeLoss       = "probe_loss"
	KindProbeOK         = "probe_ok"
	KindProbeSlow       = "probe_slow" // average RTT over Config.ProbeRTTms
	KindLog             = "log"
	KindCrash           = "crash"
	KindCore            = "core"
	KindCPUSpike        = "cpu_spike"
	KindIncident        = "incident"
)

// Severities, in increasing order.
const (
	SevInfo     = "info"
	SevWarning  = "warning"
	SevError    = "error"
	SevCritical = "critical"
)

// Install states (Result.InstallState, Sample.Install).
const (
	InstallNone       = "none"
	InstallInProgress = "in_progress"
	InstallSuccess    = "success"
	InstallFailed     = "failed"
)

// Stop reasons (Result.StopReason).
const (
	StopStable      = "stable"
	StopMaxDuration = "max_duration"
	StopCancelled   = "cancelled"
	StopIncomplete  = "incomplete" // Load: the run was killed (no end record)
)

// Event is one detected change, one JSON object per line in events.jsonl.
type Event struct {
	Time          time.Time `json:"time"`
	Device        string    `json:"device"`
	Kind          string    `json:"kind"`              // see the Kind constants (probe_slow extends the contract's list)
	Severity      string    `json:"severity"`          // info, warning, error, critical
	Subject       string    `json:"subject,omitempty"` // neighbor address, prefix, probe destination, module, log mnemonic
	VRF           string    `json:"vrf,omitempty"`
	Message       string    `json:"message"`
	OutageSeconds float64   `json:"outage_seconds,omitempty"` // on the event that closes an outage
	Evidence      string    `json:"evidence,omitempty"`       // timeline reference or the log line itself
	Expected      bool      `json:"expected,omitempty"`       // e.g. the switchover's management outage
}

// Outage is a period during which something was down: the management
// session (mgmt), a BGP or OSPF neighbor, a critical prefix or a probe.
type Outage struct {
	Device    string     `json:"device"`
	Kind      string     `json:"kind"` // mgmt, bgp, ospf, prefix, probe
	Subject   string     `json:"subject,omitempty"`
	VRF       string     `json:"vrf,omitempty"`
	Start     time.Time  `json:"start"`
	End       *time.Time `json:"end,omitempty"`
	Seconds   float64    `json:"seconds"` // up to End, or up to the end of the run when still open
	Recovered bool       `json:"recovered"`
	Expected  bool       `json:"expected,omitempty"` // opened by an expected event (switchover)
}

// Result is what a monitor run saw. Load rebuilds it from disk.
type Result struct {
	Start        time.Time         `json:"start"`
	End          time.Time         `json:"end"`
	StopReason   string            `json:"stop_reason"` // stable, max_duration, cancelled; Load: incomplete
	Samples      int               `json:"samples"`
	Events       []Event           `json:"events"`
	Outages      []Outage          `json:"outages"`
	InstallState map[string]string `json:"install_state"` // device -> none|in_progress|success|failed
}

// Prefix is a critical prefix watched in a VRF's RIB.
type Prefix struct {
	VRF    string `json:"vrf,omitempty" yaml:"vrf"` // "" = default
	Prefix string `json:"prefix" yaml:"prefix"`     // 10.99.0.0/24
}

// Probe is a data-plane ping every device sends every EveryPolls polls.
type Probe struct {
	Destination string `json:"destination" yaml:"destination"`
	VRF         string `json:"vrf,omitempty" yaml:"vrf"`
	Source      string `json:"source,omitempty" yaml:"source"`
	EveryPolls  int    `json:"every_polls,omitempty" yaml:"every_polls"` // default 3
	Count       int    `json:"count,omitempty" yaml:"count"`             // default 5
}

// Escalation raises an event's severity one level when Count events of the
// same device, kind and subject occur within Window (a flapping neighbor,
// a repeating log message).
type Escalation struct {
	Count  int           // default 3
	Window time.Duration // default 5m
}

// LogPattern classifies log lines: a line matching Regexp becomes an event
// of Kind (default "log") with Severity.
type LogPattern struct {
	Name     string // crash, core_dump, traceback, ha, ...
	Regexp   string
	Severity string
	Kind     string // event kind; "" = log
}

// Config tunes a monitor run. The zero value of every field is usable.
type Config struct {
	Dir               string        // where timeline.jsonl / events.jsonl go (created); "" = nothing written
	Interval          time.Duration // default 5s
	MaxDuration       time.Duration // stop after this; 0 = no limit
	StablePolls       int           // stop when every install is done and nothing changed for K polls (default 3; <0 disables)
	RequireInstall    bool          // "stable" only counts after an install was seen and finished
	Concurrency       int           // devices polled at once, default 100
	PollTimeout       time.Duration // bound on one device poll, default 6×Interval
	CriticalPrefixes  []Prefix
	CriticalNeighbors []string // BGP/OSPF neighbors watched; empty = all
	Probes            []Probe
	ProbeRTTms        float64 // a probe slower than this (average RTT) is a probe_slow event; 0 = off
	CPUSpikePercent   float64 // default 90
	Escalate          Escalation
	Vote              int                 // an incident needs >= Vote independent signals (default 2)
	VoteWindow        time.Duration       // how long a point signal (crash, core, spike) counts for a vote, default Escalate.Window
	LogPatterns       []LogPattern        // nil = DefaultLogPatterns()
	Commands          map[string][]string // per-OS command override (nil or missing OS = built-in profile)
	Progress          io.Writer           // one line per poll cycle; nil = silent
	Clock             func() time.Time    // nil = time.Now
	// IsDisconnect reports whether an Execute error means the session is
	// gone (mark unreachable, reconnect). nil = IsDisconnect.
	IsDisconnect func(error) bool
}

func (c Config) withDefaults() Config {
	if c.Interval <= 0 {
		c.Interval = 5 * time.Second
	}
	if c.StablePolls == 0 {
		c.StablePolls = 3
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 100
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = 6 * c.Interval
	}
	if c.CPUSpikePercent <= 0 {
		c.CPUSpikePercent = 90
	}
	if c.Escalate.Count <= 0 {
		c.Escalate.Count = 3
	}
	if c.Escalate.Window <= 0 {
		c.Escalate.Window = 5 * time.Minute
	}
	if c.Vote <= 0 {
		c.Vote = 2
	}
	if c.VoteWindow <= 0 {
		c.VoteWindow = c.Escalate.Window
	}
	if c.LogPatterns == nil {
		c.LogPatterns = DefaultLogPatterns()
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.IsDisconnect == nil {
		c.IsDisconnect = IsDisconnect
	}
	for i := range c.Probes {
		if c.Probes[i].EveryPolls <= 0 {
			c.Probes[i].EveryPolls = 3
		}
		if c.Probes[i].Count <= 0 {
			c.Probes[i].Count = 5
		}
	}
	return c
}

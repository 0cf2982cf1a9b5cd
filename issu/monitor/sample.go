package monitor

import (
	"maps"
	"slices"
	"time"
)

// Sample is what one poll of one device saw; one line of timeline.jsonl.
// Nil maps and nil pointers mean "not collected this poll".
type Sample struct {
	Type         string               `json:"type"` // "sample"
	Time         time.Time            `json:"time"`
	Device       string               `json:"device"`
	OS           string               `json:"os,omitempty"`
	Poll         int                  `json:"poll"`
	Reachable    bool                 `json:"reachable"`
	Error        string               `json:"error,omitempty"`
	ActiveSup    string               `json:"active_sup,omitempty"`
	ActiveModule string               `json:"active_module,omitempty"`
	Switchovers  *int                 `json:"switchovers,omitempty"`
	Install      string               `json:"install,omitempty"`
	InstallStep  string               `json:"install_step,omitempty"`
	BGP          map[string]string    `json:"bgp,omitempty"`
	OSPF         map[string]string    `json:"ospf,omitempty"`
	Prefixes     map[string]bool      `json:"prefixes,omitempty"`
	Probes       map[string]ProbeStat `json:"probes,omitempty"`
	Logs         []string             `json:"logs,omitempty"`
	Cores        []string             `json:"cores,omitempty"`
	CPU          *float64             `json:"cpu,omitempty"`
	PollMillis   int64                `json:"poll_ms,omitempty"`  // how long the poll took
	Commands     []CommandStat        `json:"commands,omitempty"` // failed, unparsed or slow commands only
	Notes        []string             `json:"notes,omitempty"`
}

// ProbeStat is the result of one data-plane probe (ping).
type ProbeStat struct {
	Sent     int     `json:"sent"`
	Received int     `json:"received"`
	LossPct  float64 `json:"loss_pct"`
	RTTms    float64 `json:"rtt_ms,omitempty"` // average round trip
}

// CommandStat records how one polled command went.
type CommandStat struct {
	Command   string `json:"cmd"`
	Millis    int64  `json:"ms"`
	Class     string `json:"class,omitempty"` // parser class used
	Error     string `json:"error,omitempty"`
	NotParsed bool   `json:"not_parsed,omitempty"` // raw-text fallback used
}

// Key joins a VRF and a name into the key used by Sample's maps.
func Key(vrf, name string) string {
	if vrf == "" {
		vrf = "default"
	}
	return vrf + "|" + name
}

// SplitKey splits a Sample map key into its VRF and name.
func SplitKey(k string) (vrf, name string) {
	for i := 0; i < len(k); i++ {
		if k[i] == '|' {
			return k[:i], k[i+1:]
		}
	}
	return "", k
}

// absent marks, in the last known state, a neighbor that disappeared from
// the table so that its return can be seen as an "up".
const absent = "absent"

// merge folds cur into the last known state of a device: what cur
// collected replaces what was known, the rest is carried over.
func merge(last, cur Sample) Sample {
	out := last
	out.Type, out.Time, out.Device, out.OS, out.Poll = cur.Type, cur.Time, cur.Device, cur.OS, cur.Poll
	out.Reachable, out.Error = cur.Reachable, cur.Error
	if cur.ActiveSup != "" {
		out.ActiveSup = cur.ActiveSup
	}
	if cur.ActiveModule != "" {
		out.ActiveModule = cur.ActiveModule
	}
	if cur.Switchovers != nil {
		out.Switchovers = cur.Switchovers
	}
	if cur.Install != "" {
		out.Install = cur.Install
		out.InstallStep = cur.InstallStep
	}
	out.BGP = mergeNeighbors(last.BGP, cur.BGP)
	out.OSPF = mergeNeighbors(last.OSPF, cur.OSPF)
	if cur.Prefixes != nil {
		out.Prefixes = maps.Clone(last.Prefixes)
		if out.Prefixes == nil {
			out.Prefixes = map[string]bool{}
		}
		maps.Copy(out.Prefixes, cur.Prefixes)
	}
	if cur.Probes != nil {
		out.Probes = maps.Clone(last.Probes)
		if out.Probes == nil {
			out.Probes = map[string]ProbeStat{}
		}
		maps.Copy(out.Probes, cur.Probes)
	}
	if cur.Cores != nil {
		out.Cores = slices.Clone(cur.Cores)
	}
	if cur.CPU != nil {
		out.CPU = cur.CPU
	}
	out.Logs, out.Commands, out.Notes = nil, nil, nil
	return out
}

func mergeNeighbors(last, cur map[string]string) map[string]string {
	if cur == nil {
		return last
	}
	out := make(map[string]string, len(cur)+len(last))
	for k := range last {
		out[k] = absent
	}
	maps.Copy(out, cur)
	return out
}

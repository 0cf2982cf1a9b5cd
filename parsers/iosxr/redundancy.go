package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowRedundancy is the parsed output of "show redundancy", by node.
type ShowRedundancy struct {
	Node map[string]*RedundancyNode `json:"node"`
}

// RedundancyNode is the redundancy state seen from one RP.
//
// NodeUptimeInSeconds counts days, hours, minutes and seconds of
// NodeUptime but not weeks or years, exactly as Genie computes it; use
// NodeUptime for the full figure.
type RedundancyNode struct {
	Role                         string                      `json:"role"`
	ValidPartner                 string                      `json:"valid_partner,omitempty"`
	Ready                        string                      `json:"ready,omitempty"`
	Group                        map[string]*RedundancyGroup `json:"group,omitempty"`
	PrimaryRmfState              string                      `json:"primary_rmf_state,omitempty"`
	PrimaryRmfStateReason        string                      `json:"primary_rmf_state_reason,omitempty"`
	LastReloadTimestamp          string                      `json:"last_reload_timestamp"`
	TimeSinceLastReload          string                      `json:"time_since_last_reload,omitempty"`
	NodeUptime                   string                      `json:"node_uptime"`
	NodeUptimeTimestamp          string                      `json:"node_uptime_timestamp"`
	NodeUptimeInSeconds          int                         `json:"node_uptime_in_seconds"`
	StandbyNode                  string                      `json:"standby_node,omitempty"`
	BackupProcess                string                      `json:"backup_process,omitempty"`
	LastSwitchoverTimestamp      string                      `json:"last_switchover_timepstamp,omitempty"`
	TimeSinceLastSwitchover      string                      `json:"time_since_last_switchover,omitempty"`
	StandbyNodeTimestamp         string                      `json:"standby_node_timestamp,omitempty"`
	TimeSinceStandbyBoot         string                      `json:"time_since_standby_boot,omitempty"`
	StandbyNodeNotReady          string                      `json:"standby_node_not_ready,omitempty"`
	TimeSinceStandbyNodeNotReady string                      `json:"time_since_standby_node_not_ready,omitempty"`
	StandbyNodeReady             string                      `json:"standby_node_ready,omitempty"`
	TimeSinceStandbyNodeReady    string                      `json:"time_since_standby_node_ready,omitempty"`
	ReloadCause                  string                      `json:"reload_cause,omitempty"`
}

// RedundancyGroup is one row of the process-group table.
type RedundancyGroup struct {
	Primary string `json:"primary"`
	Backup  string `json:"backup"`
	Status  string `json:"status"`
}

// ShowRedundancySummary is the parsed output of "show redundancy summary".
type ShowRedundancySummary struct {
	Node                    map[string]*RedundancySummaryNode `json:"node"`
	RedundancyCommunication *bool                             `json:"redundancy_communication,omitempty"`

	comm bool // storage for RedundancyCommunication
}

// RedundancySummaryNode is one row, keyed by the active/primary node as
// printed ("0/RSP0/CPU0(A)"); Type is "active" or "primary".
type RedundancySummaryNode struct {
	Type        string `json:"type"`
	StandbyNode string `json:"standby_node,omitempty"`
	BackupNode  string `json:"backup_node,omitempty"`
	NodeDetail  string `json:"node_detail,omitempty"`
}

func init() {
	register(core.Entry{
		Class:    "ShowRedundancy",
		Commands: []string{"show redundancy"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowRedundancy(out))
		},
	})
	register(core.Entry{
		Class:    "ShowRedundancySummary",
		Commands: []string{"show redundancy summary"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowRedundancySummary(out))
		},
	})
}

// ParseShowRedundancy parses "show redundancy".
func ParseShowRedundancy(out string) (*ShowRedundancy, error) {
	r, _, err := parseShowRedundancy(out)
	return r, err
}

// ParseShowRedundancySummary parses "show redundancy summary".
func ParseShowRedundancySummary(out string) (*ShowRedundancySummary, error) {
	r, _, err := parseShowRedundancySummary(out)
	return r, err
}

// uptimeSeconds adds up "2 days, 1 hour, 46 minutes"; weeks and years are
// not counted, matching Genie.
func uptimeSeconds(s string) int {
	// The words of s with commas as blanks, split without allocating.
	var fb [16]string
	f := fb[:0]
	start := -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\t' || c == ',' {
			if start >= 0 {
				f = append(f, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		f = append(f, s[start:])
	}
	total := 0
	for i := 0; i+1 < len(f); i++ {
		n, ok := atoi(f[i])
		if !ok {
			continue
		}
		switch strings.TrimSuffix(f[i+1], "s") {
		case "day":
			total += n * 86400
		case "hour":
			total += n * 3600
		case "minute":
			total += n * 60
		case "second":
			total += n
		}
	}
	return total
}

// stampAndAge splits "<timestamp>: <age>" at the last ": ".
func stampAndAge(s string) (string, string) {
	i := strings.LastIndex(s, ": ")
	if i < 0 {
		return strings.TrimSuffix(strings.TrimSpace(s), ":"), ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2:])
}

func parseShowRedundancy(out string) (*ShowRedundancy, []string, error) {
	var un core.Unparsed
	res := &ShowRedundancy{Node: map[string]*RedundancyNode{}}
	var cur *RedundancyNode
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if onlyDashesEquals(t) {
			continue
		}
		switch {
		case strings.HasPrefix(t, "Redundancy information for node "):
			continue
		case strings.HasPrefix(t, "Node ") && strings.Contains(t, " is in ") && strings.HasSuffix(t, " role"):
			name, role, _ := strings.Cut(t[len("Node "):], " is in ")
			cur = &RedundancyNode{Role: strings.TrimSuffix(role, " role")}
			res.Node[name] = cur
			continue
		}
		if cur == nil {
			if !isIgnorable(t) {
				un.Add(line)
			}
			continue
		}
		switch {
		case strings.HasPrefix(t, "Partner node ("):
			// Genie does not report the partner line.
		case strings.HasPrefix(t, "Standby node in "):
			node, state, ok := strings.Cut(t[len("Standby node in "):], " is ")
			if !ok {
				un.Add(line)
				continue
			}
			cur.StandbyNode, cur.Ready = node, state
		case strings.EqualFold(t, "Reload and Boot Info"):
		case strings.Contains(t, " reloaded "):
			_, rest, _ := strings.Cut(t, " reloaded ")
			cur.LastReloadTimestamp, cur.TimeSinceLastReload = stampAndAge(rest)
		case strings.HasPrefix(t, "Active node booted "):
			stamp, age := stampAndAge(t[len("Active node booted "):])
			cur.NodeUptimeTimestamp = stamp
			cur.NodeUptime = strings.TrimSuffix(age, " ago")
			cur.NodeUptimeInSeconds = uptimeSeconds(cur.NodeUptime)
		case strings.HasPrefix(t, "Last switch-over "):
			cur.LastSwitchoverTimestamp, cur.TimeSinceLastSwitchover = stampAndAge(t[len("Last switch-over "):])
		case strings.HasPrefix(t, "Standby node boot "):
			// Genie reports this line only with an age.
			stamp, age := stampAndAge(t[len("Standby node boot "):])
			if age != "" {
				cur.StandbyNodeTimestamp, cur.TimeSinceStandbyBoot = stamp, age
			}
		case strings.HasPrefix(t, "Standby node last went not ready "):
			cur.StandbyNodeNotReady, cur.TimeSinceStandbyNodeNotReady = stampAndAge(t[len("Standby node last went not ready "):])
		case strings.HasPrefix(t, "Standby node last went ready "):
			cur.StandbyNodeReady, cur.TimeSinceStandbyNodeReady = stampAndAge(t[len("Standby node last went ready "):])
		case strings.HasPrefix(t, "Standby node last went "), strings.HasPrefix(t, "There have been "),
			strings.HasPrefix(t, "There has been "), strings.HasPrefix(t, "Active node reload "),
			strings.HasPrefix(t, "Standby node reload "), strings.HasPrefix(t, "No switch-over "):
			// NSR readiness history and reload causes: not in Genie's result.
		case strings.HasPrefix(t, "Group") && strings.Contains(t, "Primary"):
		default:
			var fb [16]string
			f := fieldsInto(fb[:0], t)
			if len(f) >= 4 && strings.Contains(f[1], "/") && strings.Contains(f[2], "/") {
				if cur.Group == nil {
					cur.Group = map[string]*RedundancyGroup{}
				}
				cur.Group[f[0]] = &RedundancyGroup{Primary: f[1], Backup: f[2], Status: tailJoined(t, f[3:])}
				continue
			}
			if !isIgnorable(t) {
				un.Add(line)
			}
		}
	}
	if len(res.Node) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func parseShowRedundancySummary(out string) (*ShowRedundancySummary, []string, error) {
	var un core.Unparsed
	res := &ShowRedundancySummary{Node: map[string]*RedundancySummaryNode{}}
	comm := false
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if onlyDashesSpaces(t) {
			continue
		}
		if strings.HasPrefix(t, "Active") && (strings.Contains(t, "Standby") || strings.Contains(t, "Backup")) {
			continue
		}
		// Only the first two fields are read.
		var fb [2]string
		f := fieldsIntoN(fb[:0], t, 2)
		if len(f) >= 2 && strings.Count(f[0], "/") >= 2 {
			node := f[0]
			typ := "active"
			if strings.HasSuffix(node, "(P)") {
				typ = "primary"
			}
			detail := ""
			if i := strings.IndexByte(t, '('); i >= 0 {
				// the detail is the parenthesised text after the second column
				if j := strings.Index(t, " ("); j >= 0 {
					detail = strings.TrimSuffix(strings.TrimSpace(t[j+2:]), ")")
				}
			}
			if f[1] == "N/A" {
				if res.Node[node] == nil {
					res.Node[node] = &RedundancySummaryNode{Type: typ, NodeDetail: detail}
				}
				continue
			}
			e := &RedundancySummaryNode{Type: typ, StandbyNode: f[1], NodeDetail: detail}
			if typ == "primary" {
				e.BackupNode = f[1]
			}
			res.Node[node] = e
			comm = true
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if len(res.Node) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	res.comm = comm
	res.RedundancyCommunication = &res.comm
	return res, un.Lines(), nil
}

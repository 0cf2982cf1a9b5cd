package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowSpanningTreeIssuImpact is "show spanning-tree issu-impact" (Genie
// ShowSpanningTreeIssuImpact).
type ShowSpanningTreeIssuImpact struct {
	Criteria1         STPCriteria  `json:"criteria1"`
	Criteria2         STPCriteria  `json:"criteria2"`
	Criteria3         STPCriteria3 `json:"criteria3"`
	IssuProceedStatus string       `json:"issu_proceed_status"`
}

// STPCriteria is one ISSU criterion and whether it PASSED or FAILED.
type STPCriteria struct {
	Value  string `json:"value"`
	Status string `json:"status"`
}

// STPCriteria3 adds the non-edge designated forwarding ports.
type STPCriteria3 struct {
	Value       string                     `json:"value"`
	Status      string                     `json:"status"`
	NonEdgePort map[string]*STPNonEdgePort `json:"non_edge_port,omitempty"`
}

// STPNonEdgePort is one row of "List of all the Non-Edge Ports".
type STPNonEdgePort struct {
	Vlan     int    `json:"vlan"`
	Role     string `json:"role"`
	Sts      string `json:"sts"`
	TreeType string `json:"tree_type"`
	Instance string `json:"instance"`
}

func init() {
	reg("ShowSpanningTreeIssuImpact", []string{"show spanning-tree issu-impact"}, parseShowSpanningTreeIssuImpact)
}

// ParseShowSpanningTreeIssuImpact parses "show spanning-tree issu-impact".
func ParseShowSpanningTreeIssuImpact(out string) (*ShowSpanningTreeIssuImpact, error) {
	return parse(out, nil, parseShowSpanningTreeIssuImpact)
}

func parseShowSpanningTreeIssuImpact(lines []string, _ core.Params, u *core.Unparsed) *ShowSpanningTreeIssuImpact {
	var fb fieldBuf
	r := &ShowSpanningTreeIssuImpact{}
	found := false
	inPorts := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) {
			continue
		}
		// Fields are split only where a case reads them (criteria and
		// port rows); the text lines are kept whole.
		switch {
		case len(t) > 3 && t[0] >= '1' && t[0] <= '3' && t[1] == '.' && t[2] == ' ':
			// "2. Bridge assurance(BA) should not be active on any port (except MCT)"
			v := strings.TrimSpace(t[3:])
			if i := strings.Index(v, " (except"); i >= 0 {
				v = v[:i]
			}
			switch t[0] {
			case '1':
				r.Criteria1.Value = v
			case '2':
				r.Criteria2.Value = v
			case '3':
				r.Criteria3.Value = v
			}
			found = true
		case strings.HasPrefix(t, "Criteria ") && len(fb.split(t)) >= 3:
			f := fb.split(t)
			st := strings.TrimRight(f[2], "!")
			switch f[1] {
			case "1":
				r.Criteria1.Status = st
			case "2":
				r.Criteria2.Status = st
			case "3":
				r.Criteria3.Status = st
			default:
				u.Add(raw)
				continue
			}
			inPorts = false
			found = true
		case strings.HasPrefix(t, "ISSU ") && strings.Contains(t, "Proceed"):
			s, _, _ := strings.Cut(t, "!")
			r.IssuProceedStatus = strings.TrimSpace(s)
			found = true
		case strings.HasPrefix(t, "Port ") && strings.Contains(t, "VLAN Role"):
			inPorts = true
		case inPorts && len(fb.split(t)) == 6 && isInt(fb.arr[1]):
			f := fb.arr[:6] // the fields split by the test above
			if r.Criteria3.NonEdgePort == nil {
				r.Criteria3.NonEdgePort = map[string]*STPNonEdgePort{}
			}
			r.Criteria3.NonEdgePort[f[0]] = &STPNonEdgePort{Vlan: atoi(f[1]), Role: f[2], Sts: f[3], TreeType: f[4], Instance: f[5]}
		case strings.HasPrefix(t, "4. "), strings.HasPrefix(t, "For ISSU to Proceed"),
			strings.HasPrefix(t, "Following are the statistics"), strings.HasPrefix(t, "No Active Topology change"),
			strings.HasPrefix(t, "No Ports with BA"), strings.HasPrefix(t, "List of all the Non-Edge Ports"),
			strings.HasPrefix(t, "No Non-Edge"):
		default:
			u.Add(raw)
		}
	}
	if !found {
		return nil
	}
	return r
}

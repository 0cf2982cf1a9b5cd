package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowIpInterfaceBrief is the parsed output of "show ip interface brief".
type ShowIpInterfaceBrief struct {
	Interface map[string]*IPInterfaceBrief `json:"interface"`
}

// IPInterfaceBrief is one interface row; IPAddress is "unassigned" when
// the interface has none.
type IPInterfaceBrief struct {
	IPAddress       string `json:"ip_address,omitempty"`
	InterfaceStatus string `json:"interface_status,omitempty"`
	ProtocolStatus  string `json:"protocol_status,omitempty"`
	VrfName         string `json:"vrf_name,omitempty"`
}

func init() {
	register(core.Entry{
		Class:    "ShowIpInterfaceBrief",
		Commands: []string{"show ip interface brief | include {ip}", "show ip interface brief"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowIpInterfaceBrief(out))
		},
	})
}

// ParseShowIpInterfaceBrief parses "show ip interface brief".
func ParseShowIpInterfaceBrief(out string) (*ShowIpInterfaceBrief, error) {
	r, _, err := parseShowIpInterfaceBrief(out)
	return r, err
}

func parseShowIpInterfaceBrief(out string) (*ShowIpInterfaceBrief, []string, error) {
	var un core.Unparsed
	// One row per line at most: size the map and the rows' slab once.
	n := lineCount(out)
	res := &ShowIpInterfaceBrief{Interface: make(map[string]*IPInterfaceBrief, n)}
	var slab slab[IPInterfaceBrief]
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "Interface ") && strings.Contains(t, "IP-Address") {
			continue
		}
		var fb [16]string
		f := fieldsInto(fb[:0], t)
		if (len(f) == 4 || len(f) == 5) && isIPOrUnassigned(f[1]) {
			// Field by field into the zeroed slot: a struct copy into
			// the heap takes the bulk write barrier while the GC runs.
			e := slab.nextFirst(n)
			e.IPAddress, e.InterfaceStatus, e.ProtocolStatus = f[1], f[2], f[3]
			if len(f) == 5 {
				e.VrfName = f[4]
			}
			res.Interface[f[0]] = e
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if len(res.Interface) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func isIPOrUnassigned(s string) bool {
	if s == "unassigned" {
		return true
	}
	if strings.Count(s, ".") == 3 {
		for i := 0; i < len(s); i++ {
			if s[i] != '.' && (s[i] < '0' || s[i] > '9') {
				return false
			}
		}
		return true
	}
	return strings.Contains(s, ":")
}

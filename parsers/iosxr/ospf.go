package iosxr

import (
	"encoding/json"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowOspfNeighbor is the parsed output of "show ospf [process] [vrf X]
// neighbor".
type ShowOspfNeighbor struct {
	ProcessName string                 `json:"process_name,omitempty"`
	Vrfs        map[string]*OspfNbrVrf `json:"vrfs"`
}

// OspfNbrVrf holds one VRF's neighbors by router ID.
type OspfNbrVrf struct {
	Neighbors          map[string]OspfNeighbors `json:"neighbors"`
	TotalNeighborCount *int                     `json:"total_neighbor_count,omitempty"`

	total int // storage for TotalNeighborCount
}

// OspfNeighbors are the adjacencies to one router ID, usually one. Genie
// writes a single adjacency as an object and several as a list; so does
// MarshalJSON.
type OspfNeighbors []OspfNeighbor

// MarshalJSON writes one adjacency as an object, several as a list.
func (n OspfNeighbors) MarshalJSON() ([]byte, error) {
	if len(n) == 1 {
		return json.Marshal(n[0])
	}
	return json.Marshal([]OspfNeighbor(n))
}

// OspfNeighbor is one adjacency.
type OspfNeighbor struct {
	Priority  string `json:"priority"`
	State     string `json:"state"`
	DeadTime  string `json:"dead_time"`
	Address   string `json:"address"`
	Interface string `json:"interface"`
	UpTime    string `json:"up_time,omitempty"`
}

func init() {
	register(core.Entry{
		Class: "ShowOspfNeighbor",
		Commands: []string{
			"show ospf neighbor",
			"show ospf {process_name} neighbor",
			"show ospf vrf {vrf} neighbor",
			"show ospf {process_name} vrf {vrf} neighbor",
		},
		Parse: func(out string, p core.Params) (any, []string, error) {
			return result(parseShowOspfNeighbor(out, param(p, "vrf", "default")))
		},
	})
}

// ParseShowOspfNeighbor parses "show ospf neighbor"; neighbors are filed
// under VRF "default" unless a section names its VRF.
func ParseShowOspfNeighbor(out string) (*ShowOspfNeighbor, error) {
	r, _, err := parseShowOspfNeighbor(out, "default")
	return r, err
}

// ParseShowOspfVrfNeighbor parses "show ospf vrf <vrf> neighbor"; sections
// that do not name their VRF are filed under vrf.
func ParseShowOspfVrfNeighbor(out, vrf string) (*ShowOspfNeighbor, error) {
	if vrf == "" {
		vrf = "default"
	}
	r, _, err := parseShowOspfNeighbor(out, vrf)
	return r, err
}

func parseShowOspfNeighbor(out, vrfName string) (*ShowOspfNeighbor, []string, error) {
	var un core.Unparsed
	res := &ShowOspfNeighbor{Vrfs: map[string]*OspfNbrVrf{}}
	var vrf *OspfNbrVrf
	getVrf := func() *OspfNbrVrf {
		if vrf == nil {
			vrf = res.Vrfs[vrfName]
			if vrf == nil {
				vrf = &OspfNbrVrf{Neighbors: map[string]OspfNeighbors{}}
				res.Vrfs[vrfName] = vrf
			}
		}
		return vrf
	}
	var last *OspfNeighbor
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		switch {
		case strings.HasPrefix(t, "Neighbors for OSPF"):
			rest := strings.TrimSpace(t[len("Neighbors for OSPF"):])
			if name, v, ok := strings.Cut(rest, ", VRF "); ok {
				rest = name
				vrfName, vrf = strings.TrimSpace(v), nil
			}
			if rest != "" {
				res.ProcessName = rest
			}
			continue
		case strings.HasPrefix(t, "Neighbor ID"),
			strings.HasSuffix(t, "Indicates MADJ interface"),
			strings.HasSuffix(t, "Indicates Neighbor awaiting BFD session up"):
			continue
		case strings.HasPrefix(t, "Neighbor is up for "):
			if last == nil {
				un.Add(line)
				continue
			}
			last.UpTime = strings.TrimSpace(t[len("Neighbor is up for "):])
			continue
		case strings.HasPrefix(t, "Total neighbor count: "):
			n, ok := atoi(strings.TrimSpace(t[len("Total neighbor count: "):]))
			if !ok {
				un.Add(line)
				continue
			}
			v := getVrf()
			v.total = n
			v.TotalNeighborCount = &v.total
			continue
		}
		if id, nb, ok := ospfNbrRow(t); ok {
			v := getVrf()
			list := append(v.Neighbors[id], nb)
			v.Neighbors[id] = list
			last = &list[len(list)-1]
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if len(res.Vrfs) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ospfNbrRow parses "10.0.0.4  1  FULL/BDR  00:00:38  10.4.14.1  Bundle-Ether414";
// the state may hold spaces ("FULL/  -") and so may the interface.
func ospfNbrRow(t string) (string, OspfNeighbor, bool) {
	var fb [16]string
	f := fieldsInto(fb[:0], t)
	if len(f) < 6 || strings.Count(f[0], ".") != 3 || !isDigits(f[1]) {
		return "", OspfNeighbor{}, false
	}
	// The dead time is the first field after the state that looks like
	// h:mm:ss (or "-").
	d := -1
	for i := 3; i < len(f)-2; i++ {
		if strings.Count(f[i], ":") == 2 || f[i] == "-" && i > 3 {
			d = i
			break
		}
	}
	if d < 0 {
		return "", OspfNeighbor{}, false
	}
	stStart := strings.Index(t, f[2])
	// Find the dead time's position after the state start.
	pos := stStart + len(f[2])
	for i := 3; i < d; i++ {
		pos = strings.Index(t[pos:], f[i]) + pos + len(f[i])
	}
	state := t[stStart:pos]
	dPos := strings.Index(t[pos:], f[d]) + pos
	aPos := strings.Index(t[dPos+len(f[d]):], f[d+1]) + dPos + len(f[d])
	iPos := strings.Index(t[aPos+len(f[d+1]):], f[d+2]) + aPos + len(f[d+1])
	return f[0], OspfNeighbor{
		Priority:  f[1],
		State:     state,
		DeadTime:  f[d],
		Address:   f[d+1],
		Interface: strings.TrimSpace(t[iPos:]),
	}, true
}

package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowIpOspfNeighborDetail is "show ip ospf neighbors detail [vrf <vrf>]"
// (Genie ShowIpOspfNeighborDetail): neighbors by VRF, address family,
// instance, area and interface; virtual links and sham links have their
// own maps keyed "<area> <router id>" and "<local> <remote>".
type ShowIpOspfNeighborDetail struct {
	VRF map[string]*OspfVRF `json:"vrf"`
}

// OspfVRF is one VRF.
type OspfVRF struct {
	AddressFamily map[string]*OspfAF `json:"address_family"`
}

// OspfAF is one address family ("ipv4").
type OspfAF struct {
	Instance map[string]*OspfInstance `json:"instance"`
}

// OspfInstance is one OSPF process.
type OspfInstance struct {
	Areas map[string]*OspfArea `json:"areas"`
}

// OspfArea holds the neighbors of one area.
type OspfArea struct {
	Interfaces   map[string]*OspfNeighbors `json:"interfaces,omitempty"`
	VirtualLinks map[string]*OspfNeighbors `json:"virtual_links,omitempty"`
	ShamLinks    map[string]*OspfNeighbors `json:"sham_links,omitempty"`
}

// OspfNeighbors are the neighbors on one interface or link, by router ID.
type OspfNeighbors struct {
	Neighbors map[string]*OspfNeighbor `json:"neighbors"`
}

// OspfNeighbor is one neighbor block.
type OspfNeighbor struct {
	NeighborRouterID           string         `json:"neighbor_router_id"`
	Address                    string         `json:"address"`
	State                      string         `json:"state"`
	LastStateChange            string         `json:"last_state_change"`
	Priority                   *int           `json:"priority,omitempty"`
	DRIPAddr                   string         `json:"dr_ip_addr,omitempty"`
	BDRIPAddr                  string         `json:"bdr_ip_addr,omitempty"`
	DRRouterID                 string         `json:"dr_router_id,omitempty"`
	BDRRouterID                string         `json:"bdr_router_id,omitempty"`
	HelloOptions               string         `json:"hello_options"`
	DBDOptions                 string         `json:"dbd_options"`
	LastNonHelloPacketReceived string         `json:"last_non_hello_packet_received"`
	DeadTimer                  string         `json:"dead_timer"`
	Statistics                 *OspfNbrCounts `json:"statistics,omitempty"`
}

// OspfNbrCounts counts neighbor events.
type OspfNbrCounts struct {
	NbrEventCount *int `json:"nbr_event_count,omitempty"`
}

func init() {
	reg("ShowIpOspfNeighborDetail", []string{
		"show ip ospf neighbors detail vrf {vrf}",
		"show ip ospf neighbors {neighbor} detail vrf {vrf}",
		"show ip ospf neighbors {neighbor} detail",
		"show ip ospf neighbors detail",
	}, parseShowIpOspfNeighborDetail)
}

// ParseShowIpOspfNeighborDetail parses "show ip ospf neighbors detail".
func ParseShowIpOspfNeighborDetail(out string) (*ShowIpOspfNeighborDetail, error) {
	return parse(out, nil, parseShowIpOspfNeighborDetail)
}

func parseShowIpOspfNeighborDetail(lines []string, _ core.Params, u *core.Unparsed) *ShowIpOspfNeighborDetail {
	var fb fieldBuf
	r := &ShowIpOspfNeighborDetail{VRF: map[string]*OspfVRF{}}
	var nbr *OspfNeighbor
	var rid, addr string
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" {
			continue
		}
		// Fields are split in the cases that read them: timers and
		// counters lines are kept whole.
		switch {
		case strings.HasPrefix(t, "Neighbor ") && strings.Contains(t, ", interface address "):
			// "Neighbor 10.36.3.3, interface address 10.2.3.3"
			f := fb.split(t)
			rid = strings.TrimSuffix(f[1], ",")
			addr = f[len(f)-1]
			nbr = nil
		case strings.HasPrefix(t, "Process ID ") && strings.Contains(t, " via interface "):
			// "Process ID 1 VRF default, in area 0.0.0.0 via interface Ethernet2/2"
			f := fb.split(t)
			if len(f) < 11 || rid == "" {
				u.Add(raw)
				continue
			}
			inst, vrf, area, intf := f[2], strings.TrimSuffix(f[4], ","), f[7], f[10]
			nbr = &OspfNeighbor{NeighborRouterID: rid, Address: addr}
			a := ospfArea(r, vrf, inst, area)
			var m *map[string]*OspfNeighbors
			key := intf
			switch {
			case strings.HasPrefix(intf, "VL"):
				// "VL1-0.0.0.1-10.64.4.4": transit area and router ID.
				m = &a.VirtualLinks
				if p := strings.Split(intf, "-"); len(p) == 3 {
					key = p[1] + " " + p[2]
				}
			case strings.HasPrefix(intf, "SL"):
				// "SL1-0.0.0.0-10.151.22.22-10.229.11.11": local and remote address.
				m = &a.ShamLinks
				if p := strings.Split(intf, "-"); len(p) == 4 {
					key = p[2] + " " + p[3]
				}
			default:
				m = &a.Interfaces
			}
			if *m == nil {
				*m = map[string]*OspfNeighbors{}
			}
			ns := (*m)[key]
			if ns == nil {
				ns = &OspfNeighbors{Neighbors: map[string]*OspfNeighbor{}}
				(*m)[key] = ns
			}
			ns.Neighbors[rid] = nbr
			found = true
		case nbr == nil:
			u.Add(raw)
		case strings.HasPrefix(t, "State is "):
			// "State is FULL, 5 state changes, last change 08:38:40"
			f := fb.split(t)
			nbr.State = strings.ToLower(strings.TrimSuffix(f[2], ","))
			if len(f) > 3 && isInt(f[3]) {
				n := atoi(f[3])
				nbr.Statistics = &OspfNbrCounts{NbrEventCount: &n}
			}
			if i := strings.Index(t, "last change "); i >= 0 {
				nbr.LastStateChange = strings.TrimSpace(t[i+len("last change "):])
			}
		case strings.HasPrefix(t, "Neighbor priority is "):
			f := fb.split(t)
			n := atoi(f[3])
			nbr.Priority = &n
		case strings.HasPrefix(t, "DR is ") && strings.Contains(t, " BDR is "):
			f := fb.split(t)
			nbr.DRIPAddr = f[2]
			nbr.BDRIPAddr = f[len(f)-1]
		case strings.HasPrefix(t, "Hello options "):
			f := fb.split(t)
			nbr.HelloOptions = strings.TrimSuffix(f[2], ",")
			nbr.DBDOptions = f[len(f)-1]
		case strings.HasPrefix(t, "Last non-hello packet received "):
			nbr.LastNonHelloPacketReceived = strings.TrimPrefix(t, "Last non-hello packet received ")
		case strings.HasPrefix(t, "Dead timer due in "):
			nbr.DeadTimer = strings.TrimPrefix(t, "Dead timer due in ")
		case strings.HasPrefix(t, "We are "), strings.HasPrefix(t, "DBD rxmit timer"),
			strings.HasPrefix(t, "Neighbor is up for"), strings.HasPrefix(t, "LSA request"),
			strings.HasPrefix(t, "Retransmit"), strings.HasPrefix(t, "Graceful"):
		default:
			u.Add(raw)
		}
	}
	if !found {
		return nil
	}
	return r
}

func ospfArea(r *ShowIpOspfNeighborDetail, vrf, inst, area string) *OspfArea {
	v := r.VRF[vrf]
	if v == nil {
		v = &OspfVRF{AddressFamily: map[string]*OspfAF{}}
		r.VRF[vrf] = v
	}
	af := v.AddressFamily["ipv4"]
	if af == nil {
		af = &OspfAF{Instance: map[string]*OspfInstance{}}
		v.AddressFamily["ipv4"] = af
	}
	in := af.Instance[inst]
	if in == nil {
		in = &OspfInstance{Areas: map[string]*OspfArea{}}
		af.Instance[inst] = in
	}
	a := in.Areas[area]
	if a == nil {
		a = &OspfArea{}
		in.Areas[area] = a
	}
	return a
}

package iosxe

import (
	"github.com/goissu/goissu/parsers/internal/core"
)

// RouteHops is a route's next hops in the order the device lists them,
// hop i carrying Index i+1. It encodes as Genie's next_hop_list object
// keyed by the index, exactly as the map[string]*RouteHop it stands for
// would, but a route costs no map: most routes have one or two hops.
type RouteHops []*RouteHop

// Get returns the hop filed under key ("1", "2", ...), or nil.
func (l RouteHops) Get(key string) *RouteHop {
	for _, h := range l {
		if h != nil && indexKey(h.Index) == key {
			return h
		}
	}
	return nil
}

// MarshalJSON writes {"1": {...}, "2": {...}}.
func (l RouteHops) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map keyed by
// the hops' indexes: keys in string order ("10" before "2").
func (l RouteHops) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendIndexed(b, "next_hop_list", l, routeHopIndex, (*RouteHop).appendJSON)
}

func routeHopIndex(h *RouteHop) int { return h.Index }

// appendJSON appends what json.Marshal writes for h.
func (h *RouteHop) appendJSON(b []byte) []byte {
	o := core.NewJSONObject(b)
	o.Int(`,"index":`, h.Index)
	o.Str(`,"next_hop":`, h.NextHop)
	o.Str(`,"outgoing_interface":`, h.OutgoingInterface)
	o.Str(`,"updated":`, h.Updated)
	o.Str(`,"vrf":`, h.VRF)
	return o.End()
}

// RouteOutIntfs is a directly connected route's interfaces, keyed by
// their names. It encodes as the map[string]*RouteOutIntf it stands for
// (keys in order), without a map per route.
type RouteOutIntfs []*RouteOutIntf

// Get returns the interface named name, or nil.
func (l RouteOutIntfs) Get(name string) *RouteOutIntf { return core.KeyedGet(l, routeOutIntfKey, name) }

func routeOutIntfKey(o *RouteOutIntf) string { return o.OutgoingInterface }

// MarshalJSON writes {"Vlan1": {...}}.
func (l RouteOutIntfs) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map keyed by
// the interface names.
func (l RouteOutIntfs) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendKeyed(b, "outgoing_interface", l, routeOutIntfKey, (*RouteOutIntf).appendJSON)
}

// appendJSON appends what json.Marshal writes for o.
func (o *RouteOutIntf) appendJSON(b []byte) []byte {
	j := core.NewJSONObject(b)
	j.Str(`,"outgoing_interface":`, o.OutgoingInterface)
	j.Str(`,"updated":`, o.Updated)
	return j.End()
}

// AppendJSON appends exactly what json.Marshal writes for a, without its
// reflection: the routes map is the largest of a snapshot, and sorting its
// prefixes as reflected values cost more than writing the routes.
func (a *RouteAF) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendMapObject(b, `,"routes":`, a.Routes, (*Route).AppendJSON)
}

// AppendJSON appends exactly what json.Marshal writes for r
// (TestRouteJSON holds it to that).
func (r *Route) AppendJSON(b []byte) ([]byte, error) {
	o := core.NewJSONObject(b)
	o.Str(`,"route":`, r.Route)
	o.Flag(`,"active":`, r.Active)
	o.OptInt(`,"route_preference":`, r.RoutePreference)
	o.OptInt(`,"metric":`, r.Metric)
	o.Str(`,"source_protocol":`, r.SourceProtocol)
	o.Str(`,"source_protocol_codes":`, r.SourceProtocolCodes)
	if nh := r.NextHop; nh != nil {
		o.Key(`,"next_hop":`)
		j := core.NewJSONObject(o.B)
		var err error
		if len(nh.OutgoingInterface) > 0 {
			j.Key(`,"outgoing_interface":`)
			if j.B, err = nh.OutgoingInterface.AppendJSON(j.B); err != nil {
				return nil, err
			}
		}
		if len(nh.NextHopList) > 0 {
			j.Key(`,"next_hop_list":`)
			if j.B, err = nh.NextHopList.AppendJSON(j.B); err != nil {
				return nil, err
			}
		}
		o.B = j.End()
	}
	return o.End(), nil
}

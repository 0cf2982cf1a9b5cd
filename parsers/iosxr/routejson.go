package iosxr

import (
	"github.com/goissu/goissu/parsers/internal/core"
)

// RouteNextHops is a route's paths through gateways. It encodes as Genie's
// object keyed by index ("1", "2", ...), as a map[int] would, but a route
// table costs no map per route: the lists are carved from shared chunks.
type RouteNextHops []*RouteNextHopEntry

// MarshalJSON writes {"1": {...}, "2": {...}}.
func (l RouteNextHops) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map[int] the
// list stands for: keys in the order of their decimal strings ("10" before
// "2"). issu's artifact encoder calls it directly.
func (l RouteNextHops) AppendJSON(b []byte) ([]byte, error) {
	if l == nil {
		l = RouteNextHops{} // a route without such paths: {} (omitempty leaves it out)
	}
	return core.AppendIndexed(b, "next_hop_list", l, routeNextHopIndex, (*RouteNextHopEntry).appendJSON)
}

func routeNextHopIndex(e *RouteNextHopEntry) int { return e.Index }

// RouteIntfs is a route's directly connected paths, kept sorted by
// interface with one entry per interface (see add). It encodes as Genie's
// object keyed by interface, as a map[string] would.
type RouteIntfs []*RouteOutgoingInterface

// MarshalJSON writes {"Gi0/0/0/0": {...}, ...}.
func (l RouteIntfs) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map[string]
// the list stands for. issu's artifact encoder calls it directly.
func (l RouteIntfs) AppendJSON(b []byte) ([]byte, error) {
	if l == nil {
		l = RouteIntfs{} // a route without such paths: {} (omitempty leaves it out)
	}
	return core.AppendKeyed(b, "outgoing_interface", l, routeIntfKey, (*RouteOutgoingInterface).appendJSON)
}

func routeIntfKey(p *RouteOutgoingInterface) string { return p.OutgoingInterface }

// appendJSON appends e as encoding/json encodes a RouteNextHopEntry: its
// fields in declaration order, the embedded detail's in its place.
func (e *RouteNextHopEntry) appendJSON(b []byte) []byte {
	o := core.NewJSONObject(b)
	o.Int("index", e.Index)
	o.Str("next_hop", e.NextHop)
	o.Str("outgoing_interface", e.OutgoingInterface)
	o.Str("updated", e.Updated)
	o.OptInt("metric", e.Metric)
	if d := e.RouteNextHopDetail; d != nil {
		o.Str("from", d.From)
		o.Str("table", d.Table)
		o.Str("address_family", d.AddressFamily)
		o.Str("table_id", d.TableID)
		o.Str("nexthop_in_vrf", d.NexthopInVrf)
		o.Str("label", d.Label)
		o.Str("tunnel_id", d.TunnelID)
		o.Str("binding_label", d.BindingLabel)
		o.OptInt("extended_communites_count", d.ExtendedCommunitiesCount)
		o.Str("nhid", d.NHID)
		o.OptInt("path_grouping_id", d.PathGroupingID)
		o.Str("srv6_headend", d.SRv6Headend)
		o.Str("sid_list", d.SIDList)
	}
	return o.End()
}

// appendJSON appends p as encoding/json encodes a RouteOutgoingInterface.
func (p *RouteOutgoingInterface) appendJSON(b []byte) []byte {
	o := core.NewJSONObject(b)
	o.Str("outgoing_interface", p.OutgoingInterface)
	o.Str("updated", p.Updated)
	o.OptInt("metric", p.Metric)
	return o.End()
}

// ptrChunk hands out the backing arrays of short pointer lists (a route's
// paths) from shared chunks: one allocation for many routes.
type ptrChunk[T any] struct {
	buf  []*T
	hint int // bound of the values to come, for the first chunk
}

// add returns l with v appended. The last list carved grows in place;
// another one moves to the chunk's end (lists are carved with no spare
// capacity, so a plain append never overwrites a neighbour).
func (c *ptrChunk[T]) add(l []*T, v *T) []*T {
	n := len(c.buf)
	if len(l) == 0 && n < cap(c.buf) {
		// A route's first path (the usual case): one cell, nothing to move.
		c.buf = c.buf[:n+1]
		c.buf[n] = v
		return c.buf[n : n+1 : n+1]
	}
	if len(l) > 0 && n > 0 && n < cap(c.buf) && &l[len(l)-1] == &c.buf[n-1] {
		c.buf = c.buf[:n+1]
		c.buf[n] = v
		return c.buf[n+1-len(l)-1 : n+1 : n+1]
	}
	need := len(l) + 1
	if cap(c.buf)-n < need {
		size := min(max(2*cap(c.buf), 64), 1024)
		if c.buf == nil {
			size = min(max(c.hint, 1), 64)
		}
		c.buf = make([]*T, 0, max(size, need))
		n = 0
	}
	c.buf = append(c.buf, l...)
	c.buf = append(c.buf, v)
	return c.buf[n : n+need : n+need]
}

// add files p under its interface: it replaces a path of the same
// interface (as a map assignment would) or is inserted in key order.
func (l RouteIntfs) add(c *ptrChunk[RouteOutgoingInterface], p *RouteOutgoingInterface) RouteIntfs {
	for i, q := range l {
		if q.OutgoingInterface == p.OutgoingInterface {
			l[i] = p
			return l
		}
	}
	l = c.add(l, p)
	for i := len(l) - 1; i > 0 && l[i].OutgoingInterface < l[i-1].OutgoingInterface; i-- {
		l[i], l[i-1] = l[i-1], l[i]
	}
	return l
}

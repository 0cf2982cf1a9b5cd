package iosxr

import (
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strconv"

	"github.com/goissu/goissu/parsers/internal/core"
)

// RouteTable is an address family's routes. It encodes as Genie's object
// keyed by prefix, as a map[string]*Route would, and Get finds a prefix.
// A long table costs no map: inserting 10,000 prefixes into one (and the
// GC scanning its pointers) was a fifth of the parse; the parser finds a
// repeated prefix with a pointer-free index instead (routeIndex).
type RouteTable []*Route

// Get returns the route of prefix ("10.0.0.0/24"), or nil. It scans the
// list: for many lookups in a long table, build a map from it once.
func (l RouteTable) Get(prefix string) *Route { return core.KeyedGet(l, routeKey, prefix) }

// MarshalJSON writes {"10.0.0.0/24": {...}, ...}.
func (l RouteTable) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the
// map[string]*Route the list stands for (prefixes in string order). issu's
// artifact encoder calls it directly.
func (l RouteTable) AppendJSON(b []byte) ([]byte, error) {
	if l == nil {
		l = RouteTable{} // an address family without routes: {} (omitempty leaves it out)
	}
	// A path list with a nil entry fails as its own AppendJSON does.
	for _, r := range l {
		if r == nil {
			continue // AppendKeyed names it
		}
		if slices.Contains(r.NextHop.OutgoingInterface, nil) {
			return nil, fmt.Errorf("outgoing_interface: nil entry")
		}
		if slices.Contains(r.NextHop.NextHopList, nil) {
			return nil, fmt.Errorf("next_hop_list: nil entry")
		}
	}
	return core.AppendKeyed(b, "routes", l, routeKey, (*Route).appendJSON)
}

func routeKey(r *Route) string { return r.Route }

// appendJSON appends r as encoding/json encodes a Route: its fields in
// declaration order, the embedded blocks' in their place.
func (r *Route) appendJSON(b []byte) []byte {
	o := core.NewJSONObject(b)
	o.String("route", r.Route)
	o.Key("active")
	o.B = strconv.AppendBool(o.B, r.Active)
	if a := r.RouteAddr; a != nil {
		o.Str("ip", a.IP)
		o.Str("mask", a.Mask)
	}
	o.OptInt("route_preference", r.RoutePreference)
	o.OptInt("metric", r.Metric)
	o.Str("source_protocol", r.SourceProtocol)
	o.Str("source_protocol_codes", r.SourceProtocolCodes)
	if d := r.RouteDetail; d != nil {
		o.Str("known_via", d.KnownVia)
		o.OptInt("distance", d.Distance)
		o.Str("type", d.Type)
		o.Str("tag", d.Tag)
		if in := d.Installed; in != nil {
			o.Key("installed")
			io := core.NewJSONObject(o.B)
			io.String("date", in.Date)
			io.String("for", in.For)
			o.B = io.End()
		}
		if len(d.RedistAdvertisers) > 0 {
			o.Key("redist_advertisers")
			names := make([]string, 0, len(d.RedistAdvertisers))
			for k := range d.RedistAdvertisers {
				names = append(names, k)
			}
			sort.Strings(names)
			b := append(o.B, '{')
			for i, k := range names {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(core.AppendJSONString(b, k), ':')
				if v := d.RedistAdvertisers[k]; v == nil {
					b = append(b, "null"...)
				} else {
					vo := core.NewJSONObject(b)
					vo.Int("protoid", v.ProtoID)
					vo.Int("clientid", v.ClientID)
					b = vo.End()
				}
			}
			o.B = append(b, '}')
		}
	}
	if nh := r.NextHop; !nh.IsZero() {
		o.Key("next_hop")
		no := core.NewJSONObject(o.B)
		if len(nh.OutgoingInterface) > 0 {
			no.Key("outgoing_interface")
			no.B, _ = nh.OutgoingInterface.AppendJSON(no.B) // nil entries: checked by RouteTable.AppendJSON
		}
		if len(nh.NextHopList) > 0 {
			no.Key("next_hop_list")
			no.B, _ = nh.NextHopList.AppendJSON(no.B)
		}
		o.B = no.End()
	}
	return o.End()
}

// routeSeed hashes prefixes for routeIndex.
var routeSeed = maphash.MakeSeed()

// routeIndex finds a prefix among the routes of a table being built. A
// short table is searched in place; from 16 routes on, an open-addressing
// table of (hash, position) cells holds no pointers (the GC skips it) and
// stays at most three quarters full (cells share cache lines: a probe
// past a taken cell is cheap, and the tag spares the string compare).
type routeIndex struct {
	cells []uint64 // hash>>32<<32 | position+1; 0 is free
	hint  int      // routes expected, to size cells once
}

// add returns the route of pfx in rows, or nil after filing pfx as the
// route that is appended to rows next.
func (x *routeIndex) add(rows RouteTable, pfx string) *Route {
	if x.cells == nil {
		for _, r := range rows {
			if r.Route == pfx {
				return r
			}
		}
		if len(rows) < 15 {
			return nil
		}
		x.resize(rows, max(x.hint, 16)*4/3)
	} else if 4*(len(rows)+1) > 3*len(x.cells) {
		x.resize(rows, 2*len(x.cells))
	}
	h := maphash.String(routeSeed, pfx)
	tag := h >> 32 << 32
	m := uint64(len(x.cells) - 1)
	for i := h & m; ; i = (i + 1) & m {
		c := x.cells[i]
		if c == 0 {
			x.cells[i] = tag | uint64(len(rows)+1)
			return nil
		}
		if c>>32<<32 == tag {
			if r := rows[uint32(c)-1]; r.Route == pfx {
				return r
			}
		}
	}
}

// resize rebuilds the cells, at least n of them, from rows.
func (x *routeIndex) resize(rows RouteTable, n int) {
	size := 32
	for size < n {
		size *= 2
	}
	x.cells = make([]uint64, size)
	m := uint64(size - 1)
	for pos, r := range rows {
		h := maphash.String(routeSeed, r.Route)
		i := h & m
		for x.cells[i] != 0 {
			i = (i + 1) & m
		}
		x.cells[i] = h>>32<<32 | uint64(pos+1)
	}
}

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

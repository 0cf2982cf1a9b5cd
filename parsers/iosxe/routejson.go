package iosxe

import (
	"errors"
	"slices"
	"strconv"
	"strings"

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
	if l == nil {
		return append(b, "null"...), nil
	}
	if slices.Contains(l, nil) {
		return nil, errors.New("next_hop_list: nil hop")
	}
	cmp := func(x, y *RouteHop) int { return strings.Compare(indexKey(x.Index), indexKey(y.Index)) }
	if !slices.IsSortedFunc(l, cmp) {
		l = slices.Clone(l)
		slices.SortStableFunc(l, cmp)
	}
	b = append(b, '{')
	for i, h := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(h.Index), 10)
		b = append(b, `":{"index":`...)
		b = strconv.AppendInt(b, int64(h.Index), 10)
		b = appendOptString(b, `,"next_hop":`, h.NextHop)
		b = appendOptString(b, `,"outgoing_interface":`, h.OutgoingInterface)
		b = appendOptString(b, `,"updated":`, h.Updated)
		b = appendOptString(b, `,"vrf":`, h.VRF)
		b = append(b, '}')
	}
	return append(b, '}'), nil
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
	j.Str("outgoing_interface", o.OutgoingInterface)
	j.Str("updated", o.Updated)
	return j.End()
}

// appendOptString appends key (with its leading comma) and s unless s is
// empty, as an omitempty string field.
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	b = append(b, key...)
	return core.AppendJSONString(b, s)
}

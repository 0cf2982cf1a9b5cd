package iosxe

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// OspfNbrs is an interface's neighbors, kept sorted by router ID. It
// encodes as Genie's object keyed by router ID, exactly as the
// map[string]*OspfNbr it stands for, without a map per interface.
type OspfNbrs []*OspfNbr

// Get returns the neighbor with router ID id, or nil.
func (l OspfNbrs) Get(id string) *OspfNbr {
	for _, n := range l {
		if n != nil && n.id == id {
			return n
		}
	}
	return nil
}

// set files n under id: it replaces that neighbor (as a map assignment
// would) or is inserted in key order.
func (l OspfNbrs) set(id string, n *OspfNbr) OspfNbrs {
	n.id = id
	for i, b := range l {
		if b.id == id {
			l[i] = n
			return l
		}
	}
	l = append(l, n)
	for i := len(l) - 1; i > 0 && l[i].id < l[i-1].id; i-- {
		l[i], l[i-1] = l[i-1], l[i]
	}
	return l
}

// MarshalJSON writes {"10.0.0.1": {...}, ...}.
func (l OspfNbrs) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map keyed
// by router ID.
func (l OspfNbrs) AppendJSON(b []byte) ([]byte, error) {
	if l == nil {
		return append(b, "null"...), nil
	}
	if slices.Contains(l, nil) {
		return nil, errors.New("neighbors: nil neighbor")
	}
	cmp := func(x, y *OspfNbr) int { return strings.Compare(x.id, y.id) }
	if !slices.IsSortedFunc(l, cmp) {
		l = slices.Clone(l)
		slices.SortStableFunc(l, cmp)
	}
	b = append(b, '{')
	for i, n := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = core.AppendJSONString(b, n.id)
		b = append(b, `:{"priority":`...)
		b = strconv.AppendInt(b, int64(n.Priority), 10)
		b = append(b, `,"state":`...)
		b = core.AppendJSONString(b, n.State)
		b = append(b, `,"dead_time":`...)
		b = core.AppendJSONString(b, n.DeadTime)
		b = append(b, `,"address":`...)
		b = core.AppendJSONString(b, n.Address)
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

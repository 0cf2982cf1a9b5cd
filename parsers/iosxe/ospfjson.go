package iosxe

import (
	"strconv"

	"github.com/goissu/goissu/parsers/internal/core"
)

// OspfNbrs is an interface's neighbors, kept sorted by router ID. It
// encodes as Genie's object keyed by router ID, exactly as the
// map[string]*OspfNbr it stands for, without a map per interface.
type OspfNbrs []*OspfNbr

// Get returns the neighbor with router ID id, or nil.
func (l OspfNbrs) Get(id string) *OspfNbr { return core.KeyedGet(l, ospfNbrKey, id) }

// set files n under id: it replaces that neighbor (as a map assignment
// would) or is inserted in key order.
func (l OspfNbrs) set(id string, n *OspfNbr) OspfNbrs {
	n.id = id
	return core.KeyedSet(l, ospfNbrKey, n)
}

func ospfNbrKey(n *OspfNbr) string { return n.id }

// MarshalJSON writes {"10.0.0.1": {...}, ...}.
func (l OspfNbrs) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map keyed
// by router ID.
func (l OspfNbrs) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendKeyed(b, "neighbors", l, ospfNbrKey, (*OspfNbr).appendJSON)
}

// appendJSON appends what json.Marshal writes for n.
func (n *OspfNbr) appendJSON(b []byte) []byte {
	b = append(b, `{"priority":`...)
	b = strconv.AppendInt(b, int64(n.Priority), 10)
	b = append(b, `,"state":`...)
	b = core.AppendJSONString(b, n.State)
	b = append(b, `,"dead_time":`...)
	b = core.AppendJSONString(b, n.DeadTime)
	b = append(b, `,"address":`...)
	b = core.AppendJSONString(b, n.Address)
	return append(b, '}')
}

package iosxr

import (
	"strconv"

	"github.com/goissu/goissu/parsers/internal/core"
)

// BgpNeighborAFs is a neighbor's rows, one per address family, kept
// sorted by family. It encodes as Genie's object keyed by family, as a
// map[string] would (nil as null), but a neighbor costs no map: nearly
// every neighbor has one row, stored beside it.
type BgpNeighborAFs []*BgpNeighborAF

// Get returns the row of the family, or nil.
func (l BgpNeighborAFs) Get(family string) *BgpNeighborAF {
	return core.KeyedGet(l, (*BgpNeighborAF).Family, family)
}

// set files a under family: it replaces the family's row (as a map
// assignment would) or is inserted in key order.
func (l BgpNeighborAFs) set(family string, a *BgpNeighborAF) BgpNeighborAFs {
	a.family = family
	return core.KeyedSet(l, (*BgpNeighborAF).Family, a)
}

// MarshalJSON writes {"ipv4 unicast": {...}, ...}.
func (l BgpNeighborAFs) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map[string]
// the list stands for. issu's artifact encoder calls it directly.
func (l BgpNeighborAFs) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendKeyed(b, "address_family", l, (*BgpNeighborAF).Family, (*BgpNeighborAF).appendJSON)
}

// appendJSON appends what json.Marshal writes for a.
func (a *BgpNeighborAF) appendJSON(b []byte) []byte {
	b = append(b, `{"tbl_ver":`...)
	b = strconv.AppendInt(b, int64(a.TblVer), 10)
	b = append(b, `,"spk":`...)
	b = strconv.AppendInt(b, int64(a.Spk), 10)
	b = append(b, `,"msg_rcvd":`...)
	b = strconv.AppendInt(b, int64(a.MsgRcvd), 10)
	b = append(b, `,"msg_sent":`...)
	b = strconv.AppendInt(b, int64(a.MsgSent), 10)
	b = append(b, `,"input_queue":`...)
	b = strconv.AppendInt(b, int64(a.InputQueue), 10)
	b = append(b, `,"output_queue":`...)
	b = strconv.AppendInt(b, int64(a.OutputQueue), 10)
	b = append(b, `,"up_down":`...)
	b = core.AppendJSONString(b, a.UpDown)
	b = append(b, `,"state_pfxrcd":`...)
	b = core.AppendJSONString(b, a.StatePfxRcd)
	return append(b, '}')
}

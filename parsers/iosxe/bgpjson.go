package iosxe

import (
	"sort"
	"strconv"

	"github.com/goissu/goissu/parsers/internal/core"
)

// BgpSumAFs is a neighbor's rows, one per address family, kept sorted by
// family. It encodes as Genie's object keyed by family, exactly as the
// map[string]*BgpSumAF it stands for, but a neighbor costs no map: nearly
// every neighbor has one row.
type BgpSumAFs []*BgpSumAF

// Get returns the row of the family, or nil.
func (l BgpSumAFs) Get(family string) *BgpSumAF { return core.KeyedGet(l, bgpSumAFKey, family) }

// set files a under family: it replaces the family's row (as a map
// assignment would) or is inserted in key order.
func (l BgpSumAFs) set(family string, a *BgpSumAF) BgpSumAFs {
	a.family = family
	return core.KeyedSet(l, bgpSumAFKey, a)
}

func bgpSumAFKey(a *BgpSumAF) string { return a.family }

// MarshalJSON writes {"ipv4 unicast": {...}, ...}.
func (l BgpSumAFs) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map[string]
// the list stands for.
func (l BgpSumAFs) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendKeyed(b, "address_family", l, bgpSumAFKey, (*BgpSumAF).appendJSON)
}

// appendJSON appends what json.Marshal writes for a (field order and
// omitempty as in the struct tags).
func (a *BgpSumAF) appendJSON(b []byte) []byte {
	b = append(b, `{"version":`...)
	b = strconv.AppendInt(b, int64(a.Version), 10)
	b = append(b, `,"as":`...)
	b, _ = a.AS.AppendJSON(b)
	b = append(b, `,"msg_rcvd":`...)
	b = strconv.AppendInt(b, int64(a.MsgRcvd), 10)
	b = append(b, `,"msg_sent":`...)
	b = strconv.AppendInt(b, int64(a.MsgSent), 10)
	b = append(b, `,"tbl_ver":`...)
	b = strconv.AppendInt(b, int64(a.TblVer), 10)
	b = append(b, `,"input_queue":`...)
	b = strconv.AppendInt(b, int64(a.InputQueue), 10)
	b = append(b, `,"output_queue":`...)
	b = strconv.AppendInt(b, int64(a.OutputQueue), 10)
	b = append(b, `,"up_down":`...)
	b = core.AppendJSONString(b, a.UpDown)
	b = append(b, `,"state_pfxrcd":`...)
	b = core.AppendJSONString(b, a.StatePfxRcd)
	b = appendOptString(b, `,"route_identifier":`, a.RouteIdentifier)
	if a.LocalAS != "" {
		b = append(b, `,"local_as":`...)
		b, _ = a.LocalAS.AppendJSON(b)
	}
	b = appendOptInt(b, `,"bgp_table_version":`, a.BGPTableVersion)
	b = appendOptInt(b, `,"routing_table_version":`, a.RoutingTableVersion)
	b = appendOptEntries(b, `,"prefixes":`, a.Prefixes)
	b = appendOptEntries(b, `,"path":`, a.Path)
	b = appendEntriesMap(b, `,"cache_entries":`, a.CacheEntries)
	b = appendEntriesMap(b, `,"entries":`, a.Entries)
	b = appendOptEntries(b, `,"community_entries":`, a.CommunityEntries)
	b = appendOptString(b, `,"attribute_entries":`, a.AttributeEntries)
	b = appendOptInt(b, `,"total_memory":`, a.TotalMemory)
	b = appendOptString(b, `,"activity_prefixes":`, a.ActivityPrefixes)
	b = appendOptString(b, `,"activity_paths":`, a.ActivityPaths)
	b = appendOptInt(b, `,"scan_interval":`, a.ScanInterval)
	return append(b, '}')
}

// appendOptInt appends key and *p unless p is nil (an omitempty *int).
func appendOptInt(b []byte, key string, p *int) []byte {
	if p == nil {
		return b
	}
	return strconv.AppendInt(append(b, key...), int64(*p), 10)
}

func appendEntries(b []byte, e BgpEntries) []byte {
	b = append(b, `{"total_entries":`...)
	b = strconv.AppendInt(b, int64(e.TotalEntries), 10)
	b = append(b, `,"memory_usage":`...)
	b = strconv.AppendInt(b, int64(e.MemoryUsage), 10)
	return append(b, '}')
}

// appendOptEntries appends key and *e unless e is nil.
func appendOptEntries(b []byte, key string, e *BgpEntries) []byte {
	if e == nil {
		return b
	}
	return appendEntries(append(b, key...), *e)
}

// appendEntriesMap appends key and m (keys sorted) unless m is empty.
func appendEntriesMap(b []byte, key string, m map[string]BgpEntries) []byte {
	if len(m) == 0 {
		return b
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = append(b, key...)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = core.AppendJSONString(b, k)
		b = append(b, ':')
		b = appendEntries(b, m[k])
	}
	return append(b, '}')
}

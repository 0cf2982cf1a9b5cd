package iosxe

import (
	"sort"

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
	o := core.NewJSONObject(b)
	o.Int("version", a.Version)
	o.Key("as")
	o.B, _ = a.AS.AppendJSON(o.B)
	o.Int("msg_rcvd", a.MsgRcvd)
	o.Int("msg_sent", a.MsgSent)
	o.Int("tbl_ver", a.TblVer)
	o.Int("input_queue", a.InputQueue)
	o.Int("output_queue", a.OutputQueue)
	o.Key("up_down")
	o.B = core.AppendJSONString(o.B, a.UpDown)
	o.Key("state_pfxrcd")
	o.B = core.AppendJSONString(o.B, a.StatePfxRcd)
	o.Str("route_identifier", a.RouteIdentifier)
	if a.LocalAS != "" {
		o.Key("local_as")
		o.B, _ = a.LocalAS.AppendJSON(o.B)
	}
	o.OptInt("bgp_table_version", a.BGPTableVersion)
	o.OptInt("routing_table_version", a.RoutingTableVersion)
	optEntries(&o, "prefixes", a.Prefixes)
	optEntries(&o, "path", a.Path)
	entriesMap(&o, "cache_entries", a.CacheEntries)
	entriesMap(&o, "entries", a.Entries)
	optEntries(&o, "community_entries", a.CommunityEntries)
	o.Str("attribute_entries", a.AttributeEntries)
	o.OptInt("total_memory", a.TotalMemory)
	o.Str("activity_prefixes", a.ActivityPrefixes)
	o.Str("activity_paths", a.ActivityPaths)
	o.OptInt("scan_interval", a.ScanInterval)
	return o.End()
}

func appendEntries(b []byte, e BgpEntries) []byte {
	o := core.NewJSONObject(b)
	o.Int("total_entries", e.TotalEntries)
	o.Int("memory_usage", e.MemoryUsage)
	return o.End()
}

// optEntries writes an omitempty *BgpEntries field.
func optEntries(o *core.JSONObject, key string, e *BgpEntries) {
	if e != nil {
		o.Key(key)
		o.B = appendEntries(o.B, *e)
	}
}

// entriesMap writes an omitempty map of BgpEntries (keys sorted).
func entriesMap(o *core.JSONObject, key string, m map[string]BgpEntries) {
	if len(m) == 0 {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	o.Key(key)
	o.B = append(o.B, '{')
	for i, k := range keys {
		if i > 0 {
			o.B = append(o.B, ',')
		}
		o.B = core.AppendJSONString(o.B, k)
		o.B = append(o.B, ':')
		o.B = appendEntries(o.B, m[k])
	}
	o.B = append(o.B, '}')
}

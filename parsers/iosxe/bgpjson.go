package iosxe

import (
	"errors"
	"slices"

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
	// The rows' entry lists are written by appendJSON, which cannot
	// fail: a nil entry (a list built by hand) is reported here.
	for _, a := range l {
		if a != nil && (slices.Contains(a.CacheEntries, nil) || slices.Contains(a.Entries, nil)) {
			return nil, errors.New("address_family: nil entries entry")
		}
	}
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
	o.String("up_down", a.UpDown)
	o.String("state_pfxrcd", a.StatePfxRcd)
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

// BgpEntriesByName is an address family's entry counts keyed by name
// ("rrinfo", "route-map" ...), kept sorted by name, with Get(name). It
// encodes exactly as the map[string]BgpEntries it stands for, but costs
// no map: a family has a handful.
type BgpEntriesByName []*BgpNamedEntries

// BgpNamedEntries is a BgpEntries filed under a name.
type BgpNamedEntries struct {
	BgpEntries
	name string
}

// Name is the key the entries are filed under.
func (e *BgpNamedEntries) Name() string { return e.name }

func bgpNamedKey(e *BgpNamedEntries) string { return e.name }

// Get returns the entries filed under name, or nil.
func (l BgpEntriesByName) Get(name string) *BgpNamedEntries {
	return core.KeyedGet(l, bgpNamedKey, name)
}

// MarshalJSON writes {"name": {"total_entries": ..., "memory_usage": ...}, ...}.
func (l BgpEntriesByName) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map the
// list stands for.
func (l BgpEntriesByName) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendKeyed(b, "entries", l, bgpNamedKey, func(e *BgpNamedEntries, b []byte) []byte { return appendEntries(b, e.BgpEntries) })
}

// entriesMap writes an omitempty BgpEntriesByName (without nil entries:
// BgpSumAFs.AppendJSON checked).
func entriesMap(o *core.JSONObject, key string, l BgpEntriesByName) {
	if len(l) > 0 {
		o.Key(key)
		o.B, _ = l.AppendJSON(o.B)
	}
}

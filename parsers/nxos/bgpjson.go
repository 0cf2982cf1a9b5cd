package nxos

import (
	"encoding/json"

	"github.com/goissu/goissu/parsers/internal/core"
)

// BgpSummaryAFs is a neighbor's rows, one per address family, kept sorted
// by family. It encodes as Genie's object keyed by family, exactly as the
// map[string]*BgpSummaryAF it stands for, but a neighbor costs no map (two
// allocations): nearly every neighbor has one family.
type BgpSummaryAFs []*BgpSummaryAF

// Get returns the row of the family ("ipv4 unicast"), or nil.
func (l BgpSummaryAFs) Get(family string) *BgpSummaryAF {
	return core.KeyedGet(l, bgpSummaryAFKey, family)
}

// Family is the address family the row is filed under.
func (a *BgpSummaryAF) Family() string { return a.family }

// set files a under a.family: it replaces that family's row (as a map
// assignment would) or is inserted in key order.
func (l BgpSummaryAFs) set(a *BgpSummaryAF) BgpSummaryAFs {
	return core.KeyedSet(l, bgpSummaryAFKey, a)
}

func bgpSummaryAFKey(a *BgpSummaryAF) string { return a.family }

// MarshalJSON writes {"ipv4 unicast": {...}, ...}.
func (l BgpSummaryAFs) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map the
// list stands for.
func (l BgpSummaryAFs) AppendJSON(b []byte) ([]byte, error) {
	var err error
	b, kerr := core.AppendKeyed(b, "address_family", l, bgpSummaryAFKey, func(a *BgpSummaryAF, b []byte) []byte {
		var e error
		b, e = a.appendJSON(b)
		if e != nil && err == nil {
			err = e
		}
		return b
	})
	if kerr != nil {
		return nil, kerr
	}
	if err != nil {
		return nil, err
	}
	return b, nil
}

// appendJSON appends what json.Marshal writes for a: its fields, then the
// embedded summary's (omitempty as in the struct tags).
func (a *BgpSummaryAF) appendJSON(b []byte) ([]byte, error) {
	o := core.NewJSONObject(b)
	o.Int("neighbor_table_version", a.NeighborTableVersion)
	o.Key("as")
	if isInt(string(a.AS)) && (len(a.AS) == 1 || a.AS[0] != '0') {
		o.B = append(o.B, a.AS...)
	} else {
		// Anything but a plain number: encoding/json's own rules ("" is
		// 0, an invalid number an error).
		n, err := json.Marshal(a.AS)
		if err != nil {
			return nil, err
		}
		o.B = append(o.B, n...)
	}
	o.Int("msg_rcvd", a.MsgRcvd)
	o.Int("msg_sent", a.MsgSent)
	o.Int("tbl_ver", a.TblVer)
	o.Int("inq", a.InQ)
	o.Int("outq", a.OutQ)
	o.String("up_down", a.UpDown)
	o.String("state_pfxrcd", a.StatePfxRcd)
	o.String("state", a.State)
	o.Str("prefix_received", a.PrefixReceived)
	if s := a.BgpAFSummary; s != nil {
		o.Str("route_identifier", s.RouteIdentifier)
		o.OptInt("local_as", s.LocalAS)
		o.OptInt("bgp_table_version", s.BgpTableVersion)
		o.OptInt("config_peers", s.ConfigPeers)
		o.OptInt("capable_peers", s.CapablePeers)
		appendEntriesMem(&o, "prefixes", s.Prefixes)
		appendEntriesMem(&o, "path", s.Path)
		o.Str("attribute_entries", s.AttributeEntries)
		o.Str("as_path_entries", s.ASPathEntries)
		o.Str("community_entries", s.CommunityEntries)
		o.Str("clusterlist_entries", s.ClusterlistEntries)
		if s.Dampening != nil {
			o.Key("dampening")
			if *s.Dampening {
				o.B = append(o.B, "true"...)
			} else {
				o.B = append(o.B, "false"...)
			}
		}
		o.OptInt("history_paths", s.HistoryPaths)
		o.OptInt("dampened_paths", s.DampenedPaths)
		o.OptInt("soft_reconfig_recvd_paths", s.SoftReconfigRecvdPaths)
		o.OptInt("soft_reconfig_identical_paths", s.SoftReconfigIdenticalPaths)
		o.OptInt("soft_reconfig_combo_paths", s.SoftReconfigComboPaths)
		o.OptInt("soft_reconfig_filtered_recvd", s.SoftReconfigFilteredRecvd)
		o.OptInt("soft_reconfig_bytes", s.SoftReconfigBytes)
	}
	return o.End(), nil
}

// appendEntriesMem writes an omitempty *BgpEntriesMem field.
func appendEntriesMem(o *core.JSONObject, key string, e *BgpEntriesMem) {
	if e != nil {
		o.Key(key)
		p := core.NewJSONObject(o.B)
		p.Int("total_entries", e.TotalEntries)
		p.Int("memory_usage", e.MemoryUsage)
		o.B = p.End()
	}
}

package iosxr

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/jsontest"
)

// TestAppendJSONMatchesMarshal checks the AppendJSON methods that issu's
// artifact encoder trusts.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	var good, bad []jsontest.Appender
	for _, f := range jsontest.Floats {
		good = append(good, Float(f), Float(-f))
	}
	for _, a := range jsontest.ASNs {
		good = append(good, ASNumber(a))
	}
	for _, f := range jsontest.BadFloats {
		bad = append(bad, Float(f))
	}
	jsontest.Equal(t, good...)
	jsontest.Fails(t, bad...)
}

// TestRouteListsJSON checks the hand-written encodings of a route's path
// lists against encoding/json on the maps they stand for: random paths
// (strings that need escaping, nil and set optional ints, detailed and
// plain), unsorted lists and indexes past 9 (whose keys sort as strings).
func TestRouteListsJSON(t *testing.T) {
	strs := []string{"", "Gi0/0/0/1", "10.0.0.1", "Bundle-Ether1", "<&>", "a\"b\\c", "tab\there", "é", "\x01", "\u2028", "\xff"}
	rng := rand.New(rand.NewPCG(3, 5))
	pick := jsontest.Picker(rng, strs)
	ptr := jsontest.IntPtr(rng, -1, 4)
	for i := range 2000 {
		var hops RouteNextHops
		hopMap := map[int]*RouteNextHopEntry{}
		for j := range rng.IntN(13) {
			e := &RouteNextHopEntry{Index: j + 1, NextHop: pick(), OutgoingInterface: pick(), Updated: pick(), Metric: ptr()}
			if rng.IntN(2) == 0 {
				e.RouteNextHopDetail = &RouteNextHopDetail{From: pick(), Table: pick(), AddressFamily: pick(), TableID: pick(),
					NexthopInVrf: pick(), Label: pick(), TunnelID: pick(), BindingLabel: pick(), ExtendedCommunitiesCount: ptr(),
					NHID: pick(), PathGroupingID: ptr(), SRv6Headend: pick(), SIDList: pick()}
			}
			hops = append(hops, e)
			hopMap[e.Index] = e
		}
		rng.Shuffle(len(hops), func(a, b int) { hops[a], hops[b] = hops[b], hops[a] })
		var intfs RouteIntfs
		intfMap := map[string]*RouteOutgoingInterface{}
		for range rng.IntN(5) {
			p := &RouteOutgoingInterface{OutgoingInterface: pick(), Updated: pick(), Metric: ptr()}
			if intfMap[p.OutgoingInterface] == nil {
				intfs = append(intfs, p)
				intfMap[p.OutgoingInterface] = p
			}
		}
		rng.Shuffle(len(intfs), func(a, b int) { intfs[a], intfs[b] = intfs[b], intfs[a] })
		for _, c := range []struct{ got, want any }{{hops, hopMap}, {intfs, intfMap}} {
			want, err := json.Marshal(c.want)
			require.NoError(t, err)
			got, err := json.Marshal(c.got)
			require.NoError(t, err)
			require.Equal(t, string(want), string(got), "case %d", i)
		}
	}
	_, err := RouteNextHops{nil}.AppendJSON(nil)
	assert.Error(t, err, "a nil path is an error, not a panic")
	_, err = RouteIntfs{nil}.AppendJSON(nil)
	assert.Error(t, err, "a nil path is an error, not a panic")
}

// TestRouteListsBuild checks the chunked list building: lists that grow
// in turn keep their own paths, and an interface is filed once, in order.
func TestRouteListsBuild(t *testing.T) {
	var c ptrChunk[RouteNextHopEntry]
	lists := make([]RouteNextHops, 5)
	for i := range 300 {
		k := (i * 7) % 5
		if i%3 == 0 {
			k = i % 5
		}
		lists[k] = c.add(lists[k], &RouteNextHopEntry{Index: len(lists[k]) + 1, NextHop: strconv.Itoa(k)})
	}
	for k, l := range lists {
		for j, e := range l {
			require.Equal(t, strconv.Itoa(k), e.NextHop)
			require.Equal(t, j+1, e.Index)
		}
	}
	var ci ptrChunk[RouteOutgoingInterface]
	var intfs RouteIntfs
	for _, n := range []string{"b", "a", "c", "a", "b0"} {
		intfs = intfs.add(&ci, &RouteOutgoingInterface{OutgoingInterface: n})
	}
	var names []string
	for _, p := range intfs {
		names = append(names, p.OutgoingInterface)
	}
	assert.Equal(t, []string{"a", "b", "b0", "c"}, names)
}

// TestBgpNeighborAFsJSON checks the family list's encoding against
// encoding/json on the map it stands for, and its filing (replace, order).
func TestBgpNeighborAFsJSON(t *testing.T) {
	strs := []string{"", "ipv4 unicast", "vpnv4 unicast", "ipv4", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "Idle (Admin)"}
	rng := rand.New(rand.NewPCG(11, 13))
	pick := jsontest.Picker(rng, strs)
	for i := range 2000 {
		// nil stays nil (null), an empty list is an empty map ({}).
		var l BgpNeighborAFs
		var m map[string]*BgpNeighborAF
		if rng.IntN(4) > 0 {
			l, m = BgpNeighborAFs{}, map[string]*BgpNeighborAF{}
		}
		for range rng.IntN(5) {
			if m == nil {
				l, m = BgpNeighborAFs{}, map[string]*BgpNeighborAF{}
			}
			a := &BgpNeighborAF{TblVer: rng.IntN(3) - 1, Spk: rng.IntN(9), MsgRcvd: rng.IntN(1 << 20), MsgSent: rng.IntN(99),
				InputQueue: rng.IntN(2), OutputQueue: rng.IntN(2), UpDown: pick(), StatePfxRcd: pick()}
			fam := pick()
			l = l.set(fam, a)
			m[fam] = a
		}
		jsontest.KeyedList(t, rng, l, m, (*BgpNeighborAF).Family, BgpNeighborAFs.Get, fmt.Sprintf("case %d", i))
	}
	got, err := json.Marshal(BgpNeighbor{})
	require.NoError(t, err)
	assert.Equal(t, `{"remote_as":"","address_family":null}`, string(got))
	_, err = BgpNeighborAFs{nil}.AppendJSON(nil)
	assert.Error(t, err, "a nil row is an error, not a panic")
}

// TestProcessesCpuIndexJSON checks the row list's encoding (keys in string
// order past 9 rows) against encoding/json on the map it stands for.
func TestProcessesCpuIndexJSON(t *testing.T) {
	strs := []string{"", "bgp", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "kworker/0:1"}
	rng := rand.New(rand.NewPCG(17, 19))
	for n := range 130 {
		var l ProcessesCpuIndex
		m := map[int]*ProcessesCpuEntry{}
		for k := 1; k <= n; k++ {
			e := &ProcessesCpuEntry{OneMinCPU: rng.IntN(101), FiveMinCPU: rng.IntN(3) - 1, FifteenMinCPU: rng.IntN(7), PID: rng.IntN(1 << 20), Process: strs[rng.IntN(len(strs))]}
			l = append(l, e)
			m[k] = e
		}
		want, err := json.Marshal(m)
		require.NoError(t, err)
		got, err := json.Marshal(l)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "%d rows", n)
	}
	_, err := ProcessesCpuIndex{nil}.AppendJSON(nil)
	assert.Error(t, err, "a nil row is an error, not a panic")
}

// TestRouteTableJSON checks a route table's hand-written encoding against
// encoding/json on the map[string]*Route it stands for: random routes with
// and without their detailed blocks, escaped strings, unset and set
// optional leaves, paths of both kinds, in output (unsorted) order.
func TestRouteTableJSON(t *testing.T) {
	strs := []string{"", "10.0.0.0/24", "10.0.0.0/8", "0.0.0.0/0", "ospf", "O E2", "<&>", "a\"b\\c", "tab\there", "é", "\x01", "\u2028", "\xff"}
	rng := rand.New(rand.NewPCG(23, 29))
	pick := jsontest.Picker(rng, strs)
	ptr := jsontest.IntPtr(rng, -1, 299)
	for i := range 2000 {
		var l RouteTable
		m := map[string]*Route{}
		for range rng.IntN(9) {
			r := &Route{Route: pick(), Active: rng.IntN(4) > 0, RoutePreference: ptr(), Metric: ptr(), SourceProtocol: pick(), SourceProtocolCodes: pick()}
			if m[r.Route] != nil {
				continue // one route a prefix, as the parser files them
			}
			if rng.IntN(3) == 0 {
				r.RouteAddr = &RouteAddr{IP: pick(), Mask: pick()}
			}
			if rng.IntN(3) == 0 {
				d := &RouteDetail{KnownVia: pick(), Distance: ptr(), Type: pick(), Tag: pick()}
				if rng.IntN(2) == 0 {
					d.Installed = &RouteInstalled{Date: pick(), For: pick()}
				}
				if n := rng.IntN(4); n > 0 {
					d.RedistAdvertisers = map[string]*RedistAdvertiser{}
					for range n {
						d.RedistAdvertisers[pick()] = &RedistAdvertiser{ProtoID: rng.IntN(9), ClientID: rng.IntN(99)}
					}
				}
				r.RouteDetail = d
			}
			for j := range rng.IntN(3) {
				e := &RouteNextHopEntry{Index: j + 1, NextHop: pick(), OutgoingInterface: pick(), Updated: pick(), Metric: ptr()}
				if rng.IntN(2) == 0 {
					e.RouteNextHopDetail = &RouteNextHopDetail{From: pick(), Label: pick(), ExtendedCommunitiesCount: ptr()}
				}
				r.NextHop.NextHopList = append(r.NextHop.NextHopList, e)
			}
			seen := map[string]bool{}
			for range rng.IntN(3) {
				p := &RouteOutgoingInterface{OutgoingInterface: pick(), Updated: pick(), Metric: ptr()}
				if !seen[p.OutgoingInterface] {
					seen[p.OutgoingInterface] = true
					r.NextHop.OutgoingInterface = append(r.NextHop.OutgoingInterface, p)
				}
			}
			l = append(l, r)
			m[r.Route] = r
		}
		for k, r := range m {
			require.Same(t, r, l.Get(k), "case %d: Get(%q)", i, k)
		}
		want, err := json.Marshal(m)
		require.NoError(t, err)
		got, err := json.Marshal(l)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "case %d", i)
		// AppendJSON itself, which issu's encoder calls: json.Marshal
		// re-compacts and escapes what MarshalJSON returns, so the check
		// above would not see an escaping slip.
		app, err := l.AppendJSON(nil)
		require.NoError(t, err)
		require.Equal(t, string(want), string(app), "case %d: AppendJSON", i)
		// In place, as the parser's result has it.
		want, err = json.Marshal(RouteAddressFamily{Routes: nil})
		require.NoError(t, err)
		assert.Equal(t, `{}`, string(want))
	}
	for _, l := range []RouteTable{{nil}, {{Route: "a", NextHop: RouteNextHop{NextHopList: RouteNextHops{nil}}}},
		{{Route: "a", NextHop: RouteNextHop{OutgoingInterface: RouteIntfs{nil}}}}} {
		_, err := l.AppendJSON(nil)
		assert.Error(t, err, "a nil route or path is an error, not a panic")
	}
}

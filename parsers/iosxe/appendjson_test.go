package iosxe

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
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
		good = append(good, ASN(a))
	}
	for _, f := range jsontest.BadFloats {
		bad = append(bad, Float(f))
	}
	jsontest.Equal(t, good...)
	jsontest.Fails(t, bad...)
	jsontest.Equal(t, RouteHops{{Index: 1, NextHop: "10.0.0.1"}}, RouteOutIntfs{{OutgoingInterface: "Vlan1"}}, BgpSumAFs{{AS: "65000", LocalAS: "1.2"}}, OspfNbrs{{State: "FULL/  -"}}, SyslogStatuses{{status: "enabled"}})
}

// The route lists must encode exactly as the maps they stand for, in any
// order and with any strings.
func TestRouteListsJSON(t *testing.T) {
	strs := []string{"", "10.1.1.2", "Vlan1", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "3w6d"}
	rng := rand.New(rand.NewPCG(3, 5))
	pick := jsontest.Picker(rng, strs)
	for i := range 2000 {
		var hops RouteHops
		var hm map[string]*RouteHop
		var outs RouteOutIntfs
		var om map[string]*RouteOutIntf
		if rng.IntN(4) > 0 {
			hops, hm, outs, om = RouteHops{}, map[string]*RouteHop{}, RouteOutIntfs{}, map[string]*RouteOutIntf{}
		}
		if hm != nil {
			for k := range rng.IntN(14) {
				h := &RouteHop{Index: k + 1, NextHop: pick(), OutgoingInterface: pick(), Updated: pick(), VRF: pick()}
				hops = append(hops, h)
				hm[indexKey(h.Index)] = h
			}
			for range rng.IntN(3) {
				o := &RouteOutIntf{OutgoingInterface: pick(), Updated: pick()}
				if om[o.OutgoingInterface] == nil {
					outs = append(outs, o)
					om[o.OutgoingInterface] = o
				}
			}
			if rng.IntN(2) == 0 {
				rng.Shuffle(len(hops), func(a, b int) { hops[a], hops[b] = hops[b], hops[a] })
				rng.Shuffle(len(outs), func(a, b int) { outs[a], outs[b] = outs[b], outs[a] })
			}
		}
		for _, pair := range [][2]any{{hops, hm}, {outs, om}, {RouteNextHop{OutgoingInterface: outs, NextHopList: hops}, struct {
			O map[string]*RouteOutIntf `json:"outgoing_interface,omitempty"`
			H map[string]*RouteHop     `json:"next_hop_list,omitempty"`
		}{om, hm}}} {
			got, err := json.Marshal(pair[0])
			require.NoError(t, err)
			want, err := json.Marshal(pair[1])
			require.NoError(t, err)
			require.Equal(t, string(want), string(got), "case %d", i)
		}
		for k, h := range hm {
			require.Same(t, h, hops.Get(k))
		}
		for k, o := range om {
			require.Same(t, o, outs.Get(k))
		}
	}
	_, err := RouteHops{nil}.AppendJSON(nil)
	assert.Error(t, err)
	_, err = RouteOutIntfs{nil}.AppendJSON(nil)
	assert.Error(t, err)
}

// BgpSumAFs must encode exactly as the map it stands for, with every
// optional field set or not, and file rows as map assignment would.
func TestBgpSumAFsJSON(t *testing.T) {
	strs := []string{"", "ipv4 unicast", "vpnv4 unicast", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "65000", "1.2", "007"}
	rng := rand.New(rand.NewPCG(7, 9))
	pick := jsontest.Picker(rng, strs)
	optInt := func() *int {
		if rng.IntN(2) == 0 {
			return nil
		}
		v := rng.IntN(1<<20) - 5
		return &v
	}
	optEnt := func() *BgpEntries {
		if rng.IntN(2) == 0 {
			return nil
		}
		return &BgpEntries{TotalEntries: rng.IntN(99), MemoryUsage: rng.IntN(1 << 16)}
	}
	// entList builds an entries list and the map it stands for, checking
	// that the two agree.
	entList := func(what string) BgpEntriesByName {
		var l BgpEntriesByName
		var m map[string]*BgpNamedEntries
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return BgpEntriesByName{}
		}
		l, m = BgpEntriesByName{}, map[string]*BgpNamedEntries{}
		for range 1 + rng.IntN(4) {
			e := &BgpNamedEntries{BgpEntries{TotalEntries: rng.IntN(9), MemoryUsage: rng.IntN(99)}, pick()}
			l = BgpEntriesByName(core.KeyedSet(l, bgpNamedKey, e))
			m[e.Name()] = e
		}
		jsontest.KeyedList(t, rng, l, m, (*BgpNamedEntries).Name, BgpEntriesByName.Get, what)
		return l
	}
	for i := range 2000 {
		var l BgpSumAFs
		var m map[string]*BgpSumAF
		if rng.IntN(4) > 0 {
			l, m = BgpSumAFs{}, map[string]*BgpSumAF{}
		}
		for range rng.IntN(4) {
			if m == nil {
				l, m = BgpSumAFs{}, map[string]*BgpSumAF{}
			}
			a := &BgpSumAF{Version: rng.IntN(5), AS: ASN(pick()), MsgRcvd: rng.IntN(1 << 20), MsgSent: rng.IntN(99), TblVer: rng.IntN(9),
				InputQueue: rng.IntN(2), OutputQueue: rng.IntN(2), UpDown: pick(), StatePfxRcd: pick(), RouteIdentifier: pick(), LocalAS: ASN(pick()),
				BGPTableVersion: optInt(), RoutingTableVersion: optInt(), Prefixes: optEnt(), Path: optEnt(), CacheEntries: entList(fmt.Sprintf("case %d cache", i)), Entries: entList(fmt.Sprintf("case %d entries", i)),
				CommunityEntries: optEnt(), AttributeEntries: pick(), TotalMemory: optInt(), ActivityPrefixes: pick(), ActivityPaths: pick(), ScanInterval: optInt()}
			fam := pick()
			l = l.set(fam, a)
			m[fam] = a
		}
		jsontest.KeyedList(t, rng, l, m, (*BgpSumAF).Family, BgpSumAFs.Get, fmt.Sprintf("case %d", i))
	}
	_, err := BgpSumAFs{nil}.AppendJSON(nil)
	assert.Error(t, err)
	_, err = BgpSumAFs{{Entries: BgpEntriesByName{nil}}}.AppendJSON(nil)
	assert.Error(t, err)
	jsontest.Fails(t, BgpEntriesByName{nil})
}

// OspfNbrs must encode exactly as the map it stands for and file
// neighbors as map assignment would.
func TestOspfNbrsJSON(t *testing.T) {
	strs := []string{"", "10.0.0.1", "10.0.0.10", "FULL/  -", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := jsontest.Picker(rng, strs)
	for i := range 2000 {
		var l OspfNbrs
		var m map[string]*OspfNbr
		if rng.IntN(4) > 0 {
			l, m = OspfNbrs{}, map[string]*OspfNbr{}
		}
		for range rng.IntN(5) {
			if m == nil {
				l, m = OspfNbrs{}, map[string]*OspfNbr{}
			}
			n := &OspfNbr{Priority: rng.IntN(3) - 1, State: pick(), DeadTime: pick(), Address: pick()}
			id := pick()
			l = l.set(id, n)
			m[id] = n
		}
		jsontest.KeyedList(t, rng, l, m, (*OspfNbr).ID, OspfNbrs.Get, fmt.Sprintf("case %d", i))
	}
	_, err := OspfNbrs{nil}.AppendJSON(nil)
	assert.Error(t, err)
}

// SyslogStatuses must encode exactly as the map it stands for.
func TestSyslogStatusesJSON(t *testing.T) {
	strs := []string{"", "enabled", "disabled", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff"}
	rng := rand.New(rand.NewPCG(4, 8))
	pick := jsontest.Picker(rng, strs)
	for i := range 1000 {
		var l SyslogStatuses
		var m map[string]SyslogStatus
		if rng.IntN(4) > 0 {
			l, m = SyslogStatuses{}, map[string]SyslogStatus{}
		}
		for range rng.IntN(3) {
			if m == nil {
				l, m = SyslogStatuses{}, map[string]SyslogStatus{}
			}
			s := SyslogStatus{Counters: SyslogCounters{MessagesDropped: rng.IntN(9) - 1, MessagesRateLimited: rng.IntN(99), Flushes: rng.IntN(3),
				Overruns: rng.IntN(1 << 20), XML: pick(), Filtering: pick()}, status: pick()}
			if _, dup := m[s.status]; dup {
				continue
			}
			l = append(l, s)
			m[s.status] = s
		}
		want, err := json.Marshal(m)
		require.NoError(t, err)
		got, err := json.Marshal(l)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "case %d", i)
		for k := range m {
			require.Equal(t, k, l.Get(k).Status())
		}
	}
	_, err := SyslogStatuses{{status: "a"}, {status: "a"}}.AppendJSON(nil)
	assert.Error(t, err)
}

// LogSourceConfig must encode as the one-key map Genie builds, whatever
// its halves hold.
func TestLogSourceConfigJSON(t *testing.T) {
	strs := []string{"", "Gi0/0", "Mgmt-vrf", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "\xe2\x82", "\x82x", ":"}
	for _, a := range strs {
		for _, b := range strs {
			c := &LogSourceConfig{Interface: a, VRF: b}
			want, err := json.Marshal(map[string]string{"logging_configuration": a + ":" + b})
			require.NoError(t, err)
			got, err := json.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), "%q %q", a, b)
			jsontest.Equal(t, c)
		}
	}
}

// TestRouteJSON checks Route and RouteAF, which issu's artifact encoder
// calls, against encoding/json on the same values (neither has a
// MarshalJSON, so json.Marshal reflects): random routes with every field
// set or not, every route of the route fixtures, and tables of them keyed
// by prefix or by strings that need escaping, with nil routes.
func TestRouteJSON(t *testing.T) {
	jsontest.Fields(t, map[reflect.Type]int{
		reflect.TypeFor[Route]():        7,
		reflect.TypeFor[RouteNextHop](): 2,
		reflect.TypeFor[RouteAF]():      1,
		reflect.TypeFor[RouteOutIntf](): 2,
		reflect.TypeFor[RouteHop]():     5,
	})
	strs := []string{"", "10.1.1.0/24", "Vlan1", "<&>", "a\"b\\c", "é", "\x01", "\xff", "bgp"}
	rng := rand.New(rand.NewPCG(7, 9))
	pick := jsontest.Picker(rng, strs)
	ptr := jsontest.IntPtr(rng, -1, 299)
	var routes []*Route
	for range 2000 {
		r := &Route{Route: pick(), Active: rng.IntN(2) == 0, RoutePreference: ptr(), Metric: ptr(), SourceProtocol: pick(), SourceProtocolCodes: pick()}
		switch rng.IntN(4) {
		case 1:
			r.NextHop = &RouteNextHop{}
		case 2:
			r.NextHop = &RouteNextHop{OutgoingInterface: RouteOutIntfs{{OutgoingInterface: "Vlan1", Updated: pick()}}}
		case 3:
			r.NextHop = &RouteNextHop{NextHopList: RouteHops{{Index: 1, NextHop: pick()}, {Index: 2, OutgoingInterface: pick(), VRF: pick()}}}
		}
		routes = append(routes, r)
	}
	fixtureRoutes := 0
	for _, raw := range jsontest.Fixtures(t, "iosxe", "show_ip_route") {
		res, _, err := parseShowIpRoute(raw, core.Params{})
		if err != nil {
			continue
		}
		for _, vrf := range res.VRF {
			for _, af := range vrf.AddressFamily {
				for _, rt := range af.Routes {
					routes = append(routes, rt)
					fixtureRoutes++
				}
			}
		}
	}
	require.Positive(t, fixtureRoutes, "the fixtures have routes")
	values := make([]jsontest.Appender, 0, len(routes)+200)
	for _, r := range routes {
		values = append(values, r)
	}
	for _, m := range jsontest.Tables(rng, 200, routes, func(r *Route) string { return r.Route }, strs) {
		values = append(values, &RouteAF{Routes: m})
	}
	jsontest.Equal(t, values...)
	jsontest.Fails(t, &Route{NextHop: &RouteNextHop{NextHopList: RouteHops{nil}}})
}

package nxos

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/jsontest"
)

// genieNextHop is RouteNextHop with Extra's fields in place, in Genie's
// key order: encoding/json on it is the oracle for RouteNextHop's JSON.
type genieNextHop struct {
	Index                int    `json:"index,omitempty"`
	SourceProtocol       string `json:"source_protocol,omitempty"`
	SourceProtocolStatus string `json:"source_protocol_status,omitempty"`
	NextHop              string `json:"next_hop,omitempty"`
	NextHopVRF           string `json:"next_hop_vrf,omitempty"`
	NextHopAF            string `json:"next_hop_af,omitempty"`
	BestUcastNexthop     bool   `json:"best_ucast_nexthop,omitempty"`
	BestMcastNexthop     bool   `json:"best_mcast_nexthop,omitempty"`
	OutgoingInterface    string `json:"outgoing_interface,omitempty"`
	Updated              string `json:"updated,omitempty"`
	RoutePreference      *int   `json:"route_preference,omitempty"`
	Metric               *int   `json:"metric,omitempty"`
	MPLS                 bool   `json:"mpls,omitempty"`
	MPLSVPN              bool   `json:"mpls_vpn,omitempty"`
	Stale                bool   `json:"stale,omitempty"`
	EVPN                 bool   `json:"evpn,omitempty"`
	SegID                *int   `json:"segid,omitempty"`
	Asymmetric           bool   `json:"asymmetric,omitempty"`
	TunnelID             string `json:"tunnelid,omitempty"`
	Encap                string `json:"encap,omitempty"`
}

func toGenieNextHop(h *RouteNextHop) genieNextHop {
	g := genieNextHop{Index: h.Index, SourceProtocol: h.SourceProtocol, SourceProtocolStatus: h.SourceProtocolStatus,
		NextHop: h.NextHop, BestUcastNexthop: h.BestUcastNexthop, BestMcastNexthop: h.BestMcastNexthop,
		OutgoingInterface: h.OutgoingInterface, Updated: h.Updated, RoutePreference: h.RoutePreference, Metric: h.Metric}
	if x := h.Extra; x != nil {
		g.NextHopVRF, g.NextHopAF, g.MPLS, g.MPLSVPN, g.Stale, g.EVPN = x.NextHopVRF, x.NextHopAF, x.MPLS, x.MPLSVPN, x.Stale, x.EVPN
		g.SegID, g.Asymmetric, g.TunnelID, g.Encap = x.SegID, x.Asymmetric, x.TunnelID, x.Encap
	}
	return g
}

// TestRouteNextHopJSON checks the hand-written next-hop encoding against
// encoding/json on genieNextHop, on random next hops (strings that need
// escaping, nil and zero pointers, every flag, with and without Extra)
// and on the route fixtures.
func TestRouteNextHopJSON(t *testing.T) {
	assert.Equal(t, 11, reflect.TypeFor[RouteNextHop]().NumField(), "RouteNextHop changed: update appendJSON and genieNextHop")
	assert.Equal(t, 10, reflect.TypeFor[NextHopExtra]().NumField(), "NextHopExtra changed: update appendJSON, isZero and genieNextHop")
	// isZero: true for the zero value, false when any one field is set.
	assert.True(t, (&NextHopExtra{}).isZero())
	one := 0
	for i := range reflect.TypeFor[NextHopExtra]().NumField() {
		var x NextHopExtra
		f := reflect.ValueOf(&x).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Pointer:
			f.Set(reflect.ValueOf(&one))
		}
		assert.False(t, x.isZero(), "field %d set", i)
	}
	strs := []string{"", "Eth1/1", "10.0.0.1", "bgp-65001", "<&>", "a\"b\\c", "tab\there", "é", "\x01", "\u2028", "\xff"}
	rng := rand.New(rand.NewPCG(7, 9))
	pick := jsontest.Picker(rng, strs)
	ptr := jsontest.IntPtr(rng, -1, 4)
	flag := func() bool { return rng.IntN(2) == 0 }
	check := func(h *RouteNextHop, msg ...any) {
		t.Helper()
		want, err := json.Marshal(toGenieNextHop(h))
		require.NoError(t, err)
		require.Equal(t, string(want), string(h.appendJSON(nil)), msg...)
		got, err := json.Marshal(h)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), msg...)
		// Not addressable: alone and as a map value.
		got, err = json.Marshal(*h)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), msg...)
		got, err = json.Marshal(map[string]RouteNextHop{"a": *h})
		require.NoError(t, err)
		require.Equal(t, `{"a":`+string(want)+`}`, string(got), msg...)
	}
	for i := range 2000 {
		h := &RouteNextHop{Index: rng.IntN(3), SourceProtocol: pick(), SourceProtocolStatus: pick(), NextHop: pick(),
			BestUcastNexthop: flag(), BestMcastNexthop: flag(),
			OutgoingInterface: pick(), Updated: pick(), RoutePreference: ptr(), Metric: ptr()}
		if rng.IntN(3) > 0 {
			h.Extra = &NextHopExtra{NextHopVRF: pick(), NextHopAF: pick(), MPLS: flag(),
				MPLSVPN: flag(), Stale: flag(), EVPN: flag(), SegID: ptr(), Asymmetric: flag(), TunnelID: pick(), Encap: pick()}
		}
		check(h, "case %d: %+v", i, h)
	}

	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "outputs", "nxos", "show_ip_route*", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	texts := map[string]string{"extras": "10.9.9.0/24, ubest/mbest: 2/0\n" +
		"    *via 10.0.0.1%VRF1:ipv4, [200/0], 3d04h, bgp-65001, internal, tag 65002 (mpls-vpn)\n" +
		"    *via 10.0.0.2%default, [20/0], 01:00:00, bgp-100, external, tag 200, segid: 50000 tunnelid: 0x1010101 encap: VXLAN\n"}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		texts[f] = string(raw)
	}
	hops, extras := 0, 0
	for f, raw := range texts {
		res, _, err := runSrc(raw, nil, parseShowIpRoute)
		if err != nil {
			continue
		}
		for _, vrf := range res.VRF {
			for _, af := range vrf.AddressFamily {
				for _, rt := range af.Routes {
					for i := range rt.NextHop.NextHopList {
						h := &rt.NextHop.NextHopList[i]
						check(h, f)
						hops++
						if h.Extra != nil {
							extras++
						}
					}
					// The list as a whole: an object keyed by index.
					if l := rt.NextHop.NextHopList; len(l) > 0 {
						got, err := l.MarshalJSON()
						require.NoError(t, err)
						want := map[string]genieNextHop{}
						for i := range l {
							want[strconv.Itoa(l[i].Index)] = toGenieNextHop(&l[i])
						}
						wb, err := json.Marshal(want)
						require.NoError(t, err)
						assert.JSONEq(t, string(wb), string(got), f)
					}
				}
			}
		}
	}
	assert.Positive(t, hops, "the fixtures have next hops")
	assert.Positive(t, extras, "the fixtures have next hops with extras")
}

// TestSlotModuleJSON checks a slot's module against encoding/json on the
// one-entry map it stands for, on random modules (strings that need
// escaping, a nil module) and on every module of the golden outputs and
// fixtures.
func TestSlotModuleJSON(t *testing.T) {
	assert.Equal(t, 10, reflect.TypeFor[ModuleInfo]().NumField(), "ModuleInfo changed: update SlotModule.AppendJSON")
	strs := []string{"", "1", "N9K-C9508-FM-R", "<&>", "a\"b\\c", "é", "\xff", "\u2028", "Supervisor Module"}
	rng := rand.New(rand.NewPCG(17, 19))
	pick := jsontest.Picker(rng, strs)
	var mods []SlotModule
	for range 2000 {
		m := SlotModule{ModuleType: pick()}
		if rng.IntN(8) > 0 {
			m.ModuleInfo = &ModuleInfo{Ports: pick(), Slot: pick(), Model: pick(), Status: pick(), Software: pick(),
				Hardware: pick(), MACAddress: pick(), SerialNumber: pick(), OnlineDiagStatus: pick(), SlotWWN: pick()}
		}
		mods = append(mods, m)
	}
	var files []string
	for _, pat := range []string{
		filepath.Join("..", "..", "fixtures", "outputs", "nxos", "show_module*", "*.txt"),
		filepath.Join(goldenDir(), "ShowModule", "*.txt"),
	} {
		f, err := filepath.Glob(pat)
		require.NoError(t, err)
		files = append(files, f...)
	}
	if _, err := os.Stat(goldenDir()); err == nil {
		golden, _ := filepath.Glob(filepath.Join(goldenDir(), "ShowModule", "*.txt"))
		require.NotEmpty(t, golden, "the corpus is there: its ShowModule cases are checked too")
	}
	fromText := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		r, err := ParseShowModule(string(raw))
		if err != nil {
			continue
		}
		for _, g := range []map[string]SlotModule{r.Slot.RP, r.Slot.LC} {
			for _, m := range g {
				mods = append(mods, m)
				fromText++
			}
		}
	}
	assert.Positive(t, fromText, "the fixtures have modules")
	for i, m := range mods {
		want, err := json.Marshal(map[string]*ModuleInfo{m.ModuleType: m.ModuleInfo})
		require.NoError(t, err)
		got, err := json.Marshal(m)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "case %d", i)
		app, err := m.AppendJSON([]byte("x"))
		require.NoError(t, err)
		require.Equal(t, "x"+string(want), string(app), "case %d", i)
	}
}

// TestFloatAppendJSON checks Float's encoding against encoding/json.
func TestFloatAppendJSON(t *testing.T) {
	var good, bad []jsontest.Appender
	for _, f := range jsontest.Floats {
		good = append(good, Float(f), Float(-f))
	}
	for _, f := range jsontest.BadFloats {
		bad = append(bad, Float(f))
	}
	jsontest.Equal(t, good...)
	jsontest.Fails(t, bad...)
}

// TestRouteJSON checks Route's hand-written encoding against encoding/json
// (which does not call AppendJSON) on random routes and on every route of
// the fixtures, and that the types it writes have the fields it knows: a
// new field must be added to AppendJSON too.
func TestRouteJSON(t *testing.T) {
	jsontest.Fields(t, map[reflect.Type]int{
		reflect.TypeFor[Route]():        16,
		reflect.TypeFor[RouteNext]():    2,
		reflect.TypeFor[RouteIntfHop](): 4,
		reflect.TypeFor[RouteAF]():      1,
	})
	strs := []string{"", "Eth1/1", "10.0.0.0/8", "bgp-65001", "<&>", "a\"b\\c", "é", "\xff"}
	rng := rand.New(rand.NewPCG(3, 5))
	pick := jsontest.Picker(rng, strs)
	ptr := jsontest.IntPtr(rng, -1, 299)
	flag := func() bool { return rng.IntN(2) == 0 }
	var routes []*Route
	for range 2000 {
		r := &Route{Route: pick(), UBest: ptr(), MBest: ptr(), ProcessID: pick(), RoutePreference: ptr(), Metric: ptr(),
			Hidden: flag(), SourceProtocol: pick(), SourceProtocolStatus: pick(), Attached: flag(), Active: flag(),
			Direct: flag(), Pervasive: flag(), AllBest: pick()}
		if rng.IntN(2) == 0 {
			tag := rng.Int64N(1<<33) - 1
			r.Tag = &tag
		}
		switch rng.IntN(4) {
		case 1:
			r.NextHop.OutgoingInterface = map[string]*RouteIntfHop{}
		case 2:
			r.NextHop.OutgoingInterface = map[string]*RouteIntfHop{pick(): {OutgoingInterface: pick(), Updated: pick(),
				BestUcastNexthop: flag()}, "Null0": {BestMcastNexthop: true}, "<nil>": nil}
		}
		if rng.IntN(2) == 0 {
			r.NextHop.NextHopList = IndexedNextHops{{Index: 1, NextHop: pick()}, {Index: 2, Metric: ptr()}}
		}
		routes = append(routes, r)
	}
	for _, raw := range jsontest.Fixtures(t, "nxos", "show_ip_route*") {
		res, _, err := runSrc(raw, nil, parseShowIpRoute)
		if err != nil {
			continue
		}
		for _, vrf := range res.VRF {
			for _, af := range vrf.AddressFamily {
				for _, rt := range af.Routes {
					routes = append(routes, rt)
				}
			}
		}
	}
	require.Greater(t, len(routes), 2000, "the fixtures have routes")
	values := make([]jsontest.Appender, len(routes))
	for i, r := range routes {
		values[i] = r
	}
	jsontest.Equal(t, values...)
	// Route tables: the routes above keyed by their prefix or a string
	// that needs escaping, with nil routes, empty and nil maps.
	var afs []jsontest.Appender
	for _, m := range jsontest.Tables(rng, 200, routes, func(r *Route) string { return r.Route }, strs) {
		afs = append(afs, &RouteAF{Routes: m})
	}
	jsontest.Equal(t, afs...)
}

// TestBgpSummaryAFsJSON checks the keyed list of a neighbor's families
// against encoding/json on the map it stands for: random rows (strings
// that need escaping, odd AS numbers, nil and set summary fields) and
// every row of the BGP fixtures and golden outputs.
func TestBgpSummaryAFsJSON(t *testing.T) {
	assert.Equal(t, 13, reflect.TypeFor[BgpSummaryAF]().NumField(), "BgpSummaryAF changed: update its appendJSON")
	assert.Equal(t, 19, reflect.TypeFor[BgpAFSummary]().NumField(), "BgpAFSummary changed: update appendJSON")
	strs := []string{"", "idle", "1y12w", "<&>", "a\"b\\c", "é", "\xff", "ipv4 unicast", "ipv6 unicast"}
	ases := []json.Number{"", "0", "65001", "1.100", "007", "-1", "1e3", "x"}
	rng := rand.New(rand.NewPCG(11, 13))
	pick := jsontest.Picker(rng, strs)
	ptr := jsontest.IntPtr(rng, -1, 299)
	check := func(l BgpSummaryAFs) {
		t.Helper()
		m := map[string]*BgpSummaryAF{}
		for _, a := range l {
			m[a.family] = a
		}
		want, werr := json.Marshal(m)
		got, gerr := json.Marshal(l)
		if werr != nil {
			require.Error(t, gerr)
			return
		}
		require.NoError(t, gerr)
		require.Equal(t, string(want), string(got))
		app, err := l.AppendJSON([]byte("x"))
		require.NoError(t, err)
		require.Equal(t, "x"+string(want), string(app))
	}
	for range 2000 {
		var l BgpSummaryAFs
		for range rng.IntN(3) + 1 {
			a := &BgpSummaryAF{NeighborTableVersion: rng.IntN(5), AS: ases[rng.IntN(len(ases))], MsgRcvd: rng.IntN(9),
				UpDown: pick(), StatePfxRcd: pick(), State: pick(), PrefixReceived: pick(), family: pick()}
			if rng.IntN(3) > 0 {
				d := rng.IntN(2) == 0
				s := &BgpAFSummary{RouteIdentifier: pick(), LocalAS: ptr(), BgpTableVersion: ptr(), ConfigPeers: ptr(),
					AttributeEntries: pick(), CommunityEntries: pick(), HistoryPaths: ptr(), SoftReconfigBytes: ptr()}
				if rng.IntN(2) == 0 {
					s.Prefixes, s.Path = &BgpEntriesMem{1, 2}, &BgpEntriesMem{3, 4}
				}
				if rng.IntN(2) == 0 {
					s.Dampening = &d
				}
				a.BgpAFSummary = s
			}
			l = l.set(a)
		}
		check(l)
	}
	var texts []string
	for _, dir := range []string{filepath.Join("..", "..", "fixtures", "outputs", "nxos"), goldenDir()} {
		for _, pat := range []string{"*bgp*/*.txt", "*Bgp*/*.txt"} {
			files, _ := filepath.Glob(filepath.Join(dir, pat))
			for _, f := range files {
				raw, err := os.ReadFile(f)
				require.NoError(t, err)
				texts = append(texts, string(raw))
			}
		}
	}
	texts = append(texts, syntheticBgp(100))
	rows := 0
	for _, text := range texts {
		res, _, err := run(text, nil, parseShowBgpVrfAllAllSummary)
		if err != nil {
			continue
		}
		for _, vrf := range res.VRF {
			for _, n := range vrf.Neighbor {
				check(n.AddressFamily)
				rows += len(n.AddressFamily)
			}
		}
	}
	assert.Greater(t, rows, 100, "the fixtures have neighbor rows")
	_, err := BgpSummaryAFs{nil}.AppendJSON(nil)
	assert.Error(t, err, "a nil row is an error, not a panic")
}

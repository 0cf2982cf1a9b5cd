package iosxe

import (
	"encoding/json"
	"math/rand/v2"
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
		good = append(good, ASN(a))
	}
	for _, f := range jsontest.BadFloats {
		bad = append(bad, Float(f))
	}
	jsontest.Equal(t, good...)
	jsontest.Fails(t, bad...)
	jsontest.Equal(t, RouteHops{{Index: 1, NextHop: "10.0.0.1"}}, RouteOutIntfs{{OutgoingInterface: "Vlan1"}})
}

// The route lists must encode exactly as the maps they stand for, in any
// order and with any strings.
func TestRouteListsJSON(t *testing.T) {
	strs := []string{"", "10.1.1.2", "Vlan1", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "3w6d"}
	rng := rand.New(rand.NewPCG(3, 5))
	pick := func() string { return strs[rng.IntN(len(strs))] }
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

package nxos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRouteValuesNotSharedAcrossParses: figures may be shared between the
// routes of one result, never with another parse, so a caller writing
// through one (or two snapshots parsing at once) cannot change another
// result.
func TestRouteValuesNotSharedAcrossParses(t *testing.T) {
	const out = `IP Route Table for VRF "default"
'*' denotes best ucast next-hop
'**' denotes best mcast next-hop
'[x/y]' denotes [preference/metric]
'%<string>' in via output denotes VRF <string>

10.0.0.0/24, ubest/mbest: 1/0
    *via 10.1.1.1, Eth1/1, [110/41], 3d02h, ospf-1, intra
10.0.1.0/24, ubest/mbest: 1/0
    *via 10.1.1.1, Eth1/1, [110/41], 3d02h, ospf-1, intra
`
	first, err := ParseShowIpRoute(out, "")
	require.NoError(t, err)
	r := first.VRF["default"].AddressFamily["ipv4"].Routes["10.0.0.0/24"]
	require.NotNil(t, r)
	require.NotEmpty(t, r.NextHop.NextHopList)
	*r.NextHop.NextHopList[0].Metric = 999
	*r.UBest = 7
	second, err := ParseShowIpRoute(out, "")
	require.NoError(t, err)
	for _, prefix := range []string{"10.0.0.0/24", "10.0.1.0/24"} {
		r2 := second.VRF["default"].AddressFamily["ipv4"].Routes[prefix]
		require.NotNil(t, r2, prefix)
		assert.Equal(t, 41, *r2.NextHop.NextHopList[0].Metric, prefix)
		assert.Equal(t, 1, *r2.UBest, prefix)
	}
}

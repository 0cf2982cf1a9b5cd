package iosxr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
	"github.com/goissu/goissu/parsers/iosxr"
)

// TestSuiteCommandsResolve checks that the commands of the iosxr ISSU
// profile find their parser through the registry, with their parameters.
func TestSuiteCommandsResolve(t *testing.T) {
	tests := []struct {
		cmd, class string
		params     parsers.Params
	}{
		{"show version", "ShowVersion", nil},
		{"show redundancy", "ShowRedundancy", nil},
		{"show redundancy summary", "ShowRedundancySummary", nil},
		{"show platform", "ShowPlatform", nil},
		{"show install active summary", "ShowInstallActiveSummary", nil},
		{"show install commit summary", "ShowInstallCommitSummary", nil},
		{"show processes cpu", "ShowProcessesCpu", nil},
		{"show bgp summary", "ShowBgpSummary", nil},
		{"show bgp ipv6 unicast summary", "ShowBgpSummary", parsers.Params{"afi": "ipv6", "safi": "unicast"}},
		{"show bgp l2vpn evpn summary", "ShowBgpL2vpnEvpnSummary", nil},
		{"show bgp vrf CUST-A summary", "ShowBgpSummary", parsers.Params{"vrf": "CUST-A"}},
		{"show bgp vrf all ipv4 unicast summary", "ShowBgpSummary", parsers.Params{"vrf": "all", "afi": "ipv4"}},
		{"show bgp instance default vrf CUST-A summary", "ShowBgpInstanceSummary", parsers.Params{"vrf": "CUST-A"}},
		{"show bgp instance all all all summary", "ShowBgpInstanceSummary", parsers.Params{"instance": "all"}},
		{"show ospf neighbor", "ShowOspfNeighbor", nil},
		{"show ospf vrf all-inclusive neighbor", "ShowOspfNeighbor", parsers.Params{"vrf": "all-inclusive"}},
		{"show route ipv4", "ShowRouteIpv4", nil},
		{"show route vrf CUST-A ipv4", "ShowRouteIpv4", parsers.Params{"vrf": "CUST-A"}},
		{"show route ipv4 10.0.0.0/8", "ShowRouteIpv4", nil},
		{"show logging", "ShowLogging", nil},
		{"show logging | include ADJCHANGE", "ShowLogging", nil},
		{"dir disk0:", "Dir", parsers.Params{"directory": "disk0:"}},
		{"show inventory", "ShowInventory", nil},
		{"show ip interface brief", "ShowIpInterfaceBrief", nil},
		{"show filesystem location all", "ShowFilesystemLocationAll", nil},
		{"show variables boot", "ShowVariablesBoot", nil},
		{"ping 10.0.0.1", "Ping", parsers.Params{"addr": "10.0.0.1"}},
	}
	for _, tc := range tests {
		t.Run(tc.cmd, func(t *testing.T) {
			p, params, err := parsers.Lookup("iosxr", tc.cmd)
			require.NoError(t, err)
			assert.Equal(t, tc.class, p.Class)
			for k, v := range tc.params {
				assert.Equal(t, v, params[k], "param %s", k)
			}
		})
	}
}

// TestParseThroughRegistry runs a VRF route table through parsers.Parse to
// check that the template's {vrf} reaches the parser.
func TestParseThroughRegistry(t *testing.T) {
	out := "Fri Nov 27 08:23:40.900 UTC\n\nO    10.9.0.0/16 [110/3] via 172.16.10.1, 2d04h, TenGigE0/0/0/6.200\n"
	res, err := parsers.ParseWithInfo("iosxr", "show route vrf CUST-A ipv4", out)
	require.NoError(t, err)
	assert.Empty(t, res.Unparsed)
	r, ok := res.Parsed.(*iosxr.ShowRouteIpv4)
	require.True(t, ok, "typed result, got %T", res.Parsed)
	require.Contains(t, r.Vrf, "CUST-A")
	assert.NotNil(t, r.Vrf["CUST-A"].AddressFamily["ipv4"].Routes.Get("10.9.0.0/16"))
}

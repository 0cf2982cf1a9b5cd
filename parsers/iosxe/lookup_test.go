package iosxe_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
	"github.com/goissu/goissu/parsers/iosxe"
)

// The commands the ISSU suites send must resolve to the intended class,
// with their parameters, through the registry.
func TestSuiteCommandsResolve(t *testing.T) {
	tests := []struct {
		cmd, class string
		params     parsers.Params
	}{
		{"show version", "ShowVersion", nil},
		{"show processes cpu sorted | include CPU", "ShowProcessesCpuSorted", nil},
		{"show ip route vrf CUST-A", "ShowIpRoute", parsers.Params{"vrf": "CUST-A"}},
		{"show ip route", "ShowIpRoute", nil},
		{"show ip cef 10.1.1.0", "ShowIpCef", parsers.Params{"prefix": "10.1.1.0"}},
		{"ping 192.0.2.1", "Ping", parsers.Params{"addr": "192.0.2.1"}},
		{"show bootvar", "ShowBootvar", nil},
		{"show install summary", "ShowInstallSummary", nil},
		{"show install committed", "ShowInstallState", parsers.Params{"state": "committed"}},
		{"show issu state detail", "ShowIssuStateDetail", nil},
		{"show issu rollback-timer", "ShowIssuRollbackTimer", nil},
		{"show redundancy states", "ShowRedundancyStates", nil},
		{"show bgp all summary", "ShowBgpAllSummary", nil},
		{"show logging | include BGP", "ShowLogging", nil},
		{"sh ver", "ShowVersion", nil},
	}
	for _, tc := range tests {
		t.Run(tc.cmd, func(t *testing.T) {
			p, params, err := parsers.Lookup("iosxe", tc.cmd)
			require.NoError(t, err)
			assert.Equal(t, tc.class, p.Class)
			for k, v := range tc.params {
				assert.Equal(t, v, params[k])
			}
		})
	}
}

func TestParseThroughRegistry(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "outputs", "iosxe", "show_ip_route", "default_mixed.txt"))
	require.NoError(t, err)
	res, err := parsers.ParseWithInfo("iosxe", "show ip route", string(b))
	require.NoError(t, err)
	r, ok := res.Parsed.(*iosxe.ShowIpRoute)
	require.True(t, ok, "%T", res.Parsed)
	assert.Contains(t, r.VRF["default"].AddressFamily["ipv4"].Routes, "10.20.0.0/16")
	assert.Empty(t, res.Unparsed)

	_, err = parsers.Parse("iosxe", "show ip route vrf EMPTY", "Routing Table: EMPTY\n\nGateway of last resort is not set\n")
	assert.ErrorIs(t, err, parsers.ErrEmpty)
}

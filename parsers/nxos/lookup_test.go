package nxos_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
)

// TestSuiteCommandsRegistered checks that the commands the ISSU suites send
// reach the intended parser, with their parameters.
func TestSuiteCommandsRegistered(t *testing.T) {
	tests := []struct {
		cmd    string
		class  string
		params map[string]string
	}{
		{"show version", "ShowVersion", nil},
		{"show module", "ShowModule", nil},
		{"show ip route vrf all", "ShowIpRoute", nil},
		{"show ip route 10.99.0.0/24 vrf default", "ShowIpRoute", map[string]string{"vrf": "default"}},
		{"show logging last 200", "ShowLoggingLogfile", map[string]string{"n": "200"}},
		{"show logging logfile", "ShowLoggingLogfile", nil},
		{"ping 10.1.1.2 vrf management", "Ping", map[string]string{"addr": "10.1.1.2", "vrf": "management"}},
		{"ping 10.1.1.2 vrf default source 10.0.0.1 count 5", "Ping", map[string]string{"count": "5", "source": "10.0.0.1"}},
		{"show processes cpu | include CPU", "ShowProcessCpu", nil},
		{"show install all impact nxos bootflash:nxos64-cs.10.4.3.F.bin", "ShowInstallAllImpact",
			map[string]string{"image": "bootflash:nxos64-cs.10.4.3.F.bin"}},
		{"show install all status", "ShowInstallAllStatus", nil},
		{"show incompatibility-all nxos bootflash:nxos64-cs.10.4.3.F.bin", "ShowIncompatibilityNxos", nil},
		{"show boot mode", "ShowBootMode", nil},
		{"show boot", "ShowBoot", nil},
		{"show cores", "ShowCores", nil},
		{"show ip bgp summary", "ShowIpBgpSummary", nil},
		{"show ip bgp summary vrf blue", "ShowIpBgpSummary", map[string]string{"vrf": "blue"}},
		{"show bgp vrf all all summary", "ShowBgpVrfAllAllSummary", nil},
		{"show system redundancy status", "ShowSystemRedundancyStatus", nil},
		{"show spanning-tree issu-impact", "ShowSpanningTreeIssuImpact", nil},
		{"dir bootflash:", "Dir", map[string]string{"directory": "bootflash:"}},
		{"show system resources", "ShowSystemResources", nil},
		{"show ip ospf neighbors detail vrf all", "ShowIpOspfNeighborDetail", map[string]string{"vrf": "all"}},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			p, params, err := parsers.Lookup("nxos", tt.cmd)
			require.NoError(t, err)
			assert.Equal(t, tt.class, p.Class)
			for k, v := range tt.params {
				assert.Equal(t, v, params[k], k)
			}
		})
	}
}

package devices

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsWriteCommand(t *testing.T) {
	cases := []struct {
		cmd   string
		write bool
	}{
		{"configure terminal", true},
		{"conf t", true},
		{"config", true},
		{"write memory", true},
		{"wr mem", true},
		{"wr", true},
		{"copy running-config startup-config", true},
		{"delete bootflash:old.bin", true},
		{"erase startup-config", true},
		{"format bootflash:", true},
		{"reload", true},
		{"reload module 27", true},
		{"install all nxos bootflash:nxos64-cs.10.4.3.F.bin", true},
		{"install add file bootflash:x activate commit", true},
		{"clear ip bgp *", true},
		{"clear counters", true},
		{"debug ip packet", true},
		{"system switchover", true},
		{"sys switch", true},
		{"redundancy force-switchover", true},
		{"request platform software package expand", true},
		{"set cli pager off", true},
		{"commit", true},
		{"  CONF T  ", true},
		{"do wr", true},
		{"no feature bgp", true},
		{"show install all status", false},
		{"show running-config", false},
		{"sh run", false},
		{"show version | include uptime", false},
		{"dir bootflash:", false},
		{"ping 127.0.0.1", false},
		{"show clock", false},
		{"terminal length 0", false},
		{"show redundancy", false},
		{"traceroute 127.0.0.1", false},
		{"", false},
		{"show logging | include reload", false},
		{"co", false}, // ambiguous on the device; not a write by itself
	}
	for _, tc := range cases {
		t.Run(tc.cmd, func(t *testing.T) {
			assert.Equal(t, tc.write, IsWriteCommand(tc.cmd))
		})
	}
}

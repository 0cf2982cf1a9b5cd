package iosxe

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
)

// fixtureDir holds outputs the project wrote itself (not Genie's corpus).
const fixtureDir = "../../fixtures/outputs/iosxe"

func readFixture(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, rel))
	require.NoError(t, err)
	return string(b)
}

func entry(t *testing.T, class string) core.Entry {
	t.Helper()
	for _, e := range Entries() {
		if e.Class == class {
			return e
		}
	}
	t.Fatalf("no entry %s", class)
	return core.Entry{}
}

// parseVia runs a class through its registry entry, checks that nothing
// was left unparsed and returns the typed result.
func parseVia[T any](t *testing.T, class, rel string, p core.Params) *T {
	t.Helper()
	v, unparsed, err := entry(t, class).Parse(readFixture(t, rel), p)
	require.NoError(t, err)
	assert.Empty(t, unparsed, "unparsed lines")
	r, ok := v.(*T)
	require.True(t, ok, "result type %T", v)
	return r
}

func TestShowVersionFixtures(t *testing.T) {
	t.Run("c9500 stackwise virtual, CRLF, echo and trailing prompt", func(t *testing.T) {
		r := parseVia[ShowVersion](t, "ShowVersion", "show_version/c9500_svl_crlf.txt", nil)
		v := r.Version
		assert.Equal(t, "17.12.03", v.XEVersion)
		assert.Equal(t, "17.12.3", v.Version)
		assert.Equal(t, "17.12", v.VersionShort)
		assert.Equal(t, "core-sw1", v.Hostname)
		assert.Equal(t, "3 years, 12 weeks, 4 days, 7 hours, 51 minutes", v.Uptime)
		assert.Equal(t, "SSO Switchover", v.ReturnedToROMBy)
		assert.Equal(t, "04:12:09 UTC Sun Jan 7 2024", v.ReturnedToROMAt)
		assert.Equal(t, "production image", v.ImageType)
		assert.Equal(t, "C9500-48Y4C", v.Chassis)
		assert.Equal(t, "FDO23410ABC", v.ChassisSN)
		assert.Equal(t, "96", v.NumberOfIntfs["TwentyFive Gigabit Ethernet"])
		assert.Equal(t, "Subscription Smart License", v.LicensePackage["dna-advantage"].LicenseType)
		require.Len(t, v.SwitchNum, 2)
		require.NotNil(t, v.SwitchNum["1"].Active)
		assert.True(t, *v.SwitchNum["1"].Active)
		assert.False(t, *v.SwitchNum["2"].Active)
		assert.Equal(t, "FDO23410ABD", v.SwitchNum["2"].SystemSN)
		assert.Equal(t, "70:b3:17:aa:01:00", v.SwitchNum["1"].MACAddress, "top block belongs to the active member")
		assert.Equal(t, "INSTALL", v.SwitchNum["2"].Mode)
		assert.Equal(t, "0x102", v.CurrConfigRegister)
	})
	t.Run("asr1006-x with pending config register", func(t *testing.T) {
		r := parseVia[ShowVersion](t, "ShowVersion", "show_version/asr1006x_rommon_change.txt", nil)
		v := r.Version
		assert.Equal(t, "ASR1K", v.RtrType)
		assert.Equal(t, "RP3", v.ProcessorType)
		assert.Equal(t, "0x2142", v.NextConfigRegister)
		assert.Equal(t, "adventerprise", v.LicenseLevel)
		assert.Equal(t, "SATA hard disk", v.Disks["harddisk:."].TypeOfDisk)
		require.NotNil(t, v.ROM)
		assert.Equal(t, "17.3(1r)", v.ROM.Value)
		assert.Equal(t, "Autonomous", v.RouterOperatingMode)
	})
	t.Run("only the echo", func(t *testing.T) {
		_, err := ParseShowVersion(readFixture(t, "show_version/empty_after_echo.txt"))
		assert.ErrorIs(t, err, core.ErrEmpty)
	})
}

func TestShowIpRouteFixtures(t *testing.T) {
	r := parseVia[ShowIpRoute](t, "ShowIpRoute", "show_ip_route/default_mixed.txt", nil)
	routes := r.VRF["default"].AddressFamily["ipv4"].Routes
	tests := []struct {
		prefix, codes, proto string
		pref, metric, hops   int
	}{
		{"0.0.0.0/0", "S*", "static", 1, 0, 1},
		{"10.20.0.0/16", "O E2", "ospf", 110, 20, 2},
		{"10.30.4.0/24", "O IA", "ospf", 110, 3, 1},
		{"172.16.8.0/24", "B", "bgp", 20, 0, 1},
		{"192.168.50.0/24", "D EX", "eigrp", 170, 3072, 1},
	}
	for _, tc := range tests {
		t.Run(tc.prefix, func(t *testing.T) {
			rt := routes[tc.prefix]
			require.NotNil(t, rt)
			assert.Equal(t, tc.codes, rt.SourceProtocolCodes)
			assert.Equal(t, tc.proto, rt.SourceProtocol)
			require.NotNil(t, rt.RoutePreference)
			assert.Equal(t, tc.pref, *rt.RoutePreference)
			assert.Equal(t, tc.metric, *rt.Metric)
			assert.Len(t, rt.NextHop.NextHopList, tc.hops)
		})
	}
	t.Run("ecmp second hop", func(t *testing.T) {
		h := routes["10.20.0.0/16"].NextHop.NextHopList.Get("2")
		assert.Equal(t, "10.1.2.2", h.NextHop)
		assert.Equal(t, "TenGigabitEthernet0/1/1", h.OutgoingInterface)
		assert.Equal(t, "5d03h", h.Updated)
	})
	t.Run("connected", func(t *testing.T) {
		assert.NotNil(t, routes["10.1.1.1/32"].NextHop.OutgoingInterface.Get("TenGigabitEthernet0/1/0"))
		assert.Equal(t, "local", routes["10.1.1.1/32"].SourceProtocol)
	})
	t.Run("empty vrf is ErrEmpty with nothing unparsed", func(t *testing.T) {
		_, un, err := entry(t, "ShowIpRoute").Parse(readFixture(t, "show_ip_route/vrf_empty.txt"), core.Params{"vrf": "CUST-EMPTY"})
		assert.ErrorIs(t, err, core.ErrEmpty)
		assert.Empty(t, un)
	})
}

func TestBgpSummaryFixture(t *testing.T) {
	r := parseVia[ShowBgpSummary](t, "ShowBgpAllSummary", "show_bgp_all_summary/four_byte_asn.txt", nil)
	assert.Equal(t, ASN("4200000001"), r.BGPID)
	nb := r.VRF["default"].Neighbor
	require.Len(t, nb, 4)
	tests := []struct {
		addr, af, state string
		as              ASN
	}{
		{"192.0.2.2", "ipv4 unicast", "740", "4200000002"},
		{"192.0.2.3", "ipv4 unicast", "Active", "65000.100"},
		{"198.51.100.9", "ipv4 unicast", "Idle (Admin)", "64512"},
		{"2001:DB8:100::2", "ipv6 unicast", "12", "4200000002"},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			e := nb[tc.addr].AddressFamily.Get(tc.af)
			require.NotNil(t, e)
			assert.Equal(t, tc.state, e.StatePfxRcd)
			assert.Equal(t, tc.as, e.AS)
		})
	}
	b, err := json.Marshal(nb["192.0.2.3"].AddressFamily.Get("ipv4 unicast"))
	require.NoError(t, err)
	assert.Contains(t, string(b), `"as":"65000.100"`, "asdot AS stays a string")
	assert.Contains(t, string(b), `"local_as":4200000001`, "plain AS is a number")
	assert.Equal(t, 60, *nb["2001:DB8:100::2"].AddressFamily.Get("ipv6 unicast").ScanInterval)
}

func TestISSUFixtures(t *testing.T) {
	t.Run("install summary", func(t *testing.T) {
		r := parseVia[ShowInstallSummary](t, "ShowInstallSummary", "show_install_summary/activated_uncommitted.txt", nil)
		loc := r.Location["R0 R1"]
		require.NotNil(t, loc)
		assert.Equal(t, "U", loc.PkgState["1"].State)
		assert.Equal(t, "17.12.03.0.4012", loc.PkgState["1"].FilenameVersion)
		assert.Equal(t, "05:59:12", loc.TimeBeforeRollback)
	})
	t.Run("issu state detail", func(t *testing.T) {
		r := parseVia[ShowIssuStateDetail](t, "ShowIssuStateDetail", "show_issu_state_detail/runversion_pending.txt", nil)
		s := r.Slot["R1"]
		require.NotNil(t, s)
		assert.Equal(t, "loadversion", s.LastOperation)
		assert.Equal(t, "timer not started", s.RollbackReason)
		require.NotNil(t, s.TerminalStateReached)
		assert.False(t, *s.TerminalStateReached)
		assert.Equal(t, "vty 2", s.Context)
	})
	t.Run("redundancy states", func(t *testing.T) {
		r := parseVia[ShowRedundancyStates](t, "ShowRedundancyStates", "show_redundancy_states/sso_standby_hot.txt", nil)
		assert.Equal(t, "8  -STANDBY HOT", r.PeerState)
		assert.Equal(t, "enabled", r.ManualSwact)
		assert.Empty(t, r.ManualSwactReason)
		assert.Equal(t, 119, r.ClientCount)
	})
	t.Run("redundancy", func(t *testing.T) {
		r := parseVia[ShowRedundancy](t, "ShowRedundancy", "show_redundancy/asr1k_standby_hot.txt", nil)
		assert.Equal(t, "user forced", r.RedSysInfo.LastSwitchoverReason)
		assert.Equal(t, "STANDBY HOT", r.Slot["slot 6"].CurrSWState)
		assert.Equal(t, "ACTIVE", r.Slot["slot 7"].CurrSWState)
		assert.Equal(t, "bootflash:packages.conf,12;", r.Slot["slot 7"].Boot)
	})
	t.Run("platform", func(t *testing.T) {
		r := parseVia[ShowPlatform](t, "ShowPlatform", "show_platform/asr1006x_dual_rp.txt", nil)
		assert.Equal(t, "ok, standby", *r.Slot["R1"].RP["ASR1000-RP3"].State)
		assert.Equal(t, "20092511", r.Slot["R1"].RP["ASR1000-RP3"].CPLDVer)
		assert.Equal(t, "empty", *r.Slot["P1"].Other[""].State)
		assert.Equal(t, "EPA-18X1GE", r.Slot["0"].LC["ASR1000-MIP100"].Subslot["1"]["EPA-18X1GE"].Name)
	})
}

func TestOtherFixtures(t *testing.T) {
	t.Run("logging", func(t *testing.T) {
		r := parseVia[ShowLogging](t, "ShowLogging", "show_logging/buffer_with_hosts.txt", nil)
		require.Len(t, r.Logs, 4)
		assert.Contains(t, r.Logs[1], "%REDUNDANCY-3-SWITCHOVER")
		assert.Equal(t, 102400, *r.LogBufferBytes)
		h := r.Logging.Trap.LoggingTo["203.0.113.50"]
		require.NotNil(t, h)
		assert.Equal(t, 35, h.MessageLinesLogged)
		assert.Equal(t, "up", h.Link)
		assert.Equal(t, "informational", r.Logging.Buffer.Level)
	})
	t.Run("cpu sorted filtered to the CPU line", func(t *testing.T) {
		r := parseVia[ShowProcessesCpu](t, "ShowProcessesCpuSorted", "show_processes_cpu_sorted/include_cpu.txt", nil)
		assert.Equal(t, 93, *r.FiveSecCPUTotal)
		assert.Equal(t, 12, *r.FiveSecCPUInterrupts)
		assert.Equal(t, 40, *r.FiveMinCPU)
		assert.Nil(t, r.Sort)
	})
	t.Run("ospf neighbors", func(t *testing.T) {
		r := parseVia[ShowIpOspfNeighbor](t, "ShowIpOspfNeighbor", "show_ip_ospf_neighbor/two_interfaces.txt", nil)
		require.Len(t, r.Interfaces["TenGigabitEthernet0/1/1"].Neighbors, 2)
		assert.Equal(t, "FULL/  -", r.Interfaces["TenGigabitEthernet0/1/1"].Neighbors.Get("10.255.0.3").State)
		assert.Equal(t, "INIT/DROTHER", r.Interfaces["TenGigabitEthernet0/1/1"].Neighbors.Get("10.255.0.4").State)
	})
	t.Run("inventory", func(t *testing.T) {
		r := parseVia[ShowInventory](t, "ShowInventory", "show_inventory/c9410r_dual_sup.txt", nil)
		assert.Equal(t, "FXS2301Q0AB", *r.Main.Items["chassis"]["C9410R"].SN)
		assert.Equal(t, "JAE22310BBB", *r.Slot["Slot_4_Supervisor"].Other["C9400-SUP-1"].SN)
		assert.Equal(t, "FNS21110DDD", *r.Main.Items["TenGigabitEthernet3/0/1"]["SFP-10G-LR"].SN)
		assert.Contains(t, r.Slot, "P1")
	})
	t.Run("boot", func(t *testing.T) {
		r := parseVia[ShowBoot](t, "ShowBoot", "show_boot/cat9k_next_reload.txt", nil)
		assert.Equal(t, "bootflash:packages.conf;", r.NextReloadBootVariable)
		require.NotNil(t, r.ManualBoot)
		assert.False(t, *r.ManualBoot)
		assert.Equal(t, "device", r.BootMode)
	})
}

// Every parser treats empty, blank and unrelated output as empty.
func TestEmptyAndGarbage(t *testing.T) {
	inputs := map[string]string{
		"empty":   "",
		"blank":   " \r\n\t\n",
		"prompt":  "router#",
		"invalid": "router#show foo\n          ^\n% Invalid input detected at '^' marker.\n\nrouter#",
	}
	for _, e := range Entries() {
		for name, in := range inputs {
			t.Run(e.Class+"/"+name, func(t *testing.T) {
				v, _, err := e.Parse(in, nil)
				assert.True(t, errors.Is(err, core.ErrEmpty), "err = %v", err)
				assert.Nil(t, v)
			})
		}
	}
}

func TestFloatMarshal(t *testing.T) {
	for in, want := range map[Float]string{5: "5.0", 0: "0.0", 4.52: "4.52", 100: "100.0"} {
		b, err := json.Marshal(in)
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
}

// A family's entry counts are one dict in Genie that every neighbor row
// of the family shares: counts printed after the table show in every row,
// rows copied before the first count line have none, and a new family
// starts afresh.
func TestBgpSummaryEntriesShared(t *testing.T) {
	out := `BGP router identifier 1.1.1.1, local AS number 100
Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
10.0.0.1        4          200      10      10        1    0    0 00:01:00        1
2 BGP AS-PATH entries using 48 bytes of memory
Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
10.0.0.2        4          200      10      10        1    0    0 00:01:00        1
10.0.0.3        4          200      10      10        1    0    0 00:01:00        1
5 BGP rrinfo entries using 40 bytes of memory
0 BGP route-map cache entries using 0 bytes of memory
For address family: VPNv4 Unicast
Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
10.0.0.4        4          200      10      10        1    0    0 00:01:00        1
`
	r, err := ParseShowBgpSummary(out, "", "")
	require.NoError(t, err)
	nb := r.VRF["default"].Neighbor
	names := func(l BgpEntriesByName) (s []string) {
		for _, e := range l {
			s = append(s, e.Name())
		}
		return s
	}
	row := func(addr string) *BgpSumAF { return nb[addr].AddressFamily[0] }
	assert.Nil(t, row("10.0.0.1").Entries)
	for _, a := range []string{"10.0.0.2", "10.0.0.3"} {
		assert.Equal(t, []string{"AS-PATH", "rrinfo"}, names(row(a).Entries), a)
		assert.Nil(t, row(a).CacheEntries, a)
	}
	assert.Nil(t, row("10.0.0.4").Entries)
	assert.Equal(t, 5, row("10.0.0.3").Entries.Get("rrinfo").TotalEntries)
}

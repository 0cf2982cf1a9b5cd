package nxos

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
)

// fixture reads one of the project's own outputs.
func fixture(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "outputs", "nxos", rel))
	require.NoError(t, err)
	return string(b)
}

func TestFixtureShowVersion(t *testing.T) {
	tests := []struct {
		name, file                string
		image, version, kickstart string
		chassis, model, slots, rp string
		days                      int
		reason                    string
	}{
		{"n9508 dual sup, CRLF, prompt", "show_version/n9508_dual_sup_crlf.txt",
			"bootflash:///nxos64-cs.10.2.3.F.bin", "10.2(3)", "",
			"Nexus9000 C9508 (8 Slot)", "Nexus9000 C9508", "8", "Supervisor Module", 412, "Reset due to non-disruptive upgrade"},
		{"n7k kickstart and system", "show_version/n7k_kickstart.txt",
			"bootflash:///n7000-s2-dk9.8.3.1.bin", "8.3(1)", "bootflash:///n7000-s2-kickstart.8.3.1.bin",
			"Nexus7000 C7010 (10 Slot)", "Nexus7000 C7010", "10", "Supervisor Module-2", 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseShowVersion(fixture(t, tt.file))
			require.NoError(t, err)
			sw, hw := r.Platform.Software, r.Platform.Hardware
			assert.Equal(t, tt.image, sw.SystemImageFile)
			assert.Equal(t, tt.version, sw.SystemVersion)
			assert.Equal(t, tt.kickstart, sw.KickstartImageFile)
			assert.Equal(t, tt.chassis, hw.Chassis)
			assert.Equal(t, tt.model, hw.Model)
			assert.Equal(t, tt.slots, hw.Slots)
			assert.Equal(t, tt.rp, hw.RP)
			require.NotNil(t, r.Platform.KernelUptime.Days)
			assert.Equal(t, tt.days, *r.Platform.KernelUptime.Days)
			assert.Equal(t, tt.reason, r.Platform.Reason)
		})
	}
}

func TestFixtureShowModuleDuringISSU(t *testing.T) {
	r, err := ParseShowModule(fixture(t, "show_module/n9508_issu_standby_booting.txt"))
	require.NoError(t, err)
	require.Contains(t, r.Slot.RP, "27")
	require.Contains(t, r.Slot.RP, "28")
	active := r.Slot.RP["27"]
	assert.Equal(t, "Supervisor Module", active.ModuleType)
	require.NotNil(t, active.ModuleInfo)
	assert.Equal(t, "active", active.Status)
	assert.Equal(t, "10.4(3)", active.Software)
	booting := r.Slot.RP["28"]
	assert.Equal(t, "Supervisor Module", booting.ModuleType)
	require.NotNil(t, booting.ModuleInfo)
	assert.Equal(t, "powered-up", booting.Status)
	assert.Empty(t, booting.Model, "no model column while the module boots")
	assert.Equal(t, SlotModule{"48x1/10G SFP+ 4x40G Ethernet Module", r.Slot.LC["1"].ModuleInfo}, r.Slot.LC["1"])
	assert.Equal(t, "10.2(3)", r.Slot.LC["1"].Software)
	assert.Equal(t, "System Controller", r.Slot.LC["29"].ModuleType)
	assert.Equal(t, "active", r.Slot.LC["29"].Status)
}

func TestFixtureShowIpRoute(t *testing.T) {
	r, err := ParseShowIpRoute(fixture(t, "show_ip_route/vrf_all_mixed.txt"), "")
	require.NoError(t, err)
	require.Contains(t, r.VRF, "empty-vrf", "an empty VRF is listed")
	assert.Nil(t, r.VRF["empty-vrf"].AddressFamily)
	routes := r.VRF["default"].AddressFamily["ipv4"].Routes
	require.Len(t, routes, 5)

	def := routes["0.0.0.0/0"]
	require.NotNil(t, def.NextHop)
	require.Len(t, def.NextHop.NextHopList, 2, "ECMP next hops")
	assert.Equal(t, "10.1.1.2", def.NextHop.NextHopList[0].NextHop)
	assert.Equal(t, "Ethernet1/50", def.NextHop.NextHopList[1].OutgoingInterface)
	assert.Equal(t, "bgp", def.SourceProtocol)
	assert.Equal(t, "4200000001", def.ProcessID)
	require.NotNil(t, def.Tag)
	assert.Equal(t, int64(4200000002), *def.Tag, "4-byte ASN tag")

	ospf := routes["10.99.0.0/24"]
	assert.Equal(t, "Port-channel10", ospf.NextHop.NextHopList[0].OutgoingInterface)
	assert.Equal(t, 41, *ospf.Metric)
	assert.Equal(t, "intra", ospf.SourceProtocolStatus)

	assert.Equal(t, "mgmt0", r.VRF["management"].AddressFamily["ipv4"].Routes["0.0.0.0/0"].NextHop.NextHopList[0].OutgoingInterface)

	_, err = ParseShowIpRoute(fixture(t, "show_ip_route/route_not_found.txt"), "")
	assert.ErrorIs(t, err, core.ErrEmpty, "Route not found")
}

func TestFixtureBgpSummaries(t *testing.T) {
	r, err := ParseShowBgpVrfAllAllSummary(fixture(t, "show_bgp_vrf_all_all_summary/issu_after_crash.txt"))
	require.NoError(t, err)
	nbrs := r.VRF["default"].Neighbor
	require.Len(t, nbrs, 4)
	wrapped := nbrs["10.1.1.2"].AddressFamily.Get("ipv4 unicast")
	assert.Equal(t, "4200000002", wrapped.AS.String(), "4-byte AS wrapped onto its own line")
	assert.Equal(t, "00:00:41", wrapped.UpDown)
	assert.Equal(t, "811", wrapped.PrefixReceived)
	assert.Equal(t, 4200000001, *wrapped.LocalAS)
	assert.Equal(t, "1y12w", nbrs["10.1.1.6"].AddressFamily.Get("ipv4 unicast").UpDown, "long uptime")
	idle := nbrs["10.1.1.10"].AddressFamily.Get("ipv4 unicast")
	assert.Equal(t, "idle", idle.State)
	assert.Empty(t, idle.PrefixReceived)
	v6 := nbrs["2001:db8:ffff:ffff:ffff:ffff:ffff:2"].AddressFamily.Get("ipv6 unicast")
	require.NotNil(t, v6, "IPv6 neighbor wrapped over three lines")
	assert.Equal(t, 1289, v6.MsgRcvd)
	assert.NotContains(t, r.VRF, "tenant-empty", "a VRF without neighbors has no entry")

	ip, err := ParseShowIpBgpSummary(fixture(t, "show_ip_bgp_summary/vrf_blue.txt"))
	require.NoError(t, err)
	blue := ip.VRF["blue"].Neighbor
	assert.Equal(t, "established", blue["172.16.1.2"].AddressFamily.Get("ipv4 unicast").State)
	assert.Equal(t, "active", blue["172.16.1.6"].AddressFamily.Get("ipv4 unicast").State)
	assert.Equal(t, 3, *blue["172.16.1.2"].AddressFamily.Get("ipv4 unicast").SoftReconfigRecvdPaths)
}

func TestFixtureInstallAllImpact(t *testing.T) {
	tests := []struct {
		name       string
		file       string
		disruptive bool
		modules    int
		reason3    string
		info       int
	}{
		{"disruptive line card", "show_install_all_impact/n9508_disruptive.txt", true, 4, "Incompatible image", 1},
		{"all non-disruptive", "show_install_all_impact/n9508_nondisruptive.txt", false, 4, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseShowInstallAllImpact(fixture(t, tt.file))
			require.NoError(t, err)
			assert.True(t, r.CompatibilityCheckDone)
			assert.Equal(t, tt.disruptive, r.Disruptive)
			assert.Len(t, r.Module, tt.modules)
			assert.Equal(t, "bootflash:/nxos64-cs.10.4.3.F.bin", r.UpgradeImage)
			assert.Equal(t, "SUCCESS", r.VerifyingImageStatus)
			assert.Equal(t, "reset", r.Module["27"].InstallType)
			assert.Equal(t, "10.4(3)", r.Module["27"].Images["nxos"].NewVersion)
			if m := r.Module["3"]; m != nil {
				assert.Equal(t, tt.reason3, m.Reason)
			}
			assert.Len(t, r.AdditionalInfo, tt.info)
		})
	}
}

func TestFixtureInstallAllStatusInProgress(t *testing.T) {
	r, err := ParseShowInstallAllStatus(fixture(t, "show_install_all_status/in_progress.txt"))
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS ", r.VerifyingImageStatus)
	assert.Equal(t, "SUCCESS ", r.SetBootVariables)
	assert.Empty(t, r.ConfigurationCopy)
}

func TestFixtureCores(t *testing.T) {
	r, err := ParseShowCores(fixture(t, "show_cores/bgp_crash.txt"))
	require.NoError(t, err)
	assert.Equal(t, 2, r.Len())
	assert.Equal(t, "bgp", r.Module["28"].PID["8083"].ProcessName)
	assert.Equal(t, "2026-11-27 18:00:56", r.Module["28"].PID["8083"].Date)

	_, un, err := run(fixture(t, "show_cores/none.txt"), nil, parseShowCores)
	assert.ErrorIs(t, err, core.ErrEmpty, "no cores")
	assert.Empty(t, un, "the header is understood")
}

func TestFixtureSmallCommands(t *testing.T) {
	t.Run("boot mode", func(t *testing.T) {
		r, err := ParseShowBootMode(fixture(t, "show_boot_mode/lxc.txt"))
		require.NoError(t, err)
		assert.Equal(t, "lxc", r.CurrentMode)
	})
	t.Run("redundancy without standby", func(t *testing.T) {
		r, err := ParseShowRedundancyStatus(fixture(t, "show_system_redundancy_status/no_standby.txt"))
		require.NoError(t, err)
		assert.Equal(t, "None", r.RedundancyMode.Operational)
		assert.Equal(t, "Active with no standby", r.Supervisors["supervisor_1"].InternalState)
		assert.Equal(t, "Not present", r.Supervisors["supervisor_2"].RedundancyState)
	})
	t.Run("logging last", func(t *testing.T) {
		r, err := ParseShowLoggingLogfile(fixture(t, "show_logging_last/issu_crash.txt"))
		require.NoError(t, err)
		require.Len(t, r.Logs, 3)
		assert.Contains(t, r.Logs[0], "%SYSMGR-2-SERVICE_CRASHED")
	})
	t.Run("ping with loss", func(t *testing.T) {
		r, err := ParsePing(fixture(t, "ping/partial_loss.txt"), 3)
		require.NoError(t, err)
		assert.Equal(t, 3, r.Ping.Statistics.Send)
		assert.Equal(t, 2, r.Ping.Statistics.Received)
		assert.InDelta(t, 66.67, float64(r.Ping.Statistics.SuccessRatePercent), 0.001)
		require.NotNil(t, r.Ping.Statistics.RoundTrip)
		assert.InDelta(t, 0.935, float64(r.Ping.Statistics.RoundTrip.AvgMS), 1e-9)
		assert.Len(t, r.Ping.ResultPerLine, 3)
		assert.Equal(t, 3, *r.Ping.Repeat)
	})
	t.Run("cpu filtered by include CPU", func(t *testing.T) {
		r, err := ParseShowProcessCpu(fixture(t, "show_processes_cpu/include_cpu.txt"))
		require.NoError(t, err)
		assert.Equal(t, 88, *r.FiveMinCPU)
		assert.Equal(t, 20, *r.FiveSecCPUInterrupts)
		assert.Equal(t, Float(6), *r.IdlePercent)
		assert.Nil(t, r.Index)
	})
	t.Run("system resources 15 minute load", func(t *testing.T) {
		r, err := ParseShowSystemResources(fixture(t, "show_system_resources/n9k.txt"))
		require.NoError(t, err)
		assert.Equal(t, Float(1.05), r.LoadAvg.LoadAvg15Min)
		assert.Equal(t, Float(90), r.CPUState.CPUStateIdle)
		assert.Equal(t, 20833292, r.MemoryUsage.MemoryUsageFreeKB)
	})
	t.Run("boot variables after set boot", func(t *testing.T) {
		r, err := ParseShowBoot(fixture(t, "show_boot/n9k_after_set_boot.txt"))
		require.NoError(t, err)
		assert.Equal(t, "bootflash:/nxos64-cs.10.2.3.F.bin", r.CurrentBootVariable.SupNumber["sup-2"].SystemVariable)
		assert.Equal(t, "bootflash:/nxos64-cs.10.4.3.F.bin", r.NextReloadBootVariable.SupNumber["sup-1"].SystemVariable)
	})
	t.Run("strict incompatibility", func(t *testing.T) {
		r, err := ParseShowIncompatibilityNxos(fixture(t, "show_incompatibility-all/strict.txt"))
		require.NoError(t, err)
		require.Contains(t, r.IncompatibleConfigurationList, "1")
		assert.Equal(t, "STRICT", r.IncompatibleConfigurationList["1"].CapabilityRequirement)
		assert.Equal(t, "otm", r.IncompatibleConfigurationList["1"].Service)
		assert.Equal(t, "No incompatible configurations", r.DynamicIncompatibilityStatus)
	})
	t.Run("dir bootflash almost full", func(t *testing.T) {
		r, err := ParseDir(fixture(t, "dir/bootflash_full.txt"))
		require.NoError(t, err)
		assert.Equal(t, "108449792", r.DiskFreeSpace)
		assert.Equal(t, "bootflash://sup-local", r.Dir)
		assert.Equal(t, "2101233664", r.Files["nxos64-cs.10.4.3.F.bin"].Size)
	})
}

// TestFloatJSON checks that floats keep their decimal point.
func TestFloatJSON(t *testing.T) {
	for _, tt := range []struct {
		in   Float
		want string
	}{{0, "0.0"}, {5, "5.0"}, {78.35, "78.35"}, {-1.5, "-1.5"}, {1e21, "1000000000000000000000.0"}} {
		b, err := json.Marshal(tt.in)
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(b))
	}
}

// TestEmptyAndGarbage checks every parser on input it cannot use.
func TestEmptyAndGarbage(t *testing.T) {
	for _, in := range []string{"", "\r\n", "switch# \n", "% Invalid command at '^' marker.\n", "\x1b[2J\x00\xff"} {
		for _, e := range Entries() {
			t.Run(e.Class, func(t *testing.T) {
				_, _, err := e.Parse(in, nil)
				assert.ErrorIs(t, err, core.ErrEmpty, "%q", in)
			})
		}
	}
}

func TestFixtureShowInterfaceBrief(t *testing.T) {
	r, un, err := run(fixture(t, "show_interface_brief/n9k_mixed.txt"), nil, parseShowInterfaceBrief)
	require.NoError(t, err)
	assert.Empty(t, un)
	in := r.Interface
	require.Contains(t, in.Port, "mgmt0")
	assert.Equal(t, 1500, *in.Port["mgmt0"].MTU)
	require.Contains(t, in.Ethernet, "Ethernet1/1")
	assert.Equal(t, "Link not connected", in.Ethernet["Ethernet1/1"].Reason)
	assert.Equal(t, "10", in.Ethernet["Ethernet1/50"].PortCh)
	assert.Equal(t, "lacp", in.PortChannel["Port-channel10"].Protocol)
	assert.Equal(t, "Administratively down", in.Vlan["Vlan1"].Reason)
	assert.Equal(t, "router-id", in.Loopback["Loopback0"].Description)
	assert.Equal(t, "9216", in.Nve["nve1"].MTU)
}

func TestFixtureRouteToNull0(t *testing.T) {
	r, err := ParseShowIpRoute(fixture(t, "show_ip_route/vrf_all_mixed.txt"), "")
	require.NoError(t, err)
	rt := r.VRF["default"].AddressFamily["ipv4"].Routes["10.200.0.0/16"]
	require.NotNil(t, rt)
	assert.Empty(t, rt.NextHop.NextHopList)
	require.Contains(t, rt.NextHop.OutgoingInterface, "Null0")
	assert.True(t, rt.NextHop.OutgoingInterface["Null0"].BestUcastNexthop)
	assert.Equal(t, "discard", rt.SourceProtocolStatus)
}

// TestTruncatedLinesNoPanic feeds every parser header lines with their
// values cut off, the shapes most likely to index past a field list.
func TestTruncatedLinesNoPanic(t *testing.T) {
	inputs := []string{
		"Neighbor V AS MsgRcvd State/PfxRcd\n1.1.1.1\n   4\n",
		"BGP summary information for VRF x, address family IPv4 Unicast\nBGP router identifier 1.1.1.1,\nBGP table version is\n1 network entries and\nNeighbor State/PfxRcd\n1.1.1.1 4 1 2 3 4 5 6 7\n",
		"1.1.1.0/24, ubest/mbest: 1/0\n*via \n*via x,\n*via 1.1.1.1, [\n*via 1.1.1.1, Eth1/1, [1/1], 1d, bgp-, tag\n**via %:, [/], , -, , segid: tunnelid: encap:\n",
		"1.1.1.0/24, ubest/mbest: \n",
		"Mod Ports Module-Type Model Status\n--- ----- ---\n1\n1 2\n1 2 *\nMod Sw Hw\n1\nMod MAC-Address(es) Serial-Num\n1 x\nMod Online Diag Status\n1\nMod DPU Module-Type Model Status\n1 1 x\nMod DPU Sw Hw Serial-Num Online Diag Status\n1 1 x\n",
		"Kernel uptime is\ncisco Chassis\ncisco x Chassis (\n with  of memory.\nBIOS: version\nNXOS: version\n",
		"PING\nPING x\n1 packets transmitted\nround-trip min/avg/max =\n",
		"Criteria\nCriteria 1\n1. \nISSU !\nPort VLAN Role\nx 1 a b c d\n",
		"Fan:\nFan\nPower Supply:\nVoltage:\nSupply Model\n1 x 0 W\nModule Model\n1 x N/A\nPower Usage Summary:\nTotal  W\nTemperature:\n1 x 1 1 1 Ok\n",
		"Neighbor 1.1.1.1, interface address \nProcess ID 1 VRF x, in area 0 via interface\nState is\nDR is  BDR is \nHello options\n",
		"Module bootable Impact\n1\n1 yes\nModule Running-Version\n1 a b\n-- \n-- SUCCESS.\nModule 1:\n",
		"IP Interface Status for VRF \"\nInterface IP Address\n(x)\na b c\n",
		"NAME: \"\nNAME: \"x\", DESCR: \"y\nPID: , VID: , SN:\n",
		"CPU utilization for five seconds: ;;\nCPU util : user\nPID Runtime\n1 2 3 4 5%\n",
		"Load average:\nProcesses :\nCPU states :\nCPU0 states :\nKernel buffers:\n",
		"This supervisor (\nOther supervisor (sup-\nRedundancy state:\n",
		"Checking incompatible configuration(s):\n1) Service : \nDescription : x\n",
		"VDC Module Instance Process-name PID Date\n1 2 3 x 4 y\n",
		"Usage for \n 1 bytes\n1 Jan 1 00:00:00 2020\n",
	}
	for i, in := range inputs {
		for _, e := range Entries() {
			t.Run(fmt.Sprintf("%d/%s", i, e.Class), func(t *testing.T) {
				assert.NotPanics(t, func() { _, _, _ = e.Parse(in, core.Params{"count": "x"}) })
			})
		}
	}
}

// TestNonFiniteNumbers checks that NaN and Inf in the text never reach the
// JSON, which cannot carry them.
func TestNonFiniteNumbers(t *testing.T) {
	r, err := ParseShowSystemResources("Load average:   1 minute: NaN   5 minutes: Inf   15 minutes: -Inf\n")
	require.NoError(t, err)
	_, err = json.Marshal(r)
	assert.NoError(t, err)
	assert.Equal(t, Float(0), r.LoadAvg.LoadAvg1Min)
}

func TestFixtureShowInstallActiveN9K(t *testing.T) {
	r, un, err := run(fixture(t, "show_install_active/n9k.txt"), nil, parseShowInstallActive)
	require.NoError(t, err)
	assert.Empty(t, un)
	assert.Equal(t, "bootflash:/nxos64-cs.10.4.3.F.bin", r.BootImages.SystemImage)
	assert.Empty(t, r.ActivePackages, "modules without packages")
}

func TestInstallAllStatusNoData(t *testing.T) {
	_, un, err := run("No install all data found\n", nil, parseShowInstallAllStatus)
	assert.ErrorIs(t, err, core.ErrEmpty)
	assert.Empty(t, un, "the message is understood")
}

package iosxr

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
)

// fixtureDir holds outputs the project wrote itself (not Genie's corpus).
var fixtureDir = filepath.Join("..", "..", "fixtures", "outputs", "iosxr")

func readFixture(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, rel))
	require.NoError(t, err, "fixture %s", rel)
	return string(b)
}

func TestFixturesVersion(t *testing.T) {
	tests := []struct {
		file, version, uptime, family, image, builtBy string
	}{
		{"show_version/asr9k_752.txt", "7.5.2", "1 year, 12 weeks, 3 days, 4 hours, 51 minutes", "ASR9K", "", "ingunawa"},
		{"show_version/crs_643_crlf.txt", "6.4.3", "2 years, 31 weeks, 6 days, 22 hours, 3 minutes", "CRS-16/S-B",
			"disk0:hfr-os-mbi-6.4.3/0x100008/mbihfr-rp-x86e.vm", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			v, un, err := parseShowVersion(readFixture(t, tc.file))
			require.NoError(t, err)
			assert.Empty(t, un)
			assert.Equal(t, "IOSXR", v.OperatingSystem)
			assert.Equal(t, tc.version, v.SoftwareVersion)
			assert.Equal(t, tc.uptime, v.Uptime)
			assert.Equal(t, tc.family, v.DeviceFamily)
			assert.Equal(t, tc.image, v.Image)
			assert.Equal(t, tc.builtBy, v.BuiltBy)
		})
	}
}

func TestFixturesRedundancy(t *testing.T) {
	tests := []struct {
		file, node, role, standby, ready, lastSwitchover string
		uptimeSec                                        int
	}{
		// Genie's node_uptime_in_seconds leaves out the weeks.
		{"show_redundancy/rsp_pair_ready.txt", "0/RSP0/CPU0", "ACTIVE", "0/RSP1/CPU0", "NSR-ready", "", 2*86400 + 3*3600 + 10*60},
		{"show_redundancy/after_switchover_standby_booting.txt", "0/RSP1/CPU0", "ACTIVE", "0/RSP0/CPU0", "NSR-not-ready",
			"Fri Nov 27 08:40:02 2026", 2*86400 + 3*3600 + 41*60},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			r, un, err := parseShowRedundancy(readFixture(t, tc.file))
			require.NoError(t, err)
			assert.Empty(t, un)
			require.Contains(t, r.Node, tc.node)
			n := r.Node[tc.node]
			assert.Equal(t, tc.role, n.Role)
			assert.Equal(t, tc.standby, n.StandbyNode)
			assert.Equal(t, tc.ready, n.Ready)
			assert.Equal(t, tc.lastSwitchover, n.LastSwitchoverTimestamp)
			assert.Equal(t, tc.uptimeSec, n.NodeUptimeInSeconds)
		})
	}
}

func TestFixturesPlatform(t *testing.T) {
	p, un, err := parseShowPlatform(readFixture(t, "show_platform/asr9910_issu_in_progress.txt"))
	require.NoError(t, err)
	assert.Empty(t, un)
	require.Contains(t, p.Slot, "rp")
	assert.Equal(t, "Active", p.Slot["rp"]["0/RSP0"].RedundancyState)
	assert.Equal(t, "BOOTING", p.Slot["rp"]["0/RSP1"].State)
	assert.Equal(t, "IN-RESET", p.Slot["lc"]["0/4"].State)
	require.Contains(t, p.Slot["lc"]["0/0"].Subslot, "1")
	assert.Equal(t, "A9K-MPA-2X100GE", p.Slot["lc"]["0/0"].Subslot["1"].Name)
	assert.Equal(t, "None", p.Slot["lc"]["0/0"].Subslot["1"].ConfigState)
	assert.Len(t, p.Slot["oc"], 5)
}

func TestFixturesInstallActive(t *testing.T) {
	t.Run("eXR", func(t *testing.T) {
		r, un, err := parseShowInstallActiveSummary(readFixture(t, "show_install_active_summary/exr_752.txt"))
		require.NoError(t, err)
		assert.Empty(t, un)
		require.NotNil(t, r.NumActivePackages)
		assert.Equal(t, 5, *r.NumActivePackages)
		require.Len(t, r.ActivePackages, 5)
		assert.Equal(t, "asr9k-xr-7.5.2 version=7.5.2 [Boot image]", r.ActivePackages[0])
	})
	t.Run("LNT", func(t *testing.T) {
		r, un, err := parseShowInstallActiveSummary(readFixture(t, "show_install_active_summary/lnt_792.txt"))
		require.NoError(t, err)
		assert.Empty(t, un)
		assert.Equal(t, "7.9.2", r.Label)
		assert.Equal(t, "7fcd39a2bd1e2f8f6a4cd9b8b3ab32a0", r.SoftwareHash)
		assert.Equal(t, map[string]string{"xr-bgp": "7.9.2v1.0.0", "xr-ipsla": "7.9.2v1.0.0", "xr-mcast": "7.9.2v1.0.0"}, r.OptionalPackages)
	})
}

func TestFixturesProcessesCpu(t *testing.T) {
	r, un, err := parseShowProcessesCpu(readFixture(t, "show_processes_cpu/busy_bgp.txt"))
	require.NoError(t, err)
	assert.Empty(t, un)
	loc := r.Location["CPU"]
	require.NotNil(t, loc)
	require.NotNil(t, loc.OneMinCPU)
	assert.Equal(t, 87, *loc.OneMinCPU)
	assert.Equal(t, 35, *loc.FifteenMinCPU)
	require.Len(t, loc.Index, 5)
	assert.Equal(t, ProcessesCpuEntry{OneMinCPU: 71, FiveMinCPU: 50, FifteenMinCPU: 28, PID: 4721, Process: "bgp"}, *loc.Index[2])
}

func TestFixturesBgpSummary(t *testing.T) {
	t.Run("mixed states", func(t *testing.T) {
		r, un, err := parseBgpSummary(readFixture(t, "show_bgp_summary/ipv4_mixed_states.txt"),
			BgpSummaryOptions{Instance: "default", AddressFamily: "ipv4 unicast"})
		require.NoError(t, err)
		assert.Empty(t, un)
		vrf := r.Instance["default"].Vrf["default"]
		require.NotNil(t, vrf)
		af := vrf.AddressFamily["ipv4 unicast"]
		require.NotNil(t, af)
		assert.Equal(t, ASNumber("4200000001"), af.LocalAS)
		assert.Equal(t, "10.255.0.1", af.RouterID)
		require.Len(t, vrf.Neighbor, 6)
		assert.Equal(t, ASNumber("65000.100"), vrf.Neighbor["192.0.2.17"].RemoteAS)
		assert.Equal(t, "Idle (Admin)", vrf.Neighbor["203.0.113.254"].AddressFamily.Get("ipv4 unicast").StatePfxRcd)
		v6 := vrf.Neighbor["2001:db8:ffff:100::1"]
		require.NotNil(t, v6, "wrapped IPv6 neighbor")
		assert.Equal(t, "4", v6.AddressFamily.Get("ipv4 unicast").StatePfxRcd)
		assert.True(t, vrf.Neighbor["10.255.0.2"].AddressFamily.Get("ipv4 unicast").Established())
		assert.False(t, vrf.Neighbor["198.51.100.9"].AddressFamily.Get("ipv4 unicast").Established())
		assert.Equal(t, "1y12w", vrf.Neighbor["10.255.0.2"].AddressFamily.Get("ipv4 unicast").UpDown)

		b, err := json.Marshal(r)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"local_as":4200000001`)
		assert.Contains(t, string(b), `"remote_as":"65000.100"`)
	})
	t.Run("no neighbors", func(t *testing.T) {
		r, un, err := parseBgpSummary(readFixture(t, "show_bgp_summary/no_neighbors.txt"),
			BgpSummaryOptions{Instance: "default", AddressFamily: "ipv4 unicast"})
		require.NoError(t, err)
		vrf := r.Instance["default"].Vrf["default"]
		assert.Empty(t, vrf.Neighbor)
		assert.Equal(t, "standalone", vrf.AddressFamily["ipv4 unicast"].OperationMode)
		// The policy warning is prose a check may want to see.
		assert.Len(t, un, 5)
	})
}

func TestFixturesOspfNeighbor(t *testing.T) {
	t.Run("two sections", func(t *testing.T) {
		r, un, err := parseShowOspfNeighbor(readFixture(t, "show_ospf_neighbor/two_processes_vrf.txt"), "default")
		require.NoError(t, err)
		assert.Empty(t, un)
		assert.Equal(t, "1", r.ProcessName)
		def := r.Vrfs["default"]
		require.NotNil(t, def)
		assert.Len(t, def.Neighbors, 3)
		require.Len(t, def.Neighbors["10.255.0.3"], 2, "two adjacencies to one router")
		assert.Equal(t, "HundredGigE0/0/0/2", def.Neighbors["10.255.0.3"][1].Interface)
		assert.Equal(t, "FULL/  -", def.Neighbors["10.255.0.2"][0].State)
		assert.Equal(t, "38w2d", def.Neighbors["10.255.0.2"][0].UpTime)
		assert.Equal(t, "EXSTART/  -", def.Neighbors["10.255.0.9"][0].State)
		assert.Equal(t, 4, *def.TotalNeighborCount)
		cust := r.Vrfs["CUST-A"]
		require.NotNil(t, cust)
		assert.Equal(t, "FULL/DR", cust.Neighbors["172.16.0.1"][0].State)

		b, err := json.Marshal(def.Neighbors)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"10.255.0.3":[{`)
		assert.Contains(t, string(b), `"10.255.0.2":{`)
	})
	t.Run("no neighbors", func(t *testing.T) {
		r, un, err := parseShowOspfNeighbor(readFixture(t, "show_ospf_neighbor/none.txt"), "default")
		require.NoError(t, err)
		assert.Empty(t, un)
		assert.Empty(t, r.Vrfs["default"].Neighbors)
		assert.Equal(t, 0, *r.Vrfs["default"].TotalNeighborCount)
	})
}

func TestFixturesRoute(t *testing.T) {
	t.Run("ecmp", func(t *testing.T) {
		r, un, err := parseShowRouteIpv4(readFixture(t, "show_route_ipv4/ecmp_mixed.txt"), "default")
		require.NoError(t, err)
		assert.Empty(t, un)
		vrf := r.Vrf["default"]
		assert.Equal(t, &RouteLastResort{Gateway: "10.0.12.2", ToNetwork: "0.0.0.0"}, vrf.LastResort)
		routes := vrf.AddressFamily["ipv4"].Routes
		require.Len(t, routes, 10)
		ecmp := routes.Get("10.255.0.3/32")
		require.Len(t, ecmp.NextHop.NextHopList, 2)
		assert.Equal(t, "10.0.13.6", ecmp.NextHop.NextHopList[1].NextHop)
		assert.Equal(t, "HundredGigE0/0/0/2", ecmp.NextHop.NextHopList[1].OutgoingInterface)
		assert.Equal(t, 11, *ecmp.Metric)
		assert.Equal(t, "O IA", routes.Get("10.40.0.0/16").SourceProtocolCodes)
		assert.Equal(t, "ospf", routes.Get("172.20.0.0/14").SourceProtocol)
		assert.Equal(t, "S*", routes.Get("0.0.0.0/0").SourceProtocolCodes)
		assert.Equal(t, 100, *routes.Get("203.0.113.0/24").Metric)
		require.Len(t, routes.Get("10.0.12.0/30").NextHop.OutgoingInterface, 1)
		assert.Equal(t, "Bundle-Ether12", routes.Get("10.0.12.0/30").NextHop.OutgoingInterface[0].OutgoingInterface)
	})
	t.Run("detail", func(t *testing.T) {
		r, un, err := parseShowRouteIpv4(readFixture(t, "show_route_ipv4/detail_bgp.txt"), "default")
		require.NoError(t, err)
		assert.Empty(t, un)
		rt := r.Vrf["default"].AddressFamily["ipv4"].Routes.Get("198.18.0.0/15")
		require.NotNil(t, rt)
		assert.Equal(t, "bgp 4200000001", rt.KnownVia)
		assert.Equal(t, "internal", rt.Type)
		assert.Equal(t, 200, *rt.Distance)
		assert.Equal(t, &RouteInstalled{Date: "Oct 15 21:02:33.719", For: "6w2d"}, rt.Installed)
		require.Len(t, rt.NextHop.NextHopList, 2)
		assert.Equal(t, "10.255.0.2", rt.NextHop.NextHopList[1].From)
	})
	t.Run("vrf without routes", func(t *testing.T) {
		r, un, err := parseShowRouteIpv4(readFixture(t, "show_route_ipv4/vrf_no_routes.txt"), "CUST-EMPTY")
		require.NoError(t, err)
		assert.Empty(t, un)
		vrf := r.Vrf["CUST-EMPTY"]
		require.NotNil(t, vrf)
		assert.Equal(t, "not set", vrf.LastResort.Gateway)
		assert.Empty(t, vrf.AddressFamily)
	})
	t.Run("no matching routes", func(t *testing.T) {
		_, _, err := parseShowRouteIpv4(readFixture(t, "show_route_ipv4/vrf_empty.txt"), "CUST-EMPTY")
		assert.ErrorIs(t, err, core.ErrEmpty)
	})
}

func TestFixturesLogging(t *testing.T) {
	t.Run("buffer", func(t *testing.T) {
		r, un, err := parseShowLogging(readFixture(t, "show_logging/issu_switchover.txt"))
		require.NoError(t, err)
		assert.Empty(t, un)
		require.NotNil(t, r.Logging)
		assert.Equal(t, "enabled", r.Logging.Console.Status)
		assert.Equal(t, "warnings", r.Logging.Console.Level)
		assert.Equal(t, 1290, r.Logging.Buffer.MessagesLogged)
		assert.Equal(t, 2097152, *r.LogBufferBytes)
		require.Len(t, r.Logs, 6)
		assert.Contains(t, r.Logs[1], "%HA-REDCON-4-FAILOVER_REQUESTED")
		assert.Contains(t, r.SyslogLogging, "enabled")
	})
	t.Run("include filter", func(t *testing.T) {
		r, un, err := parseShowLogging(readFixture(t, "show_logging/include_filtered.txt"))
		require.NoError(t, err)
		assert.Empty(t, un)
		assert.Nil(t, r.Logging)
		assert.Len(t, r.Logs, 2)
	})
}

func TestFixturesDir(t *testing.T) {
	t.Run("eXR", func(t *testing.T) {
		d, un, err := parseDir(readFixture(t, "dir_disk0/exr_disk0.txt"))
		require.NoError(t, err)
		assert.Empty(t, un)
		assert.Equal(t, "disk0:", d.Dir.DirName)
		assert.Equal(t, "3962216448 bytes", d.Dir.TotalBytes)
		assert.Equal(t, "2051518464 bytes", d.Dir.TotalFreeBytes)
		require.Len(t, d.Dir.Files, 5)
		assert.Equal(t, &DirFile{Index: "13", Permission: "-rw-r--r--", Size: "1402880000", Date: "Nov 20 10:15"},
			d.Dir.Files["asr9k-mini-x64-7.9.2.iso"])
		assert.Equal(t, "Mar 5 2024", d.Dir.Files["lost+found"].Date)
		assert.Contains(t, d.Dir.Files, "config -> /misc/config")
	})
	t.Run("classic", func(t *testing.T) {
		d, un, err := parseDir(readFixture(t, "dir_disk0/classic_disk0.txt"))
		require.NoError(t, err)
		assert.Empty(t, un)
		assert.Equal(t, "drwx", d.Dir.Files["asr9k-os-mbi-6.4.2"].Permission)
		assert.Equal(t, "Thu Nov 26 09:12:41 2026", d.Dir.Files["asr9k-os-mbi-6.4.2"].Date)
	})
}

// TestEmptyAndGarbage checks every parser's contract on output without
// content: ErrEmpty, no result, no panic.
func TestEmptyAndGarbage(t *testing.T) {
	inputs := map[string]string{
		"empty":        "",
		"blank":        "\r\n  \n\t\n",
		"prompt only":  "RP/0/RSP0/CPU0:pe1#",
		"echo only":    "RP/0/RSP0/CPU0:pe1#show version\r\nRP/0/RSP0/CPU0:pe1#",
		"invalid":      "                ^\r\n% Invalid input detected at '^' marker.\r\n",
		"timestamp":    "Fri Nov 27 08:24:55.662 UTC\n",
		"binary noise": "\x00\x01\xff\xfe\x1b[2J\x08\x08",
	}
	for _, e := range Entries() {
		for name, in := range inputs {
			t.Run(e.Class+"/"+name, func(t *testing.T) {
				res, _, err := e.Parse(in, nil)
				require.ErrorIs(t, err, core.ErrEmpty)
				assert.Nil(t, res)
			})
		}
	}
}

// TestTypedFunctions calls each exported parse function on one of the
// project's outputs and on empty output.
func TestTypedFunctions(t *testing.T) {
	type call func(string) (any, error)
	tests := []struct {
		name, file string
		fn         call
	}{
		{"ParseShowVersion", "show_version/asr9k_752.txt", func(s string) (any, error) { return ParseShowVersion(s) }},
		{"ParseShowRedundancy", "show_redundancy/rsp_pair_ready.txt", func(s string) (any, error) { return ParseShowRedundancy(s) }},
		{"ParseShowPlatform", "show_platform/asr9910_issu_in_progress.txt", func(s string) (any, error) { return ParseShowPlatform(s) }},
		{"ParseShowInstallActiveSummary", "show_install_active_summary/exr_752.txt", func(s string) (any, error) { return ParseShowInstallActiveSummary(s) }},
		{"ParseShowProcessesCpu", "show_processes_cpu/busy_bgp.txt", func(s string) (any, error) { return ParseShowProcessesCpu(s) }},
		{"ParseShowBgpSummary", "show_bgp_summary/ipv4_mixed_states.txt", func(s string) (any, error) { return ParseShowBgpSummary(s) }},
		{"ParseShowBgpInstanceSummary", "show_bgp_summary/ipv4_mixed_states.txt", func(s string) (any, error) { return ParseShowBgpInstanceSummary(s) }},
		{"ParseShowBgpInstanceSummaryOpts", "show_bgp_summary/ipv4_mixed_states.txt", func(s string) (any, error) {
			return ParseShowBgpInstanceSummaryOpts(s, BgpSummaryOptions{Instance: "default", AddressFamily: "ipv4 unicast"})
		}},
		{"ParseShowBgpL2vpnEvpnSummary", "show_bgp_summary/no_neighbors.txt", func(s string) (any, error) { return ParseShowBgpL2vpnEvpnSummary(s) }},
		{"ParseShowOspfNeighbor", "show_ospf_neighbor/two_processes_vrf.txt", func(s string) (any, error) { return ParseShowOspfNeighbor(s) }},
		{"ParseShowOspfVrfNeighbor", "show_ospf_neighbor/none.txt", func(s string) (any, error) { return ParseShowOspfVrfNeighbor(s, "CUST-A") }},
		{"ParseShowRouteIpv4", "show_route_ipv4/ecmp_mixed.txt", func(s string) (any, error) { return ParseShowRouteIpv4(s) }},
		{"ParseShowRouteVrfIpv4", "show_route_ipv4/vrf_no_routes.txt", func(s string) (any, error) { return ParseShowRouteVrfIpv4(s, "CUST-EMPTY") }},
		{"ParseShowLogging", "show_logging/issu_switchover.txt", func(s string) (any, error) { return ParseShowLogging(s) }},
		{"ParseDir", "dir_disk0/exr_disk0.txt", func(s string) (any, error) { return ParseDir(s) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.fn(readFixture(t, tc.file))
			require.NoError(t, err)
			assert.NotNil(t, res)
			_, err = tc.fn("")
			assert.ErrorIs(t, err, core.ErrEmpty)
		})
	}
	t.Run("ParseShowOspfVrfNeighbor files under the VRF", func(t *testing.T) {
		r, err := ParseShowOspfVrfNeighbor(readFixture(t, "show_ospf_neighbor/none.txt"), "CUST-A")
		require.NoError(t, err)
		assert.Contains(t, r.Vrfs, "CUST-A")
	})
}

func TestFixturesBgpVrfSummary(t *testing.T) {
	e, ok := entryByClass("ShowBgpSummary")
	require.True(t, ok)
	res, un, err := e.Parse(readFixture(t, "show_bgp_vrf_summary/cust_a.txt"), core.Params{"vrf": "CUST-A"})
	require.NoError(t, err)
	assert.Empty(t, un)
	r := res.(*ShowBgpInstanceSummary)
	vrf := r.Instance["default"].Vrf["CUST-A"]
	require.NotNil(t, vrf)
	af := vrf.AddressFamily["ipv4 unicast"]
	require.NotNil(t, af)
	assert.Equal(t, "65000.100:1", af.RouteDistinguisher)
	assert.Equal(t, 5521, *af.RDVersion)
	assert.Equal(t, "OpenSent", vrf.Neighbor["172.16.10.5"].AddressFamily.Get("ipv4 unicast").StatePfxRcd)

	// Without the parameter the "BGP VRF" line names the VRF.
	res, _, err = e.Parse(readFixture(t, "show_bgp_vrf_summary/cust_a.txt"), nil)
	require.NoError(t, err)
	assert.Contains(t, res.(*ShowBgpInstanceSummary).Instance["default"].Vrf, "CUST-A")
}

func TestFixturesRouteVrfAll(t *testing.T) {
	r, un, err := parseShowRouteIpv4(readFixture(t, "show_route_vrf_all_ipv4/two_vrfs_one_empty.txt"), "all")
	require.NoError(t, err)
	assert.Empty(t, un)
	require.Len(t, r.Vrf, 2)
	assert.Len(t, r.Vrf["CUST-A"].AddressFamily["ipv4"].Routes, 3)
	require.Contains(t, r.Vrf, "CUST-EMPTY")
	assert.Empty(t, r.Vrf["CUST-EMPTY"].AddressFamily)
	assert.Equal(t, "not set", r.Vrf["CUST-EMPTY"].LastResort.Gateway)
}

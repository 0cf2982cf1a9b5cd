package monitor

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
)

func fixture(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// viaRegistry parses raw with the registry when it has a parser for the
// command, so the parsed path is exercised as parsers land; nil otherwise.
func viaRegistry(t *testing.T, os, cmd, raw string) map[string]any {
	t.Helper()
	res, err := parsers.ParseWithInfo(os, cmd, raw)
	if errors.Is(err, parsers.ErrNoParser) {
		return nil
	}
	if err != nil {
		t.Logf("registry parser for %s %q failed (raw fallback used in production): %v", os, cmd, err)
		return nil
	}
	b, err := json.Marshal(res.Parsed)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

const nxRedundancySwapped = `Redundancy mode
---------------
      administrative:   HA
         operational:   HA

This supervisor (sup-2)
-----------------------
    Redundancy state:   Active
    Supervisor state:   Active
      Internal state:   Active with no standby

Other supervisor (sup-1)
------------------------
    Redundancy state:   Not present
`

const xeRedundancyStates = `       my state = 13 -ACTIVE
     peer state = 8  -STANDBY HOT
           Mode = Duplex
           Unit = Primary
        Unit ID = 48

Redundancy Mode (Operational) = sso
Redundancy Mode (Configured)  = sso
Redundancy State              = sso
     Maintenance Mode = Disabled
    Manual Swact = enabled
 Communications = Up
`

const xeRedundancy = `Redundant System Information :
------------------------------
       Available system uptime = 1 week, 10 hours, 49 minutes
Switchovers system experienced = 2
              Standby failures = 0
        Last switchover reason = user forced

                 Hardware Mode = Duplex
               Active Location = slot 6
        Current Software state = ACTIVE
`

const xrRedundancy = `Redundancy information for node 0/RSP1/CPU0:
==========================================
Node 0/RSP1/CPU0 is in ACTIVE role
Partner node (0/RSP0/CPU0) is in STANDBY role
There have been 3 switch-overs since reload
`

func TestExtractRedundancy(t *testing.T) {
	three, two, one := 3, 2, 1
	tests := []struct {
		name   string
		os     string
		cmd    string
		raw    string
		json   string
		sup    string
		counts *int
	}{
		{"nxos raw after switchover", "nxos", "show system redundancy status", nxRedundancySwapped, "", "sup-2", nil},
		{"nxos raw before", "nxos", "show system redundancy status", baseNX().output("show system redundancy status"), "", "sup-1", nil},
		{"nxos parsed", "nxos", "show system redundancy status", "", "nxos_system_redundancy_status.json", "sup-2", nil},
		{"iosxe states raw", "iosxe", "show redundancy states", xeRedundancyStates, "", "unit 48", nil},
		{"iosxe states parsed", "iosxe", "show redundancy states", "", "iosxe_redundancy_states.json", "unit 48", nil},
		{"iosxe redundancy raw", "iosxe", "show redundancy", xeRedundancy, "", "slot 6", &two},
		{"iosxe redundancy parsed", "iosxe", "show redundancy", "", "iosxe_redundancy.json", "slot 6", &one},
		{"iosxr raw", "iosxr", "show redundancy", xrRedundancy, "", "0/RSP1/CPU0", &three},
		{"iosxr parsed", "iosxr", "show redundancy", "", "iosxr_redundancy.json", "0/RSP1/CPU0", nil},
		{"garbage", "nxos", "show system redundancy status", "\x00\xff% Invalid command", "", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parsed map[string]any
			if tc.json != "" {
				parsed = fixture(t, tc.json)
			}
			var s Sample
			extractRedundancy(&s, parsed, tc.raw)
			assert.Equal(t, tc.sup, s.ActiveSup)
			assert.Equal(t, tc.counts, s.Switchovers)
			if tc.raw != "" {
				if p := viaRegistry(t, tc.os, tc.cmd, tc.raw); p != nil {
					var r Sample
					extractRedundancy(&r, p, tc.raw)
					assert.Equal(t, tc.sup, r.ActiveSup, "through the registry parser")
				}
			}
		})
	}
}

func TestExtractModule(t *testing.T) {
	var s Sample
	extractModule(&s, fixture(t, "nxos_module.json"), "")
	assert.Equal(t, "28", s.ActiveModule)
	for _, sup := range []int{1, 2} {
		st := baseNX()
		st.sup = sup
		raw := st.output("show module")
		var r Sample
		extractModule(&r, nil, raw)
		assert.Equal(t, map[int]string{1: "27", 2: "28"}[sup], r.ActiveModule)
		if p := viaRegistry(t, "nxos", "show module", raw); p != nil {
			var q Sample
			extractModule(&q, p, raw)
			assert.Equal(t, r.ActiveModule, q.ActiveModule, "through the registry parser")
		}
	}
}

func TestInstallVerdict(t *testing.T) {
	st := func(install, step string) string {
		s := baseNX()
		s.install, s.step = install, step
		return s.output("show install all status")
	}
	tests := []struct {
		name  string
		os    string
		raw   string
		json  string
		state string
		step  string
	}{
		{"nxos none", "nxos", st("", ""), "", InstallNone, ""},
		{"nxos empty", "nxos", "", "", InstallNone, ""},
		{"nxos running", "nxos", st("running", "Performing configuration copy."), "", InstallInProgress, "Performing configuration copy."},
		{"nxos success", "nxos", st("ok", ""), "", InstallSuccess, "Non-disruptive upgrading."},
		{"nxos failed", "nxos", st("fail", ""), "", InstallFailed, "Notifying services about system upgrade. Return code 0x437F0001 ((null))"},
		{"nxos failed parsed only", "nxos", "<Mon Sep 27 11:27:01>\n Notifying services about system upgrade.\n", "nxos_install_all_status_failed.json", InstallFailed, "Notifying services about system upgrade."},
		{"nxos failed mid-install", "nxos", "Module 28: Waiting for module online.\n[####################] 100% -- FAIL.\nInstall has failed. Return code 0x40930062 (Module 28 failed to come online).\nPlease identify the cause of the failure, and try 'install all' again.\n", "",
			InstallFailed, "Module 28: Waiting for module online. Return code 0x40930062 (Module 28 failed to come online)"},
		{"nxos log without outcome is running", "nxos", "<Tue Sep 28 02:59:21>\n Setting boot variables.\n -- SUCCESS <Tue Sep 28 03:00:14>\n", "", InstallInProgress, "Setting boot variables."},
		{"nxos success after an earlier failed step", "nxos", " Step.\n -- FAIL.\nNon-disruptive upgrading.\nInstall has been successful.\n", "", InstallSuccess, "Non-disruptive upgrading."},
		{"iosxe checklist idle", "iosxe", "Current ISSU Status: Enabled\nPrevious ISSU Operation: Successful\nNo ISSU operation is in progress\n", "", InstallNone, "No ISSU operation is in progress"},
		{"iosxe in progress raw", "iosxe", "Current ISSU Status: In Progress\n", "", InstallInProgress, ""},
		{"iosxe asr1k runversion", "iosxe", "Slot being modified: R1\n  Last operation: runversion\n  Operating mode: sso, terminal state not reached\n", "", InstallInProgress, ""},
		{"iosxe issu parsed", "iosxe", "x", "iosxe_issu_state_detail.json", InstallInProgress, ""},
		{"iosxe install summary parsed", "iosxe", "x", "iosxe_install_summary.json", InstallInProgress, ""},
		{"iosxe install summary raw", "iosxe", "[ R0 R1 ] Installed Package(s) Information:\nType  St   Filename/Version\nIMG   U    17.09.04a.0.6\nAuto abort timer: active on install_activate, time before rollback - 01:49:42\n", "", InstallInProgress, ""},
		{"iosxe committed", "iosxe", "[ R0 R1 ] Installed Package(s) Information:\nType  St   Filename/Version\nIMG   C    17.09.04a.0.6\nAuto abort timer: inactive\n", "", InstallNone, ""},
		{"iosxe failed", "iosxe", "FAILED: install_add_activate_commit : Copy bootflash:x failed\n", "", InstallFailed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parsed map[string]any
			if tc.json != "" {
				parsed = fixture(t, tc.json)
			}
			state, step := installVerdict(tc.os, parsed, tc.raw)
			assert.Equal(t, tc.state, state)
			if tc.os == "nxos" {
				assert.Equal(t, tc.step, step)
			}
		})
	}
}

func TestTrackInstall(t *testing.T) {
	tests := []struct{ tracked, seen, want string }{
		{"", "", ""},
		{"", InstallNone, InstallNone},
		{InstallNone, InstallInProgress, InstallInProgress},
		{InstallInProgress, "", InstallInProgress},
		{InstallInProgress, InstallNone, InstallSuccess}, // iosxe: idle after running
		{InstallSuccess, InstallNone, InstallSuccess},
		{InstallFailed, InstallNone, InstallFailed},
		{InstallInProgress, InstallFailed, InstallFailed},
		{InstallSuccess, InstallInProgress, InstallInProgress},
	}
	for _, tc := range tests {
		t.Run(tc.tracked+"+"+tc.seen, func(t *testing.T) {
			assert.Equal(t, tc.want, trackInstall(tc.tracked, tc.seen))
		})
	}
}

const xeBGPSummary = `BGP router identifier 10.0.0.1, local AS number 65001
BGP table version is 10, main routing table version 10

Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
10.1.1.2        4        65002     100     101       10    0    0 01:02:03        5
10.1.1.6        4        65002       0       0        1    0    0 00:00:12 Idle
2001:DB8:1:1:1:1:1:1
                4        65003      10      11       10    0    0 00:10:00        2
`

const xrBGPSummary = `BGP router identifier 10.0.0.9, local AS number 65009
Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd
192.168.0.2       0 65002       0       0        0    0    0 00:01:00 Active
192.168.0.6       0 65002     100     100       50    0    0     1w2d         10
`

func TestExtractBGP(t *testing.T) {
	tests := []struct {
		name string
		os   string
		cmd  string
		raw  string
		json string
		want map[string]string
	}{
		{"nxos raw", "nxos", "show bgp vrf all all summary", func() string {
			s := baseNX()
			s.bgp["10.1.1.6"] = "Idle"
			return s.output("show bgp vrf all all summary")
		}(), "", map[string]string{"default|10.1.1.2": "established", "default|10.1.1.6": "idle", "default|10.1.1.10": "established"}},
		{"nxos golden layout with No Cap", "nxos", "show bgp vrf all all summary",
			"BGP summary information for VRF VRF1, address family IPv6 Unicast\nNeighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n10.106.101.1    4   333      29      31        0    0    0 00:20:33 0 (No Cap)\n", "",
			map[string]string{"VRF1|10.106.101.1": "established"}},
		{"nxos parsed", "nxos", "", "", "nxos_bgp_summary.json", map[string]string{"default|10.1.1.2": "established", "default|10.1.1.6": "idle", "VRF1|10.16.2.10": "established"}},
		{"iosxe raw with wrapped ipv6", "iosxe", "show ip bgp summary", xeBGPSummary, "", map[string]string{"default|10.1.1.2": "established", "default|10.1.1.6": "idle", "default|2001:DB8:1:1:1:1:1:1": "established"}},
		{"iosxr raw", "iosxr", "show bgp summary", xrBGPSummary, "", map[string]string{"default|192.168.0.2": "active", "default|192.168.0.6": "established"}},
		{"iosxr parsed", "iosxr", "", "", "iosxr_bgp_instance_summary.json", map[string]string{"default|192.168.0.2": "active", "default|192.168.0.6": "established"}},
		{"no neighbors", "nxos", "show bgp vrf all all summary", "% BGP not active\n", "", map[string]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parsed map[string]any
			if tc.json != "" {
				parsed = fixture(t, tc.json)
			}
			var s Sample
			extractBGP(&s, parsed, tc.raw)
			assert.Equal(t, tc.want, s.BGP)
			if tc.cmd != "" && tc.raw != "" {
				if p := viaRegistry(t, tc.os, tc.cmd, tc.raw); p != nil {
					var r Sample
					extractBGP(&r, p, tc.raw)
					assert.Equal(t, tc.want, r.BGP, "through the registry parser")
				}
			}
		})
	}
}

func TestExtractOSPF(t *testing.T) {
	nx := baseNX()
	nx.ospf["10.0.0.4"] = "EXSTART"
	tests := []struct {
		name string
		os   string
		cmd  string
		raw  string
		json string
		want map[string]string
	}{
		{"nxos detail raw", "nxos", "show ip ospf neighbors detail vrf all", nx.output("show ip ospf neighbors detail vrf all"), "",
			map[string]string{"default|10.0.0.3": "full", "default|10.0.0.4": "exstart"}},
		{"iosxe table raw", "iosxe", "show ip ospf neighbor",
			"Neighbor ID     Pri   State           Dead Time   Address         Interface\n10.2.2.2          1   FULL/DR         00:00:36    10.1.1.6        GigabitEthernet2\n10.3.3.3          1   INIT/DROTHER    00:00:31    10.1.2.6        GigabitEthernet3\n", "",
			map[string]string{"default|10.2.2.2": "full", "default|10.3.3.3": "init"}},
		{"iosxe parsed", "iosxe", "", "", "iosxe_ospf_neighbor.json", map[string]string{"default|10.2.2.2": "full", "default|10.3.3.3": "exstart"}},
		{"iosxr parsed with vrfs", "iosxr", "", "", "iosxr_ospf_neighbor.json", map[string]string{"default|10.4.4.4": "full", "blue|10.5.5.5": "init"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parsed map[string]any
			if tc.json != "" {
				parsed = fixture(t, tc.json)
			}
			var s Sample
			extractOSPF(&s, parsed, tc.raw)
			assert.Equal(t, tc.want, s.OSPF)
			if tc.cmd != "" {
				if p := viaRegistry(t, tc.os, tc.cmd, tc.raw); p != nil {
					var r Sample
					extractOSPF(&r, p, tc.raw)
					assert.Equal(t, tc.want, r.OSPF, "through the registry parser")
				}
			}
		})
	}
}

func TestPrefixPresent(t *testing.T) {
	p := Prefix{VRF: "default", Prefix: "10.99.0.0/24"}
	present := baseNX()
	absentSt := baseNX()
	absentSt.routes["10.99.0.0/24"] = false
	tests := []struct {
		name string
		raw  string
		json string
		want bool
	}{
		{"nxos present", present.output("show ip route 10.99.0.0/24 vrf default"), "", true},
		{"nxos route not found", absentSt.output("show ip route 10.99.0.0/24 vrf default"), "", false},
		{"iosxe not in table", "% Network not in table\n", "", false},
		{"iosxe routing entry", "Routing entry for 10.99.0.0/24\n  Known via \"bgp 65001\", distance 20\n", "", true},
		{"parsed", "", "nxos_route.json", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parsed map[string]any
			if tc.json != "" {
				parsed = fixture(t, tc.json)
			}
			assert.Equal(t, tc.want, prefixPresent(p, parsed, tc.raw))
			if tc.raw != "" && tc.name != "iosxe not in table" && tc.name != "iosxe routing entry" {
				if pj := viaRegistry(t, "nxos", "show ip route 10.99.0.0/24 vrf default", tc.raw); pj != nil {
					assert.Equal(t, tc.want, prefixPresent(p, pj, tc.raw), "through the registry parser")
				}
			}
		})
	}
	assert.False(t, prefixPresent(Prefix{VRF: "blue", Prefix: "10.99.0.0/24"}, fixture(t, "nxos_route.json"), ""), "other vrf")
}

func TestExtractPingCPUCores(t *testing.T) {
	t.Run("ping", func(t *testing.T) {
		tests := []struct {
			name string
			raw  string
			json string
			want ProbeStat
		}{
			{"nxos all lost", "--- 10.1.1.2 ping statistics ---\n11 packets transmitted, 0 packets received, 100.00% packet loss", "", ProbeStat{Sent: 11, Received: 0, LossPct: 100}},
			{"nxos ok", baseNX().output("ping 10.99.0.1 vrf default count 5"), "", ProbeStat{Sent: 5, Received: 5, LossPct: 0, RTTms: 0.734}},
			{"iosxe partial", "Success rate is 80 percent (4/5), round-trip min/avg/max = 1/2/4 ms", "", ProbeStat{Sent: 5, Received: 4, LossPct: 20, RTTms: 2}},
			{"iosxe none", "Success rate is 0 percent (0/5)", "", ProbeStat{Sent: 5, Received: 0, LossPct: 100}},
			{"parsed", "", "nxos_ping.json", ProbeStat{Sent: 5, Received: 3, LossPct: 40, RTTms: 0.8}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var parsed map[string]any
				if tc.json != "" {
					parsed = fixture(t, tc.json)
				}
				got, ok := extractPing(parsed, tc.raw)
				require.True(t, ok)
				assert.InDelta(t, tc.want.LossPct, got.LossPct, 1e-9)
				got.LossPct = tc.want.LossPct
				assert.Equal(t, tc.want, got)
			})
		}
		_, ok := extractPing(nil, "% Invalid command")
		assert.False(t, ok)
	})
	t.Run("cpu", func(t *testing.T) {
		tests := []struct {
			raw  string
			json string
			want float64
			ok   bool
		}{
			{"CPU utilization for five seconds: 94%/20%; one minute: 91%; five minutes: 88%", "", 94, true},
			{"CPU utilization for one minute: 2%; five minutes: 2%; fifteen minutes: 2%", "", 2, true},
			{"CPU states  :   2.11% user,   11.64% kernel,   86.25% idle", "", 13.75, true},
			{"", "nxos_process_cpu.json", 94, true},
			{"nothing", "", 0, false},
		}
		for _, tc := range tests {
			var parsed map[string]any
			if tc.json != "" {
				parsed = fixture(t, tc.json)
			}
			got, ok := extractCPU(parsed, tc.raw)
			assert.Equal(t, tc.ok, ok, tc.raw)
			assert.InDelta(t, tc.want, got, 1e-9, tc.raw)
		}
	})
	t.Run("cores", func(t *testing.T) {
		assert.Equal(t, []string{}, extractCores(baseNX().output("show cores")))
		st := baseNX()
		st.cores = []string{"1    27      1         bgp              8083      2020-08-17 18:00:56"}
		assert.Equal(t, []string{"module 27 bgp pid 8083 2020-08-17 18:00:56"}, extractCores(st.output("show cores")))
		assert.Equal(t, []string{"RP_0_bt_logger_13899_20180112-184444-EST.core.gz"},
			extractCores("Directory of bootflash:/core/\n  12  -rw-  1234  Jan 12 2018 18:44:44 +00:00  RP_0_bt_logger_13899_20180112-184444-EST.core.gz\n"))
	})
	t.Run("logs", func(t *testing.T) {
		assert.Len(t, logLines(fixture(t, "nxos_logging_logfile.json"), ""), 2)
		raw := "Logging logfile content:\n" + crashLine + "\n\n*Feb 22 02:43:36.123: %BGP-5-ADJCHANGE: neighbor 10.1.1.6 Down BGP Notification sent\nnot a log line\n"
		assert.Len(t, logLines(nil, raw), 2)
	})
}

func TestClassifyLog(t *testing.T) {
	pats, err := compilePatterns(DefaultLogPatterns())
	require.NoError(t, err)
	tests := []struct {
		line     string
		ok       bool
		kind     string
		severity string
		subject  string
	}{
		{crashLine, true, KindCrash, SevCritical, "SYSMGR-2-SERVICE_CRASHED"},
		{"2026 Nov 27 20:00:33 n9k-1 %SYSMGR-3-BASIC_TRACE: core_copy: PID 11653 has the following message Core not generated by system for l2fm(11923). WCOREDUMP(9) returned zero .", true, KindCrash, SevCritical, "SYSMGR-3-BASIC_TRACE"},
		{"*Feb 22 02:44:00.000: %PMAN-0-PROCFAILCRIT: R0/0: pvp: A critical process linux_iosd_image has failed (rc 134)", true, KindCrash, SevCritical, "PMAN-0-PROCFAILCRIT"},
		{"2026 Nov 27 20:00:40 n9k-1 %SYSMGR-2-HASWITCHOVER_START: Supervisor 28 is becoming active.", true, KindLog, SevInfo, "SYSMGR-2-HASWITCHOVER_START"},
		{"2026 Nov 27 20:05:00 n9k-1 %ASCII-CFG-2-CONF_CONTROL: System ready", true, KindLog, SevInfo, "ASCII-CFG-2-CONF_CONTROL"},
		{"2026 Nov 27 20:05:00 n9k-1 %MODULE-2-MOD_FAIL: Initialization of module 22 (Serial number: ) failed", true, KindLog, SevCritical, "MODULE-2-MOD_FAIL"},
		{"2026 Nov 27 20:05:00 n9k-1 %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/49 is down (Link failure)", false, "", "", ""},
		{"2026 Nov 27 20:05:00 n9k-1 %PLATFORM-4-ELEMENT_WARNING: limited space", true, KindLog, SevWarning, "PLATFORM-4-ELEMENT_WARNING"},
		{"Traceback (most recent call last):", true, KindCrash, SevError, ""},
		{"2026 Nov 27 20:05:00 n9k-1 %PLATFORM-2-MOD_PWRDN: Module 22 powered down (Serial number FOC233937T7)", true, KindLog, SevWarning, "PLATFORM-2-MOD_PWRDN"},
		{"plain text", false, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.line[:min(len(tc.line), 40)], func(t *testing.T) {
			ev, ok := classifyLog(pats, tc.line)
			require.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			assert.Equal(t, tc.kind, ev.Kind)
			assert.Equal(t, tc.severity, ev.Severity)
			assert.Equal(t, tc.subject, ev.Subject)
			assert.Equal(t, tc.line, ev.Evidence)
		})
	}
}

func TestClassify(t *testing.T) {
	tests := map[string]cmdKind{
		"show system redundancy status": kindRedundancy, "show redundancy states": kindRedundancy, "show module": kindModule,
		"show install all status": kindInstall, "show issu state detail": kindInstall, "show bgp all summary": kindBGP,
		"show ip bgp summary": kindBGP, "show ip ospf neighbor": kindOSPF, "show ospf neighbor": kindOSPF,
		"show ip route vrf all": kindRoute, "show route ipv4": kindRoute, "show logging last 200": kindLogging,
		"show logging logfile": kindLogging, "show cores": kindCores, "show processes cpu | include CPU": kindCPU,
		"show processes cpu sorted": kindCPU, "ping 10.1.1.1 vrf x": kindPing, "show version": kindOther,
		"SHOW   MODULE": kindModule,
	}
	for cmd, want := range tests {
		assert.Equal(t, want, classify(cmd), cmd)
	}
	assert.Equal(t, "show ip route 10.99.0.0/24 vrf default", prefixCommand("nxos", Prefix{Prefix: "10.99.0.0/24"}))
	assert.Equal(t, "show ip route vrf blue 10.99.0.0/24", prefixCommand("iosxe", Prefix{VRF: "blue", Prefix: "10.99.0.0/24"}))
	assert.Equal(t, "show route vrf blue ipv4 10.99.0.0/24", prefixCommand("iosxr", Prefix{VRF: "blue", Prefix: "10.99.0.0/24"}))
	assert.Equal(t, "ping 10.99.0.1 vrf default source 10.0.0.1 count 5", pingCommand("nxos", Probe{Destination: "10.99.0.1", Source: "10.0.0.1", Count: 5}))
	assert.Equal(t, "ping vrf blue 10.99.0.1 source Lo0 repeat 3", pingCommand("iosxe", Probe{Destination: "10.99.0.1", VRF: "blue", Source: "Lo0", Count: 3}))
	assert.Equal(t, "ping 10.99.0.1 count 3", pingCommand("iosxr", Probe{Destination: "10.99.0.1", Count: 3}))
}

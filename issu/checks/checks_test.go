package checks

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/policy"
)

// Fixtures: testdata/<os>/<label>/<variant>.json (hand-written parsed
// output following Genie's schemas) or .txt (raw output).

var healthy = map[string]map[issu.Phase]map[string]string{
	"nxos": {
		issu.Pre: {
			"version": "ok", "module": "ok", "system_redundancy": "ok", "cpu": "ok", "system_resources": "ok",
			"environment": "ok", "bootflash": "ok", "boot": "ok", "install_impact": "ok", "incompatibility": "ok",
			"cores": "ok", "logging": "ok", "bgp_summary": "ok", "ospf_neighbors": "ok", "routes_vrf_all": "ok",
			"running_config": "ok",
		},
		issu.Post: {
			"version": "upgraded", "module": "upgraded", "system_redundancy": "ok", "cores": "ok", "bgp_summary": "ok",
			"ospf_neighbors": "ok", "routes_vrf_all": "ok", "running_config": "upgraded", "logging": "ok",
		},
	},
	"iosxe": {
		issu.Pre: {
			"version": "ok", "redundancy_states": "ok", "redundancy": "ok", "platform": "ok", "cpu": "ok", "memory": "ok",
			"environment": "ok", "bootflash": "ok", "boot": "ok", "issu_state": "ok", "bgp_summary": "ok",
			"ospf_neighbors": "ok", "routes_vrf_all": "ok", "logging": "ok", "running_config": "ok",
		},
		issu.Post: {
			"version": "upgraded", "redundancy_states": "ok", "platform": "ok", "bootflash": "ok", "bgp_summary": "ok",
			"ospf_neighbors": "ok", "routes_vrf_all": "ok", "running_config": "upgraded",
		},
	},
}

// device builds a device snapshot from fixtures; overrides replace
// variants ("-" drops the label, "!error"/"!noparser" fake a failed or
// unparsed command).
func device(t testing.TB, osName string, p issu.Phase, overrides map[string]string) *issu.DeviceSnapshot {
	t.Helper()
	labels := map[string]string{}
	for k, v := range healthy[osName][p] {
		labels[k] = v
	}
	for k, v := range overrides {
		labels[k] = v
	}
	ds := &issu.DeviceSnapshot{
		Manifest: issu.Manifest{Device: "DUT", OS: osName, Phase: p},
		Raw:      map[string]string{},
	}
	for label, variant := range labels {
		rec := issu.CommandRecord{Label: label, Command: "show " + label, Status: issu.RecordOK}
		switch variant {
		case "-":
			continue
		case "!error":
			rec.Status, rec.Error = issu.RecordError, "timed out after 60s"
		case "!noparser":
			rec.Status, rec.Note = issu.RecordNotParsed, "not parsed: no parser"
		default:
			base := filepath.Join("testdata", osName, label, variant)
			if b, err := os.ReadFile(base + ".txt"); err == nil {
				ds.Raw[label] = string(b)
				break
			}
			b, err := os.ReadFile(base + ".json")
			require.NoError(t, err, "fixture %s", base)
			var m map[string]any
			require.NoError(t, json.Unmarshal(b, &m), base)
			ds.SetParsed(label, m)
			ds.Raw[label] = string(b)
			if len(m) == 0 {
				rec.Status = issu.RecordEmpty
			}
		}
		ds.Commands = append(ds.Commands, rec)
	}
	return ds
}

func testEnv(t testing.TB, osName string, pre, post map[string]string) *Env {
	pol := policy.Default()
	pol.CriticalPrefixes = []policy.Prefix{{VRF: "default", Prefix: "10.99.0.0/24"}}
	if osName == "nxos" {
		pol.TargetImage = "nxos64-cs.10.4.3.F.bin"
		pol.TargetVersion = "10.4(3)"
	} else {
		pol.TargetImage = "cat9k_iosxe.17.09.04a.SPA.bin"
	}
	env := &Env{Policy: pol,
		Pre:  &issu.Snapshot{Phase: issu.Pre, Devices: map[string]*issu.DeviceSnapshot{"DUT": device(t, osName, issu.Pre, pre)}},
		Post: &issu.Snapshot{Phase: issu.Post, Devices: map[string]*issu.DeviceSnapshot{"DUT": device(t, osName, issu.Post, post)}},
	}
	return env
}

type checkCase struct {
	name      string
	check     string
	phase     issu.Phase
	os        string
	pre, post map[string]string
	policy    func(*policy.Policy)
	want      issu.Status
	msg       string // substring of a finding (fail) or the reason
}

func runCases(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.os+"/"+c.check+"/"+c.name, func(t *testing.T) {
			ch, ok := ByID(c.phase, c.check)
			require.True(t, ok, "check %s", c.check)
			env := testEnv(t, c.os, c.pre, c.post)
			if c.policy != nil {
				c.policy(env.Policy)
			}
			res := ch.Run(env, "DUT")
			assert.Equal(t, c.want, res.Status, "reason %q findings %v", res.Reason, res.Findings)
			assert.Equal(t, c.check, res.Check)
			assert.Equal(t, c.phase, res.Phase)
			if c.msg == "" {
				return
			}
			var texts []string
			for _, f := range res.Findings {
				texts = append(texts, f.Message+" | "+f.Evidence)
				assert.Equal(t, "DUT", f.Device)
				assert.Equal(t, c.check, f.ID)
				assert.NotEmpty(t, f.Evidence)
			}
			texts = append(texts, res.Reason)
			assert.Contains(t, strings.Join(texts, "\n"), c.msg)
		})
	}
}

func TestPreChecks(t *testing.T) {
	P := issu.Pre
	runCases(t, []checkCase{
		{"ok", "cpu_headroom", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"high", "cpu_headroom", P, "nxos", map[string]string{"cpu": "high"}, nil, nil, issu.StatusFail, "5-minute CPU 88% above 80%"},
		{"high 5s", "cpu_headroom", P, "nxos", map[string]string{"cpu": "high"}, nil, nil, issu.StatusFail, "pre/DUT/cpu.json#five_sec_cpu_total"},
		{"threshold raised", "cpu_headroom", P, "nxos", map[string]string{"cpu": "high"}, nil, func(p *policy.Policy) { p.CPU.FiveMinMaxPercent, p.CPU.FiveSecMaxPercent = 90, 99 }, issu.StatusPass, ""},
		{"ok", "cpu_headroom", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"high", "cpu_headroom", P, "iosxe", map[string]string{"cpu": "high"}, nil, nil, issu.StatusFail, "5-second CPU 96% above 95%"},
		{"command failed", "cpu_headroom", P, "nxos", map[string]string{"cpu": "!error"}, nil, nil, issu.StatusError, "timed out"},
		{"no parser", "cpu_headroom", P, "nxos", map[string]string{"cpu": "!noparser"}, nil, nil, issu.StatusBlocked, "not parsed"},
		{"not collected", "cpu_headroom", P, "nxos", map[string]string{"cpu": "-"}, nil, nil, issu.StatusBlocked, "not in the command profile"},

		{"ok", "memory_headroom", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"high", "memory_headroom", P, "nxos", map[string]string{"system_resources": "high"}, nil, nil, issu.StatusFail, "memory 96.9% used"},
		{"ok", "memory_headroom", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"high", "memory_headroom", P, "iosxe", map[string]string{"memory": "high"}, nil, nil, issu.StatusFail, "memory 95.0% used"},

		{"ok", "redundancy_sso", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"no standby", "redundancy_sso", P, "nxos", map[string]string{"system_redundancy": "no_standby"}, nil, nil, issu.StatusFail, "standby not ready"},
		{"ok", "redundancy_sso", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"peer disabled", "redundancy_sso", P, "iosxe", map[string]string{"redundancy_states": "peer_disabled"}, nil, nil, issu.StatusFail, "not STANDBY HOT"},

		{"ok", "supervisor_versions", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"mixed", "supervisor_versions", P, "nxos", map[string]string{"module": "mixed_versions"}, nil, nil, issu.StatusFail, "different versions: 10.2(3) vs 10.1(1)"},
		{"ok", "supervisor_versions", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"mixed", "supervisor_versions", P, "iosxe", map[string]string{"redundancy": "mixed"}, nil, nil, issu.StatusFail, "different versions"},

		{"ok", "modules_ok", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"standby powered-up", "modules_ok", P, "nxos", map[string]string{"module": "standby_not_ready"}, nil, nil, issu.StatusFail, "status \"powered-up\""},
		{"ok", "modules_ok", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"standby booting", "modules_ok", P, "iosxe", map[string]string{"platform": "standby_booting"}, nil, nil, issu.StatusFail, "init, standby"},

		{"ok", "environment", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"fan fail", "environment", P, "nxos", map[string]string{"environment": "fan_fail"}, nil, nil, issu.StatusFail, "fans Fan2(sys_fan2) status \"Fail\""},
		{"hot", "environment", P, "nxos", map[string]string{"environment": "hot"}, nil, nil, issu.StatusFail, "at or above major threshold"},
		{"ok", "environment", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"psu", "environment", P, "iosxe", map[string]string{"environment": "psu_bad"}, nil, nil, issu.StatusFail, "BAD, FAULTY"},

		{"image there", "bootflash_space", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"full", "bootflash_space", P, "nxos", map[string]string{"bootflash": "full"}, nil, func(p *policy.Policy) { p.ImageSizeBytes = 2000000000 }, issu.StatusFail, "active bootflash has 500000000 bytes free"},
		{"size unknown", "bootflash_space", P, "nxos", map[string]string{"bootflash": "full"}, nil, nil, issu.StatusError, "size of nxos64-cs.10.4.3.F.bin unknown"},
		{"no working margin", "bootflash_space", P, "nxos", map[string]string{"bootflash": "image_no_margin"}, nil, nil, issu.StatusFail, "needs 2200000000 (image 2000000000 + margin; image already on bootflash)"},
		{"standby full", "bootflash_space", P, "nxos", map[string]string{"bootflash_standby": "full"}, nil, nil, issu.StatusFail, "standby bootflash has 1000000 bytes free"},
		{"ok", "bootflash_space", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"full", "bootflash_space", P, "iosxe", map[string]string{"bootflash": "full_with_core"}, nil, func(p *policy.Policy) { p.ImageSizeBytes = 1200000000 }, issu.StatusFail, "bytes free"},

		{"present", "image_present", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"absent", "image_present", P, "nxos", map[string]string{"bootflash": "full"}, nil, nil, issu.StatusFail, "not on bootflash"},
		{"no target", "image_present", P, "nxos", nil, nil, func(p *policy.Policy) { p.TargetImage = "" }, issu.StatusSkipped, "no target image"},
		{"md5 not collected", "image_present", P, "nxos", nil, nil, func(p *policy.Policy) { p.ImageMD5 = "abc" }, issu.StatusPass, "md5 of"},
		{"md5 matches", "image_present", P, "nxos", map[string]string{"image_checksum": "ok"}, nil, func(p *policy.Policy) { p.ImageMD5 = "5F2B8C41AD0C3F6E9A1B7D2C4E6F8A90" }, issu.StatusPass, ""},
		{"md5 differs", "image_present", P, "nxos", map[string]string{"image_checksum": "ok"}, nil, func(p *policy.Policy) { p.ImageMD5 = "00000000000000000000000000000000" }, issu.StatusFail, "md5 of nxos64-cs.10.4.3.F.bin does not match"},
		{"absent", "image_present", P, "iosxe", map[string]string{"bootflash": "full_with_core"}, nil, nil, issu.StatusFail, "not on bootflash"},

		{"ok", "boot_variables", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"mismatch", "boot_variables", P, "nxos", map[string]string{"boot": "mismatch"}, nil, nil, issu.StatusFail, "but the running image is nxos64-cs.10.2.3.F.bin"},
		{"ok", "boot_variables", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"mismatch", "boot_variables", P, "iosxe", map[string]string{"boot": "mismatch"}, nil, nil, issu.StatusFail, "boot variables differ"},

		{"ok", "install_impact", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"disruptive", "install_impact", P, "nxos", map[string]string{"install_impact": "disruptive"}, nil, nil, issu.StatusFail, "module 3 upgrade is disruptive (Incompatible image)"},
		{"disruptive allowed", "install_impact", P, "nxos", map[string]string{"install_impact": "disruptive"}, nil, func(p *policy.Policy) { p.AllowDisruptive = true }, issu.StatusPass, "allowed by policy"},
		{"iosxe", "install_impact", P, "iosxe", nil, nil, nil, issu.StatusSkipped, "not applicable to os iosxe"},

		{"ok", "incompatibility", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"strict", "incompatibility", P, "nxos", map[string]string{"incompatibility": "strict"}, nil, nil, issu.StatusFail, "service otm"},

		{"none", "no_cores", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"one", "no_cores", P, "nxos", map[string]string{"cores": "one"}, nil, nil, issu.StatusFail, "core file present: bgp (date 2026-11-27 18:00:56)"},
		{"none", "no_cores", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"one", "no_cores", P, "iosxe", map[string]string{"bootflash": "full_with_core"}, nil, nil, issu.StatusFail, "RP_0_bt_logger"},

		{"clean", "logs_clean", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"crash", "logs_clean", P, "nxos", map[string]string{"logging": "crash"}, nil, nil, issu.StatusFail, "log matches service_crash"},
		{"crash evidence", "logs_clean", P, "nxos", map[string]string{"logging": "crash"}, nil, nil, issu.StatusFail, "pre/DUT/logging.txt: 2026 Nov 27 10:00:00 N9K-A %SYSMGR-2-SERVICE_CRASHED"},
		{"old crash outside window", "logs_clean", P, "nxos", map[string]string{"logging": "old_crash"}, nil, nil, issu.StatusPass, ""},
		{"old crash, whole log", "logs_clean", P, "nxos", map[string]string{"logging": "old_crash"}, nil, func(p *policy.Policy) { p.LogWindow = 0 }, issu.StatusFail, "service_crash"},
		{"old crash outside window", "logs_clean", P, "iosxe", map[string]string{"logging": "old_crash"}, nil, nil, issu.StatusPass, ""},
		{"old crash, wide window", "logs_clean", P, "iosxe", map[string]string{"logging": "old_crash"}, nil, func(p *policy.Policy) { p.LogWindow = 30 * 24 * time.Hour }, issu.StatusFail, "process_failure"},
		{"clean", "logs_clean", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"crash", "logs_clean", P, "iosxe", map[string]string{"logging": "crash"}, nil, nil, issu.StatusFail, "process_failure"},

		{"ok", "bgp_established", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"idle", "bgp_established", P, "nxos", map[string]string{"bgp_summary": "idle"}, nil, nil, issu.StatusFail, "pre/DUT/bgp_summary.json#vrf.default.neighbor.10.1.1.6"},
		{"idle not critical", "bgp_established", P, "nxos", map[string]string{"bgp_summary": "idle"}, nil, func(p *policy.Policy) { p.BGP.CriticalNeighbors = []string{"10.1.1.2"} }, issu.StatusPass, "non-critical"},
		{"critical missing", "bgp_established", P, "nxos", nil, nil, func(p *policy.Policy) { p.BGP.CriticalNeighbors = []string{"10.9.9.9"} }, issu.StatusFail, "10.9.9.9 not configured"},
		{"ok", "bgp_established", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"idle", "bgp_established", P, "iosxe", map[string]string{"bgp_summary": "idle"}, nil, nil, issu.StatusFail, "192.168.36.220 (vrf default) is Idle"},

		{"ok", "ospf_full", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"exstart", "ospf_full", P, "nxos", map[string]string{"ospf_neighbors": "exstart"}, nil, nil, issu.StatusFail, "10.2.2.2 is exstart"},
		{"ok", "ospf_full", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"exstart", "ospf_full", P, "iosxe", map[string]string{"ospf_neighbors": "exstart"}, nil, nil, issu.StatusFail, "EXSTART/DR"},

		{"present", "critical_prefixes", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"missing", "critical_prefixes", P, "nxos", map[string]string{"routes_vrf_all": "missing"}, nil, nil, issu.StatusFail, "10.99.0.0/24 missing from vrf default"},
		{"vrf not collected", "critical_prefixes", P, "iosxe", nil, nil, func(p *policy.Policy) { p.CriticalPrefixes = []policy.Prefix{{VRF: "RED", Prefix: "10.5.0.0/16"}} }, issu.StatusFail, "routes of vrf RED not collected"},
		{"none in policy", "critical_prefixes", P, "nxos", nil, nil, func(p *policy.Policy) { p.CriticalPrefixes = nil }, issu.StatusSkipped, "no critical prefixes"},
		{"missing", "critical_prefixes", P, "iosxe", map[string]string{"routes_vrf_all": "missing"}, nil, nil, issu.StatusFail, "missing from vrf default"},

		{"captured", "running_config", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"empty", "running_config", P, "nxos", map[string]string{"running_config": "empty"}, nil, nil, issu.StatusFail, "running-config is empty"},
		{"failed", "running_config", P, "nxos", map[string]string{"running_config": "!error"}, nil, nil, issu.StatusError, "show running-config failed"},

		{"ok", "issu_state", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"standby offline", "issu_state", P, "iosxe", map[string]string{"issu_state": "standby_offline"}, nil, nil, issu.StatusFail, "standby_online is \"No\""},
		{"legacy platform", "issu_state", P, "iosxe", map[string]string{"issu_state": "legacy"}, nil, nil, issu.StatusSkipped, "no ISSU system checklist"},
		{"nxos", "issu_state", P, "nxos", nil, nil, nil, issu.StatusSkipped, "not applicable"},

		{"skipped by policy", "cpu_headroom", P, "nxos", map[string]string{"cpu": "high"}, nil, func(p *policy.Policy) { p.SkipChecks = []string{"cpu_headroom"} }, issu.StatusSkipped, "skip_checks"},
	})
}

func TestPostChecks(t *testing.T) {
	P := issu.Post
	runCases(t, []checkCase{
		{"upgraded", "version_upgraded", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"did not take", "version_upgraded", P, "nxos", nil, map[string]string{"version": "not_rebooted"}, nil, issu.StatusFail, "version unchanged at 10.2(3): the upgrade did not take"},
		{"wrong target", "version_upgraded", P, "nxos", nil, nil, func(p *policy.Policy) { p.TargetVersion = "10.5(1)" }, issu.StatusFail, "target is 10.5(1)"},
		{"upgraded", "version_upgraded", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"did not take", "version_upgraded", P, "iosxe", nil, map[string]string{"version": "ok"}, nil, issu.StatusFail, "upgrade did not take"},
		{"pre missing", "version_upgraded", P, "nxos", map[string]string{"version": "!error"}, nil, nil, issu.StatusError, "pre version"},

		{"reset", "uptime_reset", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"not reset", "uptime_reset", P, "nxos", nil, map[string]string{"version": "not_rebooted"}, nil, issu.StatusFail, "uptime did not reset"},
		{"reset", "uptime_reset", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"not reset", "uptime_reset", P, "iosxe", nil, map[string]string{"version": "ok"}, nil, issu.StatusFail, "uptime did not reset"},

		{"restored", "redundancy_restored", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"no standby", "redundancy_restored", P, "nxos", nil, map[string]string{"system_redundancy": "no_standby"}, nil, issu.StatusFail, "standby not ready"},
		{"restored", "redundancy_restored", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"peer disabled", "redundancy_restored", P, "iosxe", nil, map[string]string{"redundancy_states": "peer_disabled"}, nil, issu.StatusFail, "peer state"},

		{"upgraded, roles swapped", "modules_upgraded", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"old version and missing LC", "modules_upgraded", P, "nxos", nil, map[string]string{"module": "lc_old_missing"}, nil, issu.StatusFail, "module 2 (lc) present before the upgrade is missing"},
		{"old version", "modules_upgraded", P, "nxos", nil, map[string]string{"module": "lc_old_missing"}, nil, issu.StatusFail, "runs 10.2(3), not the new version 10.4(3)"},
		{"ok", "modules_upgraded", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"standby booting", "modules_upgraded", P, "iosxe", nil, map[string]string{"platform": "standby_booting"}, nil, issu.StatusFail, "init, standby"},

		{"restored", "bgp_restored", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"neighbor down", "bgp_restored", P, "nxos", nil, map[string]string{"bgp_summary": "idle"}, nil, issu.StatusFail, "10.1.1.6 (vrf default) established before is Idle"},
		{"fewer prefixes", "bgp_restored", P, "nxos", nil, map[string]string{"bgp_summary": "fewer_prefixes"}, nil, issu.StatusFail, "receives 60 prefixes, 120 before"},
		{"fewer within tolerance", "bgp_restored", P, "nxos", nil, map[string]string{"bgp_summary": "fewer_prefixes"}, func(p *policy.Policy) { p.BGP.PrefixTolerancePercent = 60 }, issu.StatusPass, ""},
		{"down before, down after", "bgp_restored", P, "nxos", map[string]string{"bgp_summary": "idle"}, map[string]string{"bgp_summary": "idle"}, nil, issu.StatusPass, ""},
		{"neighbor down", "bgp_restored", P, "iosxe", nil, map[string]string{"bgp_summary": "idle"}, nil, issu.StatusFail, "established before is Idle"},

		{"restored", "ospf_restored", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"stuck", "ospf_restored", P, "nxos", nil, map[string]string{"ospf_neighbors": "exstart"}, nil, issu.StatusFail, "FULL before is exstart"},
		{"stuck", "ospf_restored", P, "iosxe", nil, map[string]string{"ospf_neighbors": "exstart"}, nil, issu.StatusFail, "FULL before is EXSTART/DR"},

		{"present", "critical_prefixes", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"withdrawn", "critical_prefixes", P, "nxos", nil, map[string]string{"routes_vrf_all": "missing"}, nil, issu.StatusFail, "post/DUT/routes_vrf_all.json#vrf.default"},

		{"none", "no_new_cores", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"new core", "no_new_cores", P, "nxos", nil, map[string]string{"cores": "one"}, nil, issu.StatusFail, "new core file: bgp (date 2026-11-27 18:00:56)"},
		{"old core only", "no_new_cores", P, "nxos", map[string]string{"cores": "one"}, map[string]string{"cores": "one"}, nil, issu.StatusPass, ""},
		{"new core", "no_new_cores", P, "iosxe", nil, map[string]string{"bootflash": "full_with_core"}, nil, issu.StatusFail, "RP_0_bt_logger"},

		{"only boot/version", "config_diff", P, "nxos", nil, nil, nil, issu.StatusPass, ""},
		{"unexpected", "config_diff", P, "nxos", nil, map[string]string{"running_config": "changed"}, nil, issu.StatusFail, "unexpected config change: + no feature ospf"},
		{"removed line", "config_diff", P, "nxos", nil, map[string]string{"running_config": "changed"}, nil, issu.StatusFail, "unexpected config change: - remote-as 65002"},
		{"only version", "config_diff", P, "iosxe", nil, nil, nil, issu.StatusPass, ""},
		{"post missing", "config_diff", P, "nxos", nil, map[string]string{"running_config": "-"}, nil, issu.StatusError, "missing"},
	})
}

func TestGenericOSBlocked(t *testing.T) {
	ds := &issu.DeviceSnapshot{Manifest: issu.Manifest{Device: "FW1", OS: "panos", Generic: true,
		Commands: []issu.CommandRecord{{Label: "running_config", Command: "show running-config", Status: issu.RecordNotParsed}}},
		Raw: map[string]string{"running_config": "deviceconfig {\n}\n"}}
	env := &Env{Pre: &issu.Snapshot{Phase: issu.Pre, Devices: map[string]*issu.DeviceSnapshot{"FW1": ds}}}
	results := RunAll(env, Pre())
	require.Len(t, results, len(Pre()))
	for _, r := range results {
		if r.Check == "running_config" {
			assert.Equal(t, issu.StatusPass, r.Status, "raw-only check works on any OS")
			continue
		}
		assert.Equal(t, issu.StatusBlocked, r.Status, r.Check)
		assert.Contains(t, r.Reason, "panos")
	}
}

func TestMissingDeviceAndSnapshot(t *testing.T) {
	env := testEnv(t, "nxos", nil, nil)
	res := cpuHeadroom.Run(env, "NOPE")
	assert.Equal(t, issu.StatusError, res.Status)
	assert.Contains(t, res.Reason, "not in the pre snapshot")
	env.Post = nil
	res = versionUpgraded.Run(env, "DUT")
	assert.Equal(t, issu.StatusError, res.Status)
	assert.Contains(t, res.Reason, "no post snapshot")
	// A device whose snapshot failed: every needed label reports the cause.
	env = testEnv(t, "nxos", nil, nil)
	ds := env.Pre.Devices["DUT"]
	ds.Error = "device unreachable: connect: refused"
	ds.Commands = nil
	res = cpuHeadroom.Run(env, "DUT")
	assert.Equal(t, issu.StatusError, res.Status)
	assert.Contains(t, res.Reason, "device unreachable")
}

func TestRunAllPostIncludesVanishedDevices(t *testing.T) {
	env := testEnv(t, "nxos", nil, nil)
	env.Pre.Devices["GONE"] = env.Pre.Devices["DUT"]
	results := RunAll(env, Post())
	require.Len(t, results, 2*len(Post()))
	for _, r := range results {
		if r.Device == "GONE" {
			assert.Equal(t, issu.StatusError, r.Status, r.Check)
			assert.Contains(t, r.Reason, "not in the post snapshot")
		}
	}
	assert.Len(t, RunAll(env, Pre()), 2*len(Pre()))
	assert.Nil(t, RunAll(&Env{}, Pre()), "no snapshot, no results")
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, list := range [][]Check{Pre(), Post()} {
		for _, c := range list {
			key := string(c.Phase) + "/" + c.ID
			assert.False(t, seen[key], "duplicate %s", key)
			seen[key] = true
			assert.Regexp(t, `^[a-z][a-z0-9_]*$`, c.ID)
			assert.Regexp(t, `^[A-Z][A-Za-z0-9]*$`, c.Name)
			assert.NotEmpty(t, c.Doc)
			got, ok := ByID(c.Phase, c.Name)
			assert.True(t, ok)
			assert.Equal(t, c.ID, got.ID)
		}
	}
	assert.Equal(t, []string{"iosxe", "iosxr", "nxos"}, cpuHeadroom.OSes())
	assert.Nil(t, runningConfig.OSes())
	// Every label a check reads is collected by the OS's profile.
	for _, list := range [][]Check{Pre(), Post()} {
		for _, c := range list {
			for osName, labels := range c.needs {
				prof := map[string]bool{}
				for _, cmd := range issu.ProfileFor(osName, nil).Commands {
					prof[cmd.Label] = true
				}
				for _, l := range labels {
					assert.True(t, prof[l], "%s needs %s on %s, not in its profile", c.ID, l, osName)
				}
			}
		}
	}
}

func TestParseUptime(t *testing.T) {
	cases := map[string]float64{
		"1 week, 10 hours, 49 minutes":            7*86400 + 10*3600 + 49*60,
		"0 days, 7 hours, 57 minutes, 30 seconds": 7*3600 + 57*60 + 30,
		"11 minutes":     660,
		"1 year, 2 days": 365*86400 + 2*86400,
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			got, ok := parseUptime(in)
			assert.True(t, ok)
			assert.Equal(t, want, got)
		})
	}
	_, ok := parseUptime("never")
	assert.False(t, ok)
}

func BenchmarkRunAllPre(b *testing.B) {
	env := testEnv(b, "nxos", nil, nil)
	base := env.Pre.Devices["DUT"]
	for i := 0; i < 100; i++ {
		env.Pre.Devices[fmt.Sprintf("D%03d", i)] = base
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(RunAll(env, Pre())) == 0 {
			b.Fatal("no results")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(env.Pre.Devices)), "ns/device")
}

func TestRecentLines(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  []string
	}{
		{
			// IOS stamps have no year: the crash after midnight on New
			// Year's Eve was taken for a year older than the line before
			// it and hidden from logs_clean.
			name:  "IOS log across New Year",
			lines: []string{"*Dec 30 10:00:00.000: %SYS-5-CONFIG_I: old", "*Dec 31 23:50:00.000: %SYS-5-CONFIG_I: b", "*Jan  1 00:05:00.123: %SYS-2-MALLOCFAIL: crash"},
			want:  []string{"*Dec 31 23:50:00.000: %SYS-5-CONFIG_I: b", "*Jan  1 00:05:00.123: %SYS-2-MALLOCFAIL: crash"},
		},
		{
			name:  "IOS log within a year",
			lines: []string{"*Mar  1 10:00:00.000: a", "no stamp", "*Mar  3 10:00:00.000: b"},
			want:  []string{"no stamp", "*Mar  3 10:00:00.000: b"},
		},
		{
			name:  "NX-OS log with years",
			lines: []string{"2025 Dec 31 23:50:00 a", "2026 Jan  1 00:05:00 b", "2025 Dec 01 00:00:00 c"},
			want:  []string{"2025 Dec 31 23:50:00 a", "2026 Jan  1 00:05:00 b"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, recentLines(c.lines, 24*time.Hour))
		})
	}
}

// TestCheckPanicIsThatDevicesError: a check that panics on one device's
// data (install_impact did on a hand-edited snapshot) ended the checks of
// every device; now it is that check's error on that device.
func TestCheckPanicIsThatDevicesError(t *testing.T) {
	env := testEnv(t, "nxos", nil, nil)
	ch := Check{ID: "boom", Name: "Boom", Phase: issu.Pre, fn: func(c *C) {
		var path []string
		_ = path[len(path)-1]
	}}
	res := RunAll(env, []Check{ch, cpuHeadroom})
	require.Len(t, res, 2)
	assert.Equal(t, issu.StatusError, res[0].Status)
	assert.Equal(t, "DUT", res[0].Device)
	assert.Contains(t, res[0].Reason, "check boom failed on this device's data")
	assert.Contains(t, res[0].Reason, "index out of range")
	assert.Equal(t, issu.StatusPass, res[1].Status, "the next check still runs")
}

// TestToNum: "NaN" and "Inf" read as numbers compared false against every
// threshold, so a CPU or temperature field holding one passed its check.
func TestToNum(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want float64
		ok   bool
	}{
		{"float", 42.5, 42.5, true},
		{"int", 7, 7, true},
		{"int64", int64(-3), -3, true},
		{"string", " 12 ", 12, true},
		{"percent", "87%", 87, true},
		{"NaN string", "NaN", 0, false},
		{"nan percent", "nan%", 0, false},
		{"Inf string", "Inf", 0, false},
		{"-infinity", "-infinity", 0, false},
		{"overflow", "1e400", 0, false},
		{"NaN float", math.NaN(), 0, false},
		{"Inf float", math.Inf(1), 0, false},
		{"word", "high", 0, false},
		{"bool", true, 0, false},
		{"nil", nil, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := toNum(c.in)
			assert.Equal(t, c.ok, ok)
			assert.Equal(t, c.want, got)
		})
	}
}

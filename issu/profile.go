package issu

import (
	"sort"
	"strings"

	"github.com/goissu/goissu/issu/policy"
)

// Well-known labels: the file names of a snapshot's artifacts that checks
// read. A label is the same on every OS where the data exists.
const (
	LabelVersion            = "version"
	LabelModule             = "module"
	LabelSystemRedundancy   = "system_redundancy"
	LabelRedundancy         = "redundancy"
	LabelRedundancyStates   = "redundancy_states"
	LabelPlatform           = "platform"
	LabelInventory          = "inventory"
	LabelEnvironment        = "environment"
	LabelEnvironmentSummary = "environment_summary"
	LabelCPU                = "cpu"
	LabelSystemResources    = "system_resources"
	LabelMemory             = "memory"
	LabelBGPSummary         = "bgp_summary"
	LabelOSPFNeighbors      = "ospf_neighbors"
	LabelRoutes             = "routes_vrf_all"
	LabelRoutesVRF          = "routes_vrf" // + "_<vrf>" (IOS-XE)
	LabelCEF                = "cef"        // + "_<vrf>_<prefix>"
	LabelPing               = "ping"       // + "_<vrf>_<destination>"
	LabelLogging            = "logging"
	LabelInstallImpact      = "install_impact"
	LabelInstallStatus      = "install_status"
	LabelInstallSummary     = "install_summary"
	LabelIncompatibility    = "incompatibility"
	LabelIssuState          = "issu_state"
	LabelIssuRollback       = "issu_rollback_timer"
	LabelBoot               = "boot"
	LabelBootMode           = "boot_mode"
	LabelBootflash          = "bootflash"
	LabelBootflashStandby   = "bootflash_standby"
	LabelImageChecksum      = "image_checksum" // md5
	LabelImageSHA256        = "image_sha256"
	LabelCores              = "cores"
	LabelRunningConfig      = "running_config"
	LabelSystemInfo         = "system_info"
)

// CommandSpec is one entry of a command profile: the label (artifact file
// name), the command template and the checks that read it.
//
// Templates may use {image} (target image file name), {prefix}, {vrf},
// {vrf_kw} ("vrf X " or "" for the default VRF), {dest} and {source}.
// Each names what the entry is repeated for: "prefix" (critical prefixes),
// "probe" (probe destinations), "vrf" (policy VRFs); "md5" and "sha256"
// run it once only when the policy gives that checksum (hashing an image
// takes the device a while); "" runs it once.
// An entry using {image} is left out when no target image is known.
type CommandSpec struct {
	Label    string   `json:"label"`
	Command  string   `json:"command"`
	Checks   []string `json:"checks,omitempty"`
	Each     string   `json:"each,omitempty"`
	Optional bool     `json:"optional,omitempty"`
}

// Profile is the list of commands collected for an OS.
type Profile struct {
	OS string
	// Generic is true for an OS without a built-in profile: outputs are
	// collected raw and checks that need parsed data are blocked.
	Generic  bool
	Commands []CommandSpec
}

var builtinProfiles = map[string][]CommandSpec{
	"nxos": {
		{Label: LabelVersion, Command: "show version", Checks: []string{"version_upgraded", "uptime_reset", "boot_variables"}},
		{Label: LabelModule, Command: "show module", Checks: []string{"modules_ok", "supervisor_versions", "modules_upgraded"}},
		{Label: LabelSystemRedundancy, Command: "show system redundancy status", Checks: []string{"redundancy_sso", "redundancy_restored"}},
		{Label: LabelRedundancy, Command: "show redundancy status"},
		{Label: LabelInventory, Command: "show inventory"},
		{Label: LabelEnvironment, Command: "show environment", Checks: []string{"environment"}},
		{Label: LabelCPU, Command: "show processes cpu", Checks: []string{"cpu_headroom"}},
		{Label: LabelSystemResources, Command: "show system resources", Checks: []string{"memory_headroom"}},
		{Label: LabelMemory, Command: "show processes memory"},
		{Label: LabelBGPSummary, Command: "show bgp vrf all all summary", Checks: []string{"bgp_established", "bgp_restored"}},
		{Label: LabelOSPFNeighbors, Command: "show ip ospf neighbors detail vrf all", Checks: []string{"ospf_full", "ospf_restored"}},
		{Label: LabelRoutes, Command: "show ip route vrf all", Checks: []string{"critical_prefixes"}},
		{Label: LabelPing, Command: "ping {dest} vrf {vrf}", Each: "probe", Optional: true},
		{Label: LabelLogging, Command: "show logging logfile", Checks: []string{"logs_clean"}},
		{Label: LabelInstallImpact, Command: "show install all impact nxos bootflash:{image}", Checks: []string{"install_impact"}},
		{Label: LabelInstallStatus, Command: "show install all status"},
		{Label: LabelIncompatibility, Command: "show incompatibility-all nxos bootflash:{image}", Checks: []string{"incompatibility"}},
		{Label: LabelBoot, Command: "show boot", Checks: []string{"boot_variables"}},
		{Label: LabelBootMode, Command: "show boot mode", Optional: true},
		{Label: LabelBootflash, Command: "dir bootflash:", Checks: []string{"bootflash_space", "image_present"}},
		{Label: LabelBootflashStandby, Command: "dir bootflash://sup-standby/", Checks: []string{"bootflash_space"}, Optional: true},
		{Label: LabelCores, Command: "show cores", Checks: []string{"no_cores", "no_new_cores"}},
		{Label: LabelImageChecksum, Command: "show file bootflash:{image} md5sum", Checks: []string{"image_present"}, Each: "md5", Optional: true},
		{Label: LabelImageSHA256, Command: "show file bootflash:{image} sha256sum", Checks: []string{"image_present"}, Each: "sha256", Optional: true},
		{Label: LabelRunningConfig, Command: "show running-config", Checks: []string{"running_config", "config_diff"}},
	},
	"iosxe": {
		{Label: LabelVersion, Command: "show version", Checks: []string{"version_upgraded", "uptime_reset"}},
		{Label: LabelRedundancy, Command: "show redundancy", Checks: []string{"supervisor_versions"}},
		{Label: LabelRedundancyStates, Command: "show redundancy states", Checks: []string{"redundancy_sso", "redundancy_restored"}},
		{Label: LabelPlatform, Command: "show platform", Checks: []string{"modules_ok", "modules_upgraded"}},
		{Label: LabelInventory, Command: "show inventory"},
		{Label: LabelEnvironment, Command: "show environment all", Checks: []string{"environment"}},
		// ASR-style chassis answer "show environment all" in a layout only
		// the "show environment" parser reads: collect both.
		{Label: LabelEnvironmentSummary, Command: "show environment", Checks: []string{"environment"}, Optional: true},
		{Label: LabelCPU, Command: "show processes cpu sorted", Checks: []string{"cpu_headroom"}},
		{Label: LabelMemory, Command: "show processes memory", Checks: []string{"memory_headroom"}},
		{Label: LabelBGPSummary, Command: "show bgp all summary", Checks: []string{"bgp_established", "bgp_restored"}},
		{Label: LabelOSPFNeighbors, Command: "show ip ospf neighbor", Checks: []string{"ospf_full", "ospf_restored"}},
		{Label: LabelRoutes, Command: "show ip route", Checks: []string{"critical_prefixes"}},
		{Label: LabelRoutesVRF, Command: "show ip route vrf {vrf}", Each: "vrf", Checks: []string{"critical_prefixes"}},
		{Label: LabelCEF, Command: "show ip cef {vrf_kw}{prefix}", Each: "prefix", Optional: true},
		{Label: LabelPing, Command: "ping {vrf_kw}{dest}", Each: "probe", Optional: true},
		{Label: LabelLogging, Command: "show logging", Checks: []string{"logs_clean"}},
		{Label: LabelInstallSummary, Command: "show install summary"},
		{Label: LabelIssuState, Command: "show issu state detail", Checks: []string{"issu_state"}},
		{Label: LabelIssuRollback, Command: "show issu rollback-timer"},
		{Label: LabelBoot, Command: "show bootvar", Checks: []string{"boot_variables"}},
		{Label: LabelBootflash, Command: "dir bootflash:", Checks: []string{"bootflash_space", "image_present", "no_cores", "no_new_cores"}},
		{Label: LabelImageChecksum, Command: "verify /md5 bootflash:{image}", Checks: []string{"image_present"}, Each: "md5", Optional: true},
		{Label: LabelImageSHA256, Command: "verify /sha256 bootflash:{image}", Checks: []string{"image_present"}, Each: "sha256", Optional: true},
		{Label: LabelRunningConfig, Command: "show running-config", Checks: []string{"running_config", "config_diff"}},
	},
	"iosxr": {
		{Label: LabelVersion, Command: "show version", Checks: []string{"version_upgraded", "uptime_reset"}},
		{Label: LabelRedundancy, Command: "show redundancy", Checks: []string{"redundancy_sso", "redundancy_restored"}},
		{Label: LabelPlatform, Command: "show platform"},
		{Label: LabelInstallSummary, Command: "show install active summary"},
		{Label: LabelCPU, Command: "show processes cpu", Checks: []string{"cpu_headroom"}},
		{Label: LabelBGPSummary, Command: "show bgp summary", Checks: []string{"bgp_established", "bgp_restored"}},
		{Label: LabelOSPFNeighbors, Command: "show ospf neighbor"},
		{Label: LabelRoutes, Command: "show route ipv4", Checks: []string{"critical_prefixes"}},
		{Label: LabelLogging, Command: "show logging", Checks: []string{"logs_clean"}},
		{Label: LabelBootflash, Command: "dir disk0:"},
		{Label: LabelRunningConfig, Command: "show running-config", Checks: []string{"running_config", "config_diff"}},
	},
}

// genericProfile is collected from a device whose OS goissu does not know
// (panos, junos ...): a version, the configuration and a system summary,
// raw only. Commands the device rejects are recorded, not fatal.
var genericProfile = []CommandSpec{
	{Label: LabelVersion, Command: "show version", Optional: true},
	{Label: LabelSystemInfo, Command: "show system info", Optional: true},
	{Label: LabelRunningConfig, Command: "show running-config", Checks: []string{"running_config", "config_diff"}},
}

// ProfileOSes lists the OSes with a built-in profile.
func ProfileOSes() []string {
	out := make([]string, 0, len(builtinProfiles))
	for k := range builtinProfiles {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ProfileFor returns the command profile of os: the policy's override when
// it has one, the built-in profile, or the generic raw-only profile.
func ProfileFor(os string, pol *policy.Policy) Profile {
	os = strings.ToLower(os)
	if pol != nil {
		if cmds, ok := pol.Commands[os]; ok {
			p := Profile{OS: os, Generic: builtinProfiles[os] == nil}
			for _, c := range cmds {
				p.Commands = append(p.Commands, CommandSpec{Label: c.Label, Command: c.Command, Checks: c.Checks, Each: c.Each, Optional: c.Optional})
			}
			return p
		}
	}
	if cmds, ok := builtinProfiles[os]; ok {
		return Profile{OS: os, Commands: append([]CommandSpec(nil), cmds...)}
	}
	return Profile{OS: os, Generic: true, Commands: append([]CommandSpec(nil), genericProfile...)}
}

// Vars are the values a profile's templates are filled with.
type Vars struct {
	Image    string
	MD5      string // expected image checksums; "" skips the checksum command
	SHA256   string
	Prefixes []policy.Prefix
	Probes   []policy.Probe
	VRFs     []string
}

// VarsFromPolicy takes the template values from a policy.
func VarsFromPolicy(pol *policy.Policy) Vars {
	if pol == nil {
		return Vars{}
	}
	return Vars{Image: pol.TargetImage, MD5: pol.ImageMD5, SHA256: pol.ImageSHA256, Prefixes: pol.CriticalPrefixes, Probes: pol.Probes, VRFs: pol.VRFs}
}

// Command is a profile entry with its template filled in.
type Command struct {
	Label    string `json:"label"`
	Command  string `json:"command"`
	Optional bool   `json:"optional,omitempty"`
}

// Expand fills the profile's templates. Entries repeated per prefix, probe or
// VRF get a label suffix naming the item (cef_default_10.99.0.0_24).
func (p Profile) Expand(v Vars) []Command {
	var out []Command
	for _, c := range p.Commands {
		if strings.Contains(c.Command, "{image}") && v.Image == "" {
			continue
		}
		base := map[string]string{"image": v.Image}
		switch c.Each {
		case "prefix":
			for _, pr := range v.Prefixes {
				out = append(out, fill(c, base, pr.VRF, map[string]string{"prefix": pr.Prefix}, pr.Prefix))
			}
		case "probe":
			for _, pr := range v.Probes {
				out = append(out, fill(c, base, pr.VRF, map[string]string{"dest": pr.Destination, "source": pr.Source}, pr.Destination))
			}
		case "md5", "sha256":
			if (c.Each == "md5" && v.MD5 != "") || (c.Each == "sha256" && v.SHA256 != "") {
				cc := c
				cc.Each = ""
				out = append(out, fill(cc, base, "", nil, ""))
			}
		case "vrf":
			for _, vrf := range v.VRFs {
				if vrf == "" || vrf == "default" {
					continue
				}
				out = append(out, fill(c, base, vrf, nil, ""))
			}
		default:
			out = append(out, fill(c, base, "", nil, ""))
		}
	}
	return out
}

func fill(c CommandSpec, base map[string]string, vrf string, extra map[string]string, item string) Command {
	vars := map[string]string{}
	for k, val := range base {
		vars[k] = val
	}
	for k, val := range extra {
		vars[k] = val
	}
	label := c.Label
	if c.Each != "" {
		if vrf == "" {
			vrf = "default"
		}
		label += "_" + SanitizeLabel(vrf)
		if item != "" {
			label += "_" + SanitizeLabel(item)
		}
	}
	vars["vrf"] = vrf
	if vrf == "" {
		vars["vrf"] = "default"
	}
	if vrf != "" && vrf != "default" {
		vars["vrf_kw"] = "vrf " + vrf + " "
	} else {
		vars["vrf_kw"] = ""
	}
	cmd := c.Command
	for k, val := range vars {
		cmd = strings.ReplaceAll(cmd, "{"+k+"}", val)
	}
	return Command{Label: label, Command: strings.Join(strings.Fields(cmd), " "), Optional: c.Optional}
}

// SanitizeLabel maps s to a label-safe string: letters, digits, '.', '-'
// and '_' are kept, everything else becomes '_'.
func SanitizeLabel(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '_':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}

// PrefixLabel is the label of a per-prefix entry (e.g. LabelCEF) for vrf and
// prefix.
func PrefixLabel(base, vrf, prefix string) string {
	if vrf == "" {
		vrf = "default"
	}
	return base + "_" + SanitizeLabel(vrf) + "_" + SanitizeLabel(prefix)
}

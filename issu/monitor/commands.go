package monitor

import (
	"fmt"
	"strings"
)

// cmdKind says which signal a polled command feeds.
type cmdKind int

const (
	kindOther cmdKind = iota
	kindRedundancy
	kindModule
	kindInstall
	kindBGP
	kindOSPF
	kindRoute
	kindLogging
	kindCores
	kindCPU
	kindPing
)

// DefaultCommands returns the built-in polled commands for an OS (nxos,
// iosxe, iosxr). Critical-prefix route lookups and probes are added per
// poll from Config; they are not part of the profile.
func DefaultCommands(os string) []string {
	switch strings.ToLower(os) {
	case "nxos":
		return []string{
			"show system redundancy status",
			"show module",
			"show install all status",
			"show bgp vrf all all summary",
			"show ip ospf neighbors detail vrf all",
			"show logging last 200",
			"show cores",
			"show processes cpu | include CPU",
		}
	case "iosxe":
		return []string{
			"show redundancy states",
			"show issu state detail",
			"show install summary",
			"show bgp all summary",
			"show ip ospf neighbor",
			"show logging",
			"show processes cpu sorted",
		}
	case "iosxr":
		return []string{
			"show redundancy",
			"show bgp summary",
			"show ospf neighbor",
			"show logging",
			"show processes cpu",
		}
	}
	return nil
}

// classify maps a command to the signal it feeds, from its words.
func classify(cmd string) cmdKind {
	c := strings.Join(strings.Fields(strings.ToLower(cmd)), " ")
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(c, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("ping"):
		return kindPing
	case has("show system redundancy", "show redundancy"):
		return kindRedundancy
	case has("show module"):
		return kindModule
	case has("show install", "show issu"):
		return kindInstall
	case has("show bgp", "show ip bgp"):
		return kindBGP
	case has("show ip ospf", "show ospf"):
		return kindOSPF
	case has("show ip route", "show route"):
		return kindRoute
	case has("show logging", "show log"):
		return kindLogging
	case has("show cores", "show core", "dir bootflash:core", "dir harddisk:core", "dir crashinfo:"):
		return kindCores
	case has("show processes cpu", "show process cpu", "show system resources"):
		return kindCPU
	}
	return kindOther
}

// prefixCommand is the per-prefix RIB lookup for an OS.
func prefixCommand(os string, p Prefix) string {
	vrf := p.VRF
	if vrf == "" {
		vrf = "default"
	}
	switch strings.ToLower(os) {
	case "iosxe":
		if vrf == "default" {
			return "show ip route " + p.Prefix
		}
		return fmt.Sprintf("show ip route vrf %s %s", vrf, p.Prefix)
	case "iosxr":
		if vrf == "default" {
			return "show route ipv4 " + p.Prefix
		}
		return fmt.Sprintf("show route vrf %s ipv4 %s", vrf, p.Prefix)
	}
	return fmt.Sprintf("show ip route %s vrf %s", p.Prefix, vrf)
}

// pingCommand is the probe command for an OS.
func pingCommand(os string, p Probe) string {
	var b strings.Builder
	b.WriteString("ping ")
	switch strings.ToLower(os) {
	case "iosxe", "iosxr":
		if p.VRF != "" && p.VRF != "default" {
			b.WriteString("vrf " + p.VRF + " ")
		}
		b.WriteString(p.Destination)
		if p.Source != "" {
			b.WriteString(" source " + p.Source)
		}
		if strings.ToLower(os) == "iosxe" {
			fmt.Fprintf(&b, " repeat %d", p.Count)
		} else {
			fmt.Fprintf(&b, " count %d", p.Count)
		}
	default:
		b.WriteString(p.Destination)
		vrf := p.VRF
		if vrf == "" {
			vrf = "default"
		}
		b.WriteString(" vrf " + vrf)
		if p.Source != "" {
			b.WriteString(" source " + p.Source)
		}
		fmt.Fprintf(&b, " count %d", p.Count)
	}
	return b.String()
}

package checks

import (
	"regexp"
	"sort"
	"strings"

	"github.com/goissu/goissu/issu"
)

// versionOf returns the running version and image of a version output, and
// the key path of the version for evidence.
func versionOf(os string, d map[string]any) (version, image string, path []string) {
	version, image = issu.RunningVersion(os, d)
	switch os {
	case "nxos":
		path = []string{"platform", "software", "system_version"}
	case "iosxe":
		path = []string{"version", "version"}
	case "iosxr":
		path = []string{"software_version"}
	}
	return version, image, path
}

var versionUpgraded = Check{
	ID: "version_upgraded", Name: "VersionUpgraded", Phase: issu.Post, compare: true,
	Doc:   "the version changed from the pre version to the target (image and version)",
	needs: map[string][]string{"nxos": {issu.LabelVersion}, "iosxe": {issu.LabelVersion}, "iosxr": {issu.LabelVersion}},
	fn: func(c *C) {
		preV, _, path := versionOf(c.OS, c.data(issu.Pre, issu.LabelVersion))
		postV, postImg, _ := versionOf(c.OS, c.data(issu.Post, issu.LabelVersion))
		if preV == "" || postV == "" {
			c.missing("no version in the pre or post show version")
			return
		}
		pol := c.env.policy()
		if preV == postV {
			c.fail(c.ev(issu.Post, issu.LabelVersion, path...), "version unchanged at %s: the upgrade did not take", postV)
		}
		if pol.VersionFor(c.OS) != "" && !strings.EqualFold(postV, pol.VersionFor(c.OS)) {
			c.fail(c.ev(issu.Post, issu.LabelVersion, path...), "version is %s, target is %s", postV, pol.VersionFor(c.OS))
		}
		if img := c.env.image(c.OS); img != "" && c.OS == "nxos" && baseName(postImg) != img {
			c.fail(c.ev(issu.Post, issu.LabelVersion, "platform", "software", "system_image_file"), "running image is %s, target is %s", postImg, img)
		}
	},
}

// uptimeOf returns the supervisor/kernel uptime in seconds.
func uptimeOf(os string, d map[string]any) (float64, []string, bool) {
	switch os {
	case "nxos":
		ku := mapAt(d, "platform", "kernel_uptime")
		if ku == nil {
			return 0, nil, false
		}
		var total float64
		for k, mult := range map[string]float64{"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1} {
			n, _ := num(ku, k)
			total += n * mult
		}
		return total, []string{"platform", "kernel_uptime"}, true
	case "iosxe":
		for _, k := range []string{"uptime_this_cp", "uptime"} {
			if s := str(d, "version", k); s != "" {
				v, ok := parseUptime(s)
				return v, []string{"version", k}, ok
			}
		}
	case "iosxr":
		v, ok := parseUptime(str(d, "uptime"))
		return v, []string{"uptime"}, ok
	}
	return 0, nil, false
}

var uptimeReset = Check{
	ID: "uptime_reset", Name: "UptimeReset", Phase: issu.Post, compare: true,
	Doc:   "supervisor/kernel uptime reset: the new image really booted",
	needs: map[string][]string{"nxos": {issu.LabelVersion}, "iosxe": {issu.LabelVersion}, "iosxr": {issu.LabelVersion}},
	fn: func(c *C) {
		pre, _, _ := uptimeOf(c.OS, c.data(issu.Pre, issu.LabelVersion))
		post, path, ok := uptimeOf(c.OS, c.data(issu.Post, issu.LabelVersion))
		if !ok {
			c.missing("no uptime in the post show version")
			return
		}
		if post >= pre {
			c.fail(c.ev(issu.Post, issu.LabelVersion, path...), "uptime did not reset: %.0fs after vs %.0fs before", post, pre)
		}
	},
}

var modulesUpgraded = Check{
	ID: "modules_upgraded", Name: "ModulesUpgraded", Phase: issu.Post, compare: true,
	Doc:   "every module back, healthy and on the new version",
	needs: map[string][]string{"nxos": {issu.LabelModule, issu.LabelVersion}, "iosxe": {issu.LabelPlatform}},
	fn: func(c *C) {
		label := issu.LabelModule
		if c.OS == "iosxe" {
			label = issu.LabelPlatform
		}
		pre := listModules(c.OS, c.data(issu.Pre, label))
		post := listModules(c.OS, c.data(issu.Post, label))
		postBy := map[string]module{}
		for _, m := range post {
			postBy[m.kind+"/"+m.name] = m
		}
		for _, m := range pre {
			if _, ok := postBy[m.kind+"/"+m.name]; !ok {
				c.fail(c.ev(issu.Post, label), "module %s (%s) present before the upgrade is missing after it", m.name, m.kind)
			}
		}
		newV := ""
		if c.OS == "nxos" {
			newV, _, _ = versionOf(c.OS, c.data(issu.Post, issu.LabelVersion))
		}
		for _, m := range post {
			if !moduleStatusOK(c.OS, m.kind, m.status) {
				c.fail(c.ev(issu.Post, label, m.path...), "module %s (%s) status %q", m.name, m.kind, m.status)
			}
			if newV != "" && m.software != "" && m.software != newV {
				c.fail(c.ev(issu.Post, label, append(m.path, "software")...), "module %s (%s) runs %s, not the new version %s", m.name, m.kind, m.software, newV)
			}
		}
	},
}

var bgpRestored = Check{
	ID: "bgp_restored", Name: "BGPRestored", Phase: issu.Post, compare: true,
	Doc:   "every BGP neighbor established before is established again, prefix counts within the tolerance",
	needs: map[string][]string{"nxos": {issu.LabelBGPSummary}, "iosxe": {issu.LabelBGPSummary}, "iosxr": {issu.LabelBGPSummary}},
	fn: func(c *C) {
		pre := bgpNeighbors(c.data(issu.Pre, issu.LabelBGPSummary))
		post := bgpNeighbors(c.data(issu.Post, issu.LabelBGPSummary))
		tol := c.env.policy().BGP.PrefixTolerancePercent
		for _, k := range sortedNb(pre) {
			a := pre[k]
			if !a.established {
				continue
			}
			b, ok := post[k]
			switch {
			case !ok:
				c.fail(c.ev(issu.Post, issu.LabelBGPSummary), "BGP neighbor %s (vrf %s) established before is gone", a.addr, a.vrf)
			case !b.established:
				c.fail(c.ev(issu.Post, issu.LabelBGPSummary, b.path...), "BGP neighbor %s (vrf %s) established before is %s", a.addr, a.vrf, b.state)
			case a.pfx > 0 && b.pfx < a.pfx*(1-tol/100):
				c.fail(c.ev(issu.Post, issu.LabelBGPSummary, b.path...), "BGP neighbor %s (vrf %s) receives %.0f prefixes, %.0f before (tolerance %.0f%%)", a.addr, a.vrf, b.pfx, a.pfx, tol)
			case a.pfx > 0 && b.pfx > a.pfx*(1+tol/100):
				c.warn(c.ev(issu.Post, issu.LabelBGPSummary, b.path...), "BGP neighbor %s (vrf %s) receives %.0f prefixes, %.0f before (tolerance %.0f%%)", a.addr, a.vrf, b.pfx, a.pfx, tol)
			}
		}
	},
}

var ospfRestored = Check{
	ID: "ospf_restored", Name: "OSPFRestored", Phase: issu.Post, compare: true,
	Doc:   "every OSPF adjacency FULL before is FULL again",
	needs: map[string][]string{"nxos": {issu.LabelOSPFNeighbors}, "iosxe": {issu.LabelOSPFNeighbors}},
	fn: func(c *C) {
		pre := ospfNeighbors(c.data(issu.Pre, issu.LabelOSPFNeighbors))
		post := ospfNeighbors(c.data(issu.Post, issu.LabelOSPFNeighbors))
		for _, k := range sortedNb(pre) {
			a := pre[k]
			if !ospfFullState(a.state) {
				continue
			}
			b, ok := post[k]
			switch {
			case !ok:
				c.fail(c.ev(issu.Post, issu.LabelOSPFNeighbors), "OSPF neighbor %s FULL before is gone", a.id)
			case !ospfFullState(b.state):
				c.fail(c.ev(issu.Post, issu.LabelOSPFNeighbors, b.path...), "OSPF neighbor %s FULL before is %s", a.id, b.state)
			}
		}
	},
}

var noNewCores = Check{
	ID: "no_new_cores", Name: "NoNewCores", Phase: issu.Post, compare: true,
	Doc:   "no core file appeared during the upgrade",
	needs: map[string][]string{"nxos": {issu.LabelCores}, "iosxe": {issu.LabelBootflash}},
	fn: func(c *C) {
		label := issu.LabelCores
		if c.OS != "nxos" {
			label = issu.LabelBootflash
		}
		pre := cores(c.OS, c, issu.Pre)
		post := cores(c.OS, c, issu.Post)
		for _, k := range sortedPaths(post) {
			if _, old := pre[k]; !old {
				c.fail(c.ev(issu.Post, label, post[k]...), "new core file: %s", k)
			}
		}
	},
}

// maxConfigFindings bounds the config-diff findings per device.
const maxConfigFindings = 50

var configDiff = Check{
	ID: "config_diff", Name: "ConfigDiff", Phase: issu.Post, compare: true,
	Doc: "running-config changed only where the policy expects (boot, version)",
	fn: func(c *C) {
		preRaw, ok1 := c.raw(issu.Pre, issu.LabelRunningConfig)
		postRaw, ok2 := c.raw(issu.Post, issu.LabelRunningConfig)
		if !ok1 || !ok2 {
			c.missing("running-config missing from the pre or post snapshot")
			return
		}
		var expected []*regexp.Regexp
		for _, e := range c.env.policy().ExpectedConfigChanges {
			if re, err := compiled(e); err == nil {
				expected = append(expected, re)
			}
		}
		removed, added := lineDiff(preRaw, postRaw)
		n := 0
		report := func(sign, line string, p issu.Phase) {
			for _, re := range expected {
				if re.MatchString(strings.TrimSpace(line)) {
					return
				}
			}
			n++
			if n <= maxConfigFindings {
				c.fail(c.evRaw(p, issu.LabelRunningConfig, line), "unexpected config change: %s %s", sign, strings.TrimSpace(line))
			}
		}
		for _, l := range removed {
			report("-", l, issu.Pre)
		}
		for _, l := range added {
			report("+", l, issu.Post)
		}
		if n > maxConfigFindings {
			c.fail(c.evRaw(issu.Post, issu.LabelRunningConfig, ""), "%d more unexpected config changes", n-maxConfigFindings)
		}
	},
}

// lineDiff returns the lines only in a and only in b, as multisets (order
// changes are not changes), skipping blank lines.
func lineDiff(a, b string) (removed, added []string) {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		if l = strings.TrimRight(l, " \r"); strings.TrimSpace(l) != "" {
			count[l]++
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if l = strings.TrimRight(l, " \r"); strings.TrimSpace(l) != "" {
			if count[l] > 0 {
				count[l]--
			} else {
				added = append(added, l)
			}
		}
	}
	for l, n := range count {
		for ; n > 0; n-- {
			removed = append(removed, l)
		}
	}
	sort.Strings(removed)
	return removed, added
}

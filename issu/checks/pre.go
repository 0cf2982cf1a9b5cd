package checks

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/goissu/goissu/issu"
)

var cpuHeadroom = Check{
	ID: "cpu_headroom", Name: "CPUHeadroom", Phase: issu.Pre,
	Doc:   "CPU 5-minute average and 5-second peak below the policy's thresholds",
	needs: map[string][]string{"nxos": {issu.LabelCPU}, "iosxe": {issu.LabelCPU}, "iosxr": {issu.LabelCPU}},
	fn: func(c *C) {
		pol := c.env.policy()
		d := c.cur(issu.LabelCPU)
		type sample struct {
			where            []string
			fiveMin, fiveSec float64
			hasMin, hasSec   bool
		}
		var samples []sample
		add := func(where []string, m map[string]any) {
			s := sample{where: where}
			s.fiveMin, s.hasMin = num(m, "five_min_cpu")
			s.fiveSec, s.hasSec = num(m, "five_sec_cpu_total")
			if s.hasMin || s.hasSec {
				samples = append(samples, s)
			}
		}
		add(nil, d)
		for _, grp := range []string{"core", "location"} {
			for _, k := range keys(mapAt(d, grp)) {
				add([]string{grp, k}, mapAt(d, grp, k))
			}
		}
		if len(samples) == 0 {
			c.missing("no CPU utilization figures in the output")
			return
		}
		for _, s := range samples {
			if s.hasMin && s.fiveMin > pol.CPU.FiveMinMaxPercent {
				c.fail(c.ev(c.Phase, issu.LabelCPU, append(s.where, "five_min_cpu")...),
					"5-minute CPU %.0f%% above %.0f%%", s.fiveMin, pol.CPU.FiveMinMaxPercent)
			}
			if s.hasSec && s.fiveSec > pol.CPU.FiveSecMaxPercent {
				c.fail(c.ev(c.Phase, issu.LabelCPU, append(s.where, "five_sec_cpu_total")...),
					"5-second CPU %.0f%% above %.0f%%", s.fiveSec, pol.CPU.FiveSecMaxPercent)
			}
		}
	},
}

var memoryHeadroom = Check{
	ID: "memory_headroom", Name: "MemoryHeadroom", Phase: issu.Pre,
	Doc:   "memory used below the policy's percentage",
	needs: map[string][]string{"nxos": {issu.LabelSystemResources}, "iosxe": {issu.LabelMemory}},
	fn: func(c *C) {
		label, path, used, total := issu.LabelSystemResources, []string{"memory_usage"}, "memory_usage_used_kb", "memory_usage_total_kb"
		if c.OS == "iosxe" {
			label, path, used, total = issu.LabelMemory, []string{"processor_pool"}, "used", "total"
		}
		d := c.cur(label)
		u, ok1 := num(d, append(path, used)...)
		t, ok2 := num(d, append(path, total)...)
		if !ok1 || !ok2 || t <= 0 {
			c.missing("no memory totals in the output")
			return
		}
		pct := 100 * u / t
		if max := c.env.policy().Memory.MaxUsedPercent; pct > max {
			c.fail(c.ev(c.Phase, label, append(path, used)...), "memory %.1f%% used, above %.0f%%", pct, max)
		}
	},
}

// redundancySSO is redundancy_sso (pre) and redundancy_restored (post): SSO
// / HA mode with a hot standby; roles may have swapped.
func redundancySSO(p issu.Phase) Check {
	ch := Check{
		ID: "redundancy_sso", Name: "RedundancySSO", Phase: p,
		Doc: "redundancy mode SSO/HA with the peer supervisor STANDBY HOT / ha-standby",
		needs: map[string][]string{
			"nxos":  {issu.LabelSystemRedundancy},
			"iosxe": {issu.LabelRedundancyStates},
			"iosxr": {issu.LabelRedundancy},
		},
		fn: checkRedundancy,
	}
	if p == issu.Post {
		ch.ID, ch.Name = "redundancy_restored", "RedundancyRestored"
		ch.Doc = "redundancy back to SSO/HA with a hot standby after the upgrade (roles may swap)"
	}
	return ch
}

func checkRedundancy(c *C) {
	switch c.OS {
	case "nxos":
		d := c.cur(issu.LabelSystemRedundancy)
		if op := str(d, "redundancy_mode", "operational"); !strings.EqualFold(op, "HA") {
			c.fail(c.ev(c.Phase, issu.LabelSystemRedundancy, "redundancy_mode", "operational"), "operational redundancy mode is %q, not HA", op)
		}
		active, standby := "", ""
		for _, k := range keys(d) {
			sup := mapAt(d, k)
			if sup == nil || k == "redundancy_mode" {
				continue
			}
			internal := strings.ToLower(str(sup, "internal_state"))
			switch {
			case strings.EqualFold(str(sup, "redundancy_state"), "Active"):
				active = k
				if internal != "active with ha standby" {
					c.fail(c.ev(c.Phase, issu.LabelSystemRedundancy, k, "internal_state"), "active supervisor internal state is %q, not \"Active with HA standby\"", str(sup, "internal_state"))
				}
			case strings.EqualFold(str(sup, "supervisor_state"), "HA standby") || internal == "ha standby":
				standby = k
			}
		}
		if active == "" {
			c.fail(c.ev(c.Phase, issu.LabelSystemRedundancy), "no active supervisor in the output")
		}
		if standby == "" {
			c.fail(c.ev(c.Phase, issu.LabelSystemRedundancy), "no supervisor in HA standby state (standby not ready)")
		}
	case "iosxe":
		d := c.cur(issu.LabelRedundancyStates)
		if m := str(d, "redundancy_mode_operational"); !strings.EqualFold(m, "sso") {
			c.fail(c.ev(c.Phase, issu.LabelRedundancyStates, "redundancy_mode_operational"), "operational redundancy mode is %q, not sso", m)
		}
		if ps := str(d, "peer_state"); !strings.Contains(strings.ToUpper(ps), "STANDBY HOT") {
			c.fail(c.ev(c.Phase, issu.LabelRedundancyStates, "peer_state"), "peer state is %q, not STANDBY HOT", ps)
		}
		if ms := str(d, "my_state"); !strings.Contains(strings.ToUpper(ms), "ACTIVE") {
			c.fail(c.ev(c.Phase, issu.LabelRedundancyStates, "my_state"), "my state is %q, not ACTIVE", ms)
		}
	case "iosxr":
		d := c.cur(issu.LabelRedundancy)
		ok := false
		for _, n := range keys(mapAt(d, "node")) {
			node := mapAt(d, "node", n)
			if strings.EqualFold(str(node, "role"), "ACTIVE") {
				sb := str(node, "standby_node")
				if sb != "" && !strings.EqualFold(sb, "none") && !strings.Contains(strings.ToLower(str(node, "ready")), "not ready") {
					ok = true
				}
			}
		}
		if !ok {
			c.fail(c.ev(c.Phase, issu.LabelRedundancy, "node"), "no active node with a ready standby")
		}
	}
}

var supervisorVersions = Check{
	ID: "supervisor_versions", Name: "SupervisorVersions", Phase: issu.Pre,
	Doc:   "both supervisors run the same software version",
	needs: map[string][]string{"nxos": {issu.LabelModule}, "iosxe": {issu.LabelRedundancy}},
	fn: func(c *C) {
		versions := map[string]string{} // where -> version
		label := issu.LabelModule
		if c.OS == "nxos" {
			d := c.cur(label)
			for _, slot := range keys(mapAt(d, "slot", "rp")) {
				for _, typ := range keys(mapAt(d, "slot", "rp", slot)) {
					if v := str(d, "slot", "rp", slot, typ, "software"); v != "" {
						versions[keyPath("slot", "rp", slot, typ, "software")] = v
					}
				}
			}
		} else {
			label = issu.LabelRedundancy
			d := c.cur(label)
			for _, slot := range keys(mapAt(d, "slot")) {
				if v := str(d, "slot", slot, "image_ver"); v != "" {
					versions[keyPath("slot", slot, "image_ver")] = v
				}
			}
		}
		// A supervisor that is not up shows no version (NA); modules_ok
		// and redundancy_sso judge its state.
		for where, v := range versions {
			if u := strings.ToUpper(strings.TrimSpace(v)); u == "NA" || u == "N/A" || u == "--" {
				c.warn(c.ev(c.Phase, label, where), "supervisor version unknown (%s): cannot compare", v)
				delete(versions, where)
			}
		}
		if len(versions) < 2 {
			if len(c.findings) == 0 {
				c.fail(c.ev(c.Phase, label), "found %d supervisor version(s); a dual-supervisor chassis shows 2", len(versions))
			}
			return
		}
		distinct := map[string][]string{}
		for where, v := range versions {
			distinct[v] = append(distinct[v], where)
		}
		if len(distinct) > 1 {
			var parts []string
			for _, w := range sortedKeys(versions) {
				parts = append(parts, versions[w])
			}
			c.fail(c.ev(c.Phase, label, sortedKeys(versions)[0]), "supervisors run different versions: %s", strings.Join(parts, " vs "))
		}
	},
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// moduleStatusOK tells whether a module status is healthy: supervisors
// active/ha-standby, other modules ok/active/standby (genie's post-ISSU
// rule); IOS-XE platform states containing "ok" or "ready".
func moduleStatusOK(os, kind, status string) bool {
	s := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(status), "*")))
	if os == "nxos" {
		if kind == "rp" {
			return s == "active" || s == "ha-standby"
		}
		return s == "ok" || s == "active" || s == "standby" || s == "ha-standby"
	}
	switch {
	case strings.HasPrefix(s, "ok"), s == "ready", s == "active", s == "standby", s == "empty", s == "n/a", s == "inserted":
		return true
	}
	return false
}

// modules lists (key path, kind, status, software) of every module.
type module struct {
	path           []string
	kind, status   string
	software, name string
}

func listModules(os string, d map[string]any) []module {
	var out []module
	if os == "nxos" {
		for _, kind := range []string{"rp", "lc"} {
			for _, slot := range keys(mapAt(d, "slot", kind)) {
				for _, typ := range keys(mapAt(d, "slot", kind, slot)) {
					m := mapAt(d, "slot", kind, slot, typ)
					out = append(out, module{path: []string{"slot", kind, slot, typ}, kind: kind, status: str(m, "status"), software: str(m, "software"), name: slot})
				}
			}
		}
		for _, grp := range []string{"xbar", "lem"} {
			for _, slot := range keys(mapAt(d, grp)) {
				m := mapAt(d, grp, slot)
				if _, ok := m["status"]; ok {
					out = append(out, module{path: []string{grp, slot}, kind: grp, status: str(m, "status"), software: str(m, "software"), name: grp + " " + slot})
				}
			}
		}
		return out
	}
	for _, slot := range keys(mapAt(d, "slot")) {
		for _, kind := range []string{"rp", "lc", "other"} {
			for _, name := range keys(mapAt(d, "slot", slot, kind)) {
				m := mapAt(d, "slot", slot, kind, name)
				out = append(out, module{path: []string{"slot", slot, kind, name}, kind: kind, status: str(m, "state"), software: str(m, "sw_ver"), name: slot})
			}
		}
	}
	return out
}

var modulesOK = Check{
	ID: "modules_ok", Name: "ModulesOK", Phase: issu.Pre,
	Doc:   "every module ok/active/ha-standby",
	needs: map[string][]string{"nxos": {issu.LabelModule}, "iosxe": {issu.LabelPlatform}},
	fn: func(c *C) {
		label := issu.LabelModule
		if c.OS == "iosxe" {
			label = issu.LabelPlatform
		}
		mods := listModules(c.OS, c.cur(label))
		if len(mods) == 0 {
			c.missing("no modules in the output")
			return
		}
		for _, m := range mods {
			if !moduleStatusOK(c.OS, m.kind, m.status) {
				c.fail(c.ev(c.Phase, label, m.path...), "module %s (%s) status %q", m.name, m.kind, m.status)
			}
		}
	},
}

// badEnv classifies an environment status: 0 fine, 1 warning, 2 failure.
func badEnv(status string) int {
	s := strings.ToLower(status)
	for _, w := range []string{"fail", "fault", "critical", "major", "red", "notok", "not ok", "alarm"} {
		if strings.Contains(s, w) {
			return 2
		}
	}
	for _, w := range []string{"minor", "yellow", "warning", "shutdown", "unknown"} {
		if strings.Contains(s, w) {
			return 1
		}
	}
	return 0
}

var environment = Check{
	ID: "environment", Name: "Environment", Phase: issu.Pre,
	Doc:   "fans, power supplies and temperature sensors without alarms",
	needs: map[string][]string{"nxos": {issu.LabelEnvironment}, "iosxe": {issu.LabelEnvironment}},
	fn: func(c *C) {
		label := issu.LabelEnvironment
		d := c.cur(label)
		if len(d) == 0 {
			if s := c.cur(issu.LabelEnvironmentSummary); len(s) > 0 {
				label, d = issu.LabelEnvironmentSummary, s
			}
		}
		report := func(path []string, what, status string) {
			switch badEnv(status) {
			case 2:
				c.fail(c.ev(c.Phase, label, path...), "%s status %q", what, status)
			case 1:
				c.warn(c.ev(c.Phase, label, path...), "%s status %q", what, status)
			}
		}
		// IOS-XE "show environment" alarm counters (Genie spells one
		// critical_larams).
		for _, k := range []string{"critical_larams", "critical_alarms", "major_alarms", "minor_alarms"} {
			if n, ok := num(d, k); ok && n > 0 {
				if k == "minor_alarms" {
					c.warn(c.ev(c.Phase, label, k), "%.0f minor environment alarm(s)", n)
				} else {
					c.fail(c.ev(c.Phase, label, k), "%.0f %s environment alarm(s)", n, strings.SplitN(k, "_", 2)[0])
				}
			}
		}
		n := 0
		walk(d, nil, func(path []string, m map[string]any) {
			for _, k := range []string{"status", "state", "system_temperature_state"} {
				s, ok := m[k].(string)
				if !ok || len(path) == 0 {
					continue
				}
				n++
				report(append(append([]string(nil), path...), k), strings.Join(path, " "), s)
			}
			cur, ok1 := num(m, "current_temp_celsius")
			maj, ok2 := num(m, "major_threshold_celsius")
			if ok1 && ok2 && maj > 0 && cur >= maj {
				c.fail(c.ev(c.Phase, issu.LabelEnvironment, append(path, "current_temp_celsius")...),
					"%s temperature %.0fC at or above major threshold %.0fC", strings.Join(path, " "), cur, maj)
			}
		})
		if n == 0 {
			if len(d) == 0 {
				c.blocked("the parser found no fan, power or temperature data in the output (raw output kept)")
				return
			}
			c.missing("no fan, power or temperature status in the output")
		}
	},
}

// bootflashInfo reads free bytes and file sizes from a dir listing.
func bootflashInfo(os string, d map[string]any) (free float64, files map[string]float64, ok bool) {
	files = map[string]float64{}
	if os == "nxos" {
		free, ok = num(d, "disk_free_space")
		for _, f := range keys(mapAt(d, "files")) {
			sz, _ := num(d, "files", f, "size")
			files[f] = sz
		}
		return free, files, ok
	}
	for _, dir := range keys(mapAt(d, "dir")) {
		if dm := mapAt(d, "dir", dir); dm != nil {
			if f, found := num(dm, "bytes_free"); found {
				free, ok = f, true
			}
			for _, f := range keys(mapAt(dm, "files")) {
				sz, _ := num(dm, "files", f, "size")
				files[f] = sz
			}
		}
	}
	return free, files, ok
}

var bootflashSpace = Check{
	ID: "bootflash_space", Name: "BootflashSpace", Phase: issu.Pre,
	Doc:   "bootflash free space at least image size + margin on each supervisor",
	needs: map[string][]string{"nxos": {issu.LabelBootflash}, "iosxe": {issu.LabelBootflash}},
	fn: func(c *C) {
		pol := c.env.policy()
		img := c.env.image(c.OS)
		free, files, ok := bootflashInfo(c.OS, c.cur(issu.LabelBootflash))
		if !ok {
			c.missing("no free-space figure in the bootflash listing")
			return
		}
		size := float64(pol.ImageSizeBytes)
		present := false
		if img != "" {
			if sz, found := files[img]; found {
				present = true
				if size == 0 {
					size = sz
				}
			}
		}
		if size == 0 {
			if img == "" {
				c.skip("no target image and no image_size_bytes in the policy")
			} else {
				c.missing(fmt.Sprintf("size of %s unknown: not on bootflash and no image_size_bytes in the policy", img))
			}
			return
		}
		// Each supervisor needs room for the image plus a margin even when
		// the active already holds it: the installer copies it to the
		// standby (whose bootflash mirrors the active's) and unpacks it.
		check := func(label, where string, free float64, present bool) {
			need := float64(pol.RequiredFree(int64(size)))
			if free < need {
				state := "not on bootflash yet"
				if present {
					state = "already on bootflash"
				}
				c.fail(c.ev(c.Phase, label, freeKey(c.OS)...), "%s bootflash has %.0f bytes free, needs %.0f (image %.0f + margin; image %s)", where, free, need, size, state)
			}
		}
		check(issu.LabelBootflash, "active", free, present)
		if sb := c.data(c.Phase, issu.LabelBootflashStandby); sb != nil {
			sfree, sfiles, ok := bootflashInfo(c.OS, sb)
			if ok {
				_, spresent := sfiles[img]
				check(issu.LabelBootflashStandby, "standby", sfree, spresent)
			}
		} else if c.OS == "nxos" {
			c.info(c.ev(c.Phase, issu.LabelBootflashStandby), "standby bootflash not collected: only the active supervisor's space was checked")
		}
	},
}

func freeKey(os string) []string {
	if os == "nxos" {
		return []string{"disk_free_space"}
	}
	return []string{"dir"}
}

var imagePresent = Check{
	ID: "image_present", Name: "ImagePresent", Phase: issu.Pre,
	Doc:   "the target image is on bootflash (and matches the policy's md5 when given)",
	needs: map[string][]string{"nxos": {issu.LabelBootflash}, "iosxe": {issu.LabelBootflash}},
	fn: func(c *C) {
		img := c.env.image(c.OS)
		if img == "" {
			c.skip("no target image in the policy")
			return
		}
		_, files, _ := bootflashInfo(c.OS, c.cur(issu.LabelBootflash))
		if _, ok := files[img]; !ok {
			c.fail(c.ev(c.Phase, issu.LabelBootflash, "files"), "target image %s not on bootflash", img)
			return
		}
		pol := c.env.policy()
		for _, sum := range []struct{ name, want, label string }{
			{"md5", pol.ImageMD5, issu.LabelImageChecksum},
			{"sha256", pol.ImageSHA256, issu.LabelImageSHA256},
		} {
			want := strings.ToLower(strings.TrimSpace(sum.want))
			if want == "" {
				continue
			}
			out, ok := c.raw(c.Phase, sum.label)
			rec, _ := c.devs[c.Phase].Record(sum.label)
			switch {
			case !ok || rec.Status == issu.RecordError:
				c.warn(c.evRaw(c.Phase, sum.label, ""), "%s of %s not collected (%s): cannot verify", sum.name, img, rec.Error)
			case !strings.Contains(strings.ToLower(out), want):
				c.fail(c.evRaw(c.Phase, sum.label, firstLine(out)), "%s of %s does not match the policy's %s", sum.name, img, want)
			}
		}
	},
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

var bootVariables = Check{
	ID: "boot_variables", Name: "BootVariables", Phase: issu.Pre,
	Doc:   "boot variables the same on both supervisors, current equal to next reload, naming the running image",
	needs: map[string][]string{"nxos": {issu.LabelBoot, issu.LabelVersion}, "iosxe": {issu.LabelBoot}},
	fn: func(c *C) {
		d := c.cur(issu.LabelBoot)
		vals := map[string]string{}
		if c.OS == "nxos" {
			for _, sec := range []string{"current_boot_variable", "next_reload_boot_variable"} {
				for _, v := range []string{"system_variable", "kickstart_variable"} {
					if s := str(d, sec, v); s != "" {
						vals[keyPath(sec, v)] = s
					}
					for _, sup := range keys(mapAt(d, sec, "sup_number")) {
						if s := str(d, sec, "sup_number", sup, v); s != "" {
							vals[keyPath(sec, "sup_number", sup, v)] = s
						}
					}
				}
			}
			running := baseName(str(c.cur(issu.LabelVersion), "platform", "software", "system_image_file"))
			for _, k := range sortedKeys(vals) {
				if strings.HasSuffix(k, "system_variable") && running != "" && baseName(vals[k]) != running {
					c.fail(c.ev(c.Phase, issu.LabelBoot, k), "boot variable %s = %s, but the running image is %s", k, vals[k], running)
				}
			}
		} else {
			for _, k := range []string{"current_boot_variable", "next_reload_boot_variable"} {
				if s := str(d, k); s != "" {
					vals[k] = s
				}
			}
			for _, k := range []string{"active", "standby"} {
				if s := str(d, k, "boot_variable"); s != "" {
					vals[keyPath(k, "boot_variable")] = s
				}
			}
		}
		if len(vals) == 0 {
			c.missing("no boot variables in the output")
			return
		}
		distinct := map[string]bool{}
		for k, v := range vals {
			if !strings.HasSuffix(k, "kickstart_variable") {
				distinct[normBoot(v)] = true
			}
		}
		if len(distinct) > 1 {
			var parts []string
			for _, k := range sortedKeys(vals) {
				parts = append(parts, k+"="+vals[k])
			}
			c.fail(c.ev(c.Phase, issu.LabelBoot), "boot variables differ: %s", strings.Join(parts, ", "))
		}
	},
}

// normBoot normalizes a boot variable for comparison: bootflash:///x and
// bootflash:/x, trailing ",12;" on IOS-XE.
func normBoot(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ";")
	if i := strings.IndexByte(s, ','); i >= 0 && strings.Contains(s, ":") {
		s = s[:i]
	}
	return strings.ToLower(baseName(s))
}

var installImpact = Check{
	ID: "install_impact", Name: "InstallImpact", Phase: issu.Pre,
	Doc:   "show install all impact: non-disruptive for every module (unless the policy allows disruption)",
	needs: map[string][]string{"nxos": {issu.LabelInstallImpact}},
	fn: func(c *C) {
		if c.env.image(c.OS) == "" {
			c.skip("no target image in the policy")
			return
		}
		rows := 0
		walk(c.cur(issu.LabelInstallImpact), nil, func(path []string, m map[string]any) {
			impact, ok := m["impact"].(string)
			if !ok {
				return
			}
			rows++
			if strings.EqualFold(strings.TrimSpace(impact), "non-disruptive") {
				return
			}
			mod := "?" // a row at the root (hand-edited JSON) has no module key
			if len(path) > 0 {
				mod = path[len(path)-1]
			}
			if v, ok := toNum(m["module"]); ok {
				mod = fmt.Sprint(v)
			}
			msg := fmt.Sprintf("module %s upgrade is %s", mod, impact)
			if r := str(m, "reason"); r != "" {
				msg += " (" + r + ")"
			}
			if c.env.policy().AllowDisruptive {
				c.warn(c.ev(c.Phase, issu.LabelInstallImpact, append(path, "impact")...), "%s; allowed by policy", msg)
			} else {
				c.fail(c.ev(c.Phase, issu.LabelInstallImpact, append(path, "impact")...), "%s; policy forbids a disruptive upgrade", msg)
			}
		})
		if rows == 0 {
			c.missing("no impact table in the output")
		}
	},
}

var incompatibility = Check{
	ID: "incompatibility", Name: "Incompatibility", Phase: issu.Pre,
	Doc:   "show incompatibility-all lists no incompatible configuration",
	needs: map[string][]string{"nxos": {issu.LabelIncompatibility}},
	fn: func(c *C) {
		if c.env.image(c.OS) == "" {
			c.skip("no target image in the policy")
			return
		}
		d := c.cur(issu.LabelIncompatibility)
		list := mapAt(d, "incompatible_configuartion_list")
		for _, k := range keys(list) {
			e := mapAt(list, k)
			msg := fmt.Sprintf("incompatible configuration: service %s, capability %s (%s)", str(e, "service"), str(e, "capability"), str(e, "capability_requirement"))
			if cmd := str(e, "enable_Disable_command"); cmd != "" {
				msg += "; disable with: " + cmd
			}
			c.fail(c.ev(c.Phase, issu.LabelIncompatibility, "incompatible_configuartion_list", k), "%s", msg)
		}
		for _, k := range []string{"incompatible_configuartion_status", "dynamic_incompatibility_status"} {
			s := str(d, k)
			if s != "" && !strings.Contains(strings.ToLower(s), "no incompatible") && len(list) == 0 {
				c.fail(c.ev(c.Phase, issu.LabelIncompatibility, k), "%s: %s", k, s)
			}
		}
	},
}

// coreRE matches IOS-XE core and crashinfo file names on bootflash.
var coreRE = regexp.MustCompile(`(?i)(\.core(\.gz)?$|^crashinfo|_core_)`)

// cores lists the cores of a snapshot: "key" → evidence key path.
func cores(os string, c *C, p issu.Phase) map[string][]string {
	out := map[string][]string{}
	if os == "nxos" {
		walk(c.data(p, issu.LabelCores), nil, func(path []string, m map[string]any) {
			proc, ok := m["process_name"].(string)
			if !ok {
				return
			}
			// The key path (module, pid, date) identifies a core across
			// snapshots; the fields repeat part of it.
			out[fmt.Sprintf("%s (%s)", proc, strings.Join(path, " "))] = path
		})
		return out
	}
	_, files, _ := bootflashInfo(os, c.data(p, issu.LabelBootflash))
	for f := range files {
		if coreRE.MatchString(f) {
			out[f] = []string{"files", f}
		}
	}
	return out
}

var noCores = Check{
	ID: "no_cores", Name: "NoCores", Phase: issu.Pre,
	Doc:   "no core files on the device",
	needs: map[string][]string{"nxos": {issu.LabelCores}, "iosxe": {issu.LabelBootflash}},
	fn: func(c *C) {
		label := issu.LabelCores
		if c.OS != "nxos" {
			label = issu.LabelBootflash
		}
		cs := cores(c.OS, c, c.Phase)
		for _, k := range sortedPaths(cs) {
			c.fail(c.ev(c.Phase, label, cs[k]...), "core file present: %s", k)
		}
	},
}

func sortedPaths(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// maxLogFindings bounds the findings one pattern produces per device.
const maxLogFindings = 10

var logsClean = Check{
	ID: "logs_clean", Name: "LogsClean", Phase: issu.Pre,
	Doc:   "no crash, traceback or other policy log pattern in the device log",
	needs: map[string][]string{"nxos": {issu.LabelLogging}, "iosxe": {issu.LabelLogging}, "iosxr": {issu.LabelLogging}},
	fn: func(c *C) {
		d := c.cur(issu.LabelLogging)
		var lines []string
		if l, ok := d["logs"].([]any); ok {
			for _, x := range l {
				if s, ok := x.(string); ok {
					lines = append(lines, s)
				}
			}
		} else if raw, ok := c.raw(c.Phase, issu.LabelLogging); ok {
			lines = strings.Split(raw, "\n")
		}
		lines = recentLines(lines, c.env.policy().LogWindow)
		for _, lp := range c.env.policy().LogPatterns {
			re, err := compiled(lp.Regexp)
			if err != nil {
				continue // the policy validates patterns; never fail a device on one
			}
			n := 0
			for _, line := range lines {
				if !re.MatchString(line) {
					continue
				}
				n++
				if n <= maxLogFindings {
					c.add(lp.Severity, c.evRaw(c.Phase, issu.LabelLogging, line), "log matches %s: %s", lp.Name, strings.TrimSpace(line))
				}
			}
			if n > maxLogFindings {
				c.add(lp.Severity, c.evRaw(c.Phase, issu.LabelLogging, ""), "log matches %s %d more times", lp.Name, n-maxLogFindings)
			}
		}
	},
}

// logTimeNX matches an NX-OS logfile time stamp ("2026 Nov 27 10:00:00");
// logTimeXE an IOS timestamp ("*Nov 27 10:00:00.123", no year).
var (
	logTimeNX = regexp.MustCompile(`^(\d{4}) ([A-Z][a-z]{2}) +(\d{1,2}) (\d\d:\d\d:\d\d)`)
	logTimeXE = regexp.MustCompile(`^[*.]?([A-Z][a-z]{2}) +(\d{1,2}) (\d\d:\d\d:\d\d)`)
)

// logTime reads a log line's time stamp; ok is false when there is none.
// IOS lines carry no year: year 0 is used (see logTimes).
func logTime(line string) (time.Time, bool) {
	if m := logTimeNX.FindStringSubmatch(line); m != nil {
		t, err := time.Parse("2006 Jan 2 15:04:05", m[1]+" "+m[2]+" "+m[3]+" "+m[4])
		return t, err == nil
	}
	if m := logTimeXE.FindStringSubmatch(line); m != nil {
		t, err := time.Parse("Jan 2 15:04:05", m[1]+" "+m[2]+" "+m[3])
		return t, err == nil
	}
	return time.Time{}, false
}

// logTimes reads the time stamps of a log in its order (zero: none). A
// yearless (IOS) stamp more than half a year before the previous one
// crossed New Year: it and the lines after it count a year later, or the
// newest lines of a log kept over New Year would look a year old.
func logTimes(lines []string) []time.Time {
	out := make([]time.Time, len(lines))
	var prev time.Time
	years := 0
	for i, l := range lines {
		t, ok := logTime(l)
		if !ok {
			continue
		}
		if t.Year() == 0 {
			t = t.AddDate(years, 0, 0)
			if !prev.IsZero() && prev.Year() < 1000 && prev.Sub(t) > 183*24*time.Hour {
				years++
				t = t.AddDate(1, 0, 0)
			}
		}
		out[i], prev = t, t
	}
	return out
}

// recentLines keeps the lines within window of the newest time-stamped
// line; lines without a time stamp are kept (never hide evidence).
func recentLines(lines []string, window time.Duration) []string {
	if window <= 0 {
		return lines
	}
	times := logTimes(lines)
	var (
		newest time.Time
		found  bool
	)
	for _, t := range times {
		if !t.IsZero() && (!found || t.After(newest)) {
			newest, found = t, true
		}
	}
	if !found {
		return lines
	}
	out := lines[:0:0]
	for i, l := range lines {
		if t := times[i]; !t.IsZero() && newest.Sub(t) > window {
			continue
		}
		out = append(out, l)
	}
	return out
}

// bgpNeighbor is one neighbor of a BGP summary.
type bgpNeighbor struct {
	vrf, addr   string
	established bool
	state       string
	pfx         float64
	path        []string
}

// bgpNeighbors reads every neighbor of a BGP summary (NX-OS, IOS-XE and
// IOS-XR share vrf.<vrf>.neighbor.<ip>.address_family.<af>), keyed
// "vrf/address". A neighbor is established when every address family shows
// a prefix count (state_pfxrcd numeric) or state "established".
func bgpNeighbors(d map[string]any) map[string]*bgpNeighbor {
	out := map[string]*bgpNeighbor{}
	walk(d, nil, func(path []string, m map[string]any) {
		if len(path) == 0 || path[len(path)-1] != "neighbor" {
			return
		}
		vrf := "default"
		for i := 0; i+1 < len(path); i++ {
			if path[i] == "vrf" {
				vrf = path[i+1]
			}
		}
		for _, addr := range keys(m) {
			nb := &bgpNeighbor{vrf: vrf, addr: addr, established: true, path: append(append([]string(nil), path...), addr)}
			afs := mapAt(m, addr, "address_family")
			if len(afs) == 0 {
				afs = map[string]any{"": m[addr]}
			}
			for _, af := range keys(afs) {
				a, _ := afs[af].(map[string]any)
				sp := str(a, "state_pfxrcd")
				st := str(a, "state")
				if n, ok := toNum(sp); ok {
					nb.pfx += n
					nb.state = "established"
					continue
				}
				if strings.EqualFold(st, "established") {
					nb.state = "established"
					if n, ok := toNum(a["prefix_received"]); ok {
						nb.pfx += n
					}
					continue
				}
				nb.established = false
				nb.state = sp
				if nb.state == "" {
					nb.state = st
				}
			}
			out[vrf+"/"+addr] = nb
		}
	})
	return out
}

var bgpEstablished = Check{
	ID: "bgp_established", Name: "BGPEstablished", Phase: issu.Pre,
	Doc:   "every BGP neighbor (or every critical one) established",
	needs: map[string][]string{"nxos": {issu.LabelBGPSummary}, "iosxe": {issu.LabelBGPSummary}, "iosxr": {issu.LabelBGPSummary}},
	fn: func(c *C) {
		nbs := bgpNeighbors(c.cur(issu.LabelBGPSummary))
		if len(nbs) == 0 {
			// Visible, not silent: an empty summary also hides a parser
			// that understood nothing.
			c.info(c.ev(c.Phase, issu.LabelBGPSummary), "no BGP neighbors in the output")
		}
		critical := c.env.policy().BGP.CriticalNeighbors
		isCrit := func(addr string) bool {
			if len(critical) == 0 {
				return true
			}
			for _, a := range critical {
				if a == addr {
					return true
				}
			}
			return false
		}
		for _, a := range critical {
			found := false
			for _, nb := range nbs {
				found = found || nb.addr == a
			}
			if !found {
				c.fail(c.ev(c.Phase, issu.LabelBGPSummary), "critical BGP neighbor %s not configured", a)
			}
		}
		for _, k := range sortedNb(nbs) {
			nb := nbs[k]
			if nb.established {
				continue
			}
			if isCrit(nb.addr) {
				c.fail(c.ev(c.Phase, issu.LabelBGPSummary, nb.path...), "BGP neighbor %s (vrf %s) is %s, not established", nb.addr, nb.vrf, nb.state)
			} else {
				c.info(c.ev(c.Phase, issu.LabelBGPSummary, nb.path...), "non-critical BGP neighbor %s (vrf %s) is %s", nb.addr, nb.vrf, nb.state)
			}
		}
	},
}

func sortedNb[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ospfNeighbor is one adjacency.
type ospfNeighbor struct {
	id, state string
	path      []string
}

// ospfNeighbors reads every neighbor under a "neighbors" map (NX-OS detail
// and IOS-XE brief), keyed by the path to it so the same router id on two
// interfaces counts twice.
func ospfNeighbors(d map[string]any) map[string]*ospfNeighbor {
	out := map[string]*ospfNeighbor{}
	walk(d, nil, func(path []string, m map[string]any) {
		if len(path) == 0 || path[len(path)-1] != "neighbors" {
			return
		}
		for _, id := range keys(m) {
			p := append(append([]string(nil), path...), id)
			out[strings.Join(p, " ")] = &ospfNeighbor{id: id, state: str(m, id, "state"), path: p}
		}
	})
	return out
}

func ospfFullState(s string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "full")
}

func ospfCritical(c *C, id string) bool {
	crit := c.env.policy().OSPF.CriticalNeighbors
	if len(crit) == 0 {
		return true
	}
	for _, x := range crit {
		if x == id {
			return true
		}
	}
	return false
}

var ospfFull = Check{
	ID: "ospf_full", Name: "OSPFFull", Phase: issu.Pre,
	Doc:   "every OSPF neighbor (or every critical one) FULL",
	needs: map[string][]string{"nxos": {issu.LabelOSPFNeighbors}, "iosxe": {issu.LabelOSPFNeighbors}},
	fn: func(c *C) {
		nbs := ospfNeighbors(c.cur(issu.LabelOSPFNeighbors))
		if len(nbs) == 0 {
			c.info(c.ev(c.Phase, issu.LabelOSPFNeighbors), "no OSPF neighbors in the output")
		}
		for _, k := range sortedNb(nbs) {
			nb := nbs[k]
			if ospfFullState(nb.state) {
				continue
			}
			if ospfCritical(c, nb.id) {
				c.fail(c.ev(c.Phase, issu.LabelOSPFNeighbors, nb.path...), "OSPF neighbor %s is %s, not FULL", nb.id, nb.state)
			} else {
				c.info(c.ev(c.Phase, issu.LabelOSPFNeighbors, nb.path...), "non-critical OSPF neighbor %s is %s", nb.id, nb.state)
			}
		}
	},
}

// criticalPrefixes checks the policy's prefixes are in the RIB, in either
// phase.
func criticalPrefixes(p issu.Phase) Check {
	return Check{
		ID: "critical_prefixes", Name: "CriticalPrefixes", Phase: p,
		Doc:   "every critical prefix of the policy present in the routing table",
		needs: map[string][]string{"nxos": {issu.LabelRoutes}, "iosxe": {issu.LabelRoutes}, "iosxr": {issu.LabelRoutes}},
		fn: func(c *C) {
			prefixes := c.env.policy().CriticalPrefixes
			if len(prefixes) == 0 {
				c.skip("no critical prefixes in the policy")
				return
			}
			for _, pr := range prefixes {
				vrf := pr.VRF
				if vrf == "" {
					vrf = "default"
				}
				label := issu.LabelRoutes
				if c.OS == "iosxe" && vrf != "default" {
					label = issu.LabelRoutesVRF + "_" + issu.SanitizeLabel(vrf)
				}
				d := c.data(c.Phase, label)
				if d == nil {
					if rec, ok := c.devs[c.Phase].Record(label); ok {
						c.fail(c.ev(c.Phase, label), "routes of vrf %s not usable (%s %s): cannot confirm %s", vrf, rec.Status, rec.Error+rec.Note, pr.Prefix)
					} else {
						c.fail(c.ev(c.Phase, label), "routes of vrf %s not collected (add it to the policy's vrfs): cannot confirm %s", vrf, pr.Prefix)
					}
					continue
				}
				found := false
				for _, af := range keys(mapAt(d, "vrf", vrf, "address_family")) {
					if _, ok := get(d, "vrf", vrf, "address_family", af, "routes", pr.Prefix); ok {
						found = true
					}
				}
				if !found {
					c.fail(c.ev(c.Phase, label, "vrf", vrf), "critical prefix %s missing from vrf %s", pr.Prefix, vrf)
				}
			}
		},
	}
}

var runningConfig = Check{
	ID: "running_config", Name: "RunningConfig", Phase: issu.Pre,
	Doc: "running-config captured (any OS, raw)",
	fn: func(c *C) {
		rec, ok := c.devs[c.Phase].Record(issu.LabelRunningConfig)
		if !ok {
			c.blocked("running-config is not in the command profile of os " + c.OS)
			return
		}
		if rec.Status == issu.RecordError || rec.Status == issu.RecordNotRun {
			c.missing(fmt.Sprintf("show running-config failed: %s", rec.Error))
			return
		}
		raw, _ := c.raw(c.Phase, issu.LabelRunningConfig)
		if len(strings.Fields(raw)) == 0 {
			c.fail(c.evRaw(c.Phase, issu.LabelRunningConfig, ""), "running-config is empty")
		}
	},
}

var issuState = Check{
	ID: "issu_state", Name: "ISSUState", Phase: issu.Pre,
	Doc:   "IOS-XE show issu state detail: every system check Yes",
	needs: map[string][]string{"iosxe": {issu.LabelIssuState}},
	fn: func(c *C) {
		d := c.cur(issu.LabelIssuState)
		n := 0
		for _, slot := range keys(mapAt(d, "slot")) {
			sc := mapAt(d, "slot", slot, "system_check")
			for _, k := range keys(sc) {
				if k == "opertional_mode" {
					continue
				}
				n++
				if v := str(sc, k); !strings.EqualFold(v, "yes") {
					c.fail(c.ev(c.Phase, issu.LabelIssuState, "slot", slot, "system_check", k), "ISSU system check %s is %q", k, v)
				}
			}
		}
		if n == 0 {
			c.skip("no ISSU system checklist in the output (not an install-mode ISSU platform)")
		}
	},
}

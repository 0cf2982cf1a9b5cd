package monitor

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Extractors turn one command's output into sample signals. Each takes the
// parsed JSON (Genie key paths; nil when no parser exists or it failed) and
// the raw text, and prefers the parsed form: the raw fallbacks keep the
// monitor useful where a parser is missing, as the issue requires.

var (
	reNxSupBlock    = regexp.MustCompile(`(?m)^\s*(?:This|Other) supervisor \((sup-\d+)\)\s*\n-*\s*\n\s*Redundancy state:\s+(\S+)`)
	reXeUnitID      = regexp.MustCompile(`Unit ID\s*=\s*(\d+)`)
	reXeMyState     = regexp.MustCompile(`my state\s*=\s*\d+\s*-\s*(\S+)`)
	reXeSwitchover  = regexp.MustCompile(`Switchovers system experienced\s*=\s*(\d+)`)
	reXeActiveLoc   = regexp.MustCompile(`Active Location\s*=\s*(.+)`)
	reXrActiveNode  = regexp.MustCompile(`Node (\S+) is in ACTIVE role`)
	reXrSwitchover  = regexp.MustCompile(`There have been (\d+) switch-overs? since reload`)
	reNxModActive   = regexp.MustCompile(`(?m)^(\d+)\s+\d+\s+.*\sactive \*\s*$`)
	reNxCoreRow     = regexp.MustCompile(`(?m)^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\s*$`)
	reCoreFile      = regexp.MustCompile(`(\S+\.core(?:\.gz)?)\s*$`)
	reCPUFiveSec    = regexp.MustCompile(`(?i)CPU utilization for five seconds:\s*(\d+(?:\.\d+)?)%`)
	reCPUOneMin     = regexp.MustCompile(`(?i)CPU utilization for one minute:\s*(\d+(?:\.\d+)?)%`)
	reCPUIdle       = regexp.MustCompile(`(?i)CPU states\s*:.*?(\d+(?:\.\d+)?)%\s*idle`)
	rePingNx        = regexp.MustCompile(`(\d+) packets transmitted, (\d+) packets received, (\d+(?:\.\d+)?)% packet loss`)
	rePingNxRTT     = regexp.MustCompile(`round-trip min/avg/max = [\d.]+/([\d.]+)/[\d.]+ ms`)
	rePingXe        = regexp.MustCompile(`Success rate is (\d+) percent \((\d+)/(\d+)\)(?:, round-trip min/avg/max = \d+/(\d+)/\d+ ms)?`)
	reBGPVrf        = regexp.MustCompile(`(?i)(?:summary information for VRF|VRF:?)\s+([^\s,]+)`)
	reOSPFNbr       = regexp.MustCompile(`Neighbor (\S+), interface address`)
	reOSPFVrf       = regexp.MustCompile(`VRF (\S+), in area`)
	reOSPFState     = regexp.MustCompile(`State is (\S+?),`)
	reOSPFRowState  = regexp.MustCompile(`^(?i)(FULL|2WAY|INIT|EXSTART|EXCHANGE|LOADING|DOWN|ATTEMPT)(/\S*)?$`)
	reInstallStep   = regexp.MustCompile(`^\s*([A-Z][^<>]*?\.)\s*$`)
	reNxInstFail    = regexp.MustCompile(`(?m)-- FAIL|Install has failed|^Return code 0x|Pre-upgrade check failed|Install all currently is not supported|Switch is not ready for Install all`)
	reReturnCode    = regexp.MustCompile(`Return code 0x[0-9A-Fa-f]+ \([^)\n]*\)+`)
	reXeUncommitted = regexp.MustCompile(`(?m)^\S+\s+U\s+\S`)
	reOSPFRowVrf    = regexp.MustCompile(`(?i)\bVRF (\S+)`)
	reXeInstFail    = regexp.MustCompile(`(?m)FAILED:|Previous ISSU Operation:\s*(?:Failed|Aborted)`)
)

// extractRedundancy reads the active supervisor and switchover counter.
func extractRedundancy(s *Sample, parsed map[string]any, raw string) {
	if parsed != nil {
		// nxos ShowSystemRedundancyStatus / ShowRedundancyStatus
		for k, v := range parsed {
			if strings.HasPrefix(k, "supervisor_") && strings.EqualFold(str(v, "redundancy_state"), "active") {
				s.ActiveSup = "sup-" + strings.TrimPrefix(k, "supervisor_")
			}
		}
		// iosxe ShowRedundancyStates
		if id, ok := num(parsed["unit_id"]); ok && strings.Contains(strings.ToUpper(str(parsed, "my_state")), "ACTIVE") {
			s.ActiveSup = fmt.Sprintf("unit %d", int(id))
		}
		// iosxe ShowRedundancy
		if n, ok := num(sub(parsed, "red_sys_info")["switchovers_system_experienced"]); ok {
			v := int(n)
			s.Switchovers = &v
		}
		for slot, v := range sub(parsed, "slot") {
			if strings.EqualFold(strings.TrimSpace(str(v, "curr_sw_state")), "ACTIVE") {
				s.ActiveSup = slot
			}
		}
		// iosxr ShowRedundancy
		for node, v := range sub(parsed, "node") {
			if strings.EqualFold(str(v, "role"), "ACTIVE") {
				s.ActiveSup = node
			}
		}
		if s.ActiveSup != "" || s.Switchovers != nil {
			return
		}
	}
	for _, m := range reNxSupBlock.FindAllStringSubmatch(raw, -1) {
		if strings.EqualFold(m[2], "active") {
			s.ActiveSup = m[1]
		}
	}
	if m := reXeUnitID.FindStringSubmatch(raw); m != nil {
		if st := reXeMyState.FindStringSubmatch(raw); st != nil && strings.Contains(strings.ToUpper(st[1]), "ACTIVE") {
			s.ActiveSup = "unit " + m[1]
		}
	}
	if m := reXeActiveLoc.FindStringSubmatch(raw); m != nil {
		s.ActiveSup = strings.TrimSpace(m[1])
	}
	if m := reXrActiveNode.FindStringSubmatch(raw); m != nil {
		s.ActiveSup = m[1]
	}
	for _, re := range []*regexp.Regexp{reXeSwitchover, reXrSwitchover} {
		if m := re.FindStringSubmatch(raw); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				s.Switchovers = &n
			}
		}
	}
}

// extractModule reads the slot of the active supervisor from show module.
func extractModule(s *Sample, parsed map[string]any, raw string) {
	for slot, v := range sub(sub(parsed, "slot"), "rp") {
		for _, mod := range asMap(v) {
			if strings.HasPrefix(str(mod, "status"), "active") && strings.Contains(str(mod, "status"), "*") {
				s.ActiveModule = slot
			}
		}
	}
	if s.ActiveModule != "" {
		return
	}
	if m := reNxModActive.FindStringSubmatch(raw); m != nil {
		s.ActiveModule = m[1]
	}
}

// installVerdict returns the install state a status output shows and the
// last step it names: nxos `show install all status`, iosxe `show issu
// state detail` and `show install summary`.
func installVerdict(os string, parsed map[string]any, raw string) (state, step string) {
	text := strings.ReplaceAll(raw, "\r", "")
	step = lastStep(text)
	if strings.TrimSpace(text) == "" {
		return InstallNone, ""
	}
	if os == "iosxe" || strings.Contains(text, "ISSU") || strings.Contains(text, "Auto abort timer") || strings.Contains(text, "Installed Package(s)") {
		return iosxeInstall(parsed, text), step
	}
	// NX-OS: the final line decides; the parsed form adds failed steps.
	if strings.Contains(text, "There is an on-going installation") {
		return InstallInProgress, step
	}
	if strings.Contains(text, "No install all data found") {
		return InstallNone, step
	}
	okAt := strings.LastIndex(text, "Install has been successful")
	failAt := -1
	if loc := reNxInstFail.FindAllStringIndex(text, -1); len(loc) > 0 {
		failAt = loc[len(loc)-1][0]
	}
	for _, v := range parsed {
		if sv, ok := v.(string); ok && strings.HasPrefix(strings.TrimSpace(sv), "FAIL") && failAt < 0 {
			failAt = 0
		}
	}
	if _, ok := parsed["pre_upgrade_check_failed_code"]; ok && failAt < 0 {
		failAt = 0
	}
	switch {
	case okAt >= 0 && okAt > failAt:
		return InstallSuccess, step
	case failAt >= 0:
		if m := reReturnCode.FindAllString(text, -1); len(m) > 0 {
			step = strings.TrimSpace(step + " " + strings.TrimSuffix(m[len(m)-1], "."))
		}
		return InstallFailed, step
	}
	return InstallInProgress, step
}

func iosxeInstall(parsed map[string]any, text string) string {
	for _, v := range sub(parsed, "slot") {
		if b, ok := asMap(v)["issu_in_progress"].(bool); ok && b {
			return InstallInProgress
		}
		if strings.Contains(strings.ToLower(str(v, "current_status")), "in progress") {
			return InstallInProgress
		}
	}
	for _, loc := range sub(parsed, "location") {
		if strings.HasPrefix(strings.ToLower(str(loc, "auto_abort_timer")), "active") {
			return InstallInProgress
		}
		for _, p := range sub(asMap(loc), "pkg_state") {
			if str(p, "state") == "U" {
				return InstallInProgress
			}
		}
	}
	lower := strings.ToLower(text)
	switch {
	case reXeInstFail.MatchString(text):
		return InstallFailed
	case strings.Contains(lower, "current issu status: in progress"),
		strings.Contains(lower, "terminal state not reached"),
		strings.Contains(lower, "auto abort timer: active"),
		reXeUncommitted.MatchString(text):
		return InstallInProgress
	case strings.Contains(text, "SUCCESS: install_add_activate_commit"):
		return InstallSuccess
	}
	return InstallNone
}

// lastStep is the last installer step title ("Setting boot variables.").
func lastStep(text string) string {
	lines := strings.Split(text, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "--") || strings.HasPrefix(l, "[") || strings.HasPrefix(l, "<") || hasAnyPrefix(l, notSteps) {
			continue
		}
		if m := reInstallStep.FindStringSubmatch(l); m != nil {
			return m[1]
		}
	}
	return ""
}

// notSteps are status lines that are outcomes or banners, not steps.
var notSteps = []string{"Warning", "Return code", "Install has", "There is an on-going", "Enter Ctrl-C", "Pre-upgrade check failed",
	"Service ", "No install all data", "Please ", "\"", "Switch will be reloaded", "Images will be upgraded", "Compatibility check is done"}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// extractBGP fills s.BGP with "vrf|neighbor" -> state.
func extractBGP(s *Sample, parsed map[string]any, raw string) {
	out := map[string]string{}
	if parsed != nil {
		walkVRFs(parsed, func(vrf string, v map[string]any) {
			for nbr, nv := range sub(v, "neighbor") {
				st := ""
				for _, af := range sub(asMap(nv), "address_family") {
					s := bgpState(str(af, "state_pfxrcd"), str(af, "state"))
					if st == "" || st == "established" {
						st = s
					}
				}
				if st == "" {
					st = bgpState(str(nv, "session_state"), str(nv, "state"))
				}
				out[Key(vrf, nbr)] = st
			}
		})
		if len(out) > 0 || parsed["vrf"] != nil || parsed["instance"] != nil {
			s.BGP = out
			return
		}
	}
	vrf := "default"
	lines := strings.Split(strings.ReplaceAll(raw, "\r", ""), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := reBGPVrf.FindStringSubmatch(l); m != nil && !strings.HasPrefix(strings.TrimSpace(l), "%") {
			vrf = m[1]
			continue
		}
		f := strings.Fields(l)
		if len(f) == 0 || !isIP(f[0]) {
			continue
		}
		if len(f) == 1 && i+1 < len(lines) { // long IPv6 address: counters on the next line
			f = append(f, strings.Fields(lines[i+1])...)
			i++
		}
		if len(f) < 8 {
			continue
		}
		st := f[len(f)-1]
		if len(f) >= 10 {
			st = f[9] // State/PfxRcd column; "0 (No Cap)" spans words
		}
		out[Key(vrf, f[0])] = bgpState(st, "")
	}
	s.BGP = out
}

// bgpState normalises a State/PfxRcd column: a count means established.
func bgpState(pfx, state string) string {
	p := strings.TrimSpace(pfx)
	if i := strings.IndexByte(p, ' '); i > 0 {
		p = p[:i]
	}
	if p != "" {
		if _, err := strconv.Atoi(p); err == nil {
			return "established"
		}
		return strings.ToLower(p)
	}
	return strings.ToLower(strings.TrimSpace(state))
}

// extractOSPF fills s.OSPF with "vrf|neighbor-id" -> state.
func extractOSPF(s *Sample, parsed map[string]any, raw string) {
	out := map[string]string{}
	if parsed != nil {
		var walk func(vrf string, m map[string]any, depth int)
		walk = func(vrf string, m map[string]any, depth int) {
			if depth > 12 {
				return
			}
			for k, v := range m {
				vm := asMap(v)
				if vm == nil {
					continue
				}
				if k == "neighbors" {
					for id, n := range vm {
						out[Key(vrf, id)] = ospfState(str(n, "state"))
					}
					continue
				}
				if k == "vrf" || k == "vrfs" {
					for name, vv := range vm {
						walk(name, asMap(vv), depth+1)
					}
					continue
				}
				walk(vrf, vm, depth+1)
			}
		}
		walk("default", parsed, 0)
		if len(out) > 0 {
			s.OSPF = out
			return
		}
	}
	text := strings.ReplaceAll(raw, "\r", "")
	if strings.Contains(text, "interface address") { // nxos detail form
		nbr, vrf := "", "default"
		for _, l := range strings.Split(text, "\n") {
			if m := reOSPFNbr.FindStringSubmatch(l); m != nil {
				nbr, vrf = m[1], "default"
			}
			if m := reOSPFVrf.FindStringSubmatch(l); m != nil {
				vrf = m[1]
			}
			if m := reOSPFState.FindStringSubmatch(l); m != nil && nbr != "" {
				out[Key(vrf, nbr)] = ospfState(m[1])
			}
		}
		s.OSPF = out
		return
	}
	vrf := "default"
	for _, l := range strings.Split(text, "\n") {
		if m := reOSPFRowVrf.FindStringSubmatch(l); m != nil && !strings.Contains(l, "  ") {
			vrf = m[1]
		}
		f := strings.Fields(l)
		if len(f) < 3 || !isIP(f[0]) {
			continue
		}
		for _, c := range f[1:] {
			if reOSPFRowState.MatchString(c) {
				out[Key(vrf, f[0])] = ospfState(c)
				break
			}
		}
	}
	s.OSPF = out
}

// ospfState keeps the adjacency state, without the DR role ("FULL/DR").
func ospfState(st string) string {
	st = strings.ToLower(strings.TrimSpace(st))
	if i := strings.IndexByte(st, '/'); i >= 0 {
		st = st[:i]
	}
	return st
}

func ospfUp(st string) bool { return st == "full" || st == "2way" }

// prefixPresent says whether a critical prefix is in a route lookup.
func prefixPresent(p Prefix, parsed map[string]any, raw string) bool {
	if parsed != nil {
		found := false
		walkVRFs(parsed, func(vrf string, v map[string]any) {
			if p.VRF != "" && p.VRF != "default" && vrf != p.VRF {
				return
			}
			for _, af := range sub(v, "address_family") {
				if _, ok := sub(asMap(af), "routes")[p.Prefix]; ok {
					found = true
				}
			}
		})
		return found
	}
	lower := strings.ToLower(raw)
	for _, miss := range []string{"route not found", "network not in table", "not in table", "no matching routes", "% invalid"} {
		if strings.Contains(lower, miss) {
			return false
		}
	}
	addr := p.Prefix
	if i := strings.IndexByte(addr, '/'); i >= 0 {
		addr = addr[:i]
	}
	return strings.Contains(raw, addr)
}

// extractPing reads a ping's statistics.
func extractPing(parsed map[string]any, raw string) (ProbeStat, bool) {
	if st := sub(sub(parsed, "ping"), "statistics"); st != nil {
		sent, ok1 := num(st["send"])
		rcv, ok2 := num(st["received"])
		if ok1 && ok2 && sent > 0 {
			ps := ProbeStat{Sent: int(sent), Received: int(rcv), LossPct: 100 * (sent - rcv) / sent}
			if rtt, ok := num(sub(st, "round_trip")["avg_ms"]); ok {
				ps.RTTms = rtt
			}
			return ps, true
		}
	}
	if m := rePingNx.FindStringSubmatch(raw); m != nil {
		sent, _ := strconv.Atoi(m[1])
		rcv, _ := strconv.Atoi(m[2])
		loss, _ := strconv.ParseFloat(m[3], 64)
		ps := ProbeStat{Sent: sent, Received: rcv, LossPct: loss}
		if r := rePingNxRTT.FindStringSubmatch(raw); r != nil {
			ps.RTTms, _ = strconv.ParseFloat(r[1], 64)
		}
		return ps, true
	}
	if m := rePingXe.FindStringSubmatch(raw); m != nil {
		rate, _ := strconv.ParseFloat(m[1], 64)
		rcv, _ := strconv.Atoi(m[2])
		sent, _ := strconv.Atoi(m[3])
		ps := ProbeStat{Sent: sent, Received: rcv, LossPct: 100 - rate}
		if m[4] != "" {
			ps.RTTms, _ = strconv.ParseFloat(m[4], 64)
		}
		return ps, true
	}
	return ProbeStat{}, false
}

// logLines returns the syslog lines of a logging output.
func logLines(parsed map[string]any, raw string) []string {
	if l, ok := parsed["logs"].([]any); ok {
		out := make([]string, 0, len(l))
		for _, v := range l {
			if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimRight(s, " \r"))
			}
		}
		return out
	}
	var out []string
	for _, l := range strings.Split(raw, "\n") {
		l = strings.TrimRight(l, " \r")
		if reSyslog.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// extractCores lists core files (nxos show cores rows, or *.core.gz names).
func extractCores(raw string) []string {
	out := []string{}
	for _, m := range reNxCoreRow.FindAllStringSubmatch(raw, -1) {
		out = append(out, fmt.Sprintf("module %s %s pid %s %s", m[2], m[4], m[5], m[6]))
	}
	if len(out) == 0 {
		for _, l := range strings.Split(raw, "\n") {
			if m := reCoreFile.FindStringSubmatch(strings.TrimRight(l, " \r")); m != nil {
				out = append(out, m[1])
			}
		}
	}
	sort.Strings(out)
	return out
}

// extractCPU returns the CPU busy percent (five-second figure first).
func extractCPU(parsed map[string]any, raw string) (float64, bool) {
	for _, k := range []string{"five_sec_cpu_total", "five_sec_cpu", "one_min_cpu"} {
		if v, ok := num(parsed[k]); ok {
			return v, true
		}
	}
	if m := reCPUFiveSec.FindStringSubmatch(raw); m != nil {
		v, err := strconv.ParseFloat(m[1], 64)
		return v, err == nil
	}
	if m := reCPUOneMin.FindStringSubmatch(raw); m != nil {
		v, err := strconv.ParseFloat(m[1], 64)
		return v, err == nil
	}
	if m := reCPUIdle.FindStringSubmatch(raw); m != nil {
		v, err := strconv.ParseFloat(m[1], 64)
		return 100 - v, err == nil
	}
	return 0, false
}

// walkVRFs calls fn for every "vrf" map entry, at the top or under
// "instance.<name>" (iosxr).
func walkVRFs(parsed map[string]any, fn func(vrf string, v map[string]any)) {
	for name, v := range sub(parsed, "vrf") {
		fn(name, asMap(v))
	}
	for _, inst := range sub(parsed, "instance") {
		for name, v := range sub(asMap(inst), "vrf") {
			fn(name, asMap(v))
		}
	}
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func sub(m map[string]any, k string) map[string]any {
	if m == nil {
		return nil
	}
	return asMap(m[k])
}

func str(v any, k string) string {
	s, _ := asMap(v)[k].(string)
	return s
}

func num(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(x, "%")), 64)
		return f, err == nil
	}
	return 0, false
}

func isIP(s string) bool {
	if strings.Count(s, ".") == 3 {
		for _, p := range strings.Split(s, ".") {
			if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 255 {
				return false
			}
		}
		return true
	}
	if strings.Count(s, ":") >= 2 {
		for _, r := range s {
			if !strings.ContainsRune("0123456789abcdefABCDEF:.", r) {
				return false
			}
		}
		return true
	}
	return false
}

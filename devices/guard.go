package devices

import "strings"

// writeVerbs are commands that change device state. Each entry is a
// sequence of keywords; a command matches when its words are abbreviations
// (prefixes) of the keywords, the way IOS and NX-OS accept "conf t" or
// "wr mem". minLen is how short the first word may be abbreviated:
// "co" is ambiguous (configure/copy), "conf" is not.
var writeVerbs = []struct {
	words  []string
	minLen int
}{
	{[]string{"configure"}, 4},
	{[]string{"write"}, 2},
	{[]string{"copy"}, 3},
	{[]string{"delete"}, 3},
	{[]string{"erase"}, 2},
	{[]string{"format"}, 3},
	{[]string{"reload"}, 3},
	{[]string{"install"}, 3},
	{[]string{"clear"}, 3},
	{[]string{"debug"}, 3},
	{[]string{"undebug"}, 3},
	{[]string{"system", "switchover"}, 3},
	{[]string{"redundancy", "force-switchover"}, 4},
	{[]string{"request"}, 3},
	{[]string{"set"}, 3},
	{[]string{"commit"}, 3},
	{[]string{"rollback"}, 4},
	{[]string{"issu"}, 4},
	{[]string{"hw-module"}, 4},
	{[]string{"squeeze"}, 4},
	{[]string{"rename"}, 4},
	{[]string{"mkdir"}, 3},
	{[]string{"rmdir"}, 3},
	{[]string{"move"}, 4},
	{[]string{"shutdown"}, 4},
	{[]string{"no"}, 2},
}

// IsWriteCommand reports whether cmd would change device state according to
// the read-only guard. Reads such as "show install all status",
// "show running-config", "dir" and "ping" are not writes.
func IsWriteCommand(cmd string) bool {
	// Only the part before an output filter is the command.
	if i := strings.IndexByte(cmd, '|'); i >= 0 {
		cmd = cmd[:i]
	}
	f := strings.Fields(strings.ToLower(cmd))
	if len(f) == 0 {
		return false
	}
	// "do <cmd>" runs an exec command from config mode.
	if f[0] == "do" && len(f) > 1 {
		f = f[1:]
	}
	for _, v := range writeVerbs {
		if len(f) < len(v.words) {
			continue
		}
		ok := true
		for i, w := range v.words {
			min := 1
			if i == 0 {
				min = v.minLen
				if len(w) < min {
					min = len(w)
				}
			}
			if len(f[i]) < min || !strings.HasPrefix(w, f[i]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

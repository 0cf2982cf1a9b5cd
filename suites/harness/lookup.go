package harness

import "strings"

// Lookup returns the first of the dotted key paths that exists in parsed
// JSON, as a string ("" when none does): a small convenience for custom
// checks that read Genie key paths ("platform.software.system_version" on
// NX-OS, "version.version" on IOS-XE).
func Lookup(parsed map[string]any, paths ...string) string {
	for _, p := range paths {
		var cur any = parsed
		for _, k := range strings.Split(p, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			cur = m[k]
		}
		switch v := cur.(type) {
		case string:
			return v
		case nil:
		default:
			if s, ok := cur.(interface{ String() string }); ok {
				return s.String()
			}
		}
	}
	return ""
}

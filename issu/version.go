package issu

import "strings"

// RunningVersion reads the running version and image file from a parsed
// show version (Genie key paths) of os. Missing keys give "".
func RunningVersion(os string, d map[string]any) (version, image string) {
	s := func(path ...string) string {
		var v any = d
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				return ""
			}
			v = m[p]
		}
		str, _ := v.(string)
		return str
	}
	switch strings.ToLower(os) {
	case "nxos":
		v := s("platform", "software", "system_version")
		if v == "" {
			v = s("platform", "system_version")
		}
		return v, s("platform", "software", "system_image_file")
	case "iosxe":
		return s("version", "version"), s("version", "system_image")
	case "iosxr":
		return s("software_version"), s("image")
	}
	return "", ""
}

// ImageFileName strips the file system and directories from an image path:
// "bootflash:///x.bin", "bootflash:/x.bin" and "x.bin" all give "x.bin".
func ImageFileName(p string) string {
	p = strings.TrimSpace(p)
	if i := strings.LastIndexAny(p, "/:"); i >= 0 {
		p = p[i+1:]
	}
	return p
}

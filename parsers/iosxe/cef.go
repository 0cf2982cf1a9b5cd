package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowIpCef is the result of "show ip cef [vrf V] [prefix]" (Genie ShowIpCef).
type ShowIpCef struct {
	VRF map[string]*CefVRF `json:"vrf"`
}

// CefVRF holds a VRF's address families.
type CefVRF struct {
	AddressFamily map[string]*CefAF `json:"address_family"`
}

// CefAF holds the prefixes of one address family.
type CefAF struct {
	Prefix map[string]*CefPrefix `json:"prefix"`
}

// CefPrefix is one FIB entry.
type CefPrefix struct {
	Nexthop               map[string]*CefNexthop `json:"nexthop,omitempty"`
	Epoch                 *int                   `json:"epoch,omitempty"`
	PerDestinationSharing *bool                  `json:"per_destination_sharing,omitempty"`
	SRLocalLabelInfo      string                 `json:"sr_local_label_info,omitempty"`
	Flags                 []string               `json:"flags,omitempty"`
}

// CefNexthop is a next hop (an address, or attached/receive/drop).
type CefNexthop struct {
	OutgoingInterface map[string]*CefOutIntf `json:"outgoing_interface,omitempty"`
}

// CefOutIntf carries the labels of a next hop's outgoing interface.
type CefOutIntf struct {
	LocalLabel          *int     `json:"local_label,omitempty"`
	SID                 string   `json:"sid,omitempty"`
	LocalSID            string   `json:"local_sid,omitempty"`
	OutgoingLabel       []string `json:"outgoing_label,omitempty"`
	OutgoingLabelBackup string   `json:"outgoing_label_backup,omitempty"`
	OutgoingLabelInfo   string   `json:"outgoing_label_info,omitempty"`
	Repair              string   `json:"repair,omitempty"`
}

// The line patterns are matched by hand (misc_scan.go).

// ParseShowIpCef parses "show ip cef"; vrf may be "" for the default VRF.
func ParseShowIpCef(out, vrf string) (*ShowIpCef, error) {
	r, _, err := parseShowIpCef(out, core.Params{"vrf": vrf})
	return r, err
}

func parseShowIpCef(out string, p core.Params) (*ShowIpCef, []string, error) {
	var un core.Unparsed
	vrf := p["vrf"]
	if vrf == "" {
		vrf = "default"
	}
	res := &ShowIpCef{VRF: map[string]*CefVRF{}}
	var pfx *CefPrefix
	var fbuf [4]string
	var lastOut *CefOutIntf
	addPrefix := func(prefix string) *CefPrefix {
		af := "ipv4"
		if strings.Contains(prefix, ":") {
			af = "ipv6"
		}
		v := res.VRF[vrf]
		if v == nil {
			v = &CefVRF{AddressFamily: map[string]*CefAF{}}
			res.VRF[vrf] = v
		}
		a := v.AddressFamily[af]
		if a == nil {
			a = &CefAF{Prefix: map[string]*CefPrefix{}}
			v.AddressFamily[af] = a
		}
		e := a.Prefix[prefix]
		if e == nil {
			e = &CefPrefix{}
			a.Prefix[prefix] = e
		}
		return e
	}
	addNH := func(nh, intf string) *CefOutIntf {
		if pfx.Nexthop == nil {
			pfx.Nexthop = map[string]*CefNexthop{}
		}
		n := pfx.Nexthop[nh]
		if n == nil {
			n = &CefNexthop{}
			pfx.Nexthop[nh] = n
		}
		if intf == "" {
			return nil
		}
		if n.OutgoingInterface == nil {
			n.OutgoingInterface = map[string]*CefOutIntf{}
		}
		o := n.OutgoingInterface[intf]
		if o == nil {
			o = &CefOutIntf{}
			n.OutgoingInterface[intf] = o
		}
		return o
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show ip cef") || strings.HasPrefix(l, "sh ip cef") ||
			strings.HasPrefix(l, "Load for ") || strings.HasPrefix(l, "Time source") || strings.HasPrefix(l, "Prefix ") {
			continue
		}
		if m := (scanM{}); cefPrefixLine(l) && matchCefPrefix(l, &m) {
			pfx = addPrefix(m[1])
			if m[2] != "" {
				pfx.Epoch = ptr(atoi(m[2]))
			}
			if m[3] != "" {
				for _, f := range strings.Split(m[3], ",") {
					pfx.Flags = append(pfx.Flags, strings.TrimSpace(f))
				}
			}
			if m[4] != "" {
				pfx.PerDestinationSharing = ptr(true)
			}
			continue
		}
		if pfx != nil && (l == "no route" || l == "drop" || l == "receive" || l == "discard") {
			addNH(l, "")
			continue
		}
		if pfx != nil {
			if rest, ok := strings.CutPrefix(l, "attached to "); ok {
				lastOut = addNH("attached", strings.TrimSpace(rest))
				continue
			}
			if m := (scanM{}); hasPre(l, "nexthop") && matchCefNH(l, &m) {
				o := addNH(m[1], m[2])
				if o != nil {
					if m[3] != "" {
						if lm := (scanM{}); matchCefLabel(m[3], &lm) {
							o.OutgoingLabel = []string{lm[1]}
							o.OutgoingLabelInfo = lm[2]
							o.OutgoingLabelBackup = lm[3]
						}
					}
					if m[4] != "" {
						o.LocalLabel = ptr(atoi(m[4]))
					}
					o.SID = m[5]
				}
				lastOut = o
				continue
			}
			if rest, ok := strings.CutPrefix(l, "repair: "); ok && lastOut != nil {
				lastOut.Repair = rest
				continue
			}
		}
		// Table form: "prefix  next-hop  interface", continuation rows
		// without a prefix add next hops to the previous one.
		if f := fieldsInto(fbuf[:0], raw); len(f) >= 1 && len(f) <= 3 {
			cont := raw[0] == ' ' || raw[0] == '\t'
			switch {
			case !cont && len(f) >= 2 && looksLikeAddr(f[0]) && strings.IndexByte(f[0], '/') > 0:
				pfx = addPrefix(f[0])
				intf := ""
				if len(f) == 3 {
					intf = f[2]
				}
				addNH(f[1], intf)
				continue
			case cont && pfx != nil && len(f) <= 2:
				intf := ""
				if len(f) == 2 {
					intf = f[1]
				}
				addNH(f[0], intf)
				continue
			}
		}
		un.Add(raw)
	}
	if len(res.VRF) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowIpCef", []string{"show ip cef", "show ip cef vrf {vrf}", "show ip cef {prefix}", "show ip cef vrf {vrf} {prefix}"}, parseShowIpCef)
}

// cefPrefixLine reports whether l may be a detail-form prefix line
// ("10.2.3.0/24" alone, or followed by ", epoch ..."), not a table row.
func cefPrefixLine(l string) bool {
	w := firstWords(l, 1)
	return looksLikeAddr(l) && strings.IndexByte(w, '/') > 0 && (len(w) == len(l) || w[len(w)-1] == ',')
}

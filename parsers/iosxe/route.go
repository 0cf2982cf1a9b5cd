package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowIpRoute is the result of "show ip route [vrf V] [protocol]"
// (Genie ShowIpRoute).
type ShowIpRoute struct {
	VRF map[string]*RouteVRF `json:"vrf"`
}

// RouteVRF holds a VRF's address families.
type RouteVRF struct {
	AddressFamily map[string]*RouteAF `json:"address_family,omitempty"`
}

// RouteAF holds the routes of one address family, keyed by prefix.
type RouteAF struct {
	Routes map[string]*Route `json:"routes,omitempty"`
}

// Route is one routing table entry.
type Route struct {
	Route               string        `json:"route,omitempty"`
	Active              bool          `json:"active,omitempty"`
	RoutePreference     *int          `json:"route_preference,omitempty"`
	Metric              *int          `json:"metric,omitempty"`
	SourceProtocol      string        `json:"source_protocol,omitempty"`
	SourceProtocolCodes string        `json:"source_protocol_codes,omitempty"`
	NextHop             *RouteNextHop `json:"next_hop,omitempty"`
}

// RouteNextHop is either directly connected interfaces or a list of
// next hops indexed from 1.
type RouteNextHop struct {
	OutgoingInterface RouteOutIntfs `json:"outgoing_interface,omitempty"`
	NextHopList       RouteHops     `json:"next_hop_list,omitempty"`
}

// RouteOutIntf is a directly connected interface.
type RouteOutIntf struct {
	OutgoingInterface string `json:"outgoing_interface,omitempty"`
	Updated           string `json:"updated,omitempty"`
}

// RouteHop is one next hop of a route.
type RouteHop struct {
	Index             int    `json:"index"`
	NextHop           string `json:"next_hop,omitempty"`
	OutgoingInterface string `json:"outgoing_interface,omitempty"`
	Updated           string `json:"updated,omitempty"`
	VRF               string `json:"vrf,omitempty"`
}

// routeProtocol names the protocol of a route code ("" when unknown): a
// switch, as a map lookup hashes the code on every route.
func routeProtocol(code string) string {
	switch code {
	case "L":
		return "local"
	case "C":
		return "connected"
	case "S":
		return "static"
	case "R":
		return "rip"
	case "M":
		return "mobile"
	case "B":
		return "bgp"
	case "D":
		return "eigrp"
	case "O":
		return "ospf"
	case "i", "I":
		return "isis"
	case "U":
		return "per-user static route"
	case "o":
		return "odr"
	case "P":
		return "periodic downloaded static route"
	case "H":
		return "nhrp"
	case "l":
		return "lisp"
	case "a":
		return "application route"
	case "m":
		return "omp"
	case "ND":
		return "nd"
	case "NDp":
		return "nd prefix"
	case "LC":
		return "local connected"
	}
	return ""
}

// ParseShowIpRoute parses "show ip route"; vrf may be "" for the default VRF.
func ParseShowIpRoute(out, vrf string) (*ShowIpRoute, error) {
	r, _, err := parseShowIpRoute(out, core.Params{"vrf": vrf})
	return r, err
}

// isRouteStart reports whether s begins with an IPv4/IPv6 prefix.
func looksLikeAddr(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if c >= '0' && c <= '9' {
		return true
	}
	// An IPv6 address: hex digits before the first colon. The run of hex
	// digits from the start ends at that colon or the answer is no, so
	// the colon need not be searched for first.
	j := 0
	for j < len(s) {
		if c := s[j]; !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
			break
		}
		j++
	}
	return j > 0 && j < len(s) && s[j] == ':'
}

func parseShowIpRoute(out string, p core.Params) (*ShowIpRoute, []string, error) {
	var un core.Unparsed
	vrf := p["vrf"]
	if vrf == "" {
		vrf = "default"
	}
	// The result, its first VRF and address family come in one block:
	// nearly every output has just the one table.
	top := &struct {
		res ShowIpRoute
		vrf RouteVRF
		af  RouteAF
	}{}
	res := &top.res
	res.VRF = map[string]*RouteVRF{}
	var (
		cells   slab[routeCell]
		hops    slab[RouteHop]
		intfs   slab[RouteOutIntf]
		outs    oneSlab[*RouteOutIntf]
		lists   oneSlab[*RouteHop]
		fbuf    [8]string
		af      *RouteAF
		cur     *routeCell
		mask    string // from "x.x.x.x/N is subnetted"
		inCodes bool
	)
	table := func() *RouteAF {
		if af == nil {
			v := res.VRF[vrf]
			if v == nil {
				if top.vrf.AddressFamily == nil {
					v = &top.vrf
				} else {
					v = &RouteVRF{}
				}
				v.AddressFamily = map[string]*RouteAF{}
				res.VRF[vrf] = v
			}
			if top.af.Routes == nil {
				af = &top.af
			} else {
				af = &RouteAF{}
			}
			af.Routes = make(map[string]*Route, rowHint(out))
			v.AddressFamily["ipv4"] = af
		}
		return af
	}
	// Only an output with a '#' can hold a prompt line: one search of the
	// whole output spares one per line.
	hasHash := strings.IndexByte(out, '#') >= 0
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" {
			continue
		}
		if rest, ok := cutLit(l, "Routing Table:"); ok {
			vrf = trimLine(rest)
			af = nil
			continue
		}
		if hasPre(l, "Codes:") {
			inCodes = true
			continue
		}
		if hasPre(l, "Gateway of last resort") || hasPre(l, "IPv6 Routing Table") ||
			hasPre(l, "show ip route") || hasPre(l, "sh ip route") || hasPre(l, "#show") || hasHash && strings.IndexByte(l, '#') >= 0 && (core.IsBarePrompt(l) || core.IsPromptEcho(l)) {
			inCodes = false
			continue
		}
		if inCodes && strings.Contains(l, " - ") {
			continue
		}
		inCodes = false
		// Continuation: "[115/100] via 10.12.7.33, 3w6d, Vlan100"
		if l[0] == '[' {
			if cur != nil && parseRouteVia(cur, l, &hops, &lists) {
				continue
			}
			un.Add(raw)
			continue
		}
		// "10.0.0.0/24 is subnetted, 50 subnets" / "is variably subnetted"
		if looksLikeAddr(l) {
			if i := strings.Index(l, " is "); i > 0 && strings.Contains(l, "subnetted") {
				pfx := l[:i]
				if j := strings.IndexByte(pfx, '/'); j > 0 && !strings.Contains(l, "variably") {
					mask = pfx[j:]
				} else {
					mask = ""
				}
				continue
			}
		}
		// A route line: code, prefix, rest. The code may hold spaces
		// ("i ia", "O E2") so find the first token that looks like an address.
		// The prefix is nearly always the second token: split four only
		// when it is not (the loop below then sees what it always did).
		f, after := fieldsN(fbuf[:0], l, 2) // after: where the third token starts
		if len(f) < 2 || !looksLikeAddr(f[1]) {
			f, _ = fieldsN(fbuf[:0], l, 4)
			after = -1
		}
		pi := -1
		for i, t := range f {
			if i > 0 && looksLikeAddr(t) {
				pi = i
				break
			}
			if i > 2 {
				break
			}
		}
		if pi < 0 {
			un.Add(raw)
			continue
		}
		code := f[0]
		if pi > 1 {
			// The tokens are substrings of l: reuse l when they are
			// separated by single spaces, as devices print them.
			end := len(f[pi-1]) + strings.Index(l, f[pi-1])
			want := pi - 1
			for _, t := range f[:pi] {
				want += len(t)
			}
			if c := l[:end]; len(c) == want {
				code = c
			} else {
				code = strings.Join(f[:pi], " ")
			}
		}
		pfx := f[pi]
		if strings.IndexByte(pfx, '/') < 0 {
			if mask == "" {
				un.Add(raw)
				continue
			}
			pfx += mask
		}
		c0 := f[0]
		if i := strings.IndexByte(c0, '*'); i >= 0 {
			c0 = c0[:i]
		}
		for len(c0) > 0 && (c0[len(c0)-1] == '%' || c0[len(c0)-1] == '+' || c0[len(c0)-1] == '&') {
			c0 = c0[:len(c0)-1] // strings.TrimRight(c0, "%+&") without building a set
		}
		proto := routeProtocol(c0)
		if cap(cells.buf) == 0 {
			// Every route left has a line of its own: a first block
			// of that many cells fits small tables in one allocation.
			cells.first = min(sc.remaining()+1, 256)
		}
		cur = cells.next()
		cur.r = Route{Route: pfx, Active: true, SourceProtocol: proto, SourceProtocolCodes: code}
		table().Routes[pfx] = &cur.r
		// What follows the prefix where strings.Index finds it. When the
		// prefix is the second token and longer than the first, the
		// first occurrence is the token itself, so the rest starts at the
		// third token, which the split already found.
		var rest string
		if pi == 1 && after >= 0 && len(f[0]) < len(f[1]) {
			rest = trimLine(l[after:])
		} else {
			rest = trimLine(l[strings.Index(l, f[pi])+len(f[pi]):])
		}
		switch {
		case rest == "":
		case hasPre(rest, "is directly connected, "):
			intf := trimLine(rest[len("is directly connected, "):])
			cur.r.NextHop = &cur.nh
			oi := intfs.next()
			oi.OutgoingInterface = intf
			cur.nh.OutgoingInterface = outs.take(oi)
		case rest[0] == '[':
			if !parseRouteVia(cur, rest, &hops, &lists) {
				un.Add(raw)
			}
		default:
			un.Add(raw)
		}
	}
	if len(res.VRF) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// routeCell holds a route with its next hop and its preference and
// metric, which the route points to: one slab for what every route has.
type routeCell struct {
	r  Route
	nh RouteNextHop
	pm [2]int
}

// parseRouteVia reads "[pref/metric] via NH [(vrf)], [age,] [intf]".
func parseRouteVia(c *routeCell, s string, hops *slab[RouteHop], lists *oneSlab[*RouteHop]) bool {
	r := &c.r
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return false
	}
	pm := s[1:end]
	slash := strings.IndexByte(pm, '/')
	if slash < 0 {
		return false
	}
	pref, ok1 := atoiFast(pm[:slash])
	met, ok2 := atoiFast(pm[slash+1:])
	if !ok1 || !ok2 {
		return false
	}
	// Each "[pref/metric]" of a route overwrites the last one.
	c.pm = [2]int{pref, met}
	r.RoutePreference, r.Metric = &c.pm[0], &c.pm[1]
	rest := trimLine(s[end+1:])
	rest, ok := cutLit(rest, "via ")
	if !ok {
		return false
	}
	hop := hops.next()
	var pbuf [4]string
	parts := splitComma(pbuf[:0], rest)
	first := trimLine(parts[0])
	if i := strings.IndexByte(first, ' '); i > 0 {
		hop.NextHop = first[:i]
		v := trimLine(first[i+1:])
		hop.VRF = strings.TrimSuffix(strings.TrimPrefix(v, "("), ")")
	} else {
		hop.NextHop = first
	}
	switch len(parts) {
	case 1:
	case 2:
		x := trimLine(parts[1])
		if isAge(x) {
			hop.Updated = x
		} else {
			hop.OutgoingInterface = x
		}
	default:
		hop.Updated = trimLine(parts[1])
		hop.OutgoingInterface = trimLine(parts[2])
	}
	if r.NextHop == nil {
		r.NextHop = &c.nh
	}
	hop.Index = len(r.NextHop.NextHopList) + 1
	if hop.Index == 1 {
		r.NextHop.NextHopList = lists.take(hop)
	} else {
		r.NextHop.NextHopList = lists.add(r.NextHop.NextHopList, hop)
	}
	return true
}

// isAge reports whether s is an age such as 01:02:20, 3w6d or 1d02h.
func isAge(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == ':' || c == 'w' || c == 'd' || c == 'h' || c == 'm' || c == 'y') {
			return false
		}
	}
	return true
}

// rowHint sizes the map of a large one-row-per-line table (routes,
// neighbors): at most one row per line, so the map never grows while it
// is filled. Small outputs get no hint, keeping memory in proportion.
func rowHint(out string) int {
	if len(out) < 16<<10 {
		return 0
	}
	return strings.Count(out, "\n") + 1
}

func init() {
	registerTyped("ShowIpRoute", []string{"show ip route vrf {vrf}", "show ip route vrf {vrf} {protocol}", "show ip route", "show ip route {protocol}"}, parseShowIpRoute)
}

// splitComma splits s at commas into dst, keeping at most cap(dst) parts
// (the last one holds the rest).
func splitComma(dst []string, s string) []string {
	for len(dst) < cap(dst)-1 {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			break
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
	return append(dst, s)
}

// firstWords returns the prefix of l that holds its first n words.
func firstWords(l string, n int) string {
	i := 0
	for {
		for ; i < len(l); i++ {
			if c := l[i]; c > ' ' || c != ' ' && c != '\t' {
				break
			}
		}
		if i == len(l) {
			return l
		}
		for i++; i < len(l); i++ {
			if c := l[i]; c <= ' ' && (c == ' ' || c == '\t') {
				break
			}
		}
		if n--; n == 0 {
			return l[:i]
		}
	}
}

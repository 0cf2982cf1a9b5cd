package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowRouteIpv4 is the parsed output of "show route [vrf X] ipv4 ...", both
// the summary table and the "Routing entry for" detail form.
type ShowRouteIpv4 struct {
	Vrf map[string]*RouteVrf `json:"vrf"`
}

// RouteVrf is one VRF's routing table.
type RouteVrf struct {
	AddressFamily map[string]*RouteAddressFamily `json:"address_family"`
	LastResort    *RouteLastResort               `json:"last_resort,omitempty"`
}

// RouteLastResort is the "Gateway of last resort" line; Gateway is "not set"
// when there is none.
type RouteLastResort struct {
	Gateway   string `json:"gateway,omitempty"`
	ToNetwork string `json:"to_network,omitempty"`
}

// RouteAddressFamily holds the routes of one address family, by prefix.
type RouteAddressFamily struct {
	Routes RouteTable `json:"routes,omitempty"`
}

// Route is one prefix.
type Route struct {
	Route  string `json:"route"`
	Active bool   `json:"active"`
	// The "Routing entry for" form's address and mask: nil in a summary
	// table (its routes stay smaller). Its fields encode in place.
	*RouteAddr
	RoutePreference     *int   `json:"route_preference,omitempty"`
	Metric              *int   `json:"metric,omitempty"`
	SourceProtocol      string `json:"source_protocol,omitempty"`
	SourceProtocolCodes string `json:"source_protocol_codes,omitempty"`
	// The "Routing entry for" form's leaves: nil in a summary table, so
	// that the many routes of a large table stay small. Its fields encode
	// in place, as if declared here.
	*RouteDetail
	// In place rather than a pointer: no pointer per route for the GC to
	// trace; a route without paths omits it (IsZero), as Genie does.
	NextHop RouteNextHop `json:"next_hop,omitzero"`

	// storage for the optional ints, to allocate once
	pref, metric int
}

// RouteAddr is a detailed route's prefix split at the '/'.
type RouteAddr struct {
	IP   string `json:"ip,omitempty"`
	Mask string `json:"mask,omitempty"`
}

// RouteDetail holds the leaves only the detailed form of a route has.
type RouteDetail struct {
	KnownVia          string                       `json:"known_via,omitempty"`
	Distance          *int                         `json:"distance,omitempty"`
	Type              string                       `json:"type,omitempty"`
	Tag               string                       `json:"tag,omitempty"`
	Installed         *RouteInstalled              `json:"installed,omitempty"`
	RedistAdvertisers map[string]*RedistAdvertiser `json:"redist_advertisers,omitempty"`

	distance int // storage for Distance
}

// detail returns the route's detail block, creating it.
func (r *Route) detail() *RouteDetail {
	if r.RouteDetail == nil {
		r.RouteDetail = &RouteDetail{}
	}
	return r.RouteDetail
}

// setAddr sets the route's IP and mask. A route that gets them is a
// detailed one: its detail block comes in the same allocation.
func (r *Route) setAddr(ip, mask string) {
	if r.RouteAddr == nil {
		if r.RouteDetail == nil {
			da := &struct {
				d RouteDetail
				a RouteAddr
			}{}
			r.RouteDetail, r.RouteAddr = &da.d, &da.a
		} else {
			r.RouteAddr = &RouteAddr{}
		}
	}
	r.IP, r.Mask = ip, mask
}

// RouteInstalled is "Installed <date> for <age>".
type RouteInstalled struct {
	Date string `json:"date"`
	For  string `json:"for"`
}

// RedistAdvertiser is one "eigrp/100 (protoid=5, clientid=22)" line.
type RedistAdvertiser struct {
	ProtoID  int `json:"protoid"`
	ClientID int `json:"clientid"`
}

// RouteNextHop holds either directly connected interfaces or gateways.
type RouteNextHop struct {
	OutgoingInterface RouteIntfs    `json:"outgoing_interface,omitempty"`
	NextHopList       RouteNextHops `json:"next_hop_list,omitempty"`
}

// IsZero reports a route without paths (next_hop is then omitted).
func (n RouteNextHop) IsZero() bool { return len(n.OutgoingInterface) == 0 && len(n.NextHopList) == 0 }

// RouteOutgoingInterface is a directly connected path.
type RouteOutgoingInterface struct {
	OutgoingInterface string `json:"outgoing_interface,omitempty"`
	Updated           string `json:"updated,omitempty"`
	Metric            *int   `json:"metric,omitempty"` // set in the detailed form only
}

// RouteNextHopEntry is one path through a gateway, numbered from 1.
type RouteNextHopEntry struct {
	Index             int    `json:"index"`
	NextHop           string `json:"next_hop,omitempty"`
	OutgoingInterface string `json:"outgoing_interface,omitempty"`
	Updated           string `json:"updated,omitempty"`
	Metric            *int   `json:"metric,omitempty"` // set in the detailed form only
	// The detailed form's leaves: nil for a summary table's path, so that
	// a large table's paths stay small. Its fields encode in place.
	*RouteNextHopDetail
}

// RouteNextHopDetail holds the leaves only a detailed path has.
type RouteNextHopDetail struct {
	From                     string `json:"from,omitempty"`
	Table                    string `json:"table,omitempty"`
	AddressFamily            string `json:"address_family,omitempty"`
	TableID                  string `json:"table_id,omitempty"`
	NexthopInVrf             string `json:"nexthop_in_vrf,omitempty"`
	Label                    string `json:"label,omitempty"`
	TunnelID                 string `json:"tunnel_id,omitempty"`
	BindingLabel             string `json:"binding_label,omitempty"`
	ExtendedCommunitiesCount *int   `json:"extended_communites_count,omitempty"`
	NHID                     string `json:"nhid,omitempty"`
	PathGroupingID           *int   `json:"path_grouping_id,omitempty"`
	SRv6Headend              string `json:"srv6_headend,omitempty"`
	SIDList                  string `json:"sid_list,omitempty"`

	extComm, pathGroup int // storage for the optional ints
	metric             int // storage for the path's Metric
}

func init() {
	register(core.Entry{
		Class: "ShowRouteIpv4",
		Commands: []string{
			"show route ipv4",
			"show route vrf {vrf} ipv4",
			"show route ipv4 {protocol}",
			"show route vrf {vrf} ipv4 {protocol}",
			"show route ipv4 {route}",
			"show route vrf {vrf} ipv4 {route}",
			"show route ipv4 next-hop {next_hop}",
		},
		Parse: func(out string, p core.Params) (any, []string, error) {
			return result(parseShowRouteIpv4(out, param(p, "vrf", "default")))
		},
	})
}

// ParseShowRouteIpv4 parses "show route ipv4" output of the default VRF.
func ParseShowRouteIpv4(out string) (*ShowRouteIpv4, error) {
	r, _, err := parseShowRouteIpv4(out, "default")
	return r, err
}

// ParseShowRouteVrfIpv4 parses "show route vrf <vrf> ipv4" output; the
// routes are filed under vrf.
func ParseShowRouteVrfIpv4(out, vrf string) (*ShowRouteIpv4, error) {
	r, _, err := parseShowRouteIpv4(out, vrf)
	return r, err
}

// routeProtocol maps the first route code to Genie's protocol name.
func routeProtocol(code string) (string, bool) {
	switch code {
	case "O", "IA", "N1", "N2", "E1", "E2":
		return "ospf", true
	case "i", "su", "L1", "L2", "ia":
		return "isis", true
	case "D", "EX":
		return "eigrp", true
	case "B":
		return "bgp", true
	case "S":
		return "static", true
	case "C":
		return "connected", true
	case "L":
		return "local", true
	case "R":
		return "rip", true
	case "o":
		return "odr", true
	case "E":
		return "egp", true
	case "G":
		return "dagr", true
	case "r":
		return "rpl", true
	case "M":
		return "mobile router", true
	case "I", "l":
		return "lisp", true
	case "H":
		return "nhrp", true
	case "U":
		return "per-user static route", true
	case "A":
		return "access/subscriber", true
	case "t":
		return "traffic engineering", true
	case "a":
		return "application route", true
	}
	return "", false
}

type routeParser struct {
	hint     int  // expected number of routes, to size the map once
	detail   bool // a "Routing entry for" came before any route
	tabs     bool // the output has tabs (words end at a space or a tab)
	slab     []Route
	entSlab  []RouteNextHopEntry
	intfSlab []RouteOutgoingInterface
	hopLists ptrChunk[RouteNextHopEntry]      // backing of the NextHopLists
	intfList ptrChunk[RouteOutgoingInterface] // backing of the OutgoingInterfaces
	res      *ShowRouteIpv4
	vrf      *RouteVrf
	routes   RouteTable // the current VRF's, in output order
	index    routeIndex // finds a repeated prefix in routes
	cur      *Route
	curNH    *RouteNextHopEntry
	curIntf  *RouteOutgoingInterface
	// storage for curIntf's Metric (only detailed paths get one)
	curIntfMetric *int
	un            core.Unparsed
}

// routeTop is the result with its first VRF and address family, allocated
// together: most outputs have one VRF.
type routeTop struct {
	res ShowRouteIpv4
	vrf RouteVrf
	af  RouteAddressFamily
}

func parseShowRouteIpv4(out, vrfName string) (*ShowRouteIpv4, []string, error) {
	top := &routeTop{}
	top.res.Vrf = map[string]*RouteVrf{}
	rp := &routeParser{res: &top.res, hint: lineCount(out), tabs: strings.IndexByte(out, '\t') >= 0}
	rp.hopLists.hint, rp.intfList.hint = rp.hint, rp.hint
	vrf := &top.vrf
	rp.vrf = vrf
	legend, redist, any := false, false, false
	// finish files the routes collected so far under vrfName.
	finish := func() {
		if rp.routes != nil {
			af := &top.af
			if af.Routes != nil {
				af = &RouteAddressFamily{} // a later VRF's
			}
			af.Routes = rp.routes
			vrf.AddressFamily = map[string]*RouteAddressFamily{"ipv4": af}
		} else {
			vrf.AddressFamily = map[string]*RouteAddressFamily{}
		}
		rp.res.Vrf[vrfName] = vrf
	}
	for line := range lines(out) {
		t := trimLine(line)
		if t == "" {
			legend = false
			continue
		}
		if legend {
			continue
		}
		// The header lines below start with one of these letters: a route
		// line's first byte rules them all out without a compare.
		switch t[0] {
		case 'C', 'V', 'G', 'R':
		default:
			goto body
		}
		switch {
		case strings.HasPrefix(t, "Codes:"):
			legend = true
			continue
		case strings.HasPrefix(t, "VRF: "):
			// "show route vrf all ipv4" prints a section per VRF.
			if any {
				finish()
				vrf = &RouteVrf{} // else the first one is still unused
			}
			vrfName = strings.TrimSpace(t[len("VRF: "):])
			rp.vrf, rp.routes, rp.cur, rp.curNH, rp.curIntf = vrf, nil, nil, nil, nil
			rp.index = routeIndex{}
			any = true
			continue
		case strings.HasPrefix(t, "Gateway of last resort is "):
			rest := t[len("Gateway of last resort is "):]
			lr := &RouteLastResort{}
			if gw, net, ok := strings.Cut(rest, " to network "); ok {
				lr.Gateway, lr.ToNetwork = gw, net
			} else {
				lr.Gateway = rest
			}
			vrf.LastResort = lr
			any = true
			continue
		case strings.HasPrefix(t, "Routing entry for "):
			redist = false
			var fb [16]string
			f := fieldsInto(fb[:0], t[len("Routing entry for "):])
			if len(f) == 0 {
				rp.un.Add(line)
				continue
			}
			pfx := strings.TrimSuffix(f[0], ",")
			if rp.routes == nil {
				rp.detail = true
			}
			r := rp.route(pfx)
			if ip, mask, ok := strings.Cut(pfx, "/"); ok {
				r.setAddr(ip, mask)
			}
			rp.cur, rp.curNH, rp.curIntf = r, nil, nil
			any = true
			continue
		}
	body:
		if redist && strings.Contains(t, "(protoid=") {
			if !rp.redist(t) {
				rp.un.Add(line)
			}
			continue
		}
		// A path continuation ("[110/2] via ...") never starts a route: its
		// first word is no route code, so summaryLine would only rescan it.
		if t[0] != '[' && rp.summaryLine(t) {
			any = true
			continue
		}
		if rp.cur != nil && (strings.HasPrefix(t, "[") || strings.HasPrefix(t, "is directly connected")) {
			if rp.paths(t) {
				continue
			}
		}
		if rp.cur != nil && rp.detailLine(t, &redist) {
			continue
		}
		if isIgnorable(t) || strings.HasPrefix(t, "% ") {
			continue
		}
		rp.un.Add(line)
	}
	if !any {
		return nil, rp.un.Lines(), core.ErrEmpty
	}
	finish()
	return rp.res, rp.un.Lines(), nil
}

func (rp *routeParser) route(pfx string) *Route {
	if rp.routes == nil {
		// A table has at most a route a line: size its list and index
		// once when it is long. A short output's grow in a step or two,
		// and a "Routing entry for" output has one route only.
		hint := rp.hint
		if hint <= 16 || rp.detail {
			hint = 1
		}
		rp.routes = make(RouteTable, 0, hint)
		rp.index.hint = hint
	}
	// A repeated prefix adds to its first route, as Genie's dict does.
	if r := rp.index.add(rp.routes, pfx); r != nil {
		return r
	}
	// Routes are carved from slabs: one allocation per 64 routes, the
	// first one small so that a short output allocates little.
	if len(rp.slab) == cap(rp.slab) {
		rp.slab = make([]Route, 0, rp.slabSize(cap(rp.slab)))
	}
	// Extend in place: appending a struct value would copy it through
	// write barriers.
	rp.slab = rp.slab[:len(rp.slab)+1]
	r := &rp.slab[len(rp.slab)-1]
	r.Route, r.Active = pfx, true
	rp.routes = append(rp.routes, r)
	return r
}

// slabSize is the capacity of the next slab after one of capacity prev
// (0 for the first): at most the line count at first, then a quarter of
// it, between 8 and 64.
func (rp *routeParser) slabSize(prev int) int {
	if prev == 0 {
		if rp.detail {
			return 1 // "Routing entry for" output: one route, usually
		}
		return max(min(rp.hint, 8), 1)
	}
	return min(64, max(rp.hint/4, 8))
}

// newEntry returns a next-hop entry carved from a slab.
func (rp *routeParser) newEntry() *RouteNextHopEntry {
	if len(rp.entSlab) == cap(rp.entSlab) {
		rp.entSlab = make([]RouteNextHopEntry, 0, rp.slabSize(cap(rp.entSlab)))
	}
	rp.entSlab = rp.entSlab[:len(rp.entSlab)+1]
	return &rp.entSlab[len(rp.entSlab)-1]
}

// newIntf returns a directly connected path carved from a slab.
func (rp *routeParser) newIntf() *RouteOutgoingInterface {
	if len(rp.intfSlab) == cap(rp.intfSlab) {
		rp.intfSlab = make([]RouteOutgoingInterface, 0, rp.slabSize(cap(rp.intfSlab)))
	}
	rp.intfSlab = rp.intfSlab[:len(rp.intfSlab)+1]
	return &rp.intfSlab[len(rp.intfSlab)-1]
}

// isPrefix reports whether s looks like an address with a prefix length.
func isPrefix(s string) bool {
	k := strings.IndexByte(s, '/')
	if k <= 0 || !isDigits(s[k+1:]) {
		return false
	}
	ip := s[:k]
	return strings.IndexByte(ip, '.') > 0 || strings.IndexByte(ip, ':') >= 0
}

// summaryLine handles "B    10.1.1.0/24 [200/0] via 10.2.2.2, 1w3d" and
// "C    10.1.2.0/24 is directly connected, 01:51:13, Gi0/0/0/3".
func (rp *routeParser) summaryLine(t string) bool {
	// Only the first few words matter: the codes and the prefix. Most
	// other lines fail on their first word: test it before looking for
	// a prefix. It is a code of a byte or two: a byte loop finds its end
	// sooner than nextWord's IndexByte (t is trimmed: it starts at 0).
	we := 0
	for we < len(t) && t[we] != ' ' && (t[we] != '\t' || !rp.tabs) {
		we++
	}
	proto, ok := routeProtocol(trimCodeMarks(t[:we]))
	if !ok {
		return false
	}
	var pfx string
	pos, codesEnd, i := -1, we, we
	for n := 1; n < 4; n++ {
		ws, we := nextWord(t, i, rp.tabs)
		if ws == we {
			break
		}
		if w := t[ws:we]; isPrefix(w) {
			pfx, pos = w, ws
			break
		}
		codesEnd, i = we, we
	}
	if pos < 0 {
		return false
	}
	r := rp.route(pfx)
	// The codes end at the last word before the prefix: trimming there
	// is trimming t[:pos].
	codes := t[:codesEnd]
	if !plainEnds(codes) {
		codes = strings.TrimSpace(codes)
	}
	r.SourceProtocol, r.SourceProtocolCodes = proto, codes
	rp.cur, rp.curNH, rp.curIntf = r, nil, nil
	k := pos + len(pfx)
	for k < len(t) && t[k] == ' ' {
		k++
	}
	rest := t[k:]
	if !plainEnds(rest) {
		rest = strings.TrimSpace(rest)
	}
	if rest == "" {
		return true // paths follow on the next lines
	}
	return rp.paths(rest)
}

// nextWord returns the bounds of the first blank-separated word of t at
// or after i (an empty range at the end when there is none). Without tabs
// in the input a word ends at the next space, which IndexByte finds
// faster than a byte loop.
func nextWord(t string, i int, tabs bool) (start, end int) {
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if tabs {
		j := i
		for j < len(t) && t[j] != ' ' && t[j] != '\t' {
			j++
		}
		return i, j
	}
	j := strings.IndexByte(t[i:], ' ')
	if j < 0 {
		return i, len(t)
	}
	return i, i + j
}

// trimSp is strings.TrimSpace without the call when s starts and ends in
// printable ASCII (no space): the usual field between separators.
func trimSp(s string) string {
	if plainEnds(s) {
		return s
	}
	return strings.TrimSpace(s)
}

// plainEnds reports whether s starts and ends in printable ASCII (no
// space), so that TrimSpace would return it as is. It is inlined: the
// hottest fields test it in place instead of calling trimSp.
func plainEnds(s string) bool {
	return s != "" && max(s[0]-'!', s[len(s)-1]-'!') < 0x5e
}

// trimLine is trimSp(s) for a line: the leading spaces of a path
// continuation are skipped inline (TrimSpace would skip them too).
func trimLine(s string) string {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if s = s[i:]; plainEnds(s) {
		return s
	}
	return strings.TrimSpace(s)
}

// paths handles the path part of a summary line or its continuation.
func (rp *routeParser) paths(s string) bool {
	r := rp.cur
	if s == "" || s[0] != '[' {
		rest, ok := strings.CutPrefix(s, "is directly connected, ")
		if !ok {
			return false
		}
		// "updated, intf": the usual single comma is found without
		// cutCommaSpace's loop; anything else goes through it.
		var updated, intf string
		if c := strings.IndexByte(rest, ','); c >= 0 && c+1 < len(rest) && rest[c+1] == ' ' && strings.IndexByte(rest[c+2:], ',') < 0 {
			updated, intf = rest[:c], rest[c+2:]
		} else if updated, intf, ok = cutCommaSpace(rest); !ok || indexCommaSpace(intf) >= 0 {
			return false
		}
		// The fields, trimmed as trimSp does (inline).
		if !plainEnds(intf) {
			intf = strings.TrimSpace(intf)
		}
		if !plainEnds(updated) {
			updated = strings.TrimSpace(updated)
		}
		nh := r.nextHop()
		oi := rp.newIntf()
		oi.OutgoingInterface, oi.Updated = intf, updated
		nh.OutgoingInterface = nh.OutgoingInterface.add(&rp.intfList, oi)
		return true
	}
	g, ok := plainGateway(s)
	if !ok {
		if g, ok = gateway(s); !ok {
			return false
		}
	}
	r.pref, r.metric = g.pref, g.metric
	r.RoutePreference, r.Metric = &r.pref, &r.metric
	nh := r.nextHop()
	e := rp.newEntry()
	// The fields, trimmed as trimSp does (inline).
	if !plainEnds(g.gw) {
		g.gw = strings.TrimSpace(g.gw)
	}
	if !plainEnds(g.updated) {
		g.updated = strings.TrimSpace(g.updated)
	}
	e.Index, e.NextHop, e.Updated = len(nh.NextHopList)+1, g.gw, g.updated
	if g.hasIntf {
		if !plainEnds(g.intf) {
			g.intf = strings.TrimSpace(g.intf)
		}
		e.OutgoingInterface = g.intf
	}
	nh.NextHopList = rp.hopLists.add(nh.NextHopList, e)
	return true
}

// gatewayPath is the split of "[pref/metric] via gw, updated[, intf]"
// (its fields untrimmed).
type gatewayPath struct {
	pref, metric      int
	gw, updated, intf string
	hasIntf           bool
}

// gateway splits a gateway path of a table (s starts with '[').
func gateway(s string) (g gatewayPath, ok bool) {
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return g, false
	}
	prefS, metS, ok := strings.Cut(s[1:end], "/")
	pref, ok1 := atoi(prefS)
	met, ok2 := atoi(metS)
	if !ok || !ok1 || !ok2 {
		return g, false
	}
	rest, ok := strings.CutPrefix(trimSp(s[end+1:]), "via ")
	if !ok {
		return g, false
	}
	// "(nexthop in vrf default)" after the gateway is dropped, as Genie does.
	if i := indexSpaceParen(rest); i >= 0 {
		if j := strings.IndexByte(rest[i:], ')'); j >= 0 {
			rest = rest[:i] + rest[i+j+1:]
		}
	}
	gw, rest, ok := cutCommaSpace(rest)
	if !ok {
		return g, false
	}
	updated, intf, hasIntf := cutCommaSpace(rest)
	if hasIntf && indexCommaSpace(intf) >= 0 {
		return g, false
	}
	return gatewayPath{pref, met, gw, updated, intf, hasIntf}, true
}

// plainGateway is gateway for the usual path, "[110/2] via 10.0.0.1,
// 1d02h[, Gi0/0/0/1]": plain numbers of at most 18 digits, one space on
// either side of "via" and no '(' after it. It gives gateway's result in
// one pass; false means only that gateway must look at s.
func plainGateway(s string) (g gatewayPath, ok bool) {
	// s[0] is '['. A number of 1 to 18 digits is what atoi takes inline.
	i := 1
	for i < len(s) && s[i]-'0' <= 9 {
		g.pref = g.pref*10 + int(s[i]-'0')
		i++
	}
	if i == 1 || i > 19 || i == len(s) || s[i] != '/' {
		return g, false
	}
	j := i + 1
	for j < len(s) && s[j]-'0' <= 9 {
		g.metric = g.metric*10 + int(s[j]-'0')
		j++
	}
	if j == i+1 || j-i > 19 || !strings.HasPrefix(s[j:], "] via ") {
		return g, false
	}
	// s is trimmed: after "] via " the rest is gateway's rest.
	rest := s[j+len("] via "):]
	if strings.IndexByte(rest, '(') >= 0 {
		return g, false
	}
	// Every comma must be a ", " separator, two at most (IndexByte
	// without indexCommaSpace's loop; other commas are gateway's).
	c := strings.IndexByte(rest, ',')
	if c < 0 || c+1 == len(rest) || rest[c+1] != ' ' {
		return g, false
	}
	g.gw, g.updated = rest[:c], rest[c+2:]
	if c = strings.IndexByte(g.updated, ','); c >= 0 {
		if c+1 == len(g.updated) || g.updated[c+1] != ' ' {
			return g, false
		}
		g.updated, g.intf, g.hasIntf = g.updated[:c], g.updated[c+2:], true
		if strings.IndexByte(g.intf, ',') >= 0 {
			return g, false
		}
	}
	return g, true
}

// trimCodeMarks is strings.TrimRight(code, "*+%>!()") without building
// the cutset on every route.
func trimCodeMarks(code string) string {
	i := len(code)
	for i > 0 {
		switch code[i-1] {
		case '*', '+', '%', '>', '!', '(', ')':
			i--
			continue
		}
		break
	}
	return code[:i]
}

// indexCommaSpace is strings.Index(s, ", "), searching for the rare comma
// first.
func indexCommaSpace(s string) int {
	off := 0
	for {
		i := strings.IndexByte(s[off:], ',')
		if i < 0 {
			return -1
		}
		off += i
		if off+1 < len(s) && s[off+1] == ' ' {
			return off
		}
		off++
	}
}

// cutCommaSpace is strings.Cut(s, ", ").
func cutCommaSpace(s string) (before, after string, found bool) {
	if i := indexCommaSpace(s); i >= 0 {
		return s[:i], s[i+2:], true
	}
	return s, "", false
}

// indexSpaceParen is strings.Index(s, " (").
func indexSpaceParen(s string) int {
	off := 0
	for {
		i := strings.IndexByte(s[off:], '(')
		if i < 0 {
			return -1
		}
		off += i
		if off > 0 && s[off-1] == ' ' {
			return off - 1
		}
		off++
	}
}

// nextHop returns the route's next-hop block.
func (r *Route) nextHop() *RouteNextHop { return &r.NextHop }

func (rp *routeParser) redist(t string) bool {
	name, rest, ok := strings.Cut(t, " (protoid=")
	if !ok {
		return false
	}
	pid, rest, ok := strings.Cut(rest, ", clientid=")
	if !ok {
		return false
	}
	p, ok1 := atoi(pid)
	c, ok2 := atoi(strings.TrimSuffix(rest, ")"))
	if !ok1 || !ok2 {
		return false
	}
	d := rp.cur.detail()
	if d.RedistAdvertisers == nil {
		d.RedistAdvertisers = map[string]*RedistAdvertiser{}
	}
	d.RedistAdvertisers[name] = &RedistAdvertiser{ProtoID: p, ClientID: c}
	return true
}

// detailLine handles the lines of a "Routing entry for" block.
func (rp *routeParser) detailLine(t string, redist *bool) bool {
	r := rp.cur
	switch {
	case strings.HasPrefix(t, "Known via "):
		return rp.knownVia(t)
	case strings.HasPrefix(t, "Tag "):
		// Genie takes "Tag N, type word" only with a one-word type.
		tag, typ, ok := strings.Cut(t[4:], ", type ")
		if !ok || !isWord(typ) || strings.ContainsAny(tag, " \t") {
			return false
		}
		d := r.detail()
		d.Tag, d.Type = tag, typ
		return true
	case strings.HasPrefix(t, "Installed "):
		i := strings.LastIndex(t, " for ")
		if i < 0 {
			return false
		}
		r.detail().Installed = &RouteInstalled{Date: strings.TrimSpace(t[len("Installed "):i]), For: strings.TrimSpace(t[i+5:])}
		return true
	case t == "Routing Descriptor Blocks", t == "No advertising protos.":
		return true
	case t == "Redist Advertisers:":
		*redist = true
		return true
	case strings.HasPrefix(t, "directly connected, via "):
		intf := strings.TrimSpace(t[len("directly connected, via "):])
		nh := r.nextHop()
		// A detailed path and its metric's storage share one allocation.
		om := &struct {
			o RouteOutgoingInterface
			m int
		}{}
		oi := &om.o
		oi.OutgoingInterface = intf
		nh.OutgoingInterface = nh.OutgoingInterface.add(&rp.intfList, oi)
		rp.curIntf, rp.curIntfMetric, rp.curNH = oi, &om.m, nil
		return true
	case strings.Contains(t, ", from "):
		nh, rest, _ := strings.Cut(t, ", from ")
		if strings.ContainsAny(nh, " \t") {
			return false
		}
		parts := strings.Split(rest, ", ")
		hops := r.nextHop()
		idx := len(hops.NextHopList) + 1
		// A detailed path and its detail block share one allocation.
		ed := &struct {
			e RouteNextHopEntry
			d RouteNextHopDetail
		}{}
		e := &ed.e
		e.Index, e.NextHop, e.RouteNextHopDetail = idx, nh, &ed.d
		ed.d.From = strings.TrimSpace(parts[0])
		if len(parts) > 1 {
			if via, ok := strings.CutPrefix(parts[1], "via "); ok {
				e.OutgoingInterface = strings.TrimSpace(via)
			}
		}
		hops.NextHopList = rp.hopLists.add(hops.NextHopList, e)
		rp.curNH, rp.curIntf = e, nil
		return true
	case strings.HasPrefix(t, "Route metric is "):
		var fb [16]string
		f := fieldsInto(fb[:0], t[len("Route metric is "):])
		if len(f) == 0 {
			return false
		}
		m, ok := atoi(strings.TrimSuffix(f[0], ","))
		if !ok {
			return false
		}
		switch {
		case rp.curNH != nil:
			d := rp.curNH.RouteNextHopDetail
			if d == nil {
				// curNH is always a detailed path; never write through nil.
				d = &RouteNextHopDetail{}
				rp.curNH.RouteNextHopDetail = d
			}
			d.metric = m
			rp.curNH.Metric = &d.metric
		case rp.curIntf != nil:
			*rp.curIntfMetric = m
			rp.curIntf.Metric = rp.curIntfMetric
		default:
			return false
		}
		return true
	}
	if rp.curNH != nil && rp.nextHopAttr(t) {
		return true
	}
	for _, p := range routeDetailIgnored {
		// The first byte rules most out without a compare call.
		if p[0] == t[0] && strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// routeDetailIgnored are detail lines Genie does not report.
var routeDetailIgnored = []string{
	"Route version is ", "No local label", "Local label", "IP Precedence:", "QoS Group ID:",
	"Flow-tag:", "Fwd-class:", "Route Priority:", "Download Priority ",
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// knownVia parses `Known via "bgp 65001", distance 200, metric 10[ (connected)][, type T][, candidate default path]`.
// Other trailers ("labeled SR") leave the line unparsed, as in Genie.
func (rp *routeParser) knownVia(t string) bool {
	rest := t[len("Known via "):]
	if len(rest) < 2 || rest[0] != '"' {
		return false
	}
	end := strings.IndexByte(rest[1:], '"')
	if end < 0 {
		return false
	}
	via := rest[1 : end+1]
	rest = rest[end+2:]
	rest, ok := strings.CutPrefix(rest, ", distance ")
	if !ok {
		return false
	}
	dS, rest, ok := strings.Cut(rest, ", metric ")
	if !ok {
		return false
	}
	d, ok := atoi(dS)
	if !ok {
		return false
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	m, ok := atoi(rest[:i])
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest[i:], " (connected)")
	typ := ""
	if r2, ok := strings.CutPrefix(rest, ", type "); ok {
		j := strings.IndexByte(r2, ',')
		if j < 0 {
			j = len(r2)
		}
		typ, rest = r2[:j], r2[j:]
		if typ == "" || strings.ContainsAny(typ, " \t") {
			return false
		}
	}
	rest = strings.TrimPrefix(rest, ", candidate default path")
	if rest != "" {
		return false
	}
	r := rp.cur
	rd := r.detail()
	rd.distance, r.metric = d, m
	rd.KnownVia, rd.Distance, r.Metric = via, &rd.distance, &r.metric
	if typ != "" {
		rd.Type = typ
	}
	return true
}

// nextHopAttr handles the attribute lines under a detailed path.
func (rp *routeParser) nextHopAttr(t string) bool {
	e := rp.curNH
	if e.RouteNextHopDetail == nil {
		// curNH is always a detailed path; never write through nil.
		e.RouteNextHopDetail = &RouteNextHopDetail{}
	}
	switch {
	case strings.HasPrefix(t, "Nexthop in Vrf: "):
		parts := strings.Split(t[len("Nexthop in Vrf: "):], ", ")
		if len(parts) != 4 {
			return false
		}
		tbl, ok := strings.CutPrefix(parts[1], "Table: ")
		id, ok2 := strings.CutPrefix(parts[3], "Table Id: ")
		if !ok || !ok2 {
			return false
		}
		e.NexthopInVrf = strings.Trim(parts[0], `"`)
		e.Table = strings.Trim(tbl, `"`)
		e.AddressFamily = parts[2]
		e.TableID = id
		return true
	case strings.HasPrefix(t, "Label: "):
		e.Label = t[len("Label: "):]
	case strings.HasPrefix(t, "Tunnel ID: "):
		e.TunnelID = t[len("Tunnel ID: "):]
	case strings.HasPrefix(t, "Binding Label: "):
		e.BindingLabel = t[len("Binding Label: "):]
	case strings.HasPrefix(t, "Extended communities count: "):
		n, ok := atoi(t[len("Extended communities count: "):])
		if !ok {
			return false
		}
		e.extComm = n
		e.ExtendedCommunitiesCount = &e.extComm
	case strings.HasPrefix(t, "NHID:"):
		e.NHID = strings.TrimSpace(t[len("NHID:"):])
	case strings.HasPrefix(t, "Path Grouping ID: "):
		n, ok := atoi(t[len("Path Grouping ID: "):])
		if !ok {
			return false
		}
		e.pathGroup = n
		e.PathGroupingID = &e.pathGroup
	case strings.HasPrefix(t, "SRv6 Headend: "):
		rest := t[len("SRv6 Headend: "):]
		head, sids, ok := strings.Cut(rest, ", SID-list ")
		if !ok {
			e.SRv6Headend = rest
			return true
		}
		e.SRv6Headend = head
		e.SIDList = strings.Trim(sids, "{}")
	default:
		return false
	}
	return true
}

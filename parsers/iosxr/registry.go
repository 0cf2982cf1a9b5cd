// Package iosxr parses Cisco IOS-XR show-command output into typed results whose
// JSON encoding equals Genie's parsed output for the same text.
//
// Each command has a typed function (ParseShowVersion and friends) and is
// registered with the parsers registry through Entries. Parsers never panic
// on any input; empty output gives core.ErrEmpty (parsers.ErrEmpty).
//
// Identity-keyed levels are maps, except a few where nearly every parent
// has one entry and a map per parent was most of a large output's cost:
// BgpNeighborAFs (a BGP neighbor's address families, Get(family)),
// RouteNextHops and RouteIntfs (a route's paths), RouteTable (an address
// family's routes: a long table's map was a fifth of its parse, Get(prefix))
// and ProcessesCpuIndex are lists that encode exactly as the map would. OspfNeighbors is a list
// because Genie writes several adjacencies to one router ID as a list.
package iosxr

import "github.com/goissu/goissu/parsers/internal/core"

var entries []core.Entry

// register adds a parser class; each parser file calls it from init.
func register(e core.Entry) { entries = append(entries, e) }

// Entries lists the parser classes of this package for the registry.
func Entries() []core.Entry { return append([]core.Entry(nil), entries...) }

// Package nxos parses Cisco NX-OS show-command output into typed results whose
// JSON encoding equals Genie's parsed output for the same text.
//
// Each command has a typed function (ParseShowVersion and friends) and is
// registered with the parsers registry through Entries under Genie's class
// name and command templates. Parsers never panic on any input; output with
// nothing recognisable gives core.ErrEmpty (parsers.ErrEmpty), and the
// registry function also returns the non-blank lines a parser did not
// understand, which Genie silently drops.
//
// Classes with Genie's schema: Dir, Ping, ShowBgpL2vpnEvpnSummary,
// ShowBgpVrfAllAllSummary, ShowBoot, ShowEnvironment,
// ShowIncompatibilityNxos, ShowInstallActive, ShowInstallAllStatus,
// ShowInterfaceBrief, ShowInventory, ShowIpInterfaceBrief,
// ShowIpInterfaceBriefVrfAll, ShowIpOspfNeighborDetail, ShowIpRoute,
// ShowLoggingLogfile (also "show logging last {n}"), ShowModule,
// ShowProcessCpu, ShowProcessMemory, ShowRedundancyStatus,
// ShowSpanningTreeIssuImpact, ShowSystemRedundancyStatus,
// ShowSystemResources, ShowVersion.
//
// Classes Genie lacks, designed in its style (snake_case keys, levels keyed
// by identity, optional keys omitted):
//
//	ShowInstallAllImpact  "show install all impact nxos {image}"
//	  {"upgrade_image": str, "<step>": "SUCCESS"|"FAIL" (as ShowInstallAllStatus),
//	   "compatibility_check_done": bool, "disruptive": bool,
//	   "module": {"<module>": {"bootable": str, "impact": str, "install_type": str, "reason": str,
//	              "images": {"<image>": {"running_version": str, "new_version": str, "upg_required": str}}}},
//	   "additional_info": [str], "pre_upgrade_check_failed_code": str}
//	ShowBootMode          "show boot mode"
//	  {"current_mode": "lxc"|"native", "configured_mode": str}
//	ShowCores             "show cores"
//	  {"module": {"<module>": {"pid": {"<pid>": {"vdc": int, "instance": int,
//	              "process_name": str, "pid": int, "date": str}}}}}
//	ShowIpBgpSummary      "show ip bgp summary [vrf {vrf}]"
//	  the ShowBgpVrfAllAllSummary schema (NX-OS prints the same layout)
//
// Three identity-keyed levels are not maps in Go, for speed (a level that
// nearly always has one entry, allocated per parent, was most of a large
// output's cost): a BGP neighbor's address families (BgpSummaryAFs, a list
// in key order with Get(family)), a route's next hops (IndexedNextHops,
// by index) and a module slot's one module (SlotModule, its type and
// info). Each encodes exactly as the map would.
//
// Floats marshal with a decimal point (Float), as Genie's JSON has them.
// Where Genie's output contradicts its input the parser reports the input
// (see parsers/testdata/known-mismatch-nxos.txt).
package nxos

import "github.com/goissu/goissu/parsers/internal/core"

var entries []core.Entry

// register adds a parser class; each parser file calls it from init.
func register(e core.Entry) { entries = append(entries, e) }

// Entries lists the parser classes of this package for the registry.
func Entries() []core.Entry { return append([]core.Entry(nil), entries...) }

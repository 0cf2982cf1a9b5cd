package diff

// genieVolatile is the union of Genie's genie_exclude_keys over the parser
// classes goissu uses (keys Genie ignores when diffing snapshots), less the
// keys listed in leftOut. Each entry matches the key anywhere in a path.
var genieVolatile = []string{
	"(Tunnel.*)", "(tunnel.*)", "active_supervisor_time", "activity_paths", "activity_prefixes",
	"as_path_entries", "attribute_entries", "available_system_uptime", "bdr_ip_addr", "bgp_table_version",
	"brib_rib", "bytes_free", "bytesattrs", "bytesclusterlist", "capablepeers", "clusterlist_entries",
	"date", "days", "dead_time", "dead_timer", "disk_free_space", "disk_used_space", "dr_ip_addr",
	"dropped", "essor_board_id", "fifteen_min_cpu", "five_min_cpu", "five_sec_cpu",
	"five_sec_cpu_total", "hours", "importver", "input_queue", "insert_time", "invoked", "iteration:",
	"kernel_uptime", "labelver", "last_modified_date", "last_non_hello_packet_received",
	"last_state_change", "logs", "memory_usage", "memoryused", "method", "minutes", "msg_rcvd",
	"msg_sent", "msgrecvd", "msgsent", "nbr_event_count", "neighbortableversion",
	"nexthop_last_resolved", "node_uptime", "node_uptime_in_seconds", "nonzero_cpu_processes",
	"nsr_initial_init_ver_status", "nsr_initial_initsync_version", "nsr_issu_sync_group_versions",
	"numberattrs", "numberclusterlist", "one_min_cpu", "output_queue", "pid", "rcvtblver",
	"rd_version", "route_identifier", "routing_table_version", "runtime", "seconds", "sendtblver",
	"size", "standby_node_not_ready", "standby_node_ready", "standby_node_timestamp", "standbyver",
	"system_restarted_at", "system_uptime", "tableversion", "tbl_ver", "time",
	"time_since_last_reload", "time_since_last_switchover", "time_since_standby_boot",
	"time_since_standby_node_not_ready", "time_since_standby_node_ready", "totalnetworks",
	"totalpaths", "total_free_bytes", "up_down", "updated", "uptime", "uptime_in_curr_state",
	"uptime_this_cp", "usecs", "zero_cpu_processes",
}

// scoped are Genie keys too generic to drop everywhere: they are excluded
// only where Genie meant them (process tables), plus goissu's own volatile
// paths (per-process CPU tables, route ages, neighbor timers).
var scoped = []string{
	"^index",          // nxos show processes cpu: per-process rows
	"^sort",           // iosxe show processes cpu sorted rows
	"^core.*.sort",    // iosxe per-core rows
	"**.process.*.**", // iosxr bgp per-process versions
	"routes.*.next_hop.**.updated",
	"neighbor.*.address_family.*.path.**",
	"neighbor.*.address_family.*.prefixes.memory_usage",
	"(last_reset|last_read|last_write|keepalive_timer|hold_timer_remaining)",
	"(up_time|uptime_.*|.*_uptime)",
	"(.*_timestamp|timestamp|last_change|last_flapped|age)",
}

// leftOut are Genie exclude keys goissu keeps comparing because an ISSU
// verdict depends on them; each with the reason (reported by the tests).
var leftOut = map[string]string{
	"state_pfxrcd":   "BGP state or received-prefix count: a neighbor left Idle or fewer prefixes is a finding (use Tolerance for counts)",
	"established":    "count of established sessions",
	"total_entries":  "prefix/path counts: compared, with Tolerance where they may move",
	"files":          "dir listings: new core files and the image files matter",
	"reason":         "module/reset reasons change meaningfully across an ISSU",
	"process":        "dropped as a bare key (process names are stable); per-process tables are excluded by path instead",
	"index":          "too generic as a bare key; excluded as ^index (process tables)",
	"prefixreceived": "received-prefix count",
}

// DefaultExclusions returns the built-in volatile key patterns: Genie's
// exclude keys (less leftOut) plus path-scoped patterns.
func DefaultExclusions() []string {
	out := make([]string, 0, len(genieVolatile)+len(scoped))
	out = append(out, genieVolatile...)
	return append(out, scoped...)
}

// LeftOut returns the Genie exclude keys goissu compares on purpose, with why.
func LeftOut() map[string]string {
	m := make(map[string]string, len(leftOut))
	for k, v := range leftOut {
		m[k] = v
	}
	return m
}

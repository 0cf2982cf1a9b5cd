// Package monitor watches devices during an ISSU: it polls every device on
// an interval over one persistent session each, turns what it sees into
// samples and events, measures outages and convergence, and stops when the
// install is done and the network has been stable for a few polls.
//
// Run writes two append-only files in Config.Dir, one JSON object per line,
// each line written with a single write so that a killed run loses at most
// the line in flight; Load rebuilds the Result from those files alone.
//
// # events.jsonl
//
// One Event per line (see Event for the fields and the kinds).
//
// # timeline.jsonl
//
// Every line has a "type":
//
//	{"type":"start","time":T,"devices":["n9k-1",...],"interval_ms":5000}
//	{"type":"sample", ...Sample fields...}
//	{"type":"end","time":T,"stop_reason":"stable|max_duration|cancelled","samples":N}
//
// A sample is what one poll of one device saw (fields omitted when empty;
// a nil map means "not collected this poll", an empty map "collected, none"):
//
//	time        poll cycle time (all devices of a cycle share it)
//	device, os  the device
//	poll        poll cycle number, from 1
//	reachable   the session answered this poll
//	error       why not (transport error, reconnecting)
//	active_sup  active supervisor/RP as the redundancy command names it
//	            ("sup-1", "slot 5", "0/RP0/CPU0")
//	active_module  nxos: slot of the "active *" module in show module
//	switchovers switchover counter (iosxe show redundancy, iosxr), when shown
//	install     tracked install state: none|in_progress|success|failed
//	install_step last install step line seen (progress)
//	bgp         "vrf|neighbor" -> state ("established" or the state word)
//	ospf        "vrf|neighbor-id" -> state ("full", "exstart", ...)
//	prefixes    "vrf|prefix" -> present in the RIB
//	probes      "vrf|destination" -> {sent, received, loss_pct, rtt_ms}
//	logs        log lines new since the previous polls (de-duplicated;
//	            the first poll is the baseline and reports none)
//	cores       core files listed (nxos show cores rows)
//	cpu         CPU busy percent (five-second figure when shown)
//	poll_ms     how long the poll took
//	commands    commands that failed, were not parsed (no parser or it
//	            failed: raw-text fallbacks used) or took 2 s or more:
//	            {cmd, ms, class, error, not_parsed}
//	notes       what could not be collected or parsed
//
// Detectors are plain functions func(prev, cur Sample) []Event; prev is the
// last known state of the device (fields carried over from earlier polls
// when the current one could not collect them). Their events then pass
// through the outage tracker (pairs down/up events into Outages and stamps
// OutageSeconds), escalation (Config.Escalate) and voting (Config.Vote: an
// incident event when a device shows that many independent signals).
//
// Each device is polled by its own goroutine over its one session, at most
// Config.Concurrency at once; a device still busy when the next cycle starts
// skips it. A session that drops (Config.IsDisconnect) marks the device
// unreachable and a background goroutine calls Reconnect with backoff; an
// outage while an install runs is Expected. Stability is judged per device:
// the run stops once every device has had StablePolls quiet samples in a row
// and every install is done, or at MaxDuration, or when ctx ends.
package monitor

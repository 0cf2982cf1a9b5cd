package monitor

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC)

func smp(poll int, f func(*Sample)) Sample {
	s := Sample{Type: "sample", Device: "d", Poll: poll, Time: t0.Add(time.Duration(poll) * 5 * time.Second), Reachable: true}
	if f != nil {
		f(&s)
	}
	return s
}

func pf(v float64) *float64 { return &v }
func pi(v int) *int         { return &v }

func TestDetectors(t *testing.T) {
	dets, err := Detectors(Config{CriticalNeighbors: []string{"10.1.1.6", "10.0.0.3"}, ProbeRTTms: 50})
	require.NoError(t, err)
	run := func(prev, cur Sample) []Event {
		var out []Event
		for _, d := range dets {
			out = append(out, d(prev, cur)...)
		}
		return out
	}
	tests := []struct {
		name  string
		prev  Sample
		cur   Sample
		kinds []string
		check func(t *testing.T, evs []Event)
	}{
		{"first sample quiet", Sample{}, smp(1, func(s *Sample) {
			s.BGP = map[string]string{"default|10.1.1.6": "idle"}
			s.Install = InstallSuccess // leftover of an earlier install
			s.Cores = []string{"old core"}
		}), nil, nil},
		{"first sample unreachable", Sample{}, smp(1, func(s *Sample) { s.Reachable = false; s.Error = "dial: refused" }),
			[]string{KindUnreachable}, func(t *testing.T, evs []Event) {
				assert.False(t, evs[0].Expected)
				assert.Equal(t, SevError, evs[0].Severity)
			}},
		{"unreachable during install is expected", smp(1, func(s *Sample) { s.Install = InstallInProgress }),
			smp(2, func(s *Sample) { s.Reachable = false; s.Install = InstallInProgress }),
			[]string{KindUnreachable}, func(t *testing.T, evs []Event) { assert.True(t, evs[0].Expected) }},
		{"still unreachable is not news", smp(2, func(s *Sample) { s.Reachable = false }), smp(3, func(s *Sample) { s.Reachable = false }), nil, nil},
		{"reachable again", smp(2, func(s *Sample) { s.Reachable = false }), smp(3, nil), []string{KindReachable}, nil},
		{"switchover by counter", smp(1, func(s *Sample) { s.Switchovers = pi(0) }), smp(2, func(s *Sample) { s.Switchovers = pi(1) }),
			[]string{KindSwitchover}, func(t *testing.T, evs []Event) {
				assert.False(t, evs[0].Expected, "no install running: unexpected")
				assert.Equal(t, SevError, evs[0].Severity)
			}},
		{"no switchover when unknown", smp(1, func(s *Sample) { s.ActiveSup = "sup-1" }), smp(2, nil), nil, nil},
		{"install started, stepped, done", smp(1, func(s *Sample) { s.Install = InstallNone }),
			smp(2, func(s *Sample) { s.Install = InstallInProgress; s.InstallStep = "Setting boot variables." }),
			[]string{KindInstallProgress}, func(t *testing.T, evs []Event) { assert.Contains(t, evs[0].Message, "Setting boot variables.") }},
		{"install step", smp(2, func(s *Sample) { s.Install = InstallInProgress; s.InstallStep = "a." }),
			smp(3, func(s *Sample) { s.Install = InstallInProgress; s.InstallStep = "b." }), []string{KindInstallProgress}, nil},
		{"install done", smp(3, func(s *Sample) { s.Install = InstallInProgress }), smp(4, func(s *Sample) { s.Install = InstallSuccess }), []string{KindInstallDone}, nil},
		{"install failed", smp(3, func(s *Sample) { s.Install = InstallInProgress }), smp(4, func(s *Sample) { s.Install = InstallFailed; s.InstallStep = "x." }),
			[]string{KindInstallFailed}, func(t *testing.T, evs []Event) { assert.Equal(t, SevCritical, evs[0].Severity) }},
		{"bgp: only critical neighbors, down and gone", smp(1, func(s *Sample) {
			s.BGP = map[string]string{"default|10.1.1.2": "established", "default|10.1.1.6": "established", "blue|10.1.1.6": "established"}
		}), smp(2, func(s *Sample) { s.BGP = map[string]string{"default|10.1.1.2": "idle", "default|10.1.1.6": "active"} }),
			[]string{KindBGPDown, KindBGPDown}, func(t *testing.T, evs []Event) {
				assert.Equal(t, "blue", evs[0].VRF)
				assert.Contains(t, evs[0].Message, "gone from the table")
				assert.Equal(t, "default", evs[1].VRF)
				assert.Equal(t, "10.1.1.6", evs[1].Subject)
			}},
		{"bgp back from absent", smp(2, func(s *Sample) { s.BGP = map[string]string{"blue|10.1.1.6": absent} }),
			smp(3, func(s *Sample) { s.BGP = map[string]string{"blue|10.1.1.6": "established"} }), []string{KindBGPUp}, nil},
		{"bgp unknown this poll", smp(2, func(s *Sample) { s.BGP = map[string]string{"default|10.1.1.6": "established"} }), smp(3, nil), nil, nil},
		{"ospf exstart", smp(1, func(s *Sample) { s.OSPF = map[string]string{"default|10.0.0.3": "full"} }),
			smp(2, func(s *Sample) { s.OSPF = map[string]string{"default|10.0.0.3": "exstart"} }), []string{KindOSPFDown}, nil},
		{"ospf 2way is up", smp(1, func(s *Sample) { s.OSPF = map[string]string{"default|10.0.0.3": "init"} }),
			smp(2, func(s *Sample) { s.OSPF = map[string]string{"default|10.0.0.3": "2way"} }), []string{KindOSPFUp}, nil},
		{"prefix missing at first poll", Sample{}, smp(1, func(s *Sample) { s.Prefixes = map[string]bool{"default|10.99.0.0/24": false} }),
			[]string{KindPrefixWithdrawn}, nil},
		{"prefix restored", smp(1, func(s *Sample) { s.Prefixes = map[string]bool{"default|10.99.0.0/24": false} }),
			smp(2, func(s *Sample) { s.Prefixes = map[string]bool{"default|10.99.0.0/24": true} }), []string{KindPrefixRestored}, nil},
		{"partial probe loss is a warning", smp(1, func(s *Sample) { s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, Received: 5}} }),
			smp(2, func(s *Sample) {
				s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, Received: 4, LossPct: 20}}
			}),
			[]string{KindProbeLoss}, func(t *testing.T, evs []Event) { assert.Equal(t, SevWarning, evs[0].Severity) }},
		{"probe ok again", smp(1, func(s *Sample) { s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, LossPct: 100}} }),
			smp(2, func(s *Sample) {
				s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, Received: 5, RTTms: 1}}
			}), []string{KindProbeOK}, nil},
		{"probe slow once", smp(1, func(s *Sample) {
			s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, Received: 5, RTTms: 2}}
		}),
			smp(2, func(s *Sample) {
				s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, Received: 5, RTTms: 80}}
			}),
			[]string{KindProbeSlow}, func(t *testing.T, evs []Event) { assert.Contains(t, evs[0].Message, "rtt 80.0 ms") }},
		{"probe still slow", smp(1, func(s *Sample) {
			s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, Received: 5, RTTms: 90}}
		}),
			smp(2, func(s *Sample) {
				s.Probes = map[string]ProbeStat{"default|10.99.0.1": {Sent: 5, Received: 5, RTTms: 80}}
			}), nil, nil},
		{"new core only", smp(1, func(s *Sample) { s.Cores = []string{"a"} }), smp(2, func(s *Sample) { s.Cores = []string{"a", "b"} }),
			[]string{KindCore}, func(t *testing.T, evs []Event) { assert.Equal(t, "b", evs[0].Subject) }},
		{"cpu spike once", smp(1, func(s *Sample) { s.CPU = pf(50) }), smp(2, func(s *Sample) { s.CPU = pf(95) }), []string{KindCPUSpike}, nil},
		{"cpu still high", smp(1, func(s *Sample) { s.CPU = pf(95) }), smp(2, func(s *Sample) { s.CPU = pf(97) }), nil, nil},
		{"logs", smp(1, nil), smp(2, func(s *Sample) { s.Logs = []string{crashLine, "%ETHPORT-5-IF_UP: up"} }), []string{KindCrash}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs := run(tc.prev, tc.cur)
			var got []string
			for _, e := range evs {
				got = append(got, e.Kind)
				assert.NotEmpty(t, e.Message)
				assert.NotEmpty(t, e.Severity)
			}
			assert.Equal(t, tc.kinds, got)
			if tc.check != nil && len(evs) > 0 {
				tc.check(t, evs)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	last := smp(1, func(s *Sample) {
		s.ActiveSup, s.CPU, s.Cores = "sup-1", pf(10), []string{"a"}
		s.BGP = map[string]string{"default|n1": "established", "default|n2": "established"}
		s.Prefixes = map[string]bool{"default|p1": true}
	})
	cur := smp(2, func(s *Sample) {
		s.Reachable = false
		s.BGP = map[string]string{"default|n1": "idle"}
	})
	m := merge(last, cur)
	assert.Equal(t, 2, m.Poll)
	assert.False(t, m.Reachable)
	assert.Equal(t, "sup-1", m.ActiveSup, "carried over")
	assert.Equal(t, 10.0, *m.CPU)
	assert.Equal(t, []string{"a"}, m.Cores)
	assert.Equal(t, map[string]string{"default|n1": "idle", "default|n2": absent}, m.BGP)
	assert.Equal(t, map[string]bool{"default|p1": true}, m.Prefixes)
	assert.Equal(t, "established", last.BGP["default|n2"], "last not modified")
}

func TestOutagesEscalationVoting(t *testing.T) {
	at := func(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }
	t.Run("outages pair by device, kind, subject and vrf", func(t *testing.T) {
		var o outages
		evs := []Event{
			{Time: at(0), Device: "d", Kind: KindBGPDown, Subject: "n1", VRF: "default"},
			{Time: at(5), Device: "d", Kind: KindBGPDown, Subject: "n1", VRF: "default"}, // already open
			{Time: at(5), Device: "d", Kind: KindBGPDown, Subject: "n1", VRF: "blue"},
			{Time: at(7), Device: "d", Kind: KindUnreachable, Expected: true},
			{Time: at(20), Device: "d", Kind: KindBGPUp, Subject: "n1", VRF: "default", Message: "up"},
			{Time: at(30), Device: "d", Kind: KindReachable, Message: "back"},
			{Time: at(31), Device: "e", Kind: KindBGPUp, Subject: "n1", VRF: "default"}, // nothing open
		}
		for i := range evs {
			o.apply(&evs[i])
		}
		assert.Equal(t, 20.0, evs[4].OutageSeconds)
		assert.Equal(t, "up after 20.0s outage", evs[4].Message)
		assert.Equal(t, 23.0, evs[5].OutageSeconds)
		assert.True(t, evs[5].Expected)
		assert.Zero(t, evs[6].OutageSeconds)
		assert.Equal(t, []string{"bgp"}, o.openFor("d"))
		res := o.result(at(65))
		require.Len(t, res, 3)
		assert.True(t, res[0].Recovered)
		assert.False(t, res[1].Recovered)
		assert.Nil(t, res[1].End)
		assert.Equal(t, 60.0, res[1].Seconds, "open outage measured to the end")
		assert.Equal(t, "mgmt", res[2].Kind)
		assert.True(t, res[2].Expected)
	})
	t.Run("escalation after N in window", func(t *testing.T) {
		e := escalator{cfg: Escalation{Count: 3, Window: time.Minute}}
		sev := func(sec int, kind, subj string) string {
			ev := Event{Time: at(sec), Device: "d", Kind: kind, Subject: subj, Severity: SevWarning, Message: "m"}
			e.apply(&ev)
			return ev.Severity
		}
		assert.Equal(t, SevWarning, sev(0, KindLog, "BGP-3-NOTIFICATION"))
		assert.Equal(t, SevWarning, sev(10, KindLog, "BGP-3-NOTIFICATION"))
		assert.Equal(t, SevWarning, sev(10, KindLog, "OTHER"), "other subject counts apart")
		assert.Equal(t, SevError, sev(20, KindLog, "BGP-3-NOTIFICATION"), "third within a minute")
		assert.Equal(t, SevWarning, sev(200, KindLog, "BGP-3-NOTIFICATION"), "window passed")
		assert.Equal(t, SevWarning, sev(201, KindInstallProgress, ""), "not an escalating kind")
		ev := Event{Time: at(300), Device: "d", Kind: KindCrash, Severity: SevCritical}
		for i := 0; i < 3; i++ {
			e.apply(&ev)
		}
		assert.Equal(t, SevCritical, ev.Severity, "critical stays critical")
		assert.Contains(t, ev.Message, "escalated")
	})
	t.Run("voting needs independent signals", func(t *testing.T) {
		v := voter{vote: 2, window: time.Minute}
		assert.Nil(t, v.observe("d", at(0), nil, []string{"bgp"}), "one signal")
		assert.Nil(t, v.observe("d", at(0), []Event{{Time: at(0), Kind: KindLog, Severity: SevInfo}}, []string{"bgp"}), "info log is no signal")
		inc := v.observe("d", at(5), nil, []string{"bgp", "prefix"})
		require.NotNil(t, inc)
		assert.Equal(t, "bgp+prefix", inc.Subject)
		assert.Equal(t, KindIncident, inc.Kind)
		assert.Nil(t, v.observe("d", at(10), nil, []string{"bgp", "prefix"}), "still the same incident")
		assert.Nil(t, v.observe("d", at(15), nil, nil), "cleared")
		assert.Nil(t, v.observe("d", at(20), []Event{{Time: at(20), Kind: KindCrash}}, nil))
		inc = v.observe("d", at(30), []Event{{Time: at(30), Kind: KindCore}}, nil)
		require.NotNil(t, inc, "crash and core within the window")
		assert.Equal(t, "core+crash", inc.Subject)
		assert.Nil(t, v.observe("e", at(30), nil, []string{"bgp"}), "devices vote apart")
		v3 := voter{vote: 3, window: time.Minute}
		assert.Nil(t, v3.observe("d", at(0), nil, []string{"bgp", "prefix"}), "vote of 3")
		assert.Nil(t, v.observe("d", at(200), nil, nil), "point signals expire")
	})
}

// TestRunEscalatesFlappingLog: a log line repeating in new lines escalates
// in a full run, and a single signal never makes an incident.
func TestRunEscalatesFlappingLog(t *testing.T) {
	checkNoLeak(t)
	clock := newFakeClock(5 * time.Second)
	script := func(poll int) nxState {
		s := baseNX()
		for i := 2; i <= poll && i <= 5; i++ {
			s.logs = append(s.logs, "2026 Nov 27 20:00:0"+string(rune('0'+i))+" n9k-1 %BGP-3-NOTIFICATION: sent to neighbor 10.1.1.6 4/0 (hold time expired) 0 bytes")
		}
		return s
	}
	dev := &fakeTarget{name: "n9k-1", os: "nxos", clock: clock, script: script}
	res, err := Run(t.Context(), []Target{dev}, Config{Interval: 10 * time.Millisecond, PollTimeout: 10 * time.Second, StablePolls: 3, MaxDuration: 20 * time.Second,
		Clock: clock.Now, Escalate: Escalation{Count: 3, Window: time.Minute}})
	require.NoError(t, err)
	var sevs []string
	for _, e := range res.Events {
		if e.Kind == KindLog {
			sevs = append(sevs, e.Severity)
		}
	}
	assert.Equal(t, []string{SevError, SevError, SevCritical, SevCritical}, sevs)
	assert.Equal(t, 0, count(res.Events, KindIncident), "one kind of signal is not an incident")
}

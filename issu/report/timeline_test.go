package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu/monitor"
)

func ts(sec int) string {
	return time.Date(2026, 3, 1, 8, 0, sec, 0, time.UTC).Format(time.RFC3339Nano)
}

func tt(sec int) time.Time { return time.Date(2026, 3, 1, 8, 0, sec, 0, time.UTC) }

func TestReadTimeline(t *testing.T) {
	start := `{"type":"start","time":"` + ts(0) + `","devices":["A"],"interval_ms":5000}` + "\n"
	smp := func(sec int, body string) string {
		return `{"type":"sample","time":"` + ts(sec) + `","device":"A","os":"nxos","poll":1,` + body + "}\n"
	}
	end := func(sec int) string { return `{"type":"end","time":"` + ts(sec) + `","stop_reason":"stable"}` + "\n" }
	tests := []struct {
		name    string
		in      string
		reach   []Span
		lanes   map[string][]Span // "kind vrf|subject" -> spans (Info ignored)
		install []string
		err     bool
	}{
		{
			name: "switchover: unreachable then back, neighbors unknown meanwhile",
			in: start + smp(0, `"reachable":true,"install":"in_progress","bgp":{"default|10.0.0.1":"established"}`) +
				smp(5, `"reachable":false,"error":"EOF"`) +
				smp(10, `"reachable":true,"install":"success","bgp":{"default|10.0.0.1":"established"}`) + end(15),
			reach: []Span{{tt(0), tt(5), StateUp, ""}, {tt(5), tt(10), StateDown, "EOF"}, {tt(10), tt(15), StateUp, ""}},
			lanes: map[string][]Span{"bgp default|10.0.0.1": {
				{Start: tt(0), End: tt(5), State: StateUp}, {Start: tt(5), End: tt(10), State: StateUnknown}, {Start: tt(10), End: tt(15), State: StateUp}}},
			install: []string{"in_progress", "success"},
		},
		{
			name: "neighbor flap, absent neighbor, prefix lost, probe loss",
			in: start + smp(0, `"reachable":true,"bgp":{"default|n1":"established","V|n2":"established"},"prefixes":{"default|p":true},"probes":{"default|d":{"sent":3,"received":3,"loss_pct":0}}`) +
				smp(5, `"reachable":true,"bgp":{"default|n1":"idle"},"prefixes":{"default|p":false},"probes":{"default|d":{"sent":3,"received":1,"loss_pct":66}}`) +
				// Probes not collected this poll: the last state carries on.
				smp(10, `"reachable":true,"bgp":{"default|n1":"established","V|n2":"established"},"prefixes":{"default|p":true}`) + end(20),
			reach: []Span{{tt(0), tt(20), StateUp, ""}},
			lanes: map[string][]Span{
				"bgp default|n1": {{Start: tt(0), End: tt(5), State: StateUp}, {Start: tt(5), End: tt(10), State: StateDown}, {Start: tt(10), End: tt(20), State: StateUp}},
				"bgp V|n2":       {{Start: tt(0), End: tt(5), State: StateUp}, {Start: tt(5), End: tt(10), State: StateDown}, {Start: tt(10), End: tt(20), State: StateUp}},
				"prefix default|p": {{Start: tt(0), End: tt(5), State: StateUp}, {Start: tt(5), End: tt(10), State: StateDown},
					{Start: tt(10), End: tt(20), State: StateUp}},
				"probe default|d": {{Start: tt(0), End: tt(5), State: StateUp}, {Start: tt(5), End: tt(20), State: StateDown}},
			},
		},
		{
			name:  "killed run: no end record, truncated last line",
			in:    start + smp(0, `"reachable":true`) + smp(5, `"reachable":true`) + `{"type":"sample","time":"` + ts(9),
			reach: []Span{{tt(0), tt(5), StateUp, ""}},
		},
		{
			name: "corrupt line in the middle",
			in:   start + "{not json\n" + smp(0, `"reachable":true`),
			err:  true,
		},
		{name: "empty", in: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noGoroutineLeak(t)
			tl, err := ReadTimeline(strings.NewReader(tc.in))
			if tc.err {
				require.Error(t, err)
				assert.True(t, errors.Is(err, monitor.ErrCorrupt))
				return
			}
			require.NoError(t, err)
			if tc.reach == nil {
				for _, d := range tl.Devices {
					assert.Empty(t, d.Reachable)
				}
				return
			}
			require.Len(t, tl.Devices, 1)
			d := tl.Devices[0]
			assert.Equal(t, "nxos", d.OS)
			assert.Equal(t, tc.reach, d.Reachable)
			got := map[string][]Span{}
			for _, l := range d.Lanes {
				var spans []Span
				for _, s := range l.Spans {
					spans = append(spans, Span{Start: s.Start, End: s.End, State: s.State})
				}
				got[l.Kind+" "+monitor.Key(l.VRF, l.Subject)] = spans
			}
			if tc.lanes == nil {
				tc.lanes = map[string][]Span{}
			}
			assert.Equal(t, tc.lanes, got)
			var inst []string
			for _, s := range d.Install {
				inst = append(inst, s.State)
			}
			assert.Equal(t, tc.install, inst)
		})
	}
}

// TestReadTimelineBatches crosses many decode batches: records apply in
// file order, and a corrupt line stops the reader without leaking its
// decoders.
func TestReadTimelineBatches(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"type":"start","time":"` + ts(0) + `","devices":["A"],"interval_ms":1000}` + "\n")
	const n = 5*batchLines + 17
	for i := 0; i < n; i++ {
		state := "established"
		if (i/100)%2 == 1 {
			state = "idle"
		}
		sb.WriteString(`{"type":"sample","time":"` + tt(0).Add(time.Duration(i)*time.Second).Format(time.RFC3339Nano) +
			`","device":"A","reachable":true,"bgp":{"default|n":"` + state + `"}}` + "\n")
	}
	all := sb.String()
	t.Run("in order", func(t *testing.T) {
		noGoroutineLeak(t)
		tl, err := ReadTimeline(strings.NewReader(all))
		require.NoError(t, err)
		require.Len(t, tl.Devices, 1)
		assert.Equal(t, n, tl.Samples)
		spans := tl.Devices[0].Lanes[0].Spans
		require.Len(t, spans, (n+99)/100)
		for i, s := range spans {
			assert.Equal(t, tt(0).Add(time.Duration(i*100)*time.Second), s.Start)
			assert.Equal(t, upIf(i%2 == 0), s.State)
		}
	})
	t.Run("corrupt line in a middle batch", func(t *testing.T) {
		noGoroutineLeak(t)
		lines := strings.SplitAfter(all, "\n")
		lines[3*batchLines+5] = "{broken\n"
		_, err := ReadTimeline(strings.NewReader(strings.Join(lines, "")))
		require.ErrorIs(t, err, monitor.ErrCorrupt)
		assert.Contains(t, err.Error(), fmt.Sprintf("line %d", 3*batchLines+6))
	})
}

// TestBlankLinesLoadLikeTheMonitor: a whitespace-only line (CRLF file with
// an empty line, shards joined with a blank line) is skipped by
// monitor.Load, so report.json builds; the page and the NDJSON read the
// same files and must skip it too instead of calling the run corrupt.
func TestBlankLinesLoadLikeTheMonitor(t *testing.T) {
	dir := t.TempDir()
	tl := `{"type":"start","time":"` + ts(0) + `","devices":["A"]}` + "\r\n\r\n  \n" +
		`{"type":"sample","time":"` + ts(5) + `","device":"A","reachable":true}` + "\r\n" +
		`{"type":"end","time":"` + ts(10) + `","stop_reason":"stable"}` + "\r\n"
	ev := `{"time":"` + ts(5) + `","device":"A","kind":"log","severity":"info","message":"x"}` + "\r\n\t\n" +
		`{"time":"` + ts(6) + `","device":"A","kind":"log","severity":"info","message":"y"}` + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, monitor.TimelineFile), []byte(tl), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, monitor.EventsFile), []byte(ev), 0o644))
	res, err := monitor.Load(dir)
	require.NoError(t, err)
	require.Len(t, res.Events, 2)

	got, err := ReadTimeline(strings.NewReader(tl))
	require.NoError(t, err)
	require.Len(t, got.Devices, 1)
	evs, err := readEvents(filepath.Join(dir, monitor.EventsFile))
	require.NoError(t, err)
	assert.Len(t, evs, 2)
}

package report

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
)

// FuzzTimeline feeds arbitrary timeline.jsonl to the reducer and the page:
// neither may panic, whatever the monitor (or a damaged file) wrote.
func FuzzTimeline(f *testing.F) {
	b, err := os.ReadFile(filepath.Join(labFixture, "monitor", monitor.TimelineFile))
	if err == nil {
		lines := strings.SplitAfter(string(b), "\n")
		f.Add(strings.Join(lines[:min(len(lines), 8)], ""))
	}
	f.Add(`{"type":"start","time":"2026-01-01T00:00:00Z","devices":["A"]}` + "\n" +
		`{"type":"sample","time":"2026-01-01T00:00:05Z","device":"A","reachable":true,"bgp":{"x":"idle","|":"established"},"probes":{"d":{"sent":0}}}` + "\n" +
		`{"type":"sample","time":"2025-01-01T00:00:05Z","device":"A","reachable":false}` + "\n")
	f.Add(`{"type":"end","time":"0001-01-01T00:00:00Z"}`)
	f.Fuzz(func(t *testing.T, s string) {
		tl, err := ReadTimeline(strings.NewReader(s))
		if err != nil {
			return
		}
		in := &Input{Report: &issu.Report{RunID: "fuzz"}, Timeline: tl}
		if err := RenderHTML(io.Discard, in); err != nil {
			t.Fatal(err)
		}
	})
}

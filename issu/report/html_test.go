package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu"
)

// page is what a test reads back from the rendered HTML.
type page struct {
	decision string
	texts    map[string][]string // class -> texts of elements with that class
	count    map[string]int      // "tag.class" -> elements
	ids      map[string]bool
}

// parsePage checks that the page is well-formed (the renderer writes
// XHTML-compatible markup, so a strict XML parser must accept it) and
// collects classes, ids and texts.
func parsePage(t *testing.T, b []byte) *page {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	p := &page{texts: map[string][]string{}, count: map[string]int{}, ids: map[string]bool{}}
	type open struct {
		name, class, id string
		text            strings.Builder
	}
	var stack []*open
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "report.html is not well-formed")
		switch tk := tok.(type) {
		case xml.StartElement:
			o := &open{name: tk.Name.Local}
			for _, a := range tk.Attr {
				switch a.Name.Local {
				case "class":
					o.class = a.Value
				case "id":
					o.id = a.Value
					p.ids[a.Value] = true
				}
			}
			p.count[tk.Name.Local+"."+o.class]++
			stack = append(stack, o)
		case xml.CharData:
			// A tooltip's text belongs to the tooltip, not to what it is on.
			if len(stack) > 0 && stack[len(stack)-1].name == "title" {
				stack[len(stack)-1].text.Write(tk)
				continue
			}
			for _, o := range stack {
				o.text.Write(tk)
			}
		case xml.EndElement:
			require.NotEmpty(t, stack)
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.class != "" {
				p.texts[o.class] = append(p.texts[o.class], strings.TrimSpace(o.text.String()))
			}
			if o.name == "title" && len(stack) > 0 {
				// Tooltips are kept under "title:" + the class they describe.
				k := "title:" + stack[len(stack)-1].class
				p.texts[k] = append(p.texts[k], o.text.String())
			}
			if o.id == "decision" {
				p.decision = strings.TrimSpace(o.text.String())
			}
		}
	}
	require.Empty(t, stack, "unclosed elements")
	return p
}

func render(t *testing.T, dir string) []byte {
	t.Helper()
	in, err := LoadInput(dir)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, RenderHTML(&buf, in))
	return buf.Bytes()
}

func TestRenderHTML(t *testing.T) {
	base := synth{devices: 2, neighbors: 3, polls: 60, interval: 5 * time.Second, downFrom: 20, downTo: 30, flapFrom: 32, flapTo: 36}
	rollback := base
	rollback.id, rollback.rollback, rollback.hostile = "rb-1", true, true
	proceed := base
	proceed.id = "ok-1"
	nomon := base
	nomon.id, nomon.noMonitor, nomon.hostile = "nomon-1", true, true
	tests := []struct {
		name      string
		s         synth
		decision  string
		subLanes  int // BGP + OSPF + prefix lanes
		durations []string
		markers   int // crash/core/critical markers
	}{
		{name: "proceed", s: proceed, decision: "PROCEED", subLanes: 2 * (3 + 2 + 1), durations: []string{"50s", "20s"}},
		{name: "rollback with hostile output", s: rollback, decision: "ROLLBACK", subLanes: 2 * (3 + 2 + 1), durations: []string{"50s", "20s", "2m20s+ not recovered"}, markers: 1},
		{name: "monitor not run", s: nomon, decision: "INVESTIGATE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			facts := writeSynth(t, dir, tc.s)
			b := render(t, dir)
			p := parsePage(t, b)
			assert.Equal(t, tc.decision, p.decision)
			assert.Contains(t, string(b), "<title>goissu "+tc.decision+" — "+tc.s.id+"</title>")
			assert.Equal(t, tc.subLanes, p.count["g.sub"], "one lane per neighbor, adjacency and prefix")
			if tc.s.noMonitor {
				assert.False(t, p.ids["timeline-svg"])
				assert.Contains(t, string(b), "The monitor phase did not run")
			} else {
				require.True(t, p.ids["timeline-svg"])
				assert.Equal(t, tc.s.devices, p.count["g.dev"], "one lane per device")
				assert.Equal(t, tc.s.devices, p.count["rect.mk-sw"], "a switchover marker per device")
				assert.Equal(t, tc.markers, p.count["rect.mk-crit"])
				for dev, keys := range facts.bgpKeys {
					for _, k := range keys {
						assert.Contains(t, p.texts["lbl"], "BGP "+k[len("default|"):], "lane for %s %s", dev, k)
					}
				}
				assert.NotEmpty(t, p.texts["tlbl"], "time axis labels")
			}
			durs := strings.Join(p.texts["dur"], "|") + "|" + strings.Join(p.texts["dur in-bad"], "|") + "|" +
				strings.Join(p.texts["dur in-exp"], "|") + "|" + strings.Join(p.texts["dur in-warn"], "|")
			for _, d := range tc.durations {
				assert.Contains(t, durs, d, "outage label %q on the timeline", d)
			}
			for _, o := range facts.report.Outages {
				assert.Contains(t, durs, FormatSeconds(o.Seconds), "outage %s %s %s", o.Device, o.Kind, o.Subject)
			}
			if tc.s.hostile {
				assert.NotContains(t, string(b), "<script>")
				assert.NotContains(t, string(b), "<b>bold</b>")
				assert.NotContains(t, string(b), `alert("pwned")`)
				assert.Contains(t, string(b), "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; it&#39;s &#34;quoted&#34; &amp; &lt;b&gt;bold&lt;/b&gt;")
			}
		})
	}
}

func TestRenderHTMLSections(t *testing.T) {
	dir := t.TempDir()
	s := synth{id: "sec-1", devices: 2, neighbors: 2, polls: 40, interval: 5 * time.Second, downFrom: 10, downTo: 16, flapFrom: 18, flapTo: 20, rollback: true}
	writeSynth(t, dir, s)
	b := render(t, dir)
	p := parsePage(t, b)
	html := string(b)
	// Header facts.
	assert.Contains(t, html, "synthetic-lab")
	assert.Contains(t, html, "nxos64-cs.10.4.3.F.bin")
	assert.Contains(t, html, "2026-01-02 10:")
	// Per device: failed check with finding and evidence link, coloured
	// config diff, semantic diff old → new, evidence links.
	assert.Contains(t, html, `href="post/R001/bgp.json"`)
	assert.Equal(t, 2*2, p.count["span.add"], "added config lines are green (2 per device)")
	assert.GreaterOrEqual(t, p.count["span.del"], 2)
	assert.Contains(t, p.texts["old"], "10.2(3)")
	assert.Contains(t, p.texts["new"], "10.4(3)")
	assert.Contains(t, html, `href="pre/R002/version.txt"`)
	assert.Contains(t, html, `href="diff/R001.config.diff"`)
	assert.Contains(t, html, "install all nxos bootflash:nxos64-cs.10.2.3.F.bin")
	// Self-contained: no fetch of anything.
	for _, bad := range []string{"http://", "https://", "<link", "src="} {
		if bad == "http://" {
			// The SVG namespace is an identifier, not a fetch.
			html2 := strings.ReplaceAll(html, `xmlns="http://www.w3.org/2000/svg"`, "")
			assert.NotContains(t, html2, bad)
			continue
		}
		assert.NotContains(t, html, bad)
	}
}

func TestTimelineFolding(t *testing.T) {
	t.Run("quiet lanes fold", func(t *testing.T) {
		dir := t.TempDir()
		writeSynth(t, dir, synth{id: "fold-1", devices: 40, neighbors: 10, polls: 30, interval: 5 * time.Second, downFrom: 10, downTo: 14, flapFrom: 16, flapTo: 18})
		p := parsePage(t, render(t, dir))
		// 40 × (1 + 13) = 560 lanes > MaxLanes.
		assert.Equal(t, 40+1, p.count["g.sub"], "one folded lane per device plus the lane with an outage")
		assert.Contains(t, p.texts["lbl"], "BGP 10.0.0.1")
		assert.Contains(t, p.texts["lbl"], "10 BGP, 2 OSPF, 1 prefix: all up")
		assert.Contains(t, p.texts["lbl"], "9 BGP, 2 OSPF, 1 prefix: all up")
	})
	t.Run("outage lanes fold per kind", func(t *testing.T) {
		old := laneLimit
		laneLimit = 5
		t.Cleanup(func() { laneLimit = old })
		dir := t.TempDir()
		writeSynth(t, dir, synth{id: "fold-2", devices: 2, neighbors: 3, polls: 40, interval: 5 * time.Second, downFrom: 10, downTo: 14, flapFrom: 16, flapTo: 20, rollback: true})
		p := parsePage(t, render(t, dir))
		assert.Equal(t, 3, p.count["g.sub"], "R001: BGP with outages + quiet; R002: quiet")
		assert.Contains(t, p.texts["lbl"], "2 BGP neighbors")
		assert.Contains(t, strings.Join(p.texts["dur"], "|")+strings.Join(p.texts["dur in-bad"], "|"), "2 down, longest")
	})
}

func TestFormatSeconds(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0s"}, {2.5, "2.5s"}, {48, "48s"}, {59.6, "60s"}, {72, "1m12s"}, {1058, "17m38s"}, {3600, "1h00m"}, {5430, "1h31m"}, {-1, "?"}} {
		t.Run(tc.want, func(t *testing.T) { assert.Equal(t, tc.want, FormatSeconds(tc.in)) })
	}
}

func TestWriteHTML(t *testing.T) {
	t.Run("atomic write", func(t *testing.T) {
		dir := t.TempDir()
		writeSynth(t, dir, synth{id: "w-1", devices: 1, neighbors: 2, polls: 20, interval: 5 * time.Second, downFrom: 5, downTo: 8})
		path, err := WriteHTML(dir)
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(dir, HTMLFile), path)
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, string(render(t, dir)), string(got))
		left, err := filepath.Glob(filepath.Join(dir, ".report.html.*"))
		require.NoError(t, err)
		assert.Empty(t, left, "no temporary file left behind")
	})
	t.Run("missing run", func(t *testing.T) {
		_, err := WriteHTML(filepath.Join(t.TempDir(), "nope"))
		require.Error(t, err)
		assert.ErrorIs(t, err, os.ErrNotExist)
	})
	t.Run("minimal report: nothing but a verdict", func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, RenderHTML(&buf, &Input{Report: &issu.Report{RunID: "min", Verdict: issu.Verdict{Decision: "INVESTIGATE"}}}))
		p := parsePage(t, buf.Bytes())
		assert.Equal(t, "INVESTIGATE", p.decision)
		assert.False(t, p.ids["timeline-svg"])
	})
	t.Run("nil input", func(t *testing.T) {
		assert.ErrorIs(t, RenderHTML(io.Discard, &Input{}), ErrNoReport)
	})
}

package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu"
)

// requiredFields are on every document.
var requiredFields = []string{"@timestamp", "run_id", "doc_type", "device", "phase", "severity"}

var severities = map[string]bool{"info": true, "warning": true, "error": true, "critical": true}

// checkBulk parses bulk NDJSON: action/document pairs, each line JSON with
// the required fields, and returns the documents per doc_type.
func checkBulk(t *testing.T, b []byte, runID string, bulk bool) map[string][]map[string]any {
	t.Helper()
	byType := map[string][]map[string]any{}
	ids := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if bulk {
			var action map[string]map[string]any
			require.NoError(t, json.Unmarshal(sc.Bytes(), &action), "line %d", line)
			require.Len(t, action, 1, "line %d: one action", line)
			id, ok := action["index"]["_id"].(string)
			require.True(t, ok, "line %d: index action with _id: %s", line, sc.Text())
			assert.False(t, ids[id], "duplicate _id %s", id)
			ids[id] = true
			require.True(t, sc.Scan(), "action on line %d without document", line)
			line++
		}
		var doc map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &doc), "line %d", line)
		for _, f := range requiredFields {
			assert.Contains(t, doc, f, "line %d lacks %s", line, f)
		}
		ts, _ := doc["@timestamp"].(string)
		_, err := time.Parse(time.RFC3339Nano, ts)
		assert.NoError(t, err, "line %d @timestamp", line)
		assert.Equal(t, runID, doc["run_id"], "line %d", line)
		assert.True(t, severities[doc["severity"].(string)], "line %d severity %v", line, doc["severity"])
		typ := doc["doc_type"].(string)
		byType[typ] = append(byType[typ], doc)
	}
	require.NoError(t, sc.Err())
	require.Greater(t, line, 0)
	return byType
}

func TestWriteNDJSON(t *testing.T) {
	base := synth{devices: 3, neighbors: 2, polls: 40, interval: 5 * time.Second, downFrom: 10, downTo: 16, flapFrom: 18, flapTo: 22}
	rb := base
	rb.id, rb.rollback, rb.hostile = "nd-rb", true, true
	ok := base
	ok.id = "nd-ok"
	nomon := base
	nomon.id, nomon.noMonitor = "nd-nomon", true
	for _, tc := range []struct {
		name     string
		s        synth
		severity string
	}{
		{"proceed", ok, "info"},
		{"rollback", rb, "critical"},
		{"no monitor", nomon, "warning"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			facts := writeSynth(t, dir, tc.s)
			var buf bytes.Buffer
			n, err := WriteNDJSON(dir, &buf)
			require.NoError(t, err)
			docs := checkBulk(t, buf.Bytes(), tc.s.id, true)
			rep := facts.report
			assert.Equal(t, 1+facts.events+len(rep.Findings)+len(rep.Checks), n)
			require.Len(t, docs[DocRun], 1)
			assert.Len(t, docs[DocEvent], facts.events)
			if rep.Monitor != nil {
				sum := 0
				for _, c := range rep.Monitor.EventsByKind {
					sum += c
				}
				assert.Len(t, docs[DocEvent], sum, "events match report.json events_by_kind")
			}
			assert.Len(t, docs[DocFinding], len(rep.Findings))
			assert.Len(t, docs[DocCheck], len(rep.Checks))
			// Per phase and status, the check documents add up to counts.
			counts := map[string]map[string]int{}
			for _, d := range docs[DocCheck] {
				ph, st := d["phase"].(string), d["status"].(string)
				if counts[ph] == nil {
					counts[ph] = map[string]int{}
				}
				counts[ph][st]++
			}
			for ph, m := range rep.Counts {
				for st, c := range m {
					assert.Equal(t, c, counts[ph][string(st)], "%s %s", ph, st)
				}
			}
			run := docs[DocRun][0]
			assert.Equal(t, rep.Verdict.Decision, run["decision"])
			assert.Equal(t, tc.severity, run["severity"])
			assert.Equal(t, "synthetic-lab", run["testbed"])
			assert.EqualValues(t, len(rep.Outages), run["outages"])
			for _, d := range docs[DocEvent] {
				assert.NotEmpty(t, d["device"])
				assert.Equal(t, "monitor", d["phase"])
			}
			if tc.s.rollback {
				var crit []string
				for _, d := range docs[DocCheck] {
					if d["status"] == "fail" {
						crit = append(crit, d["severity"].(string))
					}
				}
				assert.Equal(t, []string{"critical"}, crit, "a failed check takes its worst finding's severity")
				// Device output is JSON-escaped, not HTML-escaped, in NDJSON.
				assert.Contains(t, buf.String(), `<script>alert(\"pwned\")</script>`)
			}

			// Kibana's file upload: the same documents, no action lines.
			var plain bytes.Buffer
			n2, err := WriteNDJSONDocs(dir, &plain)
			require.NoError(t, err)
			assert.Equal(t, n, n2)
			plainDocs := checkBulk(t, plain.Bytes(), tc.s.id, false)
			assert.Len(t, plainDocs[DocEvent], facts.events)
			assert.NotContains(t, plain.String(), `{"index":`)
		})
	}
}

func TestWriteNDJSONFile(t *testing.T) {
	dir := t.TempDir()
	writeSynth(t, dir, synth{id: "nd-file", devices: 1, neighbors: 1, polls: 10, interval: 5 * time.Second, downFrom: 3, downTo: 5})
	path, err := WriteNDJSONFile(dir)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, NDJSONFile), path)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = WriteNDJSON(dir, &buf)
	require.NoError(t, err)
	assert.Equal(t, buf.String(), string(b))
	assert.True(t, strings.HasSuffix(string(b), "}\n"), "ends with a newline, as _bulk requires")

	_, err = WriteNDJSONFile(filepath.Join(dir, "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestNDJSONCorruptEvents(t *testing.T) {
	dir := t.TempDir()
	writeSynth(t, dir, synth{id: "nd-bad", devices: 1, neighbors: 1, polls: 10, interval: 5 * time.Second, downFrom: 3, downTo: 5})
	ev := filepath.Join(dir, "monitor", "events.jsonl")
	b, err := os.ReadFile(ev)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(b), "\n")
	t.Run("truncated last line is dropped", func(t *testing.T) {
		require.NoError(t, os.WriteFile(ev, []byte(strings.Join(lines[:len(lines)-2], "")+`{"time":"2026-`), 0o644))
		n, err := WriteNDJSON(dir, &bytes.Buffer{})
		require.NoError(t, err)
		assert.Positive(t, n)
	})
	t.Run("corrupt middle line is an error", func(t *testing.T) {
		require.NoError(t, os.WriteFile(ev, []byte(lines[0]+"{garbage\n"+strings.Join(lines[1:], "")), 0o644))
		_, err := WriteNDJSON(dir, &bytes.Buffer{})
		assert.Error(t, err)
	})
}

func TestMapping(t *testing.T) {
	var m struct {
		Mappings struct {
			Properties map[string]map[string]any `json:"properties"`
		} `json:"mappings"`
	}
	require.NoError(t, json.Unmarshal([]byte(Mapping()), &m))
	props := m.Mappings.Properties
	// Every field a document can carry is mapped.
	typ := reflect.TypeOf(Doc{})
	for i := 0; i < typ.NumField(); i++ {
		name := strings.Split(typ.Field(i).Tag.Get("json"), ",")[0]
		t.Run(name, func(t *testing.T) {
			require.Contains(t, props, name)
			assert.NotEmpty(t, props[name]["type"])
		})
	}
	assert.Equal(t, "date", props["@timestamp"]["type"])
	assert.Equal(t, "keyword", props["device"]["type"])
}

func TestCheckSeverity(t *testing.T) {
	f := func(sev string) []issu.Finding { return []issu.Finding{{Severity: sev}} }
	for _, tc := range []struct {
		name string
		c    issu.CheckResult
		want string
	}{
		{"pass", issu.CheckResult{Status: issu.StatusPass}, "info"},
		{"pass with warning", issu.CheckResult{Status: issu.StatusPass, Findings: f("warning")}, "warning"},
		{"fail without findings", issu.CheckResult{Status: issu.StatusFail}, "error"},
		{"fail critical", issu.CheckResult{Status: issu.StatusFail, Findings: f("critical")}, "critical"},
		{"error", issu.CheckResult{Status: issu.StatusError}, "error"},
		{"blocked", issu.CheckResult{Status: issu.StatusBlocked}, "warning"},
		{"skipped", issu.CheckResult{Status: issu.StatusSkipped}, "info"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, checkSeverity(tc.c)) })
	}
}

package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
)

// NDJSONFile is the bulk file's name inside the run directory.
const NDJSONFile = "report.ndjson"

// DefaultIndex is the index the README's import command names; the bulk
// file itself names none, so any index can be given in the _bulk URL.
const DefaultIndex = "goissu"

// Document types (doc_type).
const (
	DocRun     = "run"
	DocEvent   = "event"
	DocFinding = "finding"
	DocCheck   = "check"
)

// Doc is one Elasticsearch document of the run. Every document has
// @timestamp, run_id, doc_type, device ("" for the run), phase and severity
// (info, warning, error, critical); the other fields depend on doc_type.
type Doc struct {
	Timestamp time.Time `json:"@timestamp"`
	RunID     string    `json:"run_id"`
	DocType   string    `json:"doc_type"`
	Device    string    `json:"device"`
	Phase     string    `json:"phase"`
	Severity  string    `json:"severity"`
	Message   string    `json:"message,omitempty"`

	// event, finding, check
	Kind          string   `json:"kind,omitempty"`  // event kind
	Check         string   `json:"check,omitempty"` // check id (finding, check)
	Status        string   `json:"status,omitempty"`
	Subject       string   `json:"subject,omitempty"`
	VRF           string   `json:"vrf,omitempty"`
	Evidence      string   `json:"evidence,omitempty"`
	Reason        string   `json:"reason,omitempty"`
	OutageSeconds *float64 `json:"outage_seconds,omitempty"`
	Expected      bool     `json:"expected,omitempty"`
	Findings      *int     `json:"findings,omitempty"` // findings of a check

	// run
	Decision           string                    `json:"decision,omitempty"`
	Gate               string                    `json:"gate,omitempty"`
	Testbed            string                    `json:"testbed,omitempty"`
	TargetImage        string                    `json:"target_image,omitempty"`
	Devices            *int                      `json:"devices,omitempty"`
	Outages            *int                      `json:"outages,omitempty"`
	Reasons            *int                      `json:"reasons,omitempty"`
	Counts             map[string]map[string]int `json:"counts,omitempty"`
	FindingsBySeverity map[string]int            `json:"findings_by_severity,omitempty"`
}

// Mapping returns the index mapping the documents assume, for
// `PUT <index>` before the first import. Strings that are filtered on are
// keywords; message, reason and evidence are full text with a keyword
// sub-field for aggregations.
func Mapping() string { return mapping }

const mapping = `{
  "mappings": {
    "dynamic": true,
    "properties": {
      "@timestamp":           {"type": "date"},
      "run_id":               {"type": "keyword"},
      "doc_type":             {"type": "keyword"},
      "device":               {"type": "keyword"},
      "phase":                {"type": "keyword"},
      "severity":             {"type": "keyword"},
      "message":              {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 1024}}},
      "kind":                 {"type": "keyword"},
      "check":                {"type": "keyword"},
      "status":               {"type": "keyword"},
      "subject":              {"type": "keyword"},
      "vrf":                  {"type": "keyword"},
      "evidence":             {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 1024}}},
      "reason":               {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 1024}}},
      "outage_seconds":       {"type": "float"},
      "expected":             {"type": "boolean"},
      "findings":             {"type": "integer"},
      "decision":             {"type": "keyword"},
      "gate":                 {"type": "keyword"},
      "testbed":              {"type": "keyword"},
      "target_image":         {"type": "keyword"},
      "devices":              {"type": "integer"},
      "outages":              {"type": "integer"},
      "reasons":              {"type": "integer"},
      "counts":               {"type": "object"},
      "findings_by_severity": {"type": "object"}
    }
  }
}
`

// WriteNDJSON writes the run in runDir as Elasticsearch bulk-API NDJSON
// to w: per document an action line {"index":{"_id":…}} (the id is stable,
// so importing a run again replaces its documents) and the document. One
// document for the run, one per monitor event, per finding and per check
// result. It returns the number of documents.
func WriteNDJSON(runDir string, w io.Writer) (int, error) {
	return writeDocs(runDir, w, true)
}

// WriteNDJSONDocs writes the same documents without action lines, one per
// line: the format of Kibana's file upload.
func WriteNDJSONDocs(runDir string, w io.Writer) (int, error) {
	return writeDocs(runDir, w, false)
}

// WriteNDJSONFile writes the bulk NDJSON to runDir/report.ndjson,
// atomically, and returns its path.
func WriteNDJSONFile(runDir string) (string, error) {
	path := filepath.Join(runDir, NDJSONFile)
	err := writeAtomic(path, func(w io.Writer) error {
		_, err := WriteNDJSON(runDir, w)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("write ndjson: %w", err)
	}
	return path, nil
}

func writeDocs(runDir string, w io.Writer, bulk bool) (int, error) {
	rep, err := issu.LoadReport(runDir)
	if errors.Is(err, os.ErrNotExist) {
		rep, err = issu.BuildReport(runDir, nil)
	}
	if err != nil {
		return 0, fmt.Errorf("ndjson %s: %w", runDir, err)
	}
	events, err := readEvents(filepath.Join(runDir, "monitor", monitor.EventsFile))
	if err != nil {
		return 0, fmt.Errorf("ndjson %s: %w", runDir, err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	e := &docEncoder{w: bw, enc: json.NewEncoder(bw), bulk: bulk, run: rep.RunID}
	e.enc.SetEscapeHTML(false)
	for _, d := range Docs(rep, events) {
		e.put(d)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err != nil {
		return e.n, fmt.Errorf("ndjson %s: %w", runDir, e.err)
	}
	return e.n, nil
}

type docEncoder struct {
	w    *bufio.Writer
	enc  *json.Encoder
	bulk bool
	run  string
	n    int
	err  error
}

func (e *docEncoder) put(d Doc) {
	if e.err != nil {
		return
	}
	e.n++
	if e.bulk {
		type meta struct {
			ID string `json:"_id"`
		}
		id := fmt.Sprintf("%s:%s:%06d", e.run, d.DocType, e.n)
		if e.err = e.enc.Encode(map[string]meta{"index": {ID: id}}); e.err != nil {
			return
		}
	}
	e.err = e.enc.Encode(d) // Encode ends each value with '\n'
}

// Docs turns a report and the monitor's events into documents: the run
// first, then the events, the findings and the check results.
func Docs(rep *issu.Report, events []monitor.Event) []Doc {
	phaseTime := phaseTimes(rep)
	devices, outages, reasons := len(rep.Devices), len(rep.Outages), len(rep.Verdict.Reasons)
	run := Doc{
		Timestamp: phaseTime["run"], RunID: rep.RunID, DocType: DocRun, Phase: DocRun,
		Severity: map[string]string{"PROCEED": monitor.SevInfo, "ROLLBACK": monitor.SevCritical}[rep.Verdict.Decision],
		Message:  fmt.Sprintf("%s: %d reasons, %d devices", rep.Verdict.Decision, reasons, devices),
		Decision: rep.Verdict.Decision, Gate: rep.Verdict.Gate,
		Devices: &devices, Outages: &outages, Reasons: &reasons,
		FindingsBySeverity: rep.FindingsBySeverity,
		Counts:             map[string]map[string]int{},
	}
	if run.Severity == "" {
		run.Severity = monitor.SevWarning // INVESTIGATE or unknown
	}
	for ph, m := range rep.Counts {
		run.Counts[ph] = map[string]int{}
		for s, n := range m {
			run.Counts[ph][string(s)] = n
		}
	}
	if ri := rep.Run; ri != nil {
		if m, ok := ri.Testbed.(map[string]any); ok {
			run.Testbed, _ = m["name"].(string)
		}
		run.TargetImage = ri.Flags["target_image"]
	}
	docs := make([]Doc, 0, 1+len(events)+len(rep.Findings)+len(rep.Checks))
	docs = append(docs, run)
	for _, ev := range events {
		d := Doc{Timestamp: ev.Time, RunID: rep.RunID, DocType: DocEvent, Device: ev.Device, Phase: string(issu.MonitorPhase),
			Severity: orInfo(ev.Severity), Message: ev.Message, Kind: ev.Kind, Subject: ev.Subject, VRF: ev.VRF,
			Evidence: ev.Evidence, Expected: ev.Expected}
		if ev.OutageSeconds > 0 {
			s := ev.OutageSeconds
			d.OutageSeconds = &s
		}
		docs = append(docs, d)
	}
	for _, f := range rep.Findings {
		docs = append(docs, Doc{Timestamp: phaseTime[string(f.Phase)], RunID: rep.RunID, DocType: DocFinding, Device: f.Device,
			Phase: string(f.Phase), Severity: orInfo(f.Severity), Message: f.Message, Check: f.ID, Evidence: f.Evidence})
	}
	for _, c := range rep.Checks {
		n := len(c.Findings)
		msg := fmt.Sprintf("%s check %s: %s", c.Phase, c.Check, c.Status)
		if n > 0 {
			msg += ": " + c.Findings[0].Message
		}
		docs = append(docs, Doc{Timestamp: phaseTime[string(c.Phase)], RunID: rep.RunID, DocType: DocCheck, Device: c.Device,
			Phase: string(c.Phase), Severity: checkSeverity(c), Message: msg, Check: c.Check, Status: string(c.Status),
			Reason: c.Reason, Findings: &n})
	}
	return docs
}

// phaseTimes gives each phase's documents a time: when the phase ran
// (run.json), else the monitor's end for monitor checks, else the run's
// start, else when the report was built.
func phaseTimes(rep *issu.Report) map[string]time.Time {
	t := map[string]time.Time{}
	fallback := rep.Generated
	if ri := rep.Run; ri != nil {
		for ph, ts := range ri.Phases {
			if v, err := time.Parse(time.RFC3339, ts); err == nil {
				t[ph] = v
			}
		}
		if !ri.Started.IsZero() {
			fallback = ri.Started
		}
	}
	if m := rep.Monitor; m != nil {
		if _, ok := t[string(issu.MonitorPhase)]; !ok && !m.End.IsZero() {
			t[string(issu.MonitorPhase)] = m.End
		}
		if fallback.IsZero() {
			fallback = m.Start
		}
	}
	t["run"] = fallback
	for _, ph := range []string{string(issu.Pre), string(issu.MonitorPhase), string(issu.Post)} {
		if _, ok := t[ph]; !ok {
			t[ph] = fallback
		}
	}
	return t
}

func orInfo(s string) string {
	if s == "" {
		return monitor.SevInfo
	}
	return s
}

var sevRank = map[string]int{monitor.SevInfo: 0, monitor.SevWarning: 1, monitor.SevError: 2, monitor.SevCritical: 3}

// checkSeverity is the worst finding of a check, at least error for a
// failed or errored check and warning for a blocked one.
func checkSeverity(c issu.CheckResult) string {
	sev := monitor.SevInfo
	switch c.Status {
	case issu.StatusFail, issu.StatusError:
		sev = monitor.SevError
	case issu.StatusBlocked:
		sev = monitor.SevWarning
	}
	for _, f := range c.Findings {
		s := strings.ToLower(f.Severity)
		if sevRank[s] > sevRank[sev] {
			sev = s
		}
	}
	return sev
}

// readEvents reads events.jsonl; a missing file is no events, a truncated
// last line (killed run) is dropped.
func readEvents(path string) ([]monitor.Event, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []monitor.Event
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var bad error
	for n := 1; sc.Scan(); n++ {
		if bad != nil {
			return nil, bad
		}
		if len(bytes.TrimSpace(sc.Bytes())) == 0 { // as monitor.Load
			continue
		}
		var e monitor.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			bad = fmt.Errorf("%s line %d: %w: %v", path, n, monitor.ErrCorrupt, err)
			continue
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

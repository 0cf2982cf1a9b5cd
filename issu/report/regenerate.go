package report

import (
	"fmt"
	"path/filepath"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/policy"
)

// Written lists the files Regenerate wrote.
type Written struct {
	JSON    string // report.json
	Summary string // summary.txt
	HTML    string // report.html
	NDJSON  string // report.ndjson
}

// Regenerate rebuilds every report of a run from its artifacts, as
// `goissu report results/<run-id>` does: report.json and summary.txt
// (issu.BuildReport with pol; nil = the policy the run recorded), then report.html
// and report.ndjson from them.
func Regenerate(runDir string, pol *policy.Policy) (*Written, error) {
	rep, err := issu.BuildReport(runDir, pol)
	if err != nil {
		return nil, fmt.Errorf("regenerate %s: %w", runDir, err)
	}
	if err := rep.Write(runDir); err != nil {
		return nil, fmt.Errorf("regenerate %s: %w", runDir, err)
	}
	w := &Written{JSON: filepath.Join(runDir, "report.json"), Summary: filepath.Join(runDir, "summary.txt")}
	if w.HTML, err = WriteHTML(runDir); err != nil {
		return nil, fmt.Errorf("regenerate %s: %w", runDir, err)
	}
	if w.NDJSON, err = WriteNDJSONFile(runDir); err != nil {
		return nil, fmt.Errorf("regenerate %s: %w", runDir, err)
	}
	return w, nil
}

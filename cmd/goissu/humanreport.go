package main

import (
	"io"

	"github.com/goissu/goissu/issu/report"
)

// writeHumanReports writes report.html and report.ndjson next to
// report.json (and the NDJSON on w when toStdout), returning the paths.
func writeHumanReports(runDir string, toStdout bool, w io.Writer) ([]string, error) {
	html, err := report.WriteHTML(runDir)
	if err != nil {
		return nil, err
	}
	nd, err := report.WriteNDJSONFile(runDir)
	if err != nil {
		return []string{html}, err
	}
	if toStdout {
		if _, err := report.WriteNDJSON(runDir, w); err != nil {
			return []string{html, nd}, err
		}
	}
	return []string{html, nd}, nil
}

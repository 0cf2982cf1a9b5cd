// Package report renders a finished ISSU run for people and for search:
// report.html, one self-contained page (inline CSS and SVG, no network
// fetches) with the verdict, the convergence timeline and per-device
// evidence, and report.ndjson, the run as Elasticsearch bulk-API documents
// for Kibana. Both are rebuilt from the run directory alone (report.json and
// the monitor, diff and snapshot files), so they can be regenerated at any
// time with `goissu report results/<run-id>`.
package report

package report

import "errors"

// ErrNoReport is returned when an Input has no report to render.
var ErrNoReport = errors.New("report: no report.json loaded")

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/policy"
	"github.com/goissu/goissu/issu/report"
)

func init() {
	register("report", "rebuild report.json, summary.txt and report.html of a run from its artifacts", runReportVerb)
}

// runReportVerb implements: goissu report [--policy F] [--merge SHARD...] [--strict] RUN_DIR
func runReportVerb(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("goissu report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	polPath := fs.String("policy", "", "judge the run by this policy YAML instead of the one it recorded (results/<run-id>/policy.yaml; the built-in policy for runs that recorded none)")
	merge := fs.Bool("merge", false, "RUN_DIR is created from the shard run directories given after it")
	strict := fs.Bool("strict", false, "exit 1 unless the verdict is PROCEED (for CI gates)")
	ndjson := fs.Bool("ndjson", false, "also print the run as Elasticsearch bulk NDJSON on stdout (instead of the summary)")
	mapping := fs.Bool("mapping", false, "print the Elasticsearch index mapping the NDJSON assumes, and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: goissu report [flags] results/<run-id>
       goissu report --merge results/<run-id> results/<run-id>.shard-1-of-2 results/<run-id>.shard-2-of-2

Rebuilds report.json, summary.txt (and report.html, report.ndjson) from the
artifacts of a run alone, and prints the summary.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *mapping {
		fmt.Fprintln(stdout, report.Mapping())
		return 0
	}
	if fs.NArg() < 1 || (!*merge && fs.NArg() != 1) || (*merge && fs.NArg() < 2) {
		fs.Usage()
		return 2
	}
	runDir := filepath.Clean(fs.Arg(0))
	var pol *policy.Policy // nil: the run's own policy.yaml
	if *polPath != "" {
		p, err := policy.Load(*polPath)
		if err != nil {
			fmt.Fprintf(stderr, "goissu report: %v\n", err)
			return 1
		}
		pol = p
	}
	if *merge {
		if err := issu.MergeRuns(runDir, fs.Args()[1:]); err != nil {
			fmt.Fprintf(stderr, "goissu report: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "goissu report: merged %d shards into %s\n", fs.NArg()-1, runDir)
	}
	rep, err := issu.BuildReport(runDir, pol)
	if err != nil {
		fmt.Fprintf(stderr, "goissu report: %v\n", err)
		return 1
	}
	if err := rep.Write(runDir); err != nil {
		fmt.Fprintf(stderr, "goissu report: %v\n", err)
		return 1
	}
	written := []string{filepath.Join(runDir, "report.json"), filepath.Join(runDir, "summary.txt")}
	extra, err := writeHumanReports(runDir, *ndjson, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "goissu report: %v\n", err)
		return 1
	}
	written = append(written, extra...)
	if !*ndjson {
		fmt.Fprint(stdout, rep.Summary())
	}
	fmt.Fprintf(stderr, "goissu report: wrote %s\n", strings.Join(written, ", "))
	if *strict && rep.Verdict.Decision != issu.Proceed {
		return 1
	}
	return 0
}

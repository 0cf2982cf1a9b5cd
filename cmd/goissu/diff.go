package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/diff"
)

func init() {
	register("diff", "show what changed on each device between the pre and post snapshots of a run", runDiff)
}

// runDiff implements: goissu diff [--config=false] RUN_DIR [DEVICE...]
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("goissu diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	withConfig := fs.Bool("config", true, "also show the running-config diff")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goissu diff [flags] results/<run-id> [DEVICE...]\n\nCompares the parsed pre and post snapshots key path by key path (volatile keys\nsuch as uptimes and counters excluded) and the running-configs.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() < 1 {
		fs.Usage()
		return 2
	}
	runDir := fs.Arg(0)
	pre, err := issu.LoadSnapshot(filepath.Join(runDir, string(issu.Pre)))
	if err != nil {
		fmt.Fprintf(stderr, "goissu diff: %v\n", err)
		return 1
	}
	post, err := issu.LoadSnapshot(filepath.Join(runDir, string(issu.Post)))
	if err != nil {
		fmt.Fprintf(stderr, "goissu diff: %v\n", err)
		return 1
	}
	names := fs.Args()[1:]
	if len(names) == 0 {
		names = pre.DeviceNames()
	}
	status := 0
	for _, n := range names {
		b, a := pre.Devices[n], post.Devices[n]
		if b == nil || a == nil {
			fmt.Fprintf(stderr, "goissu diff: %s: not in both the pre and the post snapshot\n", n)
			status = 1
			continue
		}
		res := diff.Compare(b.AllParsed(), a.AllParsed(), diff.Options{})
		fmt.Fprintf(stdout, "== %s: %d changes (%d volatile values excluded, %d within tolerance)\n", n, len(res.Changes), res.Excluded, res.Tolerated)
		fmt.Fprint(stdout, res.Text())
		if *withConfig {
			unified, _ := diff.Config(b.Raw[issu.LabelRunningConfig], a.Raw[issu.LabelRunningConfig])
			if unified != "" {
				fmt.Fprintf(stdout, "-- %s running-config\n%s", n, unified)
			}
		}
	}
	return status
}

// Command goissu is the one binary of the project: thin verbs over the
// packages (goissu parse, goissu lab, goissu report, goissu diff).
// Each verb lives in a file of its own and registers itself in init.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// verb is one subcommand: it gets its arguments (without the verb), writes
// to stdout/stderr and returns the exit status.
type verb struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var verbs = map[string]verb{}

func register(name, summary string, run func(args []string, stdout, stderr io.Writer) int) {
	verbs[name] = verb{summary: summary, run: run}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	v, ok := verbs[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "goissu: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return v.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: goissu <command> [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, verbs[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'goissu <command> -h' for a command's flags.")
}

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/goissu/goissu/parsers"
)

func init() {
	register("parse", "parse CLI output into Genie-schema JSON, like 'genie parse'", runParse)
}

// runParse implements: goissu parse --os nxos --command "show version" [FILE|-]
func runParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("goissu parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	osName := fs.String("os", "", "device os: nxos, iosxe or iosxr")
	command := fs.String("command", "", `the command whose output this is, e.g. "show version"`)
	list := fs.Bool("list", false, "list the supported commands per os")
	unparsed := fs.Bool("unparsed", false, "also print the lines the parser did not understand (on stderr)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: goissu parse --os OS --command "CMD" [FILE|-]
       goissu parse --list [--os OS]

Reads device output from FILE (or standard input with - or no FILE) and
prints the parsed result as indented JSON with Genie's keys.`)
		fs.PrintDefaults()
	}
	// Flags may also follow FILE, as with genie parse ("goissu parse --os
	// nxos --command 'show version' out.txt --unparsed"): the flag package
	// stops at the first argument that is not a flag, so parse again after
	// each one. After "--" every argument is a file.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		if consumed := rest[:len(rest)-fs.NArg()]; len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			files = append(files, fs.Args()...)
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *list {
		oses := parsers.OSes()
		if *osName != "" {
			oses = []string{*osName}
		}
		for _, o := range oses {
			cmds := parsers.Commands(o)
			if len(cmds) == 0 {
				fmt.Fprintf(stderr, "goissu parse: no parsers for os %q\n", o)
				return 1
			}
			fmt.Fprintf(stdout, "%s (%d commands):\n", o, len(cmds))
			for _, c := range cmds {
				fmt.Fprintf(stdout, "  %s\n", c)
			}
		}
		return 0
	}
	if *osName == "" || *command == "" {
		fmt.Fprintln(stderr, "goissu parse: --os and --command are required (or --list)")
		fs.Usage()
		return 2
	}
	if len(parsers.Commands(*osName)) == 0 {
		fmt.Fprintf(stderr, "goissu parse: unknown os %q (supported: %s)\n", *osName, strings.Join(parsers.OSes(), ", "))
		return 2
	}
	if len(files) > 1 {
		fmt.Fprintf(stderr, "goissu parse: at most one input file, got %d: %s\n", len(files), strings.Join(files, " "))
		return 2
	}
	var (
		in   []byte
		err  error
		name = "standard input"
	)
	if len(files) == 0 || files[0] == "-" {
		in, err = io.ReadAll(os.Stdin)
	} else {
		name = files[0]
		in, err = os.ReadFile(name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "goissu parse: read %s: %v\n", name, err)
		return 1
	}
	res, err := parsers.ParseWithInfo(*osName, *command, string(in))
	switch {
	case errors.Is(err, parsers.ErrNoParser):
		fmt.Fprintf(stderr, "goissu parse: no parser for %s %q (goissu parse --list shows what is supported)\n", *osName, *command)
		return 1
	case errors.Is(err, parsers.ErrEmpty):
		fmt.Fprintf(stderr, "goissu parse: %s: the output of %q holds nothing to parse\n", name, *command)
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "goissu parse: %s: %v\n", name, err)
		return 1
	}
	b, err := json.MarshalIndent(res.Parsed, "", "  ")
	if err != nil {
		fmt.Fprintf(stderr, "goissu parse: encode: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\n", b)
	if *unparsed {
		if len(res.Unparsed) == 0 {
			fmt.Fprintf(stderr, "# %s: every line understood\n", res.Class)
		} else {
			fmt.Fprintf(stderr, "# %s: %d line(s) not understood:\n", res.Class, len(res.Unparsed))
			for _, l := range res.Unparsed {
				fmt.Fprintf(stderr, "#   %s\n", strings.TrimRight(l, " "))
			}
		}
	}
	return 0
}

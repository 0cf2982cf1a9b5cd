package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/goissu/goissu/fixtures/sim"
)

func init() { register("lab", "run the simulated lab until interrupted", runLab) }

// runLab is `goissu lab`: it starts the simulated lab, writes its testbed
// and known_hosts, prints how to connect and runs until SIGINT/SIGTERM.
func runLab(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runLabCtx(ctx, args, stdout, stderr)
}

// runLabCtx is runLab with the context that ends the lab.
func runLabCtx(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("goissu lab", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scenario := fs.String("scenario", "clean-issu", "built-in scenario name or path to a scenario YAML")
	devices := fs.Int("devices", 0, "number of devices (0: the scenario's lab as written)")
	scale := fs.Float64("time-scale", sim.DefaultTimeScale, "virtual seconds per real second")
	out := fs.String("testbed-out", "", "where to write the testbed (default: <state-dir>/testbed.yaml)")
	stateDir := fs.String("state-dir", "", "where host keys live (default: a directory under the temp dir, per scenario)")
	latency := fs.Duration("latency", 0, "extra latency added to every command")
	show := fs.Int("list", 10, "devices to list in the connection help")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goissu lab [--scenario clean-issu] [--devices N] [--time-scale 60] [--testbed-out lab.yaml]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "goissu lab: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	start := time.Now()
	lab, err := sim.Start(ctx, sim.LabConfig{
		Scenario:    *scenario,
		Devices:     *devices,
		TimeScale:   *scale,
		Latency:     *latency,
		StateDir:    *stateDir,
		TestbedPath: *out,
	})
	if err != nil {
		fmt.Fprintf(stderr, "goissu lab: %v\n", err)
		return 1
	}
	defer lab.Close()
	printLabHelp(stdout, lab, *scale, *show, time.Since(start))
	<-ctx.Done()
	fmt.Fprintln(stdout, "goissu lab: stopping")
	if err := lab.Close(); err != nil {
		fmt.Fprintf(stderr, "goissu lab: close: %v\n", err)
		return 1
	}
	return 0
}

// printLabHelp says where the lab is and how to reach it. It never prints
// a password taken from the environment.
func printLabHelp(w io.Writer, lab *sim.Lab, scale float64, show int, took time.Duration) {
	names := lab.Names()
	fmt.Fprintf(w, "goissu lab: scenario %s, %d devices, time scale %gx, started in %s\n",
		lab.Scenario().Name, len(names), scale, took.Round(time.Millisecond))
	fmt.Fprintf(w, "testbed:     %s\n", lab.TestbedPath())
	fmt.Fprintf(w, "known_hosts: %s\n", lab.KnownHostsPath())
	if os.Getenv(sim.PasswordEnv) == "" {
		fmt.Fprintf(w, "password:    %s is unset, so the lab uses the default password %q (user admin);\n", sim.PasswordEnv, sim.DefaultPassword)
		fmt.Fprintf(w, "             testbed users need: export %s=%s\n", sim.PasswordEnv, sim.DefaultPassword)
	} else {
		fmt.Fprintf(w, "password:    from $%s (user admin)\n", sim.PasswordEnv)
	}
	fmt.Fprintln(w, "connect:")
	for i, n := range names {
		if i == show {
			fmt.Fprintf(w, "  ... and %d more in the testbed\n", len(names)-show)
			break
		}
		port := lab.Addr(n)[strings.LastIndexByte(lab.Addr(n), ':')+1:]
		fmt.Fprintf(w, "  %-12s %-6s ssh -p %s -o UserKnownHostsFile=%s admin@127.0.0.1\n",
			n, lab.Device(n).OS(), port, lab.KnownHostsPath())
	}
	fmt.Fprintln(w, "Press Ctrl-C to stop.")
}

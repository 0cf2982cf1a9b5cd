package iosxe_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/goissu/goissu/parsers"
)

// BenchmarkGolden parses, per class, every golden case of the class once
// per op with the case's parameters: the inputs parsers'
// BenchmarkGoldenSpeedup takes its per-class medians over, in a form
// callgrind and -benchmem can measure one class at a time.
func BenchmarkGolden(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "golden")
	if d := os.Getenv("GOISSU_GOLDEN"); d != "" {
		dir = d
	}
	raw, err := os.ReadFile(filepath.Join(dir, "INDEX.json"))
	if err != nil {
		b.Skipf("golden corpus not found at %s", dir)
	}
	var idx struct {
		OS map[string]map[string]struct {
			Cases []struct {
				Kind              string         `json:"kind"`
				Output            string         `json:"output"`
				Arguments         map[string]any `json:"arguments"`
				CommandCandidates []string       `json:"command_candidates"`
			} `json:"cases"`
		} `json:"os"`
	}
	if err := json.Unmarshal(raw, &idx); err != nil {
		b.Fatal(err)
	}
	var classes []string
	for c := range idx.OS["iosxe"] {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, class := range classes {
		p, ok := parsers.ByClass("iosxe", class)
		if !ok {
			continue
		}
		type input struct {
			text   string
			params parsers.Params
		}
		var ins []input
		size := 0
		for _, c := range idx.OS["iosxe"][class].Cases {
			if c.Kind == "empty" {
				continue
			}
			text, err := os.ReadFile(filepath.Join(dir, c.Output))
			if err != nil {
				b.Fatal(err)
			}
			params := parsers.Params{}
			for _, cand := range c.CommandCandidates {
				if lp, ps, err := parsers.Lookup(strings.SplitN(c.Output, "/", 2)[0], cand); err == nil && lp != nil {
					for k, v := range ps {
						params[k] = v
					}
					break
				}
			}
			for k, v := range c.Arguments {
				params[k] = fmt.Sprint(v)
			}
			ins = append(ins, input{string(text), params})
			size += len(text)
		}
		if len(ins) == 0 {
			continue
		}
		b.Run(class, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, in := range ins {
					_, _ = p.Parse(in.text, in.params)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ins)), "ns/case")
		})
	}
}

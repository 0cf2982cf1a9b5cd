package parsers

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The conformance test walks Genie's golden corpus (../shared/golden beside
// the repository, or $GOISSU_GOLDEN), parses every case with the parser
// registered for its class and compares the decoded JSON with Genie's. It
// skips cleanly where the corpus is absent.
//
// Cases listed in testdata/known-mismatch-*.txt ("os/Class/case reason")
// are allowed to differ; every other case must match exactly. A listed case
// that starts matching is reported so the list stays honest.

var conformanceVerbose = flag.Bool("conformance.table", false, "print the per-class conformance table")

type goldenIndex struct {
	OS map[string]map[string]goldenClass `json:"os"`
}

type goldenClass struct {
	CLICommands []string     `json:"cli_commands"`
	Cases       []goldenCase `json:"cases"`
}

type goldenCase struct {
	Case              string         `json:"case"`
	Kind              string         `json:"kind"`
	Output            string         `json:"output"`
	Expected          string         `json:"expected"`
	Arguments         map[string]any `json:"arguments"`
	CommandCandidates []string       `json:"command_candidates"`
}

func goldenDir(t testing.TB) string {
	if d := os.Getenv("GOISSU_GOLDEN"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	// parsers/ -> repo root -> ../shared/golden
	return filepath.Join(wd, "..", "..", "shared", "golden")
}

func loadKnownMismatches(t *testing.T) map[string]string {
	known := map[string]string{}
	files, _ := filepath.Glob(filepath.Join("testdata", "known-mismatch-*.txt"))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			id, reason, _ := strings.Cut(line, " ")
			known[id] = strings.TrimSpace(reason)
		}
		fh.Close()
	}
	return known
}

type classStats struct {
	cases, exact, empties, emptyOK int
	expLeaves, gotLeaves, hit      int
}

func TestConformance(t *testing.T) {
	dir := goldenDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "INDEX.json"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("golden corpus not found at %s (set GOISSU_GOLDEN): skipping conformance", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var idx goldenIndex
	if err := json.Unmarshal(raw, &idx); err != nil {
		t.Fatalf("INDEX.json: %v", err)
	}
	known := loadKnownMismatches(t)
	stats := map[string]*classStats{}
	var totalCases, totalExact int
	for _, osName := range sortedKeys(idx.OS) {
		for _, class := range sortedKeys(idx.OS[osName]) {
			gc := idx.OS[osName][class]
			st := &classStats{}
			stats[osName+"/"+class] = st
			p, ok := ByClass(osName, class)
			for _, c := range gc.Cases {
				id := osName + "/" + class + "/" + c.Case
				t.Run(id, func(t *testing.T) {
					text, err := os.ReadFile(filepath.Join(dir, c.Output))
					if err != nil {
						t.Fatal(err)
					}
					params := caseParams(c)
					if c.Kind == "empty" {
						st.empties++
						if !ok {
							t.Errorf("no parser registered for %s %s", osName, class)
							return
						}
						_, err := p.Parse(string(text), params)
						if errors.Is(err, ErrEmpty) {
							st.emptyOK++
							return
						}
						t.Errorf("%s: want ErrEmpty, got %v", id, err)
						return
					}
					st.cases++
					totalCases++
					want := map[string]any{}
					exp, err := os.ReadFile(filepath.Join(dir, c.Expected))
					if err != nil {
						t.Fatal(err)
					}
					if err := json.Unmarshal(exp, &want); err != nil {
						t.Fatal(err)
					}
					wantLeaves := leaves(want)
					st.expLeaves += len(wantLeaves)
					reason, isKnown := known[id]
					fail := func(format string, args ...any) {
						if isKnown {
							t.Logf("known mismatch (%s): "+format, append([]any{reason}, args...)...)
							return
						}
						t.Errorf(format, args...)
					}
					if !ok {
						fail("no parser registered for %s %s", osName, class)
						return
					}
					res, err := p.Parse(string(text), params)
					if err != nil {
						fail("parse: %v", err)
						return
					}
					b, err := json.Marshal(res.Parsed)
					if err != nil {
						t.Fatalf("marshal: %v", err)
					}
					var got any
					if err := json.Unmarshal(b, &got); err != nil {
						t.Fatal(err)
					}
					gotLeaves := leaves(got)
					st.gotLeaves += len(gotLeaves)
					for k, v := range gotLeaves {
						if w, ok := wantLeaves[k]; ok && reflect.DeepEqual(w, v) {
							st.hit++
						}
					}
					if reflect.DeepEqual(any(want), got) {
						st.exact++
						totalExact++
						if isKnown {
							t.Logf("%s now matches: remove it from testdata/known-mismatch-*.txt", id)
						}
						return
					}
					fail("%s differs from Genie:\n%s", id, leafDiff(wantLeaves, gotLeaves, 20))
				})
			}
		}
	}
	if totalCases == 0 {
		t.Fatal("corpus has no cases")
	}
	ratio := float64(totalExact) / float64(totalCases)
	var b strings.Builder
	fmt.Fprintf(&b, "%-46s %5s %5s %6s %7s %7s\n", "class", "cases", "exact", "empty", "recall", "precis")
	for _, k := range sortedKeys(stats) {
		s := stats[k]
		fmt.Fprintf(&b, "%-46s %5d %5d %3d/%-2d %6.1f%% %6.1f%%\n", k, s.cases, s.exact, s.emptyOK, s.empties,
			pct(s.hit, s.expLeaves), pct(s.hit, s.gotLeaves))
	}
	fmt.Fprintf(&b, "overall: %d/%d cases exact (%.1f%%)\n", totalExact, totalCases, 100*ratio)
	if *conformanceVerbose || testing.Verbose() {
		t.Log("\n" + b.String())
	}
	_ = os.WriteFile(filepath.Join(os.TempDir(), "goissu-conformance.txt"), []byte(b.String()), 0o644)
}

func caseParams(c goldenCase) Params {
	params := Params{}
	for _, cand := range c.CommandCandidates {
		osName := strings.SplitN(c.Output, "/", 2)[0]
		if p, ps, err := Lookup(osName, cand); err == nil && p != nil {
			for k, v := range ps {
				params[k] = v
			}
			break
		}
	}
	for k, v := range c.Arguments {
		params[k] = fmt.Sprint(v)
	}
	return params
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// leaves flattens decoded JSON to "a.b.c" -> leaf value. Empty maps and
// lists count as leaves so their presence is compared too.
func leaves(v any) map[string]any {
	out := map[string]any{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if len(x) == 0 {
				out[prefix] = x
			}
			for k, c := range x {
				walk(prefix+"."+k, c)
			}
		case []any:
			if len(x) == 0 {
				out[prefix] = x
			}
			for i, c := range x {
				walk(fmt.Sprintf("%s[%d]", prefix, i), c)
			}
		default:
			out[prefix] = v
		}
	}
	walk("", v)
	return out
}

func leafDiff(want, got map[string]any, max int) string {
	var lines []string
	for _, k := range sortedKeys(want) {
		g, ok := got[k]
		switch {
		case !ok:
			lines = append(lines, fmt.Sprintf("  missing %s = %#v", k, want[k]))
		case !reflect.DeepEqual(g, want[k]):
			lines = append(lines, fmt.Sprintf("  changed %s: want %#v got %#v", k, want[k], g))
		}
	}
	for _, k := range sortedKeys(got) {
		if _, ok := want[k]; !ok {
			lines = append(lines, fmt.Sprintf("  extra   %s = %#v", k, got[k]))
		}
	}
	if len(lines) > max {
		lines = append(lines[:max], fmt.Sprintf("  ... %d more", len(lines)-max))
	}
	return strings.Join(lines, "\n")
}

package issu

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goissu/goissu/issu/policy"
)

// PolicyFile is where a run records the policy it applied, after every
// change made in code (the built-in lab's prefixes and outage slack), as a
// policy file (policy.Policy.YAML). `goissu report` rebuilds the report
// under it, so a rebuilt verdict uses the limits the run was judged by.
const PolicyFile = "policy.yaml"

// WritePolicy records p as the run's policy.yaml, headed by origin (one
// line saying where the policy came from, such as the -policy file's
// digest and path) as a comment; PolicyOrigin reads it back.
func (r *Run) WritePolicy(p *policy.Policy, origin string) error {
	b, err := p.YAML()
	if err != nil {
		return fmt.Errorf("record the policy of run %s: %w", r.ID, err)
	}
	origin = strings.Join(strings.Fields(origin), " ") // one line
	return r.WriteFile(append([]byte(policyOriginPrefix+origin+"\n"), b...), PolicyFile)
}

const policyOriginPrefix = "# goissu policy of the run, from: "

// PolicyOrigin returns the origin the run's policy.yaml was written with
// ("" when it has none).
func (r *Run) PolicyOrigin() (string, error) {
	b, err := os.ReadFile(filepath.Join(r.Dir, PolicyFile))
	if err != nil {
		return "", fmt.Errorf("recorded policy of run %s: %w", r.ID, err)
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	origin, ok := strings.CutPrefix(string(line), policyOriginPrefix)
	if !ok {
		return "", nil
	}
	return origin, nil
}

// ReadPolicy loads the policy the run recorded. A run that recorded none
// (made by a goissu before it did) gives an error wrapping os.ErrNotExist.
func (r *Run) ReadPolicy() (*policy.Policy, error) {
	p, err := policy.Load(filepath.Join(r.Dir, PolicyFile))
	if err != nil {
		return nil, fmt.Errorf("recorded policy of run %s: %w", r.ID, err)
	}
	return p, nil
}

// policyBody is policy.yaml without its origin line: shards on different
// runners may name the same -policy file by different paths.
func policyBody(b []byte) []byte {
	if bytes.HasPrefix(b, []byte(policyOriginPrefix)) {
		_, b, _ = bytes.Cut(b, []byte("\n"))
	}
	return b
}

// mergePolicy copies the shards' policy.yaml into out. Shards of one run
// apply one policy; if two recorded different ones, no single report can
// judge them all and the merge stops, naming both.
func mergePolicy(out *Run, srcs []string) error {
	var first []byte
	var from string
	for _, src := range srcs {
		b, err := os.ReadFile(filepath.Join(src, PolicyFile))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("merge %s: %w", src, err)
		}
		if first == nil {
			first, from = b, src
			continue
		}
		if !bytes.Equal(policyBody(first), policyBody(b)) {
			return fmt.Errorf("merge: %s and %s recorded different policies (%s): merge shards of one run only", from, src, PolicyFile)
		}
	}
	if first == nil {
		return nil
	}
	if err := out.WriteFile(first, PolicyFile); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	return nil
}

// judgingPolicy is the policy a run is judged by: pol when given, else the
// one the run recorded, else (a run that recorded none) the built-in one.
func judgingPolicy(run *Run, pol *policy.Policy) (*policy.Policy, error) {
	if pol != nil {
		return pol, nil
	}
	p, err := run.ReadPolicy()
	if errors.Is(err, os.ErrNotExist) {
		return policy.Default(), nil
	}
	return p, err
}

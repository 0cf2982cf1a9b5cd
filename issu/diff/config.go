package diff

import (
	"fmt"
	"regexp"
	"strings"
)

// Line is one changed line of a config diff.
type Line struct {
	Kind   string `json:"kind"` // "+" (only after) or "-" (only before)
	Text   string `json:"text"`
	Before int    `json:"before,omitempty"` // line number in before (for "-")
	After  int    `json:"after,omitempty"`  // line number in after (for "+")
}

// volatileLine matches running-config lines that change without a
// configuration change: timestamps and headers (NX-OS !Time:, IOS
// "Last configuration change", IOS-XR date line) and ntp clock-period.
var volatileLine = regexp.MustCompile(`(?i)^\s*(` +
	`!\s*Time:.*|` +
	`!\s*Running configuration last done at:.*|` +
	`!+\s*Last configuration change.*|` +
	`!\s*NVRAM config last updated.*|` +
	`!\s*No configuration change since last restart.*|` +
	`Building configuration\.\.\..*|` +
	`Current configuration\s*:.*|` +
	`ntp clock-period\s+\d+.*|` +
	`(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+\w{3}\s+\d+\s+\d\d:\d\d:\d\d(\.\d+)?\s*\w*` +
	`)\s*$`)

// isVolatile tests the first character before the regexp: ordinary
// config lines never start like a volatile one, and the regexp is slow.
func isVolatile(l string) bool {
	t := strings.TrimLeft(l, " \t")
	if t == "" {
		return false
	}
	switch t[0] | 0x20 { // ASCII lower case; '!' stays '!'
	case '!', 'b', 'c', 'n', 'm', 't', 'w', 'f', 's':
		return volatileLine.MatchString(l)
	}
	return false
}

// contextLines around each hunk of the unified diff.
const contextLines = 3

// maxEdits bounds the diff work; beyond it the differing middle of the
// two configs is reported as replaced wholesale.
const maxEdits = 4000

// Config diffs two running-configs, ignoring volatile lines, and returns
// the unified diff ("" when equal) and the changed lines.
func Config(before, after string) (unified string, changed []Line) {
	a := splitConfig(before)
	b := splitConfig(after)
	ops := diffLines(a, b)
	for _, op := range ops {
		switch op.kind {
		case '-':
			changed = append(changed, Line{Kind: "-", Text: a[op.i].text, Before: a[op.i].n})
		case '+':
			changed = append(changed, Line{Kind: "+", Text: b[op.j].text, After: b[op.j].n})
		}
	}
	if len(changed) == 0 {
		return "", nil
	}
	return unifiedText(a, b, ops), changed
}

type cfgLine struct {
	text string
	n    int // 1-based line number in the original text
}

func splitConfig(s string) []cfgLine {
	s = strings.ReplaceAll(s, "\r", "")
	var out []cfgLine
	for i, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" || isVolatile(l) {
			continue
		}
		out = append(out, cfgLine{text: l, n: i + 1})
	}
	return out
}

type edit struct {
	kind byte // ' ', '-', '+'
	i, j int  // indexes into a (for ' ' and '-') and b (for ' ' and '+')
}

// diffLines is Myers' O(ND) diff on the lines after trimming the common
// prefix and suffix.
func diffLines(a, b []cfgLine) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].text == b[pre].text {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].text == b[len(b)-1-suf].text {
		suf++
	}
	ops := make([]edit, 0, max(len(a), len(b))+8)
	for k := 0; k < pre; k++ {
		ops = append(ops, edit{' ', k, k})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for k := 0; k < suf; k++ {
		ops = append(ops, edit{' ', len(a) - suf + k, len(b) - suf + k})
	}
	return ops
}

func myers(a, b []cfgLine, offA, offB int) []edit {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil
	}
	maxD := n + m
	if maxD > maxEdits {
		maxD = maxEdits
	}
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	found := false
	for d := 0; d <= maxD && !found; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x].text == b[y].text {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = true
				break
			}
		}
	}
	if !found { // too different: replace wholesale
		var ops []edit
		for i := range a {
			ops = append(ops, edit{'-', offA + i, 0})
		}
		for j := range b {
			ops = append(ops, edit{'+', 0, offB + j})
		}
		return ops
	}
	// Backtrack: trace[d] holds v before step d, for k in [-d-1, d+1].
	var rev []edit
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		vd := trace[d]
		get := func(k int) int { return vd[k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		for x > px && y > py {
			x--
			y--
			rev = append(rev, edit{' ', offA + x, offB + y})
		}
		if x == px {
			y--
			rev = append(rev, edit{'+', 0, offB + y})
		} else {
			x--
			rev = append(rev, edit{'-', offA + x, 0})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, edit{' ', offA + x, offB + y})
	}
	ops := make([]edit, len(rev))
	for i := range rev {
		ops[i] = rev[len(rev)-1-i]
	}
	return ops
}

// unifiedText renders edits as a unified diff with context hunks.
func unifiedText(a, b []cfgLine, ops []edit) string {
	var sb strings.Builder
	sb.WriteString("--- before\n+++ after\n")
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-contextLines, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*contextLines {
				end = min(end+contextLines, len(ops))
				break
			}
			end = run
		}
		var aStart, bStart, aN, bN int
		aStart, bStart = -1, -1
		for _, op := range ops[start:end] {
			switch op.kind {
			case ' ':
				if aStart < 0 {
					aStart = a[op.i].n
				}
				if bStart < 0 {
					bStart = b[op.j].n
				}
				aN++
				bN++
			case '-':
				if aStart < 0 {
					aStart = a[op.i].n
				}
				aN++
			case '+':
				if bStart < 0 {
					bStart = b[op.j].n
				}
				bN++
			}
		}
		fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", max(aStart, 0), aN, max(bStart, 0), bN)
		for _, op := range ops[start:end] {
			switch op.kind {
			case ' ':
				sb.WriteString(" " + a[op.i].text + "\n")
			case '-':
				sb.WriteString("-" + a[op.i].text + "\n")
			case '+':
				sb.WriteString("+" + b[op.j].text + "\n")
			}
		}
		i = end
	}
	return sb.String()
}

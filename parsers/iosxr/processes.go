package iosxr

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowProcessesCpu is the parsed output of "show processes cpu". The
// location key is the word before "utilization" in the summary line
// ("CPU"), or the node name of a "---- node0_RP0_CPU0 ----" banner when
// the output covers several nodes.
type ShowProcessesCpu struct {
	Location map[string]*ProcessesCpuLocation `json:"location"`
}

// ProcessesCpuLocation is one node's load and its processes, numbered from
// 1 in output order.
type ProcessesCpuLocation struct {
	OneMinCPU     *int              `json:"one_min_cpu,omitempty"`
	FiveMinCPU    *int              `json:"five_min_cpu,omitempty"`
	FifteenMinCPU *int              `json:"fifteen_min_cpu,omitempty"`
	Index         ProcessesCpuIndex `json:"index,omitempty"`

	loads [3]int // storage for the three loads
}

// ProcessesCpuEntry is one process row; loads are whole percent.
type ProcessesCpuEntry struct {
	OneMinCPU     int    `json:"one_min_cpu"`
	FiveMinCPU    int    `json:"five_min_cpu"`
	FifteenMinCPU int    `json:"fifteen_min_cpu"`
	PID           int    `json:"pid"`
	Process       string `json:"process"`
}

// ProcessesCpuIndex is a node's process rows in output order. It encodes
// as Genie's object keyed by row number ("1", "2", ...), as a map[int]
// would, without the map's cost per row.
type ProcessesCpuIndex []*ProcessesCpuEntry

// MarshalJSON writes {"1": {...}, "2": {...}, ...}.
func (l ProcessesCpuIndex) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map[int]
// the list stands for: row numbers in the order of their decimal strings
// ("10" before "2"). issu's artifact encoder calls it directly.
func (l ProcessesCpuIndex) AppendJSON(b []byte) ([]byte, error) {
	if slices.Contains(l, nil) {
		return nil, errors.New("index: nil row")
	}
	b = append(b, '{')
	// Visit 1..n in string order: the preorder of their decimal digits.
	for i, k := 0, 1; i < len(l); i++ {
		if i > 0 {
			b = append(b, ',')
		}
		e := l[k-1]
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, `":{"one_min_cpu":`...)
		b = strconv.AppendInt(b, int64(e.OneMinCPU), 10)
		b = append(b, `,"five_min_cpu":`...)
		b = strconv.AppendInt(b, int64(e.FiveMinCPU), 10)
		b = append(b, `,"fifteen_min_cpu":`...)
		b = strconv.AppendInt(b, int64(e.FifteenMinCPU), 10)
		b = append(b, `,"pid":`...)
		b = strconv.AppendInt(b, int64(e.PID), 10)
		b = append(b, `,"process":`...)
		b = core.AppendJSONString(b, e.Process)
		b = append(b, '}')
		if k*10 <= len(l) {
			k *= 10
			continue
		}
		for k%10 == 9 || k+1 > len(l) {
			k /= 10
		}
		k++
	}
	return append(b, '}'), nil
}

func init() {
	register(core.Entry{
		Class:    "ShowProcessesCpu",
		Commands: []string{"show processes cpu"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowProcessesCpu(out))
		},
	})
}

// ParseShowProcessesCpu parses "show processes cpu".
func ParseShowProcessesCpu(out string) (*ShowProcessesCpu, error) {
	r, _, err := parseShowProcessesCpu(out)
	return r, err
}

func pct(s string) (int, bool) {
	return atoi(strings.TrimSuffix(strings.TrimSuffix(s, ";"), "%"))
}

func parseShowProcessesCpu(out string) (*ShowProcessesCpu, []string, error) {
	var un core.Unparsed
	res := &ShowProcessesCpu{Location: map[string]*ProcessesCpuLocation{}}
	var cur *ProcessesCpuLocation
	var slab slab[ProcessesCpuEntry]
	banner := ""
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "PID") && strings.Contains(t, "1Min") {
			continue
		}
		if strings.HasPrefix(t, "----") && strings.HasSuffix(t, "----") {
			banner = strings.Trim(t, "- ")
			cur = nil
			continue
		}
		// The summary line has a colon; rows nearly never do, and the
		// colon is found far faster than the phrase.
		if i := indexUtilization(t); i > 0 {
			loc := banner
			if loc == "" {
				loc = t[:i]
			}
			cur = &ProcessesCpuLocation{}
			res.Location[loc] = cur
			// one minute: 0%; five minutes: 0%; fifteen minutes: 0%
			var fb [16]string
			f := fieldsInto(fb[:0], t[i:])
			var vals [3]int
			nv := 0 // how many percentages; only exactly three are taken
			for _, w := range f {
				if strings.HasSuffix(strings.TrimSuffix(w, ";"), "%") {
					if n, ok := pct(w); ok {
						if nv < len(vals) {
							vals[nv] = n
						}
						nv++
					}
				}
			}
			if nv == 3 {
				cur.loads = vals
				cur.OneMinCPU, cur.FiveMinCPU, cur.FifteenMinCPU = &cur.loads[0], &cur.loads[1], &cur.loads[2]
				continue
			}
			un.Add(line)
			continue
		}
		// A row's first four fields are read, and a fifth must exist.
		var fb [5]string
		f := fieldsIntoN(fb[:0], t, 5)
		if cur != nil && len(f) >= 5 && isDigits(f[0]) {
			pid, _ := atoi(f[0])
			a, ok1 := pct(f[1])
			b, ok2 := pct(f[2])
			c, ok3 := pct(f[3])
			if ok1 && ok2 && ok3 {
				// The name follows the fourth field; f[i] starts at
				// the first non-blank after the previous field.
				pos := 0
				for i := 0; i < 4; i++ {
					for t[pos] == ' ' || t[pos] == '\t' {
						pos++
					}
					pos += len(f[i])
				}
				// Rows come from a slab that starts small and grows;
				// fields are set one by one into the zeroed slot (a
				// struct copy into the heap takes the bulk write barrier
				// while the GC runs).
				e := slab.next(4)
				e.PID, e.OneMinCPU, e.FiveMinCPU, e.FifteenMinCPU = pid, a, b, c
				e.Process = strings.TrimSpace(t[pos:])
				if cur.Index == nil {
					// Rows are at most the lines: one allocation for
					// an output of one node.
					cur.Index = make(ProcessesCpuIndex, 0, min(lineCount(out), 256))
				}
				cur.Index = append(cur.Index, e)
				continue
			}
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if len(res.Location) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// indexUtilization is strings.Index(t, " utilization for one minute: "),
// -1 at once for a line without a colon.
func indexUtilization(t string) int {
	if strings.IndexByte(t, ':') < 0 {
		return -1
	}
	return strings.Index(t, " utilization for one minute: ")
}

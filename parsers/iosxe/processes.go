package iosxe

import (
	"math"
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowProcessesCpu is the result of "show processes cpu [sorted]" (Genie
// ShowProcessesCpu, ShowProcessesCpuSorted).
type ShowProcessesCpu struct {
	Core                 map[string]*CPUUtil `json:"core,omitempty"`
	FiveSecCPUInterrupts *int                `json:"five_sec_cpu_interrupts,omitempty"`
	FiveSecCPUTotal      *int                `json:"five_sec_cpu_total,omitempty"`
	OneMinCPU            *int                `json:"one_min_cpu,omitempty"`
	FiveMinCPU           *int                `json:"five_min_cpu,omitempty"`
	ZeroCPUProcesses     []string            `json:"zero_cpu_processes,omitempty"`
	NonzeroCPUProcesses  []string            `json:"nonzero_cpu_processes,omitempty"`
	Sort                 map[string]*CPUProc `json:"sort,omitempty"`
}

// ShowProcessesCpuSorted has the same shape as ShowProcessesCpu.
type ShowProcessesCpuSorted = ShowProcessesCpu

// CPUUtil is one core's utilisation.
type CPUUtil struct {
	FiveSecCPUInterrupts *int `json:"five_sec_cpu_interrupts,omitempty"`
	FiveSecCPUTotal      *int `json:"five_sec_cpu_total,omitempty"`
	OneMinCPU            *int `json:"one_min_cpu,omitempty"`
	FiveMinCPU           *int `json:"five_min_cpu,omitempty"`
}

// CPUProc is one process row, keyed by its 1-based row index.
type CPUProc struct {
	Runtime    int    `json:"runtime"`
	Invoked    int    `json:"invoked"`
	USecs      int    `json:"usecs"`
	FiveSecCPU Float  `json:"five_sec_cpu"`
	OneMinCPU  Float  `json:"one_min_cpu"`
	FiveMinCPU Float  `json:"five_min_cpu"`
	TTY        int    `json:"tty"`
	PID        int    `json:"pid"`
	Process    string `json:"process"`
}

// ParseShowProcessesCpu parses "show processes cpu" and its sorted form.
func ParseShowProcessesCpu(out string) (*ShowProcessesCpu, error) {
	r, _, err := parseShowProcessesCpu(out, nil)
	return r, err
}

func pctFloat(s string) (Float, bool) {
	// Most processes idle: skip ParseFloat for the zero readings.
	switch s {
	case "0.00%", "0.00", "0%", "0":
		return 0, true
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	// ParseFloat accepts "NaN" and "Inf", which no CPU reading is and
	// encoding/json cannot write: such a row is not understood.
	return Float(f), err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
}

func parseShowProcessesCpu(out string, _ core.Params) (*ShowProcessesCpu, []string, error) {
	var un core.Unparsed
	res := &ShowProcessesCpu{}
	found := false
	var (
		fbuf  [12]string
		procs slab[CPUProc]
	)
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show proc") || strings.IndexByte(l, '#') >= 0 && core.IsPromptEcho(l) || strings.HasPrefix(l, "Load for ") || strings.HasPrefix(l, "Time source") ||
			strings.HasPrefix(l, "PID ") || strings.HasPrefix(l, "Please use") || strings.HasPrefix(l, "This command only shows") || strings.HasPrefix(l, "to show processes") {
			continue
		}
		if strings.Contains(l, "CPU utilization") {
			if m := (scanM{}); matchCPUUtil(l, &m) {
				found = true
				u := CPUUtil{FiveSecCPUTotal: ptr(atoi(m[2])), OneMinCPU: ptr(atoi(m[4])), FiveMinCPU: ptr(atoi(m[5]))}
				if m[3] != "" {
					u.FiveSecCPUInterrupts = ptr(atoi(m[3]))
				}
				if m[1] != "" {
					if res.Core == nil {
						res.Core = map[string]*CPUUtil{}
					}
					res.Core[m[1]] = &u
				} else {
					res.FiveSecCPUInterrupts, res.FiveSecCPUTotal, res.OneMinCPU, res.FiveMinCPU = u.FiveSecCPUInterrupts, u.FiveSecCPUTotal, u.OneMinCPU, u.FiveMinCPU
				}
				continue
			}
		}
		f, nameAt := fieldsN(fbuf[:0], l, 8)
		if len(f) == 8 && nameAt < len(l) {
			pid, ok1 := atoiFast(f[0])
			rt, ok2 := atoiFast(f[1])
			inv, ok3 := atoiFast(f[2])
			us, ok4 := atoiFast(f[3])
			s5, ok5 := pctFloat(f[4])
			m1, ok6 := pctFloat(f[5])
			m5, ok7 := pctFloat(f[6])
			tty, ok8 := atoiFast(f[7])
			if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && ok8 {
				found = true
				// The name is the rest of the line and may hold spaces.
				name := l[nameAt:]
				if res.Sort == nil {
					res.Sort = make(map[string]*CPUProc, rowHint(out))
				}
				p := procs.next()
				*p = CPUProc{PID: pid, Runtime: rt, Invoked: inv, USecs: us, FiveSecCPU: s5, OneMinCPU: m1, FiveMinCPU: m5, TTY: tty, Process: name}
				res.Sort[indexKey(len(res.Sort)+1)] = p
				if s5 == 0 && m1 == 0 && m5 == 0 {
					res.ZeroCPUProcesses = append(res.ZeroCPUProcesses, name)
				} else {
					res.NonzeroCPUProcesses = append(res.NonzeroCPUProcesses, name)
				}
				continue
			}
		}
		un.Add(raw)
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// MemPool is a memory pool's totals.
type MemPool struct {
	Total int `json:"total"`
	Used  int `json:"used"`
	Free  int `json:"free"`
}

// MemProc is one process row of "show processes memory".
type MemProc struct {
	PID       int    `json:"pid"`
	TTY       int    `json:"tty"`
	Allocated int    `json:"allocated"`
	Freed     int    `json:"freed"`
	Holding   int    `json:"holding"`
	Getbufs   int    `json:"getbufs"`
	Retbufs   int    `json:"retbufs"`
	Process   string `json:"process,omitempty"`
}

// ShowProcessesMemory is the result of "show processes memory" (Genie
// ShowProcessesMemory): pools, and processes keyed by PID then row index.
type ShowProcessesMemory struct {
	ProcessorPool *MemPool                `json:"processor_pool,omitempty"`
	ReservePPool  *MemPool                `json:"reserve_p_pool,omitempty"`
	LsmiIOPool    *MemPool                `json:"lsmi_io_pool,omitempty"`
	PID           map[string]*MemPIDEntry `json:"pid,omitempty"`
}

// MemPIDEntry holds the rows of one PID keyed by 1-based index.
type MemPIDEntry struct {
	Index map[string]*MemProc `json:"index"`
}

// ShowProcessesMemorySorted is the result of "show processes memory
// sorted": pools and processes keyed by name.
type ShowProcessesMemorySorted struct {
	ProcessorPool    MemPool             `json:"processor_pool"`
	ReservePPool     *MemPool            `json:"reserve_p_pool,omitempty"`
	LsmiIOPool       MemPool             `json:"lsmi_io_pool"`
	PerProcessMemory map[string]*MemProc `json:"per_process_memory"`
}

var ()

type memScan struct {
	pools map[string]*MemPool
	rows  []*MemProc
	un    core.Unparsed
}

func scanProcessesMemory(out string) *memScan {
	s := &memScan{pools: map[string]*MemPool{}}
	var (
		fbuf [8]string
		rows slab[MemProc]
	)
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show proc") || strings.HasPrefix(l, "PID ") || strings.HasSuffix(l, " Total") || mayBePrompt(l) && core.IsPromptEcho(l) {
			continue
		}
		if name, p, ok := poolLine(l); ok {
			s.pools[name] = p
			continue
		}
		if p, ok := memRow(l, &fbuf, &rows); ok {
			s.rows = append(s.rows, p)
			continue
		}
		s.un.Add(raw)
	}
	return s
}

// ParseShowProcessesMemory parses "show processes memory".
func ParseShowProcessesMemory(out string) (*ShowProcessesMemory, error) {
	r, _, err := parseShowProcessesMemory(out, nil)
	return r, err
}

func parseShowProcessesMemory(out string, _ core.Params) (*ShowProcessesMemory, []string, error) {
	s := scanProcessesMemory(out)
	res := &ShowProcessesMemory{ProcessorPool: s.pools["Processor"], ReservePPool: s.pools["reserve P"], LsmiIOPool: s.pools["lsmpi_io"]}
	for _, r := range s.rows {
		if res.PID == nil {
			res.PID = map[string]*MemPIDEntry{}
		}
		k := strconv.Itoa(r.PID)
		e := res.PID[k]
		if e == nil {
			e = &MemPIDEntry{Index: map[string]*MemProc{}}
			res.PID[k] = e
		}
		e.Index[strconv.Itoa(len(e.Index)+1)] = r
	}
	if len(s.pools) == 0 && len(s.rows) == 0 {
		return nil, s.un.Lines(), core.ErrEmpty
	}
	return res, s.un.Lines(), nil
}

// ParseShowProcessesMemorySorted parses "show processes memory sorted".
func ParseShowProcessesMemorySorted(out string) (*ShowProcessesMemorySorted, error) {
	r, _, err := parseShowProcessesMemorySorted(out, nil)
	return r, err
}

func parseShowProcessesMemorySorted(out string, _ core.Params) (*ShowProcessesMemorySorted, []string, error) {
	s := scanProcessesMemory(out)
	if len(s.pools) == 0 && len(s.rows) == 0 {
		return nil, s.un.Lines(), core.ErrEmpty
	}
	res := &ShowProcessesMemorySorted{ReservePPool: s.pools["reserve P"], PerProcessMemory: make(map[string]*MemProc, len(s.rows))}
	if p := s.pools["Processor"]; p != nil {
		res.ProcessorPool = *p
	}
	if p := s.pools["lsmpi_io"]; p != nil {
		res.LsmiIOPool = *p
	}
	// The rows belong to this call: move the name into the key in place.
	for _, r := range s.rows {
		name := r.Process
		r.Process = ""
		res.PerProcessMemory[name] = r
	}
	return res, s.un.Lines(), nil
}

// ShowProcessesMemoryPlatformSorted is the result of "show processes
// memory platform sorted".
type ShowProcessesMemoryPlatformSorted struct {
	SystemMemory PlatformSystemMemory `json:"system_memory"`
}

// PlatformSystemMemory holds the totals and per-process rows keyed by name.
type PlatformSystemMemory struct {
	Total            string                      `json:"total,omitempty"`
	Used             string                      `json:"used,omitempty"`
	Free             string                      `json:"free,omitempty"`
	Lowest           string                      `json:"lowest,omitempty"`
	PerProcessMemory map[string]*PlatformMemProc `json:"per_process_memory"`
}

// PlatformMemProc is one Linux process row.
type PlatformMemProc struct {
	PID     int `json:"pid"`
	Text    int `json:"text"`
	Data    int `json:"data"`
	Stack   int `json:"stack"`
	Dynamic int `json:"dynamic"`
	RSS     int `json:"RSS"`
}

// ParseShowProcessesMemoryPlatformSorted parses "show processes memory platform sorted".
func ParseShowProcessesMemoryPlatformSorted(out string) (*ShowProcessesMemoryPlatformSorted, error) {
	r, _, err := parseShowProcessesMemoryPlatformSorted(out, nil)
	return r, err
}

func parseShowProcessesMemoryPlatformSorted(out string, _ core.Params) (*ShowProcessesMemoryPlatformSorted, []string, error) {
	var un core.Unparsed
	res := &ShowProcessesMemoryPlatformSorted{SystemMemory: PlatformSystemMemory{PerProcessMemory: map[string]*PlatformMemProc{}}}
	sm := &res.SystemMemory
	found := false
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "Pid ") || strings.HasPrefix(l, "show proc") {
			continue
		}
		if m := (scanM{}); matchSysMem(l, &m) {
			sm.Total, sm.Used, sm.Free = m[1], m[2], m[3]
			found = true
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Lowest:"); ok {
			sm.Lowest = strings.TrimSpace(rest)
			continue
		}
		f := core.Fields(l)
		if len(f) >= 7 {
			var n [6]int
			ok := true
			for i := range n {
				v, good := core.Atoi(f[i])
				n[i] = v
				ok = ok && good
			}
			if ok {
				found = true
				// Genie keys rows by the first word of the name.
				sm.PerProcessMemory[f[6]] = &PlatformMemProc{PID: n[0], Text: n[1], Data: n[2], Stack: n[3], Dynamic: n[4], RSS: n[5]}
				continue
			}
		}
		un.Add(raw)
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowProcessesCpu", []string{"show processes cpu", "show processes cpu | include {key_word}"}, parseShowProcessesCpu)
	registerTyped("ShowProcessesCpuSorted", []string{"show processes cpu sorted", "show processes cpu sorted | include {key_word}", "show processes cpu sorted {sort_time}", "show processes cpu sorted | exclude {exclude}", "show processes cpu sorted {sort_time} | include {key_word}", "show processes cpu sorted {sort_time} | exclude {exclude}"}, parseShowProcessesCpu)
	registerTyped("ShowProcessesMemory", []string{"show processes memory", "show processes memory | include {include}", "show processes memory | exclude {exclude}", "show processes memory | section {section}"}, parseShowProcessesMemory)
	registerTyped("ShowProcessesMemorySorted", []string{"show processes memory sorted"}, parseShowProcessesMemorySorted)
	registerTyped("ShowProcessesMemoryPlatformSorted", []string{"show processes memory platform sorted"}, parseShowProcessesMemoryPlatformSorted)
}

// ParseShowProcessesCpuSorted parses "show processes cpu sorted", also
// when filtered to the CPU line ("| include CPU").
func ParseShowProcessesCpuSorted(out string) (*ShowProcessesCpuSorted, error) {
	return ParseShowProcessesCpu(out)
}

// memRow reads "PID TTY Allocated Freed Holding Getbufs Retbufs Process",
// the process name being the rest of the line.
func memRow(l string, buf *[8]string, rows *slab[MemProc]) (*MemProc, bool) {
	head := firstWords(l, 7)
	f := fieldsInto(buf[:0], head)
	if len(f) != 7 || len(head) == len(l) {
		return nil, false
	}
	var n [7]int
	for i, t := range f {
		v, ok := core.Atoi(t)
		if !ok {
			return nil, false
		}
		n[i] = v
	}
	name := strings.TrimSpace(l[len(head):])
	if name == "" {
		return nil, false
	}
	p := rows.next()
	*p = MemProc{PID: n[0], TTY: n[1], Allocated: n[2], Freed: n[3], Holding: n[4], Getbufs: n[5], Retbufs: n[6], Process: name}
	return p, true
}

// poolLine reads "NAME Pool Total: N Used: N Free: N".
func poolLine(l string) (string, *MemPool, bool) {
	i := strings.Index(l, " Pool Total:")
	if i <= 0 {
		return "", nil, false
	}
	var buf [8]string
	f := fieldsInto(buf[:0], l[i+len(" Pool "):])
	if len(f) != 6 || f[0] != "Total:" || f[2] != "Used:" || f[4] != "Free:" {
		return "", nil, false
	}
	t, ok1 := core.Atoi(f[1])
	u, ok2 := core.Atoi(f[3])
	fr, ok3 := core.Atoi(f[5])
	if !ok1 || !ok2 || !ok3 {
		return "", nil, false
	}
	return strings.TrimSpace(l[:i]), &MemPool{Total: t, Used: u, Free: fr}, true
}

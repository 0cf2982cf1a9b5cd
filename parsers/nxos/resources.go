package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowSystemResources is "show system resources" (Genie ShowSystemResources).
type ShowSystemResources struct {
	LoadAvg             LoadAvg     `json:"load_avg"`
	Processes           Processes   `json:"processes"`
	CPUState            CPUState    `json:"cpu_state"`
	MemoryUsage         MemoryUsage `json:"memory_usage"`
	Kernel              KernelMem   `json:"kernel"`
	CurrentMemoryStatus string      `json:"current_memory_status"`
}

// LoadAvg is the 1, 5 and 15 minute load average.
type LoadAvg struct {
	LoadAvg1Min  Float `json:"load_avg_1min"`
	LoadAvg5Min  Float `json:"load_avg_5min"`
	LoadAvg15Min Float `json:"load_avg_15min"`
}

// Processes counts processes.
type Processes struct {
	ProcessesTotal   int `json:"processes_total"`
	ProcessesRunning int `json:"processes_running"`
}

// CPUState is the total CPU split and the split per CPU (by CPU number).
type CPUState struct {
	CPUStateUser   Float                `json:"cpu_state_user"`
	CPUStateKernel Float                `json:"cpu_state_kernel"`
	CPUStateIdle   Float                `json:"cpu_state_idle"`
	CPUs           map[string]*CPUSplit `json:"cpus"`
}

// CPUSplit is user/kernel/idle percentages.
type CPUSplit struct {
	CPUStateUser   Float `json:"cpu_state_user"`
	CPUStateKernel Float `json:"cpu_state_kernel"`
	CPUStateIdle   Float `json:"cpu_state_idle"`
}

// MemoryUsage is memory in kB.
type MemoryUsage struct {
	MemoryUsageTotalKB int `json:"memory_usage_total_kb"`
	MemoryUsageUsedKB  int `json:"memory_usage_used_kb"`
	MemoryUsageFreeKB  int `json:"memory_usage_free_kb"`
}

// KernelMem is kernel memory in kB.
type KernelMem struct {
	KernelVmallocTotalKB int `json:"kernel_vmalloc_total_kb"`
	KernelVmallocFreeKB  int `json:"kernel_vmalloc_free_kb"`
	KernelBuffersKB      int `json:"kernel_buffers_kb"`
	KernelCachedKB       int `json:"kernel_cached_kb"`
}

// ShowProcessCpu is "show processes cpu" (Genie ShowProcessCpu). The
// "| include CPU" form keeps only the summary keys.
type ShowProcessCpu struct {
	FiveSecCPUInterrupts *int                   `json:"five_sec_cpu_interrupts,omitempty"`
	FiveSecCPUTotal      *int                   `json:"five_sec_cpu_total,omitempty"`
	OneMinCPU            *int                   `json:"one_min_cpu,omitempty"`
	FiveMinCPU           *int                   `json:"five_min_cpu,omitempty"`
	UserPercent          *Float                 `json:"user_percent,omitempty"`
	KernelPercent        *Float                 `json:"kernel_percent,omitempty"`
	IdlePercent          *Float                 `json:"idle_percent,omitempty"`
	Index                map[string]*ProcessCPU `json:"index,omitempty"`
}

// ProcessCPU is one process row, keyed by its position (1, 2, ...).
type ProcessCPU struct {
	PID       int    `json:"pid"`
	RuntimeMS int    `json:"runtime_ms"`
	Invoked   int    `json:"invoked"`
	USecs     int    `json:"usecs"`
	OneSec    Float  `json:"one_sec"`
	Process   string `json:"process"`
}

// ShowProcessMemory is "show processes memory" (Genie ShowProcessMemory).
type ShowProcessMemory struct {
	PID         map[string]*ProcessMemoryPID `json:"pid"`
	AllMemAlloc *int                         `json:"all_mem_alloc,omitempty"`
}

// ProcessMemoryPID holds the rows of one PID by position (1, 2, ...).
type ProcessMemoryPID struct {
	Index map[string]*ProcessMemory `json:"index"`
}

// ProcessMemory is one row of show processes memory.
type ProcessMemory struct {
	PID          int    `json:"pid"`
	MemAlloc     int    `json:"mem_alloc"`
	MemLimit     int    `json:"mem_limit"`
	MemUsed      int    `json:"mem_used"`
	StackBasePtr string `json:"stack_base_ptr"`
	Process      string `json:"process"`
}

func init() {
	reg("ShowSystemResources", []string{"show system resources"}, parseShowSystemResources)
	reg("ShowProcessCpu", []string{"show processes cpu", "show processes cpu | include {include}"}, parseShowProcessCpu)
	reg("ShowProcessMemory", []string{"show processes memory", "show processes memory | include {include}"}, parseShowProcessMemory)
}

// ParseShowSystemResources parses "show system resources".
func ParseShowSystemResources(out string) (*ShowSystemResources, error) {
	return parse(out, nil, parseShowSystemResources)
}

// ParseShowProcessCpu parses "show processes cpu", filtered or not.
func ParseShowProcessCpu(out string) (*ShowProcessCpu, error) {
	return parse(out, nil, parseShowProcessCpu)
}

// ParseShowProcessMemory parses "show processes memory".
func ParseShowProcessMemory(out string) (*ShowProcessMemory, error) {
	return parse(out, nil, parseShowProcessMemory)
}

// digitLines counts the lines whose first non-blank byte is a digit: an
// upper bound of the rows of a process table, to size its map and slab
// (a map sized for every line of a short output is a larger table).
func digitLines(lines []string) int {
	n := 0
	for _, l := range lines {
		i := 0
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		if i < len(l) && l[i] >= '0' && l[i] <= '9' {
			n++
		}
	}
	return n
}

// numberBefore returns the number (without % or K) in front of word in
// fields, e.g. numberBefore(["2.11%", "user,"], "user").
func numberBefore(f []string, word string) (string, bool) {
	for i := 1; i < len(f); i++ {
		// A length and first-byte test first: most fields are not word.
		if g := f[i]; len(word) > 0 && len(g) >= len(word) && g[0] == word[0] && trimRightBytes(g, ",;.") == word {
			return trimRightBytes(f[i-1], "%K,"), true
		}
	}
	return "", false
}

// trimRightBytes is strings.TrimRight(s, cut) for an ASCII cut set,
// without building the set on each call.
func trimRightBytes(s, cut string) string {
	for len(s) > 0 && strings.IndexByte(cut, s[len(s)-1]) >= 0 {
		s = s[:len(s)-1]
	}
	return s
}

// splitUKI reads "2.11% user,   11.64% kernel,   86.24% idle".
func splitUKI(s string) (user, kernel, idle Float, ok bool) {
	var buf [12]string
	f := appendFields(buf[:0], s)
	a, ok1 := numberBefore(f, "user")
	b, ok2 := numberBefore(f, "kernel")
	c, ok3 := numberBefore(f, "idle")
	return atof(a), atof(b), atof(c), ok1 && ok2 && ok3
}

func parseShowSystemResources(lines []string, _ core.Params, u *core.Unparsed) *ShowSystemResources {
	var fb fieldBuf
	r := &ShowSystemResources{CPUState: CPUState{CPUs: map[string]*CPUSplit{}}}
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" {
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			u.Add(raw)
			continue
		}
		k = strings.TrimSpace(k)
		// The value's fields are split in the cases that read them.
		switch {
		case k == "Load average":
			// "1 minute: 0.34   5 minutes: 0.40   15 minutes: 0.66"
			g := fb.split(v)
			for i := 0; i+2 < len(g); i++ {
				if !strings.HasPrefix(g[i+1], "minute") {
					continue
				}
				switch g[i] {
				case "1":
					r.LoadAvg.LoadAvg1Min = atof(g[i+2])
				case "5":
					r.LoadAvg.LoadAvg5Min = atof(g[i+2])
				case "15":
					r.LoadAvg.LoadAvg15Min = atof(g[i+2])
				}
			}
		case k == "Processes":
			f := fb.split(v)
			a, _ := numberBefore(f, "total")
			b, _ := numberBefore(f, "running")
			r.Processes.ProcessesTotal, r.Processes.ProcessesRunning = atoi(a), atoi(b)
		case k == "CPU states":
			us, ke, id, ok := splitUKI(v)
			if !ok {
				u.Add(raw)
				continue
			}
			r.CPUState.CPUStateUser, r.CPUState.CPUStateKernel, r.CPUState.CPUStateIdle = us, ke, id
		case strings.HasPrefix(k, "CPU") && strings.HasSuffix(k, "states"):
			n := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(k, "CPU"), "states"))
			us, ke, id, ok := splitUKI(v)
			if !ok || !isInt(n) {
				u.Add(raw)
				continue
			}
			r.CPUState.CPUs[n] = &CPUSplit{CPUStateUser: us, CPUStateKernel: ke, CPUStateIdle: id}
		case k == "Memory usage":
			f := fb.split(v)
			a, _ := numberBefore(f, "total")
			b, _ := numberBefore(f, "used")
			c, _ := numberBefore(f, "free")
			r.MemoryUsage = MemoryUsage{atoi(a), atoi(b), atoi(c)}
		case k == "Kernel vmalloc":
			f := fb.split(v)
			a, _ := numberBefore(f, "total")
			b, _ := numberBefore(f, "free")
			r.Kernel.KernelVmallocTotalKB, r.Kernel.KernelVmallocFreeKB = atoi(a), atoi(b)
		case k == "Kernel buffers" && len(fb.split(v)) > 0:
			r.Kernel.KernelBuffersKB = atoi(strings.TrimSuffix(fb.split(v)[0], "K"))
		case k == "Kernel cached" && len(fb.split(v)) > 0:
			r.Kernel.KernelCachedKB = atoi(strings.TrimSuffix(fb.split(v)[0], "K"))
		case k == "Current memory status":
			r.CurrentMemoryStatus = strings.TrimSpace(v)
		default:
			u.Add(raw)
			continue
		}
		found = true
	}
	if !found {
		return nil
	}
	return r
}

func parseShowProcessCpu(lines []string, _ core.Params, u *core.Unparsed) *ShowProcessCpu {
	var fb fieldBuf
	var rows slab[ProcessCPU]
	nRows := digitLines(lines) // process rows start with their PID
	rows.reserve(nRows)
	r := &ShowProcessCpu{}
	found := false
	n := 0
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) {
			continue
		}
		switch {
		case strings.HasPrefix(t, "PID") && strings.Contains(t, "Runtime"):
			continue
		case strings.HasPrefix(t, "CPU utilization for five seconds:"):
			// "19%/5%; one minute: 19%; five minutes: 21%"
			parts := strings.Split(strings.TrimPrefix(t, "CPU utilization for five seconds:"), ";")
			if len(parts) < 3 {
				u.Add(raw)
				continue
			}
			tot, intr, _ := strings.Cut(strings.TrimSpace(parts[0]), "/")
			a, b := atoi(strings.TrimSuffix(tot, "%")), atoi(strings.TrimSuffix(intr, "%"))
			c := atoi(strings.TrimSuffix(cutAfter(parts[1], ":"), "%"))
			d := atoi(strings.TrimSuffix(cutAfter(parts[2], ":"), "%"))
			r.FiveSecCPUTotal, r.FiveSecCPUInterrupts, r.OneMinCPU, r.FiveMinCPU = &a, &b, &c, &d
		case strings.HasPrefix(t, "CPU util") && strings.Contains(t, "user"):
			us, ke, id, ok := splitUKI(cutAfter(t, ":"))
			if !ok {
				u.Add(raw)
				continue
			}
			r.UserPercent, r.KernelPercent, r.IdlePercent = &us, &ke, &id
		case strings.HasPrefix(t, "Please note"):
			continue
		default:
			f := fb.split(t)
			if len(f) < 6 || !isInt(f[0]) || !isInt(f[1]) || !strings.HasSuffix(f[4], "%") {
				u.Add(raw)
				continue
			}
			n++
			if r.Index == nil {
				r.Index = make(map[string]*ProcessCPU, nRows)
			}
			r.Index[itoa(n)] = rows.new(ProcessCPU{
				PID: atoi(f[0]), RuntimeMS: atoi(f[1]), Invoked: atoi(f[2]), USecs: atoi(f[3]),
				OneSec: atof(strings.TrimSuffix(f[4], "%")), Process: fromField(t, 5),
			})
		}
		found = true
	}
	if !found {
		return nil
	}
	return r
}

func parseShowProcessMemory(lines []string, _ core.Params, u *core.Unparsed) *ShowProcessMemory {
	var fb fieldBuf
	var rows slab[ProcessMemory]
	nRows := digitLines(lines) // process rows start with their PID
	rows.reserve(nRows)
	r := &ShowProcessMemory{PID: make(map[string]*ProcessMemoryPID, nRows)}
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) {
			continue
		}
		switch {
		case strings.HasPrefix(t, "PID") && strings.Contains(t, "MemAlloc"):
			continue
		case strings.HasPrefix(t, "All processes:"):
			n := atoi(cutAfter(t, "="))
			r.AllMemAlloc = &n
		default:
			f := fb.split(t)
			if len(f) < 6 || !isInt(f[0]) || !isInt(f[1]) {
				u.Add(raw)
				continue
			}
			p := r.PID[f[0]]
			if p == nil {
				p = &ProcessMemoryPID{Index: map[string]*ProcessMemory{}}
				r.PID[f[0]] = p
			}
			p.Index[itoa(len(p.Index)+1)] = rows.new(ProcessMemory{
				PID: atoi(f[0]), MemAlloc: atoi(f[1]), MemLimit: atoi(f[2]), MemUsed: atoi(f[3]),
				StackBasePtr: f[4], Process: fromField(t, 5),
			})
		}
		found = true
	}
	if !found {
		return nil
	}
	return r
}

package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Dir is the parsed output of "dir [directory] [location X]".
type Dir struct {
	Dir DirListing `json:"dir"`
}

// DirListing is one directory. TotalBytes and TotalFreeBytes keep their unit
// ("2562719744 bytes", "1012660 kbytes") as Genie does.
type DirListing struct {
	DirName        string              `json:"dir_name"`
	TotalBytes     string              `json:"total_bytes"`
	TotalFreeBytes string              `json:"total_free_bytes"`
	Location       string              `json:"location,omitempty"`
	Files          map[string]*DirFile `json:"files,omitempty"`
}

// DirFile is one entry; Date has runs of spaces collapsed ("Mar 7 14:27").
type DirFile struct {
	Size       string `json:"size,omitempty"`
	Date       string `json:"date,omitempty"`
	Permission string `json:"permission,omitempty"`
	Index      string `json:"index,omitempty"`
	Time       string `json:"time,omitempty"`
}

func init() {
	register(core.Entry{
		Class:    "Dir",
		Commands: []string{"dir", "dir {directory}", "dir location {location}", "dir {directory} location {location}"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseDir(out))
		},
	})
}

// ParseDir parses "dir" output.
func ParseDir(out string) (*Dir, error) {
	r, _, err := parseDir(out)
	return r, err
}

// isMonth reports whether s is an English month abbreviation ("Jan").
func isMonth(s string) bool {
	switch s {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

func parseDir(out string) (*Dir, []string, error) {
	var un core.Unparsed
	// The result and its first entry are one allocation: many listings
	// have a single file.
	top := &struct {
		d     Dir
		first DirFile
	}{}
	d := &top.d
	found := false
	var slab slab[DirFile] // later entries carved from one allocation
	n := 0                 // the line count, once there is an entry
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(t, "Directory of "); ok {
			d.Dir.DirName = strings.TrimSpace(rest)
			found = true
			continue
		}
		if strings.HasSuffix(t, " free)") && strings.Contains(t, " total (") {
			total, free, _ := strings.Cut(t, " total (")
			d.Dir.TotalBytes = total
			d.Dir.TotalFreeBytes = strings.TrimSuffix(free, " free)")
			found = true
			continue
		}
		var f DirFile
		if name, ok := dirEntry(t, &f); ok {
			if d.Dir.Files == nil {
				n = lineCount(out)
				// Size the map for a long listing only: a hint over 8
				// allocates a full table, which a short one never fills.
				hint := n
				if hint <= 16 {
					hint = 0
				}
				d.Dir.Files = make(map[string]*DirFile, hint)
			}
			// Field by field into the zeroed slot: a struct copy into
			// the heap takes the bulk write barrier while the GC runs.
			e := &top.first
			if len(d.Dir.Files) > 0 {
				e = slab.nextFirst(n - 1)
			}
			e.Index, e.Permission, e.Size, e.Date = f.Index, f.Permission, f.Size, f.Date
			d.Dir.Files[name] = e
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return d, un.Lines(), nil
}

// dirEntry parses "9867  -rwx  8909  Thu Jan 15 15:29:26 2015  start" and
// the Linux form "32 -rw-rw-rw- 1  824 Mar  7 06:29 cvac.log".
func dirEntry(t string, df *DirFile) (string, bool) {
	// Fields are split as far as they matter: the first two reject most
	// other lines, and past the fourth field after the first month name
	// only the count matters, which m+5 fields decide as all of them would
	// (the name is taken from t).
	var fb [16]string
	f := fb[:0]
	pos := 0
	take := func() bool {
		for pos < len(t) && (t[pos] == ' ' || t[pos] == '\t') {
			pos++
		}
		if pos == len(t) {
			return false
		}
		j := pos + 1
		for j < len(t) && t[j] != ' ' && t[j] != '\t' {
			j++
		}
		f = append(f, t[pos:j])
		pos = j
		return true
	}
	if !take() || !take() || !isDigits(f[0]) || len(f[1]) < 4 {
		return "", false
	}
	switch f[1][0] {
	case '-', 'd', 'l', 'c', 'b', 'p', 's':
	default:
		return "", false
	}
	// The date starts at the first month name (optionally after a weekday).
	m := -1
	for take() {
		if isMonth(f[len(f)-1]) {
			m = len(f) - 1
			break
		}
	}
	for m >= 0 && len(f) < m+5 && take() {
	}
	if len(f) < 6 || m < 3 {
		return "", false
	}
	start := m
	switch f[m-1] {
	case "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun":
		start = m - 1
	}
	if start < 3 || !isDigits(f[start-1]) {
		return "", false
	}
	size := f[start-1]
	// Date: month day time [year].
	end := m + 3
	if end > len(f) {
		return "", false
	}
	if end < len(f) && len(f[end]) == 4 && isDigits(f[end]) && end+1 < len(f) {
		end++
	}
	if end >= len(f) {
		return "", false
	}
	// The name is the rest of the line as printed ("config -> /misc/config").
	pos, dateAt := 0, 0
	for i := 0; i < end; i++ {
		// f[i] starts at the first non-blank after the previous field.
		at := pos
		for t[at] == ' ' || t[at] == '\t' {
			at++
		}
		if i == start {
			dateAt = at
		}
		pos = at + len(f[i])
	}
	name := strings.TrimSpace(t[pos:])
	// The date as printed when its fields are one space apart, else the
	// fields joined with single spaces ("Mar  7" becomes "Mar 7").
	date := t[dateAt:pos]
	n := end - start - 1
	for _, w := range f[start:end] {
		n += len(w)
	}
	if len(date) != n || strings.IndexByte(date, '\t') >= 0 {
		date = strings.Join(f[start:end], " ")
	}
	*df = DirFile{Index: f[0], Permission: f[1], Size: size, Date: date}
	return name, true
}

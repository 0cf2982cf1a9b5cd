package iosxr

import (
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowFilesystemLocationAll is the parsed output of "show filesystem
// location all": per node, the file systems numbered from 1 in output order.
type ShowFilesystemLocationAll struct {
	Node map[string]*FilesystemNode `json:"node"`
}

// FilesystemNode is one node's file systems.
type FilesystemNode struct {
	FileSystems map[int]*FileSystem `json:"file_systems"`
}

// FileSystem is one row; sizes are in bytes.
type FileSystem struct {
	TotalSize int64  `json:"total_size"`
	FreeSize  int64  `json:"free_size"`
	Type      string `json:"type"`
	Flags     string `json:"flags"`
	Prefixes  string `json:"prefixes"`
}

func init() {
	register(core.Entry{
		Class:    "ShowFilesystemLocationAll",
		Commands: []string{"show filesystem location all"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowFilesystemLocationAll(out))
		},
	})
}

// ParseShowFilesystemLocationAll parses "show filesystem location all".
func ParseShowFilesystemLocationAll(out string) (*ShowFilesystemLocationAll, error) {
	r, _, err := parseShowFilesystemLocationAll(out)
	return r, err
}

func parseShowFilesystemLocationAll(out string) (*ShowFilesystemLocationAll, []string, error) {
	var un core.Unparsed
	res := &ShowFilesystemLocationAll{Node: map[string]*FilesystemNode{}}
	var cur *FilesystemNode
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" || t == "File Systems:" || strings.HasPrefix(t, "Size(b)") {
			continue
		}
		if rest, ok := strings.CutPrefix(t, "node:"); ok {
			cur = &FilesystemNode{FileSystems: map[int]*FileSystem{}}
			res.Node[strings.TrimSpace(rest)] = cur
			continue
		}
		if t[0] == '-' && onlyDashesSpaces(t) {
			continue // a rule, which the unparsed list would drop anyway
		}
		var fb [16]string
		f := fieldsInto(fb[:0], t)
		if cur != nil && len(f) == 5 {
			total, ok1 := atoi64(f[0])
			free, ok2 := atoi64(f[1])
			if ok1 && ok2 {
				cur.FileSystems[len(cur.FileSystems)+1] = &FileSystem{TotalSize: total, FreeSize: free, Type: f[2], Flags: f[3], Prefixes: f[4]}
				continue
			}
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if len(res.Node) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// atoi64 is strconv.ParseInt(s, 10, 64), with plain digit strings short
// enough not to overflow converted inline.
func atoi64(s string) (int64, bool) {
	if n := len(s); n > 0 && n < 19 && isDigits(s) {
		var v int64
		for i := 0; i < n; i++ {
			v = v*10 + int64(s[i]-'0')
		}
		return v, true
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

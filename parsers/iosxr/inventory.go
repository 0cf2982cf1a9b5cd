package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInventory is the parsed output of "show inventory", by entity name.
type ShowInventory struct {
	ModuleName map[string]*InventoryItem `json:"module_name"`
}

// InventoryItem is one NAME/DESCR + PID/VID/SN pair of lines.
type InventoryItem struct {
	Descr string `json:"descr"`
	PID   string `json:"pid"`
	VID   string `json:"vid"`
	SN    string `json:"sn,omitempty"`
}

func init() {
	register(core.Entry{
		Class:    "ShowInventory",
		Commands: []string{"show inventory"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowInventory(out))
		},
	})
}

// ParseShowInventory parses "show inventory".
func ParseShowInventory(out string) (*ShowInventory, error) {
	r, _, err := parseShowInventory(out)
	return r, err
}

// quotedField returns the value of `key: "value"` in s; needle is
// `key: "` (a constant, so that no call builds it).
func quotedField(s, needle string) (string, bool) {
	i := strings.Index(s, needle)
	if i < 0 {
		return "", false
	}
	rest := s[i+len(needle):]
	j := strings.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

// plainField returns the value of `key: value` up to the next comma;
// needle is `key:`.
func plainField(s, needle string) (string, bool) {
	i := strings.Index(s, needle)
	if i < 0 || (i > 0 && s[i-1] != ' ' && s[i-1] != ',') {
		return "", false
	}
	rest := s[i+len(needle):]
	if j := strings.IndexByte(rest, ','); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSpace(rest), true
}

func parseShowInventory(out string) (*ShowInventory, []string, error) {
	var un core.Unparsed
	res := &ShowInventory{ModuleName: map[string]*InventoryItem{}}
	var cur *InventoryItem
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "NAME:") {
			name, ok1 := quotedField(t, `NAME: "`)
			descr, ok2 := quotedField(t, `DESCR: "`)
			if !ok1 || !ok2 {
				un.Add(line)
				cur = nil
				continue
			}
			cur = &InventoryItem{Descr: descr}
			res.ModuleName[name] = cur
			continue
		}
		if strings.HasPrefix(t, "PID:") && cur != nil {
			cur.PID, _ = plainField(t, "PID:")
			cur.VID, _ = plainField(t, "VID:")
			cur.SN, _ = plainField(t, "SN:")
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if len(res.ModuleName) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

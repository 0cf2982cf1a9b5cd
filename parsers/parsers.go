// Package parsers turns network-device CLI output into structured data with
// Genie's schema: parsers.Parse("nxos", "show version", out) returns the same
// keys, nesting and types as Genie's parser for that text, as a typed Go
// value. Per-OS parsers live in parsers/nxos, parsers/iosxe and
// parsers/iosxr; this package is the registry that maps (os, command) to a
// parser, matching Genie's command templates with {placeholders}.
package parsers

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/goissu/goissu/parsers/internal/core"
	"github.com/goissu/goissu/parsers/iosxe"
	"github.com/goissu/goissu/parsers/iosxr"
	"github.com/goissu/goissu/parsers/nxos"
)

// ErrEmpty is returned when the output holds nothing to parse (Genie's
// SchemaEmptyParserError).
var ErrEmpty = core.ErrEmpty

// ErrNoParser is returned when no parser is registered for the os and command.
var ErrNoParser = errors.New("no parser for command")

// Params holds the values of a command template's {placeholders}.
type Params = core.Params

// Parser is one registered parser class.
type Parser struct {
	OS       string   // nxos, iosxe, iosxr
	Class    string   // Genie's class name, e.g. ShowIpRoute
	Commands []string // Genie command templates with {placeholders}
	fn       core.Func
}

// Parse runs the parser on output with the given template parameters.
func (p *Parser) Parse(output string, params Params) (Result, error) {
	v, unparsed, err := safeCall(p.fn, output, params)
	if err != nil || isNilPointer(v) {
		// A typed nil (*T)(nil) in an interface is not == nil: callers test
		// Parsed == nil, so never hand one out.
		v = nil
	}
	return Result{OS: p.OS, Class: p.Class, Parsed: v, Unparsed: unparsed}, err
}

// Result is a parse with what the parser did not understand.
type Result struct {
	OS       string
	Class    string
	Template string // the matched command template ("" when called by class)
	Params   Params
	Parsed   any      // pointer to the typed result; nil on error
	Unparsed []string // non-blank lines the parser did not consume
}

type osRegistry struct {
	parsers   []*Parser
	templates []template
	byClass   map[string]*Parser
}

type template struct {
	text   string
	tokens []string // lower-cased literals, or "{name}"
	parser *Parser
}

var registry = map[string]*osRegistry{}

func init() {
	add("nxos", nxos.Entries())
	add("iosxe", iosxe.Entries())
	add("iosxr", iosxr.Entries())
}

func add(os string, entries []core.Entry) {
	r := &osRegistry{byClass: map[string]*Parser{}}
	for _, e := range entries {
		p := &Parser{OS: os, Class: e.Class, Commands: e.Commands, fn: e.Parse}
		r.parsers = append(r.parsers, p)
		r.byClass[e.Class] = p
		for _, c := range e.Commands {
			r.templates = append(r.templates, template{text: c, tokens: tokenize(c, true), parser: p})
		}
	}
	sort.Slice(r.parsers, func(i, j int) bool { return r.parsers[i].Class < r.parsers[j].Class })
	registry[os] = r
}

// tokenize splits a command on white space; literals are lower-cased
// (device CLIs are case-insensitive in keywords) but placeholder values keep
// their case. For templates, keep marks {placeholders} as-is.
func tokenize(cmd string, isTemplate bool) []string {
	f := strings.Fields(cmd)
	if isTemplate {
		for i, t := range f {
			if !isPlaceholder(t) {
				f[i] = strings.ToLower(t)
			}
		}
	}
	return f
}

func isPlaceholder(t string) bool {
	return len(t) > 2 && t[0] == '{' && t[len(t)-1] == '}'
}

// stripFilters removes output filters ("| include CPU", "| count") which do
// not change which parser applies.
func stripFilters(cmd string) string {
	if i := strings.IndexByte(cmd, '|'); i >= 0 {
		return cmd[:i]
	}
	return cmd
}

// match scores how well cmd matches t: exact literals score 2, an
// abbreviation (a prefix of at least two letters, "sh", "ver") scores 1.
// A placeholder takes one word, or several when the command is longer than
// the template ("show bgp vpnv4 unicast summary" against
// "show bgp {address_family} summary"). ok is false when the command does
// not fit the template.
func (t template) match(cmd []string) (score int, params Params, ok bool) {
	return matchTokens(t.tokens, cmd, nil)
}

func matchTokens(tmpl, cmd []string, params Params) (int, Params, bool) {
	if len(tmpl) == 0 {
		return 0, params, len(cmd) == 0
	}
	if len(cmd) == 0 {
		return 0, nil, false
	}
	tok := tmpl[0]
	if !isPlaceholder(tok) {
		lc := strings.ToLower(cmd[0])
		s := 0
		switch {
		case lc == tok:
			s = 2
		case len(lc) >= 2 && strings.HasPrefix(tok, lc):
			s = 1
		default:
			return 0, nil, false
		}
		rest, p, ok := matchTokens(tmpl[1:], cmd[1:], params)
		return s + rest, p, ok
	}
	name := tok[1 : len(tok)-1]
	// The words a placeholder may take: at least one, and enough left for
	// the rest of the template. Fewer words first, so literals win.
	for n := 1; n <= len(cmd)-(len(tmpl)-1); n++ {
		value := strings.Join(cmd[:n], " ")
		if name == "protocol" && strings.ContainsAny(value, ".:/") {
			// "show ip route 10.99.0.0/24 vrf X" fits both {route} and
			// {protocol}: an address is never a routing protocol.
			return 0, nil, false
		}
		p := Params{}
		for k, v := range params {
			p[k] = v
		}
		p[name] = value
		s, got, ok := matchTokens(tmpl[1:], cmd[n:], p)
		if ok {
			// A placeholder spanning several words scores below one that
			// takes a single word, so "show ip route vrf X" keeps preferring
			// the template that spells out "vrf".
			return s - (n - 1), got, true
		}
	}
	return 0, nil, false
}

// Lookup finds the parser for os and command. The command may carry
// filters (| include ...), abbreviations and any spacing or case.
func Lookup(os, command string) (*Parser, Params, error) {
	e, err := lookupEntryFor(os, command)
	if err != nil {
		return nil, nil, err
	}
	return e.parser, maps.Clone(e.params), nil
}

// lookupEntryFor is Lookup without the copy of the parameters: the entry
// is shared, callers must clone what they hand out.
func lookupEntryFor(os, command string) (lookupEntry, error) {
	r := registry[strings.ToLower(os)]
	if r == nil {
		return lookupEntry{}, fmt.Errorf("os %q: %w", os, ErrNoParser)
	}
	key := lookupKey{os, command}
	if v, ok := lookups.Load(key); ok {
		e := v.(lookupEntry)
		if e.parser == nil {
			return lookupEntry{}, fmt.Errorf("%s %q: %w", os, command, ErrNoParser)
		}
		return e, nil
	}
	p, params, err := r.lookup(command)
	e := lookupEntry{parser: p, params: params}
	if p != nil {
		e.template = p.template(command)
	}
	if lookupsLen.Load() < maxLookups {
		if _, loaded := lookups.LoadOrStore(key, lookupEntry{p, maps.Clone(params), e.template}); !loaded {
			lookupsLen.Add(1)
		}
	}
	if err != nil {
		return lookupEntry{}, fmt.Errorf("%s %q: %w", os, command, err)
	}
	return e, nil
}

// template returns the first of p's command templates that command fits
// (what Result.Template reports).
func (p *Parser) template(command string) string {
	cmd := tokenize(stripFilters(command), false)
	for _, c := range p.Commands {
		if _, _, ok := (template{tokens: tokenize(c, true)}).match(cmd); ok {
			return c
		}
	}
	return ""
}

// lookups caches Lookup by (os, command): a fleet snapshot or a monitor
// asks for the same few dozen commands tens of thousands of times, and
// matching every template cost more than some of the parses. Bounded, as
// commands come from users (a ping per destination): past maxLookups new
// commands are matched every time.
var (
	lookups    sync.Map // lookupKey -> lookupEntry
	lookupsLen atomic.Int64
)

const maxLookups = 4096

type lookupKey struct{ os, command string }

type lookupEntry struct {
	parser   *Parser // nil: no parser
	params   Params  // cloned on the way out: callers may change theirs
	template string  // the matched template of parser (Result.Template)
}

// lookup matches command against the OS's templates.
func (r *osRegistry) lookup(command string) (*Parser, Params, error) {
	cmd := tokenize(stripFilters(command), false)
	var (
		best       *Parser
		bestParams Params
		bestScore  = -1
	)
	for _, t := range r.templates {
		s, p, ok := t.match(cmd)
		if !ok {
			continue
		}
		// Prefer more literal matches; among equals, fewer placeholders.
		if s > bestScore {
			best, bestParams, bestScore = t.parser, p, s
		}
	}
	if best == nil {
		return nil, nil, ErrNoParser
	}
	return best, bestParams, nil
}

// ByClass returns the parser registered under Genie's class name.
func ByClass(os, class string) (*Parser, bool) {
	r := registry[strings.ToLower(os)]
	if r == nil {
		return nil, false
	}
	p, ok := r.byClass[class]
	return p, ok
}

// Parse parses output of command on a device running os and returns the
// typed result (a pointer to a struct of the OS package).
func Parse(os, command, output string) (any, error) {
	res, err := ParseWithInfo(os, command, output)
	return res.Parsed, err
}

// ParseWithInfo is Parse that also reports the matched parser and the lines
// the parser did not understand.
func ParseWithInfo(os, command, output string) (Result, error) {
	e, err := lookupEntryFor(os, command)
	if err != nil {
		return Result{OS: os}, err
	}
	p, params := e.parser, maps.Clone(e.params) // the caller's to keep
	res, err := p.Parse(output, params)
	res.Params = params
	res.Template = e.template
	if err != nil {
		return res, fmt.Errorf("parse %s %q with %s: %w", os, command, p.Class, err)
	}
	return res, nil
}

// Commands lists the command templates supported for os, sorted.
func Commands(os string) []string {
	r := registry[strings.ToLower(os)]
	if r == nil {
		return nil
	}
	out := make([]string, 0, len(r.templates))
	for _, t := range r.templates {
		out = append(out, t.text)
	}
	sort.Strings(out)
	return out
}

// OSes lists the operating systems with parsers.
func OSes() []string {
	out := make([]string, 0, len(registry))
	for os := range registry {
		out = append(out, os)
	}
	sort.Strings(out)
	return out
}

// Parsers lists the registered parser classes of os, sorted by class.
func Parsers(os string) []*Parser {
	r := registry[strings.ToLower(os)]
	if r == nil {
		return nil
	}
	return append([]*Parser(nil), r.parsers...)
}

func isNilPointer(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// safeCall runs a parser and turns a panic into an error: a parser bug must
// never take down a snapshot of a thousand devices. Parsers are fuzzed so
// that this stays a last line of defence.
func safeCall(fn core.Func, output string, params Params) (v any, unparsed []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, unparsed, err = nil, nil, fmt.Errorf("parser panic: %v", r)
		}
	}()
	return fn(output, params)
}

// AppendJSONString appends s quoted exactly as json.Marshal writes it, the
// way the result types' AppendJSON methods write their strings; encoders
// that write parsed results directly (issu's artifacts) share it.
func AppendJSONString(b []byte, s string) []byte { return core.AppendJSONString(b, s) }

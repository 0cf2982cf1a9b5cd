package issu

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// jsonMap returns what json.Unmarshal into a map[string]any would give for
// the JSON encoding of v, without encoding and decoding: a snapshot builds
// Parsed for every command of every device, and the Marshal→Unmarshal round
// trip was a third of a fleet snapshot's CPU. Values the walk does not model
// exactly (fields clashing across embedded structs, ",string" fields,
// text-marshalled map keys, invalid UTF-8 ...) are round-tripped through
// encoding/json locally, so the result always equals the round trip
// (TestJSONMapGolden checks it on every golden parser result). ok is false when the encoding is not
// a JSON object (Parsed then has no entry, as before).
func jsonMap(v any) (m map[string]any, ok bool) {
	out, err := toJSONValue(reflect.ValueOf(v))
	if err != nil {
		b, err := json.Marshal(v)
		if err != nil || json.Unmarshal(b, &m) != nil {
			return nil, false
		}
		return m, m != nil
	}
	m, ok = out.(map[string]any)
	return m, ok && m != nil
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	numberType        = reflect.TypeFor[json.Number]()
)

// errRoundTrip asks the caller to let encoding/json convert the value.
var errRoundTrip = errors.New("value needs the encoding/json round trip")

// roundTrip converts v the slow, exact way.
func roundTrip(v reflect.Value) (any, error) {
	if v.CanAddr() {
		// Keep pointer-receiver marshalers of fields reachable, as
		// encoding/json does for addressable values.
		v = v.Addr()
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, err
	}
	if out, ok := decodeSimple(b); ok {
		return out, nil
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// marshaled decodes what v's MarshalJSON writes: Genie-style floats, AS
// numbers and index-keyed objects, decoded by decodeSimple unless they need
// encoding/json.
func marshaled(v reflect.Value) (any, error) {
	b, err := v.Interface().(json.Marshaler).MarshalJSON()
	if err != nil {
		return nil, err
	}
	if out, ok := decodeSimple(b); ok {
		return out, nil
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeSimple decodes JSON as json.Unmarshal into an any would, for the
// common shape of marshaler output: objects, arrays, numbers, literals and
// strings without escapes. ok is false for anything else (escapes, invalid
// UTF-8, control bytes, syntax errors, trailing data), which the caller
// leaves to encoding/json.
func decodeSimple(b []byte) (any, bool) {
	d := simpleDecoder{b: b}
	v, ok := d.value()
	if !ok {
		return nil, false
	}
	d.space()
	return v, d.i == len(d.b)
}

type simpleDecoder struct {
	b []byte
	i int
}

func (d *simpleDecoder) space() {
	for d.i < len(d.b) && (d.b[d.i] == ' ' || d.b[d.i] == '\t' || d.b[d.i] == '\n' || d.b[d.i] == '\r') {
		d.i++
	}
}

func (d *simpleDecoder) value() (any, bool) {
	d.space()
	if d.i >= len(d.b) {
		return nil, false
	}
	switch c := d.b[d.i]; {
	case c == '{':
		d.i++
		m := map[string]any{}
		d.space()
		if d.i < len(d.b) && d.b[d.i] == '}' {
			d.i++
			return m, true
		}
		for {
			d.space()
			k, ok := d.str()
			if !ok {
				return nil, false
			}
			d.space()
			if d.i >= len(d.b) || d.b[d.i] != ':' {
				return nil, false
			}
			d.i++
			v, ok := d.value()
			if !ok {
				return nil, false
			}
			m[k] = v
			d.space()
			if d.i >= len(d.b) {
				return nil, false
			}
			if d.b[d.i] == '}' {
				d.i++
				return m, true
			}
			if d.b[d.i] != ',' {
				return nil, false
			}
			d.i++
		}
	case c == '[':
		d.i++
		a := []any{}
		d.space()
		if d.i < len(d.b) && d.b[d.i] == ']' {
			d.i++
			return a, true
		}
		for {
			v, ok := d.value()
			if !ok {
				return nil, false
			}
			a = append(a, v)
			d.space()
			if d.i >= len(d.b) {
				return nil, false
			}
			if d.b[d.i] == ']' {
				d.i++
				return a, true
			}
			if d.b[d.i] != ',' {
				return nil, false
			}
			d.i++
		}
	case c == '"':
		return d.str()
	case c == '-' || c >= '0' && c <= '9':
		start := d.i
		for d.i < len(d.b) && strings.IndexByte("+-.eE0123456789", d.b[d.i]) >= 0 {
			d.i++
		}
		lit := d.b[start:d.i]
		if !json.Valid(lit) {
			return nil, false
		}
		f, err := strconv.ParseFloat(string(lit), 64)
		return f, err == nil
	default:
		for _, l := range []struct {
			lit string
			v   any
		}{{"null", nil}, {"true", true}, {"false", false}} {
			if bytes.HasPrefix(d.b[d.i:], []byte(l.lit)) {
				d.i += len(l.lit)
				return l.v, true
			}
		}
		return nil, false
	}
}

// str reads a string without escapes; anything else is not simple.
func (d *simpleDecoder) str() (string, bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return "", false
	}
	j := bytes.IndexByte(d.b[d.i+1:], '"')
	if j < 0 {
		return "", false
	}
	raw := d.b[d.i+1 : d.i+1+j]
	if bytes.IndexByte(raw, '\\') >= 0 || !utf8.Valid(raw) || hasControl(string(raw)) {
		return "", false
	}
	d.i += j + 2
	return string(raw), true
}

// hasControl reports a byte JSON strings may not hold unescaped.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return true
		}
	}
	return false
}

func toJSONValue(v reflect.Value) (any, error) {
	if !v.IsValid() {
		return nil, nil
	}
	return toJSONValueKind(v, marshalKindOf(v.Type()))
}

// kindOfStatic is the marshal kind of values of static type t, looked up
// once per container or field instead of once per value; kindLookup for
// interfaces, whose dynamic types vary.
func kindOfStatic(t reflect.Type) marshalKind {
	if t.Kind() == reflect.Interface {
		return kindLookup
	}
	return marshalKindOf(t)
}

// toJSONValueKind is toJSONValue with the marshal kind of v's type known.
func toJSONValueKind(v reflect.Value, k marshalKind) (any, error) {
	if k == kindLookup {
		return toJSONValue(v)
	}
	t := v.Type()
	if (t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface) && v.IsNil() {
		return nil, nil
	}
	// Marshalers decide their own encoding; decode what they produce.
	switch k {
	case kindMarshaler:
		return marshaled(v)
	case kindText:
		return roundTrip(v)
	case kindPtrMarshaler:
		if v.CanAddr() {
			return marshaled(v.Addr())
		}
	case kindPtrText:
		if v.CanAddr() {
			return roundTrip(v.Addr())
		}
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		return toJSONValue(v.Elem())
	case reflect.Bool:
		return v.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(v.Uint()), nil
	case reflect.Float32:
		// encoding/json writes the shortest float32 form; decoding reads it
		// as a float64, which is not float64(f).
		return strconv.ParseFloat(strconv.FormatFloat(v.Float(), 'g', -1, 32), 64)
	case reflect.Float64:
		return v.Float(), nil // Marshal already refused NaN and ±Inf
	case reflect.String:
		if t == numberType {
			// encoding/json writes a json.Number as the number itself ("" as 0).
			if v.String() == "" {
				return float64(0), nil
			}
			return strconv.ParseFloat(v.String(), 64)
		}
		s := v.String()
		if !utf8.ValidString(s) {
			return roundTrip(v)
		}
		return s, nil
	case reflect.Slice:
		if v.IsNil() {
			return nil, nil
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return roundTrip(v) // base64
		}
		fallthrough
	case reflect.Array:
		out := make([]any, v.Len())
		ek := kindOfStatic(t.Elem())
		for i := range out {
			e, err := toJSONValueKind(v.Index(i), ek)
			if err != nil {
				return nil, err
			}
			out[i] = e
		}
		return out, nil
	case reflect.Map:
		if v.IsNil() {
			return nil, nil
		}
		var key func(reflect.Value) string
		switch kt := t.Key(); {
		case kt.Kind() == reflect.String:
			key = reflect.Value.String
		case kt.Implements(textMarshalerType):
			return roundTrip(v)
		case kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Int64:
			key = func(k reflect.Value) string { return strconv.FormatInt(k.Int(), 10) }
		case kt.Kind() >= reflect.Uint && kt.Kind() <= reflect.Uintptr:
			key = func(k reflect.Value) string { return strconv.FormatUint(k.Uint(), 10) }
		default:
			return roundTrip(v)
		}
		out := make(map[string]any, v.Len())
		ek := kindOfStatic(t.Elem())
		it := v.MapRange()
		for it.Next() {
			k := key(it.Key())
			if !utf8.ValidString(k) {
				return roundTrip(v)
			}
			e, err := toJSONValueKind(it.Value(), ek)
			if err != nil {
				return nil, err
			}
			out[k] = e
		}
		return out, nil
	case reflect.Struct:
		plan := structPlanOf(t)
		if plan.roundTrip {
			return roundTrip(v)
		}
		out := make(map[string]any, len(plan.fields))
		for _, f := range plan.fields {
			fv, ok := fieldByPlan(v, f.index)
			if !ok {
				continue
			}
			if f.omitEmpty && isEmptyJSON(fv) {
				continue
			}
			if f.omitZero && isZeroJSON(fv) {
				continue
			}
			e, err := toJSONValueKind(fv, f.kind)
			if err != nil {
				return nil, err
			}
			out[f.name] = e
		}
		return out, nil
	}
	return nil, errRoundTrip
}

type marshalKind uint8

const (
	kindPlain        marshalKind = iota
	kindMarshaler                      // json.Marshaler
	kindText                           // encoding.TextMarshaler
	kindPtrMarshaler                   // *T is a json.Marshaler (used when addressable)
	kindPtrText                        // *T is an encoding.TextMarshaler
	kindLookup       marshalKind = 255 // not known statically (interface)
)

var marshalKinds sync.Map // reflect.Type -> marshalKind

// marshalKindOf caches which encoding/json method set applies to t.
func marshalKindOf(t reflect.Type) marshalKind {
	if k, ok := marshalKinds.Load(t); ok {
		return k.(marshalKind)
	}
	k := kindPlain
	switch {
	case t.Implements(marshalerType):
		k = kindMarshaler
	case t.Implements(textMarshalerType):
		k = kindText
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshalerType):
		k = kindPtrMarshaler
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textMarshalerType):
		k = kindPtrText
	}
	marshalKinds.Store(t, k)
	return k
}

// isEmptyJSON is encoding/json's omitempty test.
func isEmptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// isZeroJSON is encoding/json's omitzero test: an IsZero method when the
// type has one, the zero value otherwise.
func isZeroJSON(v reflect.Value) bool {
	type isZeroer interface{ IsZero() bool }
	if z, ok := v.Interface().(isZeroer); ok {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		return z.IsZero()
	}
	if v.CanAddr() {
		if z, ok := v.Addr().Interface().(isZeroer); ok {
			return z.IsZero()
		}
	}
	return v.IsZero()
}

type fieldPlan struct {
	name                string
	index               []int // through embedded structs
	omitEmpty, omitZero bool
	kind                marshalKind
}

type structPlan struct {
	fields []fieldPlan
	// roundTrip is set for structs whose field set follows rules the walk
	// does not model (",string", names clashing across embedded structs,
	// embedding cycles).
	roundTrip bool
}

var structPlans sync.Map // reflect.Type -> *structPlan

func structPlanOf(t reflect.Type) *structPlan {
	if p, ok := structPlans.Load(t); ok {
		return p.(*structPlan)
	}
	p := &structPlan{}
	p.roundTrip = !addFields(p, t, nil, map[string]bool{}, map[reflect.Type]bool{t: true})
	if p.roundTrip {
		p.fields = nil
	}
	actual, _ := structPlans.LoadOrStore(t, p)
	return actual.(*structPlan)
}

// addFields appends t's encoded fields to p, promoting the fields of
// untagged embedded structs as encoding/json does. It reports false when
// the result would depend on encoding/json's dominance rules (two fields of
// one name) or on options the walk does not implement.
func addFields(p *structPlan, t reflect.Type, index []int, seen map[string]bool, visiting map[reflect.Type]bool) bool {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		ft := sf.Type
		if sf.Anonymous {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if !sf.IsExported() && ft.Kind() != reflect.Struct {
				continue
			}
		} else if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validTagName(name) {
			name = ""
		}
		idx := append(index[:len(index):len(index)], i)
		if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			if visiting[ft] {
				return false
			}
			visiting[ft] = true
			ok := addFields(p, ft, idx, seen, visiting)
			delete(visiting, ft)
			if !ok {
				return false
			}
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f := fieldPlan{name: name, index: idx, kind: kindOfStatic(sf.Type)}
		for opts != "" {
			var o string
			o, opts, _ = strings.Cut(opts, ",")
			switch o {
			case "omitempty":
				f.omitEmpty = true
			case "omitzero":
				f.omitZero = true
			case "string":
				return false
			}
		}
		if seen[name] {
			return false
		}
		seen[name] = true
		p.fields = append(p.fields, f)
	}
	return true
}

// fieldByPlan follows index through embedded pointers; ok is false when one
// of them is nil (encoding/json then leaves the promoted field out).
func fieldByPlan(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// validTagName is encoding/json's rule for a usable tag name.
func validTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
			// Backslash and quote chars are reserved, but otherwise any
			// punctuation chars are allowed in a tag name.
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

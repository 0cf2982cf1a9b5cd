package issu

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goissu/goissu/parsers"
)

// appendJSON appends what json.Marshal(v) writes, faster: writing the
// parsed artifacts was the largest single cost of a fleet snapshot (a
// third of its CPU), most of it encoding/json's reflection per value and
// the validation it applies to every MarshalJSON result. The encoder
// follows the same walk as jsonMap (struct plans, marshal kinds) with a
// compiled encoder per type; parser types that implement
// AppendJSON(dst []byte) ([]byte, error) are trusted to append exactly
// their json.Marshal encoding; anything the walk does not model is
// encoded by encoding/json itself. TestAppendJSONGolden checks the bytes
// equal json.Marshal's on every golden parser result, FuzzAppendJSON on
// arbitrary parser output. Where a type's MarshalJSON is its AppendJSON
// (the parsers' flattened and keyed-list types), that comparison is with
// itself: those AppendJSONs are held to independent encoders in their own
// packages' tests (the map they stand for, or a copy of the encoder they
// replaced).
func appendJSON(dst []byte, v any) ([]byte, error) {
	if v == nil {
		return append(dst, "null"...), nil
	}
	e := jsonEncoder{b: dst}
	if st, ok := entryStacks.Get().(*[]mapEntry); ok {
		e.entries = *st
		defer func() { *st = e.entries[:0]; entryStacks.Put(st) }()
	}
	rv := reflect.ValueOf(v)
	if err := typeEncoder(rv.Type())(&e, rv); err != nil {
		return dst, err
	}
	return e.b, nil
}

// entryStacks keeps the map entry stacks of finished encodings.
var entryStacks = sync.Pool{New: func() any { return new([]mapEntry) }}

// jsonAppender is implemented by parser result types that can append
// their JSON encoding directly (exactly json.Marshal's bytes).
type jsonAppender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

var jsonAppenderType = reflect.TypeFor[jsonAppender]()

type jsonEncoder struct {
	b       []byte
	depth   int        // nesting, bounded like encoding/json's cycle check
	entries []mapEntry // maps being encoded, innermost last
}

// maxJSONDepth stops a cyclic value (which encoding/json reports as an
// error) from recursing without end.
const maxJSONDepth = 1000

var errJSONDepth = errors.New("json: value nested too deep (a cycle?)")

type encodeFunc func(e *jsonEncoder, v reflect.Value) error

var typeEncoders sync.Map // reflect.Type -> encodeFunc

// typeEncoder returns the compiled encoder of t, building it once; a
// recursive type gets a forwarder while its encoder is being built (the
// way encoding/json does it).
func typeEncoder(t reflect.Type) encodeFunc {
	if f, ok := typeEncoders.Load(t); ok {
		return f.(encodeFunc)
	}
	var (
		wg sync.WaitGroup
		f  encodeFunc
	)
	wg.Add(1)
	fi, loaded := typeEncoders.LoadOrStore(t, encodeFunc(func(e *jsonEncoder, v reflect.Value) error {
		wg.Wait()
		return f(e, v)
	}))
	if loaded {
		return fi.(encodeFunc)
	}
	f = newTypeEncoder(t)
	wg.Done()
	typeEncoders.Store(t, f)
	return f
}

func newTypeEncoder(t reflect.Type) encodeFunc {
	if t == timeType {
		return timeEncode
	}
	if t.Implements(jsonAppenderType) {
		return appenderEncode
	}
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(jsonAppenderType) {
		return condAddrEncoder(addrAppenderEncode, plainEncoder(t))
	}
	switch marshalKindOf(t) {
	case kindMarshaler, kindText:
		return fallbackEncode
	case kindPtrMarshaler, kindPtrText:
		// encoding/json uses *T's method only when the value is addressable.
		return condAddrEncoder(fallbackEncode, plainEncoder(t))
	}
	return plainEncoder(t)
}

func condAddrEncoder(addr, plain encodeFunc) encodeFunc {
	return func(e *jsonEncoder, v reflect.Value) error {
		if v.CanAddr() {
			return addr(e, v)
		}
		return plain(e, v)
	}
}

func appenderEncode(e *jsonEncoder, v reflect.Value) error {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		e.b = append(e.b, "null"...)
		return nil
	}
	b, err := v.Interface().(jsonAppender).AppendJSON(e.b)
	if err != nil {
		return err
	}
	e.b = b
	return nil
}

var timeType = reflect.TypeFor[time.Time]()

// timeEncode writes what time.Time's MarshalJSON does (RFC 3339 with
// sub-second digits, quoted) without a json.Marshal per value: a manifest
// has a time per command. Out-of-range years go to encoding/json for its
// error.
func timeEncode(e *jsonEncoder, v reflect.Value) error {
	t, _ := reflect.TypeAssert[time.Time](v)
	b, err := t.AppendText(append(e.b, '"'))
	if err != nil {
		return fallbackEncode(e, v)
	}
	e.b = append(b, '"')
	return nil
}

func addrAppenderEncode(e *jsonEncoder, v reflect.Value) error {
	return appenderEncode(e, v.Addr())
}

// fallbackEncode lets encoding/json encode v (through its address when it
// has one, so pointer-receiver marshalers inside it apply as they would in
// place).
func fallbackEncode(e *jsonEncoder, v reflect.Value) error {
	if v.CanAddr() {
		v = v.Addr()
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	e.b = append(e.b, b...)
	return nil
}

func plainEncoder(t reflect.Type) encodeFunc {
	switch t.Kind() {
	case reflect.Bool:
		return func(e *jsonEncoder, v reflect.Value) error {
			e.b = strconv.AppendBool(e.b, v.Bool())
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(e *jsonEncoder, v reflect.Value) error {
			e.b = strconv.AppendInt(e.b, v.Int(), 10)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(e *jsonEncoder, v reflect.Value) error {
			e.b = strconv.AppendUint(e.b, v.Uint(), 10)
			return nil
		}
	case reflect.Float32:
		return floatEncoder(32)
	case reflect.Float64:
		return floatEncoder(64)
	case reflect.String:
		if t == numberType {
			return fallbackEncode
		}
		return func(e *jsonEncoder, v reflect.Value) error {
			e.b = parsers.AppendJSONString(e.b, v.String())
			return nil
		}
	case reflect.Interface:
		return func(e *jsonEncoder, v reflect.Value) error {
			if v.IsNil() {
				e.b = append(e.b, "null"...)
				return nil
			}
			elem := v.Elem()
			return typeEncoder(elem.Type())(e, elem)
		}
	case reflect.Pointer:
		elemEnc := typeEncoder(t.Elem())
		return func(e *jsonEncoder, v reflect.Value) error {
			if v.IsNil() {
				e.b = append(e.b, "null"...)
				return nil
			}
			if e.depth++; e.depth > maxJSONDepth {
				return errJSONDepth
			}
			err := elemEnc(e, v.Elem())
			e.depth--
			return err
		}
	case reflect.Struct:
		return structEncoder(t)
	case reflect.Map:
		return mapEncoder(t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return fallbackEncode // base64, or the element's marshalers
		}
		elemEnc := typeEncoder(t.Elem())
		return func(e *jsonEncoder, v reflect.Value) error {
			if v.IsNil() {
				e.b = append(e.b, "null"...)
				return nil
			}
			return encodeElems(e, v, elemEnc)
		}
	case reflect.Array:
		elemEnc := typeEncoder(t.Elem())
		return func(e *jsonEncoder, v reflect.Value) error { return encodeElems(e, v, elemEnc) }
	}
	return fallbackEncode // complex, chan, func: encoding/json's error
}

func encodeElems(e *jsonEncoder, v reflect.Value, elemEnc encodeFunc) error {
	if e.depth++; e.depth > maxJSONDepth {
		return errJSONDepth
	}
	e.b = append(e.b, '[')
	for i := range v.Len() {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		if err := elemEnc(e, v.Index(i)); err != nil {
			return err
		}
	}
	e.b = append(e.b, ']')
	e.depth--
	return nil
}

// floatEncoder is encoding/json's float format: like %g with ES6's
// exponent cut-offs, "e-9" rather than "e-09"; NaN and ±Inf are errors.
func floatEncoder(bits int) encodeFunc {
	return func(e *jsonEncoder, v reflect.Value) error {
		f := v.Float()
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return fallbackEncode(e, v) // encoding/json's UnsupportedValueError
		}
		abs := math.Abs(f)
		format := byte('f')
		if abs != 0 {
			if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
				format = 'e'
			}
		}
		b := strconv.AppendFloat(e.b, f, format, -1, bits)
		if format == 'e' {
			if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
				b[n-2] = b[n-1]
				b = b[:n-1]
			}
		}
		e.b = b
		return nil
	}
}

type fieldEncoder struct {
	plan   fieldPlan
	key    string // `"name":`
	enc    encodeFunc
	direct int      // the field's index when not promoted from an embedded struct, else -1
	leaf   leafKind // a plain string, integer or bool: encoded inline
}

// leafKind marks struct fields the struct encoder writes itself: most
// fields of parser results are plain strings, integers and bools, and a
// call through their encoder plus encoding/json's generic omitempty test
// cost more than writing them.
type leafKind uint8

const (
	leafNone leafKind = iota
	leafString
	leafInt
	leafUint
	leafBool
)

// leafOf returns t's leaf kind: only for types whose encoding is their
// kind's (no marshaler, appender or IsZero method of their own).
func leafOf(t reflect.Type) leafKind {
	if t == numberType || t.Implements(jsonAppenderType) || reflect.PointerTo(t).Implements(jsonAppenderType) ||
		marshalKindOf(t) != kindPlain || t.Implements(isZeroerType) || reflect.PointerTo(t).Implements(isZeroerType) {
		return leafNone
	}
	switch t.Kind() {
	case reflect.String:
		return leafString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return leafInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return leafUint
	case reflect.Bool:
		return leafBool
	}
	return leafNone
}

var isZeroerType = reflect.TypeFor[interface{ IsZero() bool }]()

func structEncoder(t reflect.Type) encodeFunc {
	plan := structPlanOf(t)
	if plan.roundTrip {
		return fallbackEncode
	}
	fields := make([]fieldEncoder, len(plan.fields))
	for i, f := range plan.fields {
		ft := t.FieldByIndex(f.index).Type
		fields[i] = fieldEncoder{plan: f, key: string(parsers.AppendJSONString(nil, f.name)) + ":", enc: typeEncoder(ft), direct: -1, leaf: leafOf(ft)}
		if len(f.index) == 1 {
			fields[i].direct = f.index[0]
		}
	}
	return func(e *jsonEncoder, v reflect.Value) error {
		e.b = append(e.b, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			var fv reflect.Value
			if f.direct >= 0 {
				fv = v.Field(f.direct)
			} else {
				var ok bool
				if fv, ok = fieldByPlan(v, f.plan.index); !ok {
					continue
				}
			}
			omit := f.plan.omitEmpty || f.plan.omitZero // the same test for a leaf
			switch f.leaf {
			case leafString:
				str := fv.String()
				if omit && str == "" {
					continue
				}
				e.b = appendKey(e.b, f.key, &first)
				e.b = parsers.AppendJSONString(e.b, str)
				continue
			case leafInt:
				n := fv.Int()
				if omit && n == 0 {
					continue
				}
				e.b = appendKey(e.b, f.key, &first)
				e.b = strconv.AppendInt(e.b, n, 10)
				continue
			case leafUint:
				n := fv.Uint()
				if omit && n == 0 {
					continue
				}
				e.b = appendKey(e.b, f.key, &first)
				e.b = strconv.AppendUint(e.b, n, 10)
				continue
			case leafBool:
				b := fv.Bool()
				if omit && !b {
					continue
				}
				e.b = appendKey(e.b, f.key, &first)
				e.b = strconv.AppendBool(e.b, b)
				continue
			}
			if f.plan.omitEmpty {
				switch fv.Kind() {
				case reflect.Pointer, reflect.Interface:
					if fv.IsNil() {
						continue
					}
				case reflect.Map, reflect.Slice:
					if fv.Len() == 0 {
						continue
					}
				default:
					if isEmptyJSON(fv) {
						continue
					}
				}
			}
			if f.plan.omitZero && isZeroJSON(fv) {
				continue
			}
			e.b = appendKey(e.b, f.key, &first)
			if err := f.enc(e, fv); err != nil {
				return err
			}
		}
		e.b = append(e.b, '}')
		return nil
	}
}

// appendKey appends a comma unless the field is the object's first, then
// key (`"name":`).
func appendKey(b []byte, key string, first *bool) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	return append(b, key...)
}

// mapEntry is one map entry while a map is sorted for encoding.
type mapEntry struct {
	k string
	v reflect.Value
}

func mapEncoder(t reflect.Type) encodeFunc {
	var key func(reflect.Value) string
	switch kt := t.Key(); {
	case kt.Kind() == reflect.String:
		key = reflect.Value.String
	case kt.Implements(textMarshalerType):
		return fallbackEncode
	case kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Int64:
		key = func(k reflect.Value) string { return strconv.FormatInt(k.Int(), 10) }
	case kt.Kind() >= reflect.Uint && kt.Kind() <= reflect.Uintptr:
		key = func(k reflect.Value) string { return strconv.FormatUint(k.Uint(), 10) }
	default:
		return fallbackEncode
	}
	elemEnc := typeEncoder(t.Elem())
	return func(e *jsonEncoder, v reflect.Value) error {
		if v.IsNil() {
			e.b = append(e.b, "null"...)
			return nil
		}
		if e.depth++; e.depth > maxJSONDepth {
			return errJSONDepth
		}
		// Entries go on the encoder's stack (nested maps push above), and
		// keys are read through one reusable Value: a new slice per map
		// and a copied key per entry were most of the encoder's garbage.
		base := len(e.entries)
		k := reflect.New(t.Key()).Elem()
		it := v.MapRange()
		for it.Next() {
			k.SetIterKey(it)
			e.entries = append(e.entries, mapEntry{key(k), it.Value()})
		}
		entries := e.entries[base:]
		slices.SortFunc(entries, func(a, b mapEntry) int { return strings.Compare(a.k, b.k) })
		e.b = append(e.b, '{')
		for i, en := range entries {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.b = parsers.AppendJSONString(e.b, en.k)
			e.b = append(e.b, ':')
			if err := elemEnc(e, en.v); err != nil {
				return err
			}
		}
		e.b = append(e.b, '}')
		clear(e.entries[base:])
		e.entries = e.entries[:base]
		e.depth--
		return nil
	}
}

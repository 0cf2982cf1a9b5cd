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
// arbitrary parser output.
func appendJSON(dst []byte, v any) ([]byte, error) {
	if v == nil {
		return append(dst, "null"...), nil
	}
	e := jsonEncoder{b: dst}
	rv := reflect.ValueOf(v)
	if err := typeEncoder(rv.Type())(&e, rv); err != nil {
		return dst, err
	}
	return e.b, nil
}

// jsonAppender is implemented by parser result types that can append
// their JSON encoding directly (exactly json.Marshal's bytes).
type jsonAppender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

var jsonAppenderType = reflect.TypeFor[jsonAppender]()

type jsonEncoder struct {
	b     []byte
	depth int // nesting, bounded like encoding/json's cycle check
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
	plan fieldPlan
	key  string // `"name":`
	enc  encodeFunc
}

func structEncoder(t reflect.Type) encodeFunc {
	plan := structPlanOf(t)
	if plan.roundTrip {
		return fallbackEncode
	}
	fields := make([]fieldEncoder, len(plan.fields))
	for i, f := range plan.fields {
		fields[i] = fieldEncoder{plan: f, key: string(parsers.AppendJSONString(nil, f.name)) + ":", enc: typeEncoder(t.FieldByIndex(f.index).Type)}
	}
	return func(e *jsonEncoder, v reflect.Value) error {
		e.b = append(e.b, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			fv, ok := fieldByPlan(v, f.plan.index)
			if !ok {
				continue
			}
			if f.plan.omitEmpty && isEmptyJSON(fv) || f.plan.omitZero && isZeroJSON(fv) {
				continue
			}
			if !first {
				e.b = append(e.b, ',')
			}
			first = false
			e.b = append(e.b, f.key...)
			if err := f.enc(e, fv); err != nil {
				return err
			}
		}
		e.b = append(e.b, '}')
		return nil
	}
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
	type entry struct {
		k string
		v reflect.Value
	}
	return func(e *jsonEncoder, v reflect.Value) error {
		if v.IsNil() {
			e.b = append(e.b, "null"...)
			return nil
		}
		if e.depth++; e.depth > maxJSONDepth {
			return errJSONDepth
		}
		entries := make([]entry, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			entries = append(entries, entry{key(it.Key()), it.Value()})
		}
		slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.k, b.k) })
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
		e.depth--
		return nil
	}
}

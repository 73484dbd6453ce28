package localregistry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Parsing and schema validation of requests, the way FastAPI and pydantic v2 (lax mode) do it:
// every problem becomes one 422 entry (vErr) with its loc, msg, type, input and ctx.

// rctx is one API request.
type rctx struct {
	req  *http.Request
	q    url.Values
	body []byte
	org  string // acting organisation
	v    vErrs  // collected validation errors (path and query)
}

// queryValue is the last value of a query parameter (FastAPI takes the last of repeated ones).
func (c *rctx) queryValue(name string) (string, bool) {
	vals := c.q[name]
	if len(vals) == 0 {
		return "", false
	}
	return vals[len(vals)-1], true
}

// pathID validates the {id} path parameter (20..37 characters).
func (c *rctx) pathID() string {
	id := c.req.PathValue("id")
	checkLen(&c.v, []any{"path", "id"}, id, 20, 37)
	return id
}

// queryID validates an optional ID query parameter ("" when absent).
func (c *rctx) queryID(name string) string {
	s, ok := c.queryValue(name)
	if !ok {
		return ""
	}
	checkLen(&c.v, []any{"query", name}, s, 20, 37)
	return s
}

func at(loc []any, more ...any) []any {
	out := make([]any, 0, len(loc)+len(more))
	out = append(out, loc...)
	return append(out, more...)
}

// decodeBody parses a JSON object body, reporting FastAPI-style errors.
func decodeBody(body []byte) (map[string]any, error) {
	var v vErrs
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var x any
	if len(bytes.TrimSpace(body)) == 0 {
		v.add([]any{"body"}, "Field required", "missing", nil, nil)
		return nil, v.err()
	}
	if err := dec.Decode(&x); err != nil || dec.More() {
		msg := "invalid JSON"
		if err != nil {
			msg = err.Error()
		}
		v.add([]any{"body", 0}, "JSON decode error", "json_invalid", map[string]any{}, map[string]any{"error": msg})
		return nil, v.err()
	}
	m, ok := x.(map[string]any)
	if !ok {
		v.add([]any{"body"}, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type", x, nil)
		return nil, v.err()
	}
	return m, nil
}

// bodyFields decodes a JSON object body (422 when it is not one) for validation field by field.
func bodyFields(body []byte) (fields, error) {
	m, err := decodeBody(body)
	if err != nil {
		return fields{}, err
	}
	return fields{m: m, loc: []any{"body"}, v: &vErrs{}}, nil
}

// fields validates the fields of a JSON object at loc, collecting the problems in v.
type fields struct {
	m   map[string]any
	loc []any
	v   *vErrs
}

func (f fields) get(key string) (any, bool) {
	x, ok := f.m[key]
	if !ok {
		f.v.add(at(f.loc, key), "Field required", "missing", f.m, nil)
	}
	return x, ok
}

func checkLen(v *vErrs, loc []any, s string, minLen, maxLen int) bool {
	n := len([]rune(s))
	if minLen > 0 && n < minLen {
		v.add(loc, fmt.Sprintf("String should have at least %d characters", minLen), "string_too_short", s, map[string]any{"min_length": minLen})
		return false
	}
	if maxLen > 0 && n > maxLen {
		v.add(loc, fmt.Sprintf("String should have at most %d characters", maxLen), "string_too_long", s, map[string]any{"max_length": maxLen})
		return false
	}
	return true
}

// str validates a required string (not null) with length bounds (0 = unbounded).
func (f fields) str(key string, minLen, maxLen int) (string, bool) {
	x, ok := f.get(key)
	if !ok {
		return "", false
	}
	s, isStr := x.(string)
	if !isStr {
		f.v.add(at(f.loc, key), "Input should be a valid string", "string_type", x, nil)
		return "", false
	}
	return s, checkLen(f.v, at(f.loc, key), s, minLen, maxLen)
}

// id validates an Isometric ID (string of 20..37 characters).
func (f fields) id(key string) (string, bool) { return f.str(key, 20, 37) }

// nullableStr validates a string-or-null; required says whether the key must be present. A missing,
// null or invalid value gives nil; any error goes to f.v, which the caller checks.
func (f fields) nullableStr(key string, maxLen int, required bool) *string {
	x, present := f.m[key]
	if !present {
		if required {
			f.v.add(at(f.loc, key), "Field required", "missing", f.m, nil)
		}
		return nil
	}
	if x == nil {
		return nil
	}
	s, isStr := x.(string)
	if !isStr {
		f.v.add(at(f.loc, key), "Input should be a valid string", "string_type", x, nil)
		return nil
	}
	if !checkLen(f.v, at(f.loc, key), s, 0, maxLen) {
		return nil
	}
	return &s
}

// toInt converts a decoded JSON value to an int64 the way pydantic's lax mode does.
func toInt(v *vErrs, loc []any, x any) (int64, bool) {
	switch n := x.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
			return i, true
		}
		fl, err := strconv.ParseFloat(n.String(), 64)
		if err != nil || math.IsInf(fl, 0) {
			v.add(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing", x, nil)
			return 0, false
		}
		if fl != math.Trunc(fl) {
			v.add(loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float", x, nil)
			return 0, false
		}
		if math.Abs(fl) > 9.2e18 {
			v.add(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing", x, nil)
			return 0, false
		}
		return int64(fl), true
	case string:
		i, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		if err != nil {
			v.add(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing", x, nil)
			return 0, false
		}
		return i, true
	default:
		v.add(loc, "Input should be a valid integer", "int_type", x, nil)
		return 0, false
	}
}

// positiveInt validates a required integer > 0.
func (f fields) positiveInt(key string) (int64, bool) {
	x, ok := f.get(key)
	if !ok {
		return 0, false
	}
	i, ok := toInt(f.v, at(f.loc, key), x)
	if !ok {
		return 0, false
	}
	if i <= 0 {
		f.v.add(at(f.loc, key), "Input should be greater than 0", "greater_than", x, map[string]any{"gt": 0})
		return 0, false
	}
	return i, true
}

// optionalIntBetween validates an optional integer (absent or null: nil) in minV..maxV.
func (f fields) optionalIntBetween(key string, minV, maxV int64) *int64 {
	x, ok := f.m[key]
	if !ok || x == nil {
		return nil
	}
	n, ok := toInt(f.v, at(f.loc, key), x)
	switch {
	case !ok:
		return nil
	case n < minV:
		f.v.add(at(f.loc, key), fmt.Sprintf("Input should be greater than or equal to %d", minV), "greater_than_equal", x, map[string]any{"ge": minV})
		return nil
	case n > maxV:
		f.v.add(at(f.loc, key), fmt.Sprintf("Input should be less than or equal to %d", maxV), "less_than_equal", x, map[string]any{"le": maxV})
		return nil
	}
	return &n
}

// boolean validates a required boolean (pydantic's lax parsing of strings and 0/1). A missing or
// invalid value gives false and an error in f.v, which the caller checks.
func (f fields) boolean(key string) bool {
	x, ok := f.get(key)
	if !ok {
		return false
	}
	switch b := x.(type) {
	case bool:
		return b
	case string:
		switch strings.ToLower(b) {
		case "true", "1", "yes", "on", "t", "y":
			return true
		case "false", "0", "no", "off", "f", "n":
			return false
		}
		f.v.add(at(f.loc, key), "Input should be a valid boolean, unable to interpret input", "bool_parsing", x, nil)
	case json.Number:
		switch b.String() {
		case "1":
			return true
		case "0":
			return false
		}
		f.v.add(at(f.loc, key), "Input should be a valid boolean, unable to interpret input", "bool_parsing", x, nil)
	default:
		f.v.add(at(f.loc, key), "Input should be a valid boolean", "bool_type", x, nil)
	}
	return false
}

func (f fields) list(key string, minItems int) ([]any, bool) {
	x, ok := f.get(key)
	if !ok {
		return nil, false
	}
	l, isList := x.([]any)
	if !isList {
		f.v.add(at(f.loc, key), "Input should be a valid list", "list_type", x, nil)
		return nil, false
	}
	if len(l) < minItems {
		f.v.add(at(f.loc, key), fmt.Sprintf("List should have at least %d item after validation, not %d", minItems, len(l)), "too_short", x,
			map[string]any{"field_type": "List", "min_length": minItems, "actual_length": len(l)})
		return nil, false
	}
	return l, true
}

// enumMsg renders pydantic's "Input should be 'a', 'b' or 'c'".
func enumMsg(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "'" + v + "'"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func checkEnum(v *vErrs, loc []any, x any, values []string) (string, bool) {
	s, ok := x.(string)
	if ok {
		for _, e := range values {
			if s == e {
				return s, true
			}
		}
	}
	exp := enumMsg(values)
	v.add(loc, "Input should be "+exp, "enum", x, map[string]any{"expected": exp})
	return "", false
}

var purposeValues = []string{"corporate_targets", "public_environmental_claims", "insetting", "regulatory_requirement", "other"}

type batchQty struct {
	ID string
	Kg int64
}

// batchQuantities validates credit_batch_quantities (items {credit_batch_id, credit_quantity_kg});
// its problems go to f.v.
func (f fields) batchQuantities(minItems int) []batchQty {
	l, ok := f.list("credit_batch_quantities", minItems)
	if !ok {
		return nil
	}
	out := make([]batchQty, 0, len(l))
	for i, it := range l {
		loc := at(f.loc, "credit_batch_quantities", i)
		m, isObj := it.(map[string]any)
		if !isObj {
			f.v.add(loc, "Input should be a valid dictionary or instance of CreditBatchQuantity", "model_type", it,
				map[string]any{"class_name": "CreditBatchQuantity"})
			continue
		}
		sub := fields{m: m, loc: loc, v: f.v}
		id, ok1 := sub.id("credit_batch_id")
		kg, ok2 := sub.positiveInt("credit_quantity_kg")
		if ok1 && ok2 {
			out = append(out, batchQty{ID: id, Kg: kg})
		}
	}
	return out
}

// purposes validates retirement_purposes (a non-empty list of known purposes) and returns the
// valid ones without duplicates; any error goes to f.v, which the caller checks.
func (f fields) purposes() []string {
	l, ok := f.list("retirement_purposes", 1)
	if !ok {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for i, x := range l {
		s, ok := checkEnum(f.v, at(f.loc, "retirement_purposes", i), x, purposeValues)
		if !ok {
			continue
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var emailRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

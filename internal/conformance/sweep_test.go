package conformance

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// The sweeps derive inputs from the spec's own constraints (lengths, bounds, enums, formats,
// required fields, nullability) just inside and just outside each one, let the spec decide whether
// each input is valid, and check the registry agrees:
//   - an input the spec rejects gets a 422 whose loc points at the input;
//   - an input the spec accepts is never refused for its shape (a 422 may only be a business-rule
//     refusal, type value_error).

// candidate is one value derived from a schema constraint; remove means "leave the field out".
type candidate struct {
	desc   string
	value  any
	remove bool
}

// nonNull returns the schema without its null alternative (anyOf [X, null] -> X) and whether null is allowed.
func nonNull(s *openapi3.Schema) (*openapi3.Schema, bool) {
	if len(s.AnyOf) == 0 {
		return s, false
	}
	var core *openapi3.Schema
	nullable := false
	for _, alt := range s.AnyOf {
		if alt.Value.Type != nil && alt.Value.Type.Is("null") {
			nullable = true
		} else if core == nil {
			core = alt.Value
		}
	}
	if core == nil {
		return s, nullable
	}
	return core, nullable
}

func isType(s *openapi3.Schema, typ string) bool { return s.Type != nil && s.Type.Is(typ) }

// idLike pads an example ID's prefix ("ctb_") to n characters, so that boundary IDs look real.
func idLike(s *openapi3.Schema, n int) string {
	prefix := ""
	if ex, ok := s.Example.(string); ok {
		if i := strings.IndexByte(ex, '_'); i > 0 && i < n {
			prefix = ex[:i+1]
		}
	}
	return prefix + strings.Repeat("0", n-len(prefix))
}

// candidates derives values around every constraint of s.
func candidates(s *openapi3.Schema) []candidate {
	core, nullable := nonNull(s)
	var out []candidate
	add := func(desc string, v any) { out = append(out, candidate{desc: desc, value: v}) }
	if nullable {
		add("null", nil)
	}
	switch {
	case isType(core, "string"):
		add("a number instead of a string", 123)
		if len(core.Enum) > 0 || core.Const != nil {
			add("a value outside the enum", "bogus_value")
		}
		if m := int(core.MinLength); m > 1 {
			add(fmt.Sprintf("%d characters (minLength %d)", m-1, m), idLike(core, m-1))
			add(fmt.Sprintf("%d characters (minLength %d)", m, m), idLike(core, m))
		}
		if core.MaxLength != nil {
			m := int(*core.MaxLength)
			add(fmt.Sprintf("%d characters (maxLength %d)", m+1, m), idLike(core, m+1))
			add(fmt.Sprintf("%d characters (maxLength %d)", m, m), idLike(core, m))
		}
		if core.Format == "date-time" {
			add("not a date-time", "not-a-date")
			add("a date-time", "2024-01-01T00:00:00Z")
		}
		if core.Format == "email" {
			add("not an email", "not-an-email")
		}
	case isType(core, "integer"):
		add("a string instead of an integer", "abc")
		add("a fraction", 1.5)
		if b := core.ExclusiveMin.Value; b != nil {
			add(fmt.Sprintf("%g (exclusiveMinimum %g)", *b, *b), int64(*b))
			add(fmt.Sprintf("%g (exclusiveMinimum %g)", *b+1, *b), int64(*b)+1)
		}
		if b := core.Min; b != nil {
			add(fmt.Sprintf("%g (minimum %g)", *b-1, *b), int64(*b)-1)
			add(fmt.Sprintf("%g (minimum %g)", *b, *b), int64(*b))
		}
		if b := core.Max; b != nil {
			add(fmt.Sprintf("%g (maximum %g)", *b+1, *b), int64(*b)+1)
			add(fmt.Sprintf("%g (maximum %g)", *b, *b), int64(*b))
		}
	case isType(core, "boolean"):
		// Not "yes"/"true"/"1": FastAPI (pydantic, lax mode) accepts those as booleans.
		add("a string instead of a boolean", "maybe")
	case isType(core, "array"):
		add("a string instead of an array", "not-a-list")
		if core.MinItems > 0 {
			add(fmt.Sprintf("an empty array (minItems %d)", core.MinItems), []any{})
		}
		if core.Items != nil && len(core.Items.Value.Enum) > 0 {
			add("an array with a value outside the enum", []any{"bogus_value"})
		}
	case isType(core, "object"):
		add("a string instead of an object", "not-an-object")
	}
	return out
}

// bodyMutation is a change of one field of a request body.
type bodyMutation struct {
	path []any // e.g. ["credit_batch_quantities", 0, "credit_quantity_kg"]
	candidate
}

// bodyMutations walks an object schema along a valid value and derives mutations of every field,
// nested objects and the first item of arrays of objects included.
func bodyMutations(s *openapi3.Schema, value any, path []any) []bodyMutation {
	if len(s.OneOf) > 0 { // follow the alternative whose required fields the value has
		obj, _ := value.(map[string]any)
		for _, alt := range s.OneOf {
			if hasAll(obj, alt.Value.Required) {
				return bodyMutations(alt.Value, value, path)
			}
		}
		return nil
	}
	obj, ok := value.(map[string]any)
	if !ok {
		return nil
	}
	var out []bodyMutation
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		prop := s.Properties[name].Value
		p := append(slices.Clone(path), name)
		if slices.Contains(s.Required, name) {
			out = append(out, bodyMutation{p, candidate{desc: "left out (required)", remove: true}})
		}
		for _, c := range candidates(prop) {
			out = append(out, bodyMutation{p, c})
		}
		core, _ := nonNull(prop)
		switch v := obj[name].(type) {
		case map[string]any:
			out = append(out, bodyMutations(core, v, p)...)
		case []any:
			if isType(core, "array") && core.Items != nil && len(v) > 0 && isType(core.Items.Value, "object") {
				out = append(out, bodyMutations(core.Items.Value, v[0], append(p, 0))...)
			}
		}
	}
	return out
}

func hasAll(obj map[string]any, keys []string) bool {
	for _, k := range keys {
		if _, ok := obj[k]; !ok {
			return false
		}
	}
	return true
}

// apply returns a deep copy of body with the mutation applied.
func (m bodyMutation) apply(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	var cp map[string]any
	b, _ := json.Marshal(body)
	if err := json.Unmarshal(b, &cp); err != nil {
		t.Fatal(err)
	}
	var cur any = cp
	for i, step := range m.path {
		last := i == len(m.path)-1
		switch node := cur.(type) {
		case map[string]any:
			key, _ := step.(string)
			switch {
			case !last:
				cur = node[key]
			case m.remove:
				delete(node, key)
			default:
				node[key] = m.value
			}
		case []any:
			idx, _ := step.(int)
			if last {
				node[idx] = m.value
			} else {
				cur = node[idx]
			}
		default:
			t.Fatalf("path %v does not lead through objects and arrays of the body", m.path)
		}
	}
	return cp
}

// checkVerdict compares the spec's verdict on a request with the registry's answer.
func checkVerdict(t *testing.T, r rawResponse, loc []any, locPrefixOnly bool) {
	t.Helper()
	if r.RequestErr != nil {
		if r.Status != 422 {
			t.Fatalf("the spec rejects this request (%v) but the registry answered %d: %s", firstLine(r.RequestErr), r.Status, r.Body)
		}
		v := decode422(t, r)
		want := fmt.Sprint(loc...)
		if locPrefixOnly {
			want = fmt.Sprint(loc[0])
		}
		for _, d := range v.Detail {
			if strings.HasPrefix(fmt.Sprint(d.Loc...), want) {
				return
			}
		}
		t.Errorf("422 locs %v, none at %v (spec: %v)", locs(v), loc, firstLine(r.RequestErr))
		return
	}
	if r.Status == 422 {
		v := decode422(t, r)
		for _, d := range v.Detail {
			if d.Type != "value_error" {
				t.Errorf("the spec accepts this request but the registry refused its shape: %+v", d)
			}
		}
	}
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// TestBodySweep mutates every field of every POST body around its spec constraints.
func TestBodySweep(t *testing.T) {
	t.Parallel()
	spec := loadSpec(t)
	bodies := []struct {
		path string
		h    rawHeaders
		body map[string]any
	}{
		{"/retirements", buyer, retirementBody(nil)},
		{"/retirements/from_oldest_credits", buyer, oldestBody(func(b map[string]any) {
			b["vintage"] = 2024
			b["order_id"] = lr.DemoOrderA1ID
		})},
		{"/transfers", buyer, transferBody(nil)},
		{"/deliveries", supplierA, deliveryBody(nil)},
		{"/beneficiary", buyer, map[string]any{"__typename": "CreateOrganizationBeneficiary", "beneficiary_name": "Sweep Corp", "beneficiary_domain": "sweep.example"}},
		{"/stripe/checkout", supplierA, map[string]any{
			"quantity_kg": 1000, "frequency": "one_time", "customer_email": "c@example.com",
			"isometric_terms_and_conditions_accepted": true, "supplier_terms_and_conditions_accepted": true,
			"success_url": "https://example.com/ok", "cancel_url": "https://example.com/cancel",
		}},
	}
	for _, b := range bodies {
		op := spec.doc.Paths.Find(b.path).Post
		schema := op.RequestBody.Value.Content.Get("application/json").Schema.Value
		oneOf := len(schema.OneOf) > 0
		t.Run(strings.TrimPrefix(b.path, "/")+"/unchanged", func(t *testing.T) {
			t.Parallel()
			r := newWorld(t).raw("POST", b.path, b.h, b.body)
			if r.RequestErr != nil || r.Status != 200 {
				t.Fatalf("base body: spec says %v, registry %d %s", r.RequestErr, r.Status, r.Body)
			}
		})
		for _, m := range bodyMutations(schema, b.body, nil) {
			t.Run(fmt.Sprintf("%s/%v %s", strings.TrimPrefix(b.path, "/"), m.path, m.desc), func(t *testing.T) {
				t.Parallel()
				r := newWorld(t).raw("POST", b.path, b.h, m.apply(t, b.body))
				checkVerdict(t, r, append([]any{"body"}, m.path...), oneOf)
			})
		}
	}
}

// concretePath fills a spec path template with a demo ID of the right kind.
func concretePath(template string) string {
	ids := map[string]string{
		"organisations": lr.DemoBuyerOrgID, "suppliers": lr.DemoSupplierAID, "projects": lr.DemoProjectA1ID,
		"credit_batches": lr.DemoBatchA1Buyer1, "issuances": lr.DemoIssuanceA1ID, "orders": lr.DemoOrderA2ID,
		"deliveries": lr.DemoDeliveryA1ID, "transfers": lr.DemoTransferID, "retirements": lr.DemoRetirementID,
		"refunds": lr.DemoRefundID,
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(template, "/"), "/")
	return strings.Replace(template, "{id}", ids[first], 1)
}

// headersFor picks who may call a path: supplier A for supplier-side endpoints, the buyer otherwise.
func headersFor(template string) rawHeaders {
	if strings.HasPrefix(template, "/supplier") || strings.HasPrefix(template, "/stripe") {
		return supplierA
	}
	return buyer
}

// paramValue renders a candidate as a URL parameter value.
func paramValue(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int, int64:
		return fmt.Sprint(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case []any:
		if len(x) == 1 {
			return paramValue(x[0])
		}
	}
	return "", false
}

// TestParameterSweep sends every GET operation each query and path parameter value derived from
// the spec's constraints. Cursors (after/before) are opaque: only their invalid values are sent.
func TestParameterSweep(t *testing.T) {
	t.Parallel()
	spec := loadSpec(t)
	for template, item := range spec.doc.Paths.Map() {
		op := item.Get
		if op == nil {
			continue
		}
		for _, pref := range op.Parameters {
			p := pref.Value
			if p.In != openapi3.ParameterInQuery && p.In != openapi3.ParameterInPath {
				continue
			}
			schema := p.Schema.Value
			if core, _ := nonNull(schema); isType(core, "array") && core.Items != nil {
				schema = core.Items.Value
			}
			for _, c := range candidates(schema) {
				value, ok := paramValue(c.value)
				if !ok || (value == "" && p.In == openapi3.ParameterInPath) {
					continue
				}
				t.Run(fmt.Sprintf("%s?%s=%s (%s)", strings.TrimPrefix(template, "/"), p.Name, truncateName(value), c.desc), func(t *testing.T) {
					t.Parallel()
					path := concretePath(template)
					if p.In == openapi3.ParameterInPath {
						path = strings.Replace(template, "{id}", url.PathEscape(value), 1)
					} else {
						path += "?" + url.Values{p.Name: {value}}.Encode()
					}
					w := newWorld(t)
					r := w.raw("GET", path, headersFor(template), nil)
					if r.RequestErr == nil && (p.Name == "after" || p.Name == "before") {
						return // an arbitrary cursor is valid for the spec but may be refused by the registry
					}
					checkVerdict(t, r, []any{p.In, p.Name}, false)
					// A well-formed but unknown path ID may be 403 (another organisation's) or 404; a
					// well-formed query value must be answered.
					if r.RequestErr == nil && p.In == openapi3.ParameterInQuery && r.Status != 200 {
						t.Errorf("the spec accepts the value but the registry answered %d: %s", r.Status, r.Body)
					}
				})
			}
		}
	}
}

func truncateName(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

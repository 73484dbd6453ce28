package provider

// Static checks of configuration values (no registry call): the provider settings, Isometric and
// ICR IDs, timestamps, and list elements that must be unique. Each message names the value and the
// fix. The same check functions serve schema validators and values from environment variables.

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// stringCheckValidator adapts a check function to a schema validator, so that the same check
// (and message) applies to a configured attribute and to a value from an environment variable.
type stringCheckValidator struct {
	check func(string) error
}

// stringCheck returns a validator that reports check's error for known, non-null values.
func stringCheck(check func(string) error) validator.String { return stringCheckValidator{check} }

func (v stringCheckValidator) Description(context.Context) string {
	return "value must pass the provider's format check"
}

func (v stringCheckValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v stringCheckValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if err := v.check(value); err != nil {
		addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("Invalid %s %q", req.Path, value), err.Error()+".")
	}
}

// checkEnvironment accepts "sandbox" and "production" (any case).
func checkEnvironment(env string) error {
	if _, err := client.BaseURLForEnvironment(env); err != nil || strings.TrimSpace(env) == "" {
		return fmt.Errorf("environment must be %q or %q; to use another registry, such as the local one, set endpoint (or %s) instead",
			client.EnvironmentSandbox, client.EnvironmentProduction, envEndpoint)
	}
	return nil
}

// checkEndpoint accepts an absolute http(s) URL of the Registry API.
func checkEndpoint(v string) error {
	return checkHTTPURL(v, "endpoint", "https://api.sandbox.isometric.com/registry/v0 or http://127.0.0.1:8765/registry/v0")
}

// checkICREndpoint accepts an absolute http(s) URL of the ICR API.
func checkICREndpoint(v string) error {
	return checkHTTPURL(v, "icr.endpoint", client.ICRDefaultURL+" or http://127.0.0.1:8765/icr")
}

// checkHTTPURL accepts what the client accepts as a base URL (client.ValidateBaseURL, the
// project's one URL check) and names the attribute and examples in its error.
func checkHTTPURL(v, attr, examples string) error {
	if client.ValidateBaseURL(v) != nil {
		return fmt.Errorf("%s must be an absolute http or https URL without query or fragment, for example %s", attr, examples)
	}
	return nil
}

// Limits of Isometric IDs (the spec's IsometricIDRequestParam schemas).
const (
	isometricIDMinLength = 20
	isometricIDMaxLength = 37
)

// checkIsometricID checks an Isometric ID: the type prefix (e.g. "org_") and 20..37 characters.
// kind names the object in the message, e.g. "organisation".
func checkIsometricID(kind, prefix, id string) error {
	if !strings.HasPrefix(id, prefix) || len(id) < isometricIDMinLength || len(id) > isometricIDMaxLength ||
		strings.ContainsAny(id, " \t\r\n/?#") {
		return fmt.Errorf("%s ID starts with %q and is %d to %d characters long without spaces (this one has %d), for example %s1GB56M1ST1S0GVNA; "+
			"copy the ID from the registry or from another resource's id attribute",
			withArticle(kind), prefix, isometricIDMinLength, isometricIDMaxLength, len(id), prefix)
	}
	return nil
}

// isometricIDValidator validates an ID attribute of the given kind and prefix with checkIsometricID.
func isometricIDValidator(kind, prefix string) validator.String {
	return idValidator{kind: kind, prefix: prefix}
}

type idValidator struct{ kind, prefix string }

func (v idValidator) Description(context.Context) string {
	return fmt.Sprintf("must be %s ID: prefix %q, %d to %d characters", withArticle(v.kind), v.prefix, isometricIDMinLength, isometricIDMaxLength)
}

func (v idValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v idValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	id := req.ConfigValue.ValueString()
	if err := checkIsometricID(v.kind, v.prefix, id); err != nil {
		addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("Invalid %s ID %q", v.kind, id), fmt.Sprintf("%s: %s.", req.Path, err))
	}
}

// uniqueObjectFieldValidator rejects a list of objects in which two elements have the same known
// value of the string field `field` (for example the same `credit_batch_id` twice). The error is on
// the second occurrence and names both positions.
//
// Usage: Validators: []validator.List{uniqueObjectFieldValidator("credit_batch_id", "credit batch")}.
func uniqueObjectFieldValidator(field, noun string) validator.List {
	return uniqueObjectField{field: field, noun: noun}
}

type uniqueObjectField struct{ field, noun string }

func (v uniqueObjectField) Description(context.Context) string {
	return fmt.Sprintf("each %s may be listed at most once (by `%s`)", v.noun, v.field)
}

func (v uniqueObjectField) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v uniqueObjectField) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]int{}
	for i, e := range req.ConfigValue.Elements() {
		s, ok := objectStringField(e, v.field)
		if !ok {
			continue
		}
		if first, dup := seen[s]; dup {
			addAttributeError(&resp.Diagnostics, req.Path.AtListIndex(i).AtName(v.field), "Duplicate "+v.noun,
				fmt.Sprintf("%s %q is listed twice in %s (elements [%d] and [%d]). List each %s once, with the whole quantity for it.",
					v.noun, s, req.Path, first, i, v.noun))
			continue
		}
		seen[s] = i
	}
}

// objectStringField returns the known string value of field in an object element.
func objectStringField(e attr.Value, field string) (string, bool) {
	obj, ok := e.(basetypes.ObjectValue)
	if !ok || obj.IsNull() || obj.IsUnknown() {
		return "", false
	}
	s, ok := obj.Attributes()[field].(types.String)
	if !ok || s.IsNull() || s.IsUnknown() {
		return "", false
	}
	return s.ValueString(), true
}

// checkRFC3339 accepts an RFC 3339 timestamp with a time zone.
func checkRFC3339(v string) error {
	if _, err := time.Parse(time.RFC3339, v); err != nil {
		return fmt.Errorf("expected an RFC 3339 timestamp with a time zone, for example 2025-01-01T00:00:00Z or 2025-01-01T12:30:00+01:00")
	}
	return nil
}

// checkICRID accepts an ICR ID (retirement or entity): not blank, and usable as one URL path segment.
func checkICRID(id string) error {
	if strings.TrimSpace(id) == "" || strings.ContainsAny(id, " \t\r\n/?#%") {
		return fmt.Errorf("an ICR ID is a single token without spaces or any of / ? # %%, such as 123e4567-e89b-12d3-a456-426614174000; " +
			"copy it from the ICR (carbonregistry.com) or from the isometric_icr_retirements data source")
	}
	return nil
}

// wholeKgValidator accepts a quantity in whole kilograms, at least 1, that fits in 64 bits. The
// schema types quantities as numbers (not integers) so that 12.5 reaches this check, and its
// message, instead of failing the framework's conversion.
type wholeKgValidator struct{}

// wholeKg returns the validator of a credit_quantity_kg attribute.
func wholeKgQuantity() validator.Number { return wholeKgValidator{} }

func (wholeKgValidator) Description(context.Context) string {
	return "a whole number of kilograms, at least 1"
}

func (v wholeKgValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (wholeKgValidator) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkWholeKg(req.ConfigValue.ValueBigFloat()); err != nil {
		addAttributeError(&resp.Diagnostics, req.Path, "Invalid quantity", fmt.Sprintf("%s: %s.", req.Path, err))
	}
}

// checkWholeKg explains what is wrong with a quantity of kg, in words a user can act on; the
// arithmetic is wholeKg's (units.go), shared with provider::isometric::kg_to_tonnes.
func checkWholeKg(f *big.Float) error {
	if f.IsInt() && f.Sign() <= 0 {
		return fmt.Errorf("%s kg: a quantity is at least 1 kg (1 credit = 1 tonne = 1000 kg); give a positive quantity, or remove it",
			f.Text('f', -1))
	}
	if _, err := wholeKg(f); err != nil {
		return fmt.Errorf("%w. Quantities are whole kilograms (1 credit = 1 tonne = 1000 kg); a quantity in tonnes with up to "+
			"3 decimals is written provider::isometric::tonnes_to_kg(\"12.5\")", err)
	}
	return nil
}

// kgOf is a validated quantity as int64 kg (0 when null or unknown).
func kgOf(n types.Number) int64 {
	if n.IsNull() || n.IsUnknown() {
		return 0
	}
	kg, _ := n.ValueBigFloat().Int64()
	return kg
}

// kgNumber is a quantity of kg as a Terraform number, exactly.
func kgNumber(kg int64) types.Number {
	return types.NumberValue(new(big.Float).SetInt64(kg))
}

// oneOfSet validates a set of strings: at least one element, each one of values (what names the
// elements in messages, e.g. "retirement purpose").
type oneOfSet struct {
	what   string
	values []string
}

func oneOfSetValidator(what string, values ...string) validator.Set {
	return oneOfSet{what: what, values: values}
}

func (v oneOfSet) Description(context.Context) string {
	return fmt.Sprintf("at least one %s, each one of %s", v.what, quotedList(v.values))
}

func (v oneOfSet) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneOfSet) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if len(elems) == 0 {
		addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("No %s", v.what),
			fmt.Sprintf("%s is empty: give at least one %s, from %s.", req.Path, v.what, quotedList(v.values)))
		return
	}
	for _, e := range elems {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() || slices.Contains(v.values, s.ValueString()) {
			continue
		}
		addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("Unknown %s %q", v.what, s.ValueString()),
			fmt.Sprintf("%s: %q is not a %s; use one of %s.", req.Path, s.ValueString(), v.what, quotedList(v.values)))
	}
}

// oneOf validates a string: one of values (what names it in messages, e.g. "sort direction").
type oneOf struct {
	what   string
	values []string
}

func oneOfValidator(what string, values ...string) validator.String {
	return oneOf{what: what, values: values}
}

func (v oneOf) Description(context.Context) string {
	return fmt.Sprintf("a %s: one of %s", v.what, quotedList(v.values))
}

func (v oneOf) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneOf) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || slices.Contains(v.values, req.ConfigValue.ValueString()) {
		return
	}
	addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("Unknown %s %q", v.what, req.ConfigValue.ValueString()),
		fmt.Sprintf("%s: %q is not a %s; use one of %s.", req.Path, req.ConfigValue.ValueString(), v.what, quotedList(v.values)))
}

// maxLength validates a string of at most n characters; why says where the limit comes from.
type maxLength struct {
	n   int
	why string
}

func maxLengthValidator(n int, why string) validator.String { return maxLength{n: n, why: why} }

func (v maxLength) Description(context.Context) string {
	return fmt.Sprintf("at most %d characters", v.n)
}

func (v maxLength) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v maxLength) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := utf8.RuneCountInString(req.ConfigValue.ValueString()); n > v.n {
		addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("%s too long", capitalize(req.Path.String())),
			fmt.Sprintf("%s: %d characters, but at most %d are allowed (%s). Shorten it by %d.", req.Path, n, v.n, v.why, n-v.n))
	}
}

// int64Range validates a whole number between lo and hi (math.MaxInt64: no upper bound); what
// says what it is, e.g. "a vintage (the year the carbon was sequestered)".
type int64Range struct {
	lo, hi int64
	what   string
}

func int64RangeValidator(lo, hi int64, what string) validator.Int64 {
	return int64Range{lo: lo, hi: hi, what: what}
}

func (v int64Range) Description(context.Context) string {
	return fmt.Sprintf("%s from %d to %d", v.what, v.lo, v.hi)
}

func (v int64Range) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v int64Range) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	x := req.ConfigValue.ValueInt64()
	switch {
	case x < v.lo && v.hi == math.MaxInt64:
		addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("Invalid %s", req.Path),
			fmt.Sprintf("%s: %d is less than %d: give %s of at least %d.", req.Path, x, v.lo, v.what, v.lo))
	case x < v.lo || x > v.hi:
		addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("Invalid %s", req.Path),
			fmt.Sprintf("%s: %d is outside %d to %d: give %s from %d to %d.", req.Path, x, v.lo, v.hi, v.what, v.lo, v.hi))
	}
}

// nonEmptyList validates a list with at least one element; example shows one.
type nonEmptyList struct{ example string }

func nonEmptyListValidator(example string) validator.List { return nonEmptyList{example: example} }

func (v nonEmptyList) Description(context.Context) string { return "at least one element" }

func (v nonEmptyList) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v nonEmptyList) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) > 0 {
		return
	}
	addAttributeError(&resp.Diagnostics, req.Path, fmt.Sprintf("Empty %s", req.Path),
		fmt.Sprintf("%s is empty: list at least one element, for example %s.", req.Path, v.example))
}

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

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
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i).AtName(v.field), "Duplicate "+v.noun,
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

// formatKg renders an integer kg quantity in kg and in tonnes (credits), exactly:
// formatKg(5000) == "5000 kg (5.000 t)".
func formatKg(kg int64) string {
	return fmt.Sprintf("%d kg (%s t)", kg, tonnesFromKg(kg).Text('f', 3))
}

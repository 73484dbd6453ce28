package provider

// Schema building from one description per attribute: computedAttr describes a read-only
// attribute of a registry record once, and yields the resource schema, the data source schema,
// the attribute types and the object values. Also the small argument builders resources share.

import (
	"fmt"
	"slices"
	"sync"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// computedAttr describes one read-only attribute of a registry object once, so that the same
// description yields the resource schema, the data source schema, the attribute types and the
// values. Exactly one of Type, Object or List is set.
type computedAttr struct {
	Name      string
	Desc      string
	Type      attr.Type      // a primitive (types.StringType, Int64Type, NumberType, BoolType) or a types.ListType of primitives
	Object    []computedAttr // a single nested object
	List      []computedAttr // a list of nested objects
	Sensitive bool
}

// attrType is the Terraform type of the attribute.
func (a computedAttr) attrType() attr.Type {
	switch {
	case a.Object != nil:
		return types.ObjectType{AttrTypes: attrTypes(a.Object)}
	case a.List != nil:
		return types.ListType{ElemType: types.ObjectType{AttrTypes: attrTypes(a.List)}}
	default:
		return a.Type
	}
}

// attrTypes is the attribute-type map of an object made of attrs.
func attrTypes(attrs []computedAttr) map[string]attr.Type {
	if len(attrs) == 0 {
		return map[string]attr.Type{}
	}
	key := &attrs[0]
	if m, ok := attrTypesCache.Load(key); ok {
		if types, ok := m.(map[string]attr.Type); ok {
			return types
		}
	}
	m := make(map[string]attr.Type, len(attrs))
	for _, a := range attrs {
		m[a.Name] = a.attrType()
	}
	attrTypesCache.Store(key, m)
	return m
}

// attrTypesCache holds the attribute types of each description (keyed by its first element: the
// descriptions are package-level tables that never change), built once instead of once per value:
// a list of 10 000 credit batches would otherwise build some 100 000 maps. The maps are shared and
// must not be modified.
var attrTypesCache sync.Map

// dataSourceAttributes turns descriptions into computed data source schema attributes.
func dataSourceAttributes(attrs []computedAttr) map[string]dsschema.Attribute {
	m := make(map[string]dsschema.Attribute, len(attrs))
	for _, a := range attrs {
		switch {
		case a.Object != nil:
			m[a.Name] = dsschema.SingleNestedAttribute{Computed: true, MarkdownDescription: a.Desc, Attributes: dataSourceAttributes(a.Object)}
		case a.List != nil:
			m[a.Name] = dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: a.Desc, NestedObject: dsschema.NestedAttributeObject{Attributes: dataSourceAttributes(a.List)}}
		default:
			m[a.Name] = dataSourcePrimitive(a)
		}
	}
	return m
}

func dataSourcePrimitive(a computedAttr) dsschema.Attribute {
	switch t := a.Type.(type) {
	case types.ListType:
		return dsschema.ListAttribute{Computed: true, MarkdownDescription: a.Desc, ElementType: t.ElemType, Sensitive: a.Sensitive}
	}
	switch a.Type {
	case types.StringType:
		return dsschema.StringAttribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	case types.Int64Type:
		return dsschema.Int64Attribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	case types.NumberType:
		return dsschema.NumberAttribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	case types.BoolType:
		return dsschema.BoolAttribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	}
	panic(fmt.Sprintf("computedAttr %q: unsupported type %s", a.Name, a.Type))
}

// resourceAttributes turns descriptions into computed resource schema attributes. Transaction
// resources are immutable, so computed values only change on refresh, never in a plan.
func resourceAttributes(attrs []computedAttr) map[string]rsschema.Attribute {
	m := make(map[string]rsschema.Attribute, len(attrs))
	for _, a := range attrs {
		switch {
		case a.Object != nil:
			m[a.Name] = rsschema.SingleNestedAttribute{Computed: true, MarkdownDescription: a.Desc, Attributes: resourceAttributes(a.Object)}
		case a.List != nil:
			m[a.Name] = rsschema.ListNestedAttribute{Computed: true, MarkdownDescription: a.Desc, NestedObject: rsschema.NestedAttributeObject{Attributes: resourceAttributes(a.List)}}
		default:
			m[a.Name] = resourcePrimitive(a)
		}
	}
	return m
}

func resourcePrimitive(a computedAttr) rsschema.Attribute {
	switch t := a.Type.(type) {
	case types.ListType:
		return rsschema.ListAttribute{Computed: true, MarkdownDescription: a.Desc, ElementType: t.ElemType, Sensitive: a.Sensitive}
	}
	switch a.Type {
	case types.StringType:
		return rsschema.StringAttribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	case types.Int64Type:
		return rsschema.Int64Attribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	case types.NumberType:
		return rsschema.NumberAttribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	case types.BoolType:
		return rsschema.BoolAttribute{Computed: true, MarkdownDescription: a.Desc, Sensitive: a.Sensitive}
	}
	panic(fmt.Sprintf("computedAttr %q: unsupported type %s", a.Name, a.Type))
}

// objectValue builds an object of the described shape. values must hold exactly the described
// attributes; a mismatch is a programming error caught by the unit tests, so it panics.
func objectValue(attrs []computedAttr, values map[string]attr.Value) types.Object {
	return types.ObjectValueMust(attrTypes(attrs), values)
}

// listValue builds a list of objects of the described shape.
func listValue(attrs []computedAttr, elems []attr.Value) types.List {
	if elems == nil {
		elems = []attr.Value{}
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: attrTypes(attrs)}, elems)
}

// pickAttrs returns the descriptions of attrs with the given names, in that order.
func pickAttrs(attrs []computedAttr, names ...string) []computedAttr {
	out := make([]computedAttr, 0, len(names))
	for _, n := range names {
		i := slices.IndexFunc(attrs, func(a computedAttr) bool { return a.Name == n })
		if i < 0 {
			panic("pickAttrs: no attribute " + n)
		}
		out = append(out, attrs[i])
	}
	return out
}

// notesAttribute is the optional public note of a transaction.
func notesAttribute(noun string) rsschema.StringAttribute {
	return rsschema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("Publicly visible note stored with the %s, at most 256 characters.", noun),
		Optional:            true,
		Validators:          []validator.String{maxLengthValidator(256, "the registry's limit")},
	}
}

// notesSuffix renders a configured note for descriptions of an operation (` with notes "…"`).
func notesSuffix(notes types.String) string {
	if notes.IsNull() || notes.IsUnknown() {
		return ""
	}
	return fmt.Sprintf(" with notes %q", notes.ValueString())
}

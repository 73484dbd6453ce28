package provider

import (
	"context"
	"testing"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The schema built from each description must have exactly the type its values are built with,
// for both resources and data sources.
func TestComputedAttrSchemasMatchValueTypes(t *testing.T) {
	ctx := context.Background()
	for name, attrs := range map[string][]computedAttr{
		"quantity":             quantityAttrs,
		"organisation":         organisationAttrs,
		"supplier":             supplierAttrs,
		"credit_batch":         creditBatchAttrs,
		"credit_batch_summary": creditBatchSummaryAttrs,
	} {
		want := types.ObjectType{AttrTypes: attrTypes(attrs)}
		ds := dsschema.Schema{Attributes: dataSourceAttributes(attrs)}
		if got := ds.Type().TerraformType(ctx); !got.Equal(want.TerraformType(ctx)) {
			t.Errorf("%s: data source schema type %s != value type %s", name, got, want.TerraformType(ctx))
		}
		rs := rsschema.Schema{Attributes: resourceAttributes(attrs)}
		if got := rs.Type().TerraformType(ctx); !got.Equal(want.TerraformType(ctx)) {
			t.Errorf("%s: resource schema type %s != value type %s", name, got, want.TerraformType(ctx))
		}
		for _, a := range attrs {
			if a.Desc == "" {
				t.Errorf("%s.%s has no description", name, a.Name)
			}
		}
	}
}

package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

func TestQuotedList(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "`a`", "a,b": "`a` or `b`", "a,b,c": "`a`, `b` or `c`"} {
		var values []string
		if in != "" {
			values = strings.Split(in, ",")
		}
		if got := quotedList(values); got != want {
			t.Errorf("quotedList(%q) = %q, want %q", values, got, want)
		}
	}
}

// TestSpecDataSourceSchemas checks every registered data source built with newDataSource or
// listDataSource: a valid schema, a MarkdownDescription on it and on every attribute (nested ones
// too), and for lists the `limit` argument and `total_count` result.
func TestSpecDataSourceSchemas(t *testing.T) {
	ctx := context.Background()
	seen := 0
	for _, newDS := range dataSources() {
		d, ok := newDS().(*specDataSource)
		if !ok {
			continue
		}
		seen++
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", meta.TypeName, resp.Diagnostics)
		}
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s: invalid schema: %v", meta.TypeName, diags)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no MarkdownDescription", meta.TypeName)
		}
		checkDescriptions(t, meta.TypeName, resp.Schema.Attributes)
		if _, isList := resp.Schema.Attributes[listLimitAttr]; isList {
			if _, ok := resp.Schema.Attributes[listTotalCountAttr]; !ok {
				t.Errorf("%s has limit but no total_count", meta.TypeName)
			}
		}
	}
	if seen < 10 {
		t.Errorf("only %d data sources are built on the machinery; want at least the 10 that were its first users", seen)
	}
}

func checkDescriptions(t *testing.T, prefix string, attrs map[string]dsschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no MarkdownDescription", prefix, name)
		}
		switch n := a.(type) {
		case dsschema.SingleNestedAttribute:
			checkDescriptions(t, prefix+"."+name, n.Attributes)
		case dsschema.ListNestedAttribute:
			checkDescriptions(t, prefix+"."+name, n.NestedObject.Attributes)
		}
	}
}

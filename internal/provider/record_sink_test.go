package provider

import (
	"bytes"
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// dataSourceConfig is a configuration of ds: the given arguments, the others null.
func dataSourceConfig(t *testing.T, ds *specDataSource, args map[string]tftypes.Value) (tftypes.Object, tftypes.Value) {
	t.Helper()
	typ, ok := ds.schemaResponse(context.Background()).Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object")
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := args[name]; ok {
			vals[name] = v
		}
	}
	return typ, tftypes.NewValue(typ, vals)
}

// TestStreamedReadIsTheFrameworkRead reads list data sources both ways, against one registry:
// the server's encoding, record by record, is byte for byte the encoding of the framework's state.
func TestStreamedReadIsTheFrameworkRead(t *testing.T) {
	ctx := context.Background()
	reg := newTestRegistry(t, nil)
	pd := testProviderData(t, reg)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	for name, tc := range map[string]struct {
		newDS   func() datasource.DataSource
		args    map[string]tftypes.Value
		records int // at least
	}{
		"credit batches of the authenticated organisation": {newCreditBatchesDataSource, nil, 5},
		"credit batches, limit":                            {newCreditBatchesDataSource, map[string]tftypes.Value{"limit": tftypes.NewValue(tftypes.Number, big.NewFloat(2))}, 2},
		"credit batches, none match": {newCreditBatchesDataSource, map[string]tftypes.Value{
			"organisation_id": str(localregistry.DemoBuyerOrgID), "project_id": str("prj_1NOSUCHPROJECT001")}, 0},
		"retirements (with a total)": {newRetirementsDataSource, nil, 0},
		"suppliers":                  {newSuppliersDataSource, nil, 2},
	} {
		t.Run(name, func(t *testing.T) {
			ds, ok := tc.newDS().(*specDataSource)
			if !ok {
				t.Fatal("not a spec data source")
			}
			typ, config := dataSourceConfig(t, ds, tc.args)
			sch := ds.schemaResponse(ctx).Schema
			ds.pd = pd
			var resp datasource.ReadResponse
			resp.State = tfsdk.State{Schema: sch}
			ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sch, Raw: config}}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("framework read: %v", resp.Diagnostics)
			}
			want, err := tfprotov6.NewDynamicValue(typ, resp.State.Raw)
			if err != nil {
				t.Fatal(err)
			}

			got, diags := ds.readEncoded(ctx, pd, config)
			if diags.HasError() {
				t.Fatalf("streamed read: %v", diags)
			}
			if !bytes.Equal(got, want.MsgPack) {
				decoded, err := (&tfprotov6.DynamicValue{MsgPack: got}).Unmarshal(typ)
				t.Fatalf("the streamed state differs from the framework's:\n got %v (%v)\nwant %v", decoded, err, resp.State.Raw)
			}
			var attrs map[string]tftypes.Value
			if err := resp.State.Raw.As(&attrs); err != nil {
				t.Fatal(err)
			}
			var records []tftypes.Value
			if err := attrs[ds.spec.Records].As(&records); err != nil {
				t.Fatal(err)
			}
			if len(records) < tc.records {
				t.Errorf("%d records, want at least %d", len(records), tc.records)
			}
		})
	}
}

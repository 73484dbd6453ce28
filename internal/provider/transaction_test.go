package provider

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// retirementTestSchema is isometric_retirement's schema.
func retirementTestSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	newRetirementResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	return resp.Schema
}

// recordedRetirement is a complete, known state of a retirement.
func recordedRetirement() retirementModel {
	notes := "first"
	ret := client.Retirement{
		ID: "ret_1TESTRETIREMENT001", RetiredAt: "2026-01-02T03:04:05Z", URL: "https://to.isometric.com/ret_1TESTRETIREMENT001",
		Owner: client.Organisation{ID: lr.DemoBuyerOrgID, Name: "Buyer"}, Beneficiary: client.Organisation{ID: lr.DemoBuyerOrgID, Name: "Buyer"},
		CreditBatchSizeTotal: client.CreditQuantity{CreditKgs: 1500}, Notes: &notes,
		Purposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets},
	}
	m := retirementModel{
		SupplierID:                types.StringValue(lr.DemoSupplierAID),
		CreditBatchQuantities:     batchQuantitiesValue([]client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA1Buyer1, CreditQuantityKg: 1500}}),
		CreditQuantityKg:          types.NumberUnknown(),
		Vintage:                   types.Int64Value(2024),
		OrderID:                   types.StringValue(lr.DemoOrderA1ID),
		RetirementPurposes:        types.SetValueMust(types.StringType, []attr.Value{types.StringValue("corporate_targets")}),
		Notes:                     types.StringValue(notes),
		OwnerOrganisationID:       types.StringValue(lr.DemoBuyerOrgID),
		BeneficiaryOrganisationID: types.StringValue(lr.DemoBuyerOrgID),
		Timeouts:                  timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType})},
	}
	fillRetirement(context.Background(), nil, &m, &ret, []client.CreditBatch{{
		ID: "ctb_1TESTLEFTCHILD0001", SupplierID: lr.DemoSupplierAID, Size: client.CreditQuantity{CreditKgs: 1500}, SequesteredOn: "2024-05-01",
	}}, false)
	return m
}

// objectOf encodes a model with the schema.
func objectOf(t *testing.T, sch schema.Schema, m retirementModel) tftypes.Value {
	t.Helper()
	st := tfsdk.State{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(context.Background()), nil)}
	if d := st.Set(context.Background(), &m); d.HasError() {
		t.Fatalf("encoding the model: %v", d)
	}
	return st.Raw
}

func modifyPlan(t *testing.T, sch schema.Schema, state, config tftypes.Value) resource.ModifyPlanResponse {
	t.Helper()
	req := resource.ModifyPlanRequest{
		Config: tfsdk.Config{Schema: sch, Raw: config},
		Plan:   tfsdk.Plan{Schema: sch, Raw: config},
		State:  tfsdk.State{Schema: sch, Raw: state},
	}
	resp := resource.ModifyPlanResponse{Plan: req.Plan}
	if !config.IsNull() {
		resp.Plan = tfsdk.Plan{Schema: sch, Raw: config.Copy()}
	}
	retirementSpec.ModifyPlan(context.Background(), nil, req, &resp)
	return resp
}

func TestTransactionModifyPlan_destroyWarns(t *testing.T) {
	sch := retirementTestSchema(t)
	state := objectOf(t, sch, recordedRetirement())
	resp := modifyPlan(t, sch, state, tftypes.NewValue(state.Type(), nil))
	d := onlyDiag(t, resp.Diagnostics, diag.SeverityWarning)
	wantContains(t, "destroy warning", d.Summary()+"\n"+d.Detail(),
		"The registry keeps retirement ret_1TESTRETIREMENT001 permanently",
		"Destroying isometric_retirement only removes retirement ret_1TESTRETIREMENT001 from the Terraform state",
		"the provider sends no request", "import it by its ID (ret_1TESTRETIREMENT001)")
}

func TestTransactionModifyPlan_changeIsAttributeError(t *testing.T) {
	sch := retirementTestSchema(t)
	m := recordedRetirement()
	state := objectOf(t, sch, m)
	m.Notes = types.StringValue("second")
	resp := modifyPlan(t, sch, state, objectOf(t, sch, m))
	d := onlyDiag(t, resp.Diagnostics, diag.SeverityError)
	if p, ok := d.(diag.DiagnosticWithPath); !ok || !p.Path().Equal(path.Root("notes")) {
		t.Errorf("error should be on notes: %#v", d)
	}
	wantContains(t, "change error", d.Summary()+"\n"+d.Detail(),
		"Cannot change notes of a recorded retirement",
		"retirement ret_1TESTRETIREMENT001 is recorded permanently in the Isometric Registry",
		"never replaces it", `notes is recorded as "first"; the configuration now says "second".`,
		"declare another isometric_retirement resource",
		"removed {\n        from = isometric_retirement.NAME", "destroy = false", "terraform state rm isometric_retirement.NAME")
	if len(resp.RequiresReplace) != 0 {
		t.Errorf("never a replace: %v", resp.RequiresReplace)
	}
}

func TestTransactionModifyPlan_unsetDefaultsAndTimeoutsKeepRecord(t *testing.T) {
	sch := retirementTestSchema(t)
	m := recordedRetirement()
	state := objectOf(t, sch, m)
	// Optional+Computed arguments left unset keep their recorded values; only timeouts changes.
	m.OwnerOrganisationID, m.BeneficiaryOrganisationID, m.Vintage, m.OrderID = types.StringNull(), types.StringNull(), types.Int64Null(), types.StringNull()
	m.Timeouts = timeouts.Value{Object: types.ObjectValueMust(map[string]attr.Type{"create": types.StringType, "read": types.StringType},
		map[string]attr.Value{"create": types.StringNull(), "read": types.StringValue("2m")})}
	m.URL, m.ID = types.StringUnknown(), types.StringUnknown()
	resp := modifyPlan(t, sch, state, objectOf(t, sch, m))
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("unexpected diagnostics: %v", resp.Diagnostics)
	}
	var planned retirementModel
	if d := resp.Plan.Get(context.Background(), &planned); d.HasError() {
		t.Fatal(d)
	}
	want := recordedRetirement()
	if !planned.OwnerOrganisationID.Equal(want.OwnerOrganisationID) || !planned.Vintage.Equal(want.Vintage) || !planned.URL.Equal(want.URL) || !planned.ID.Equal(want.ID) {
		t.Errorf("plan should keep the recorded values, got owner %s vintage %s url %s id %s", planned.OwnerOrganisationID, planned.Vintage, planned.URL, planned.ID)
	}
	if !planned.Timeouts.Equal(m.Timeouts) {
		t.Errorf("plan should take timeouts from the config, got %v", planned.Timeouts)
	}
}

func TestTransactionDelete_warnsAndForgets(t *testing.T) {
	sch := retirementTestSchema(t)
	state := objectOf(t, sch, recordedRetirement())
	req := resource.DeleteRequest{State: tfsdk.State{Schema: sch, Raw: state}}
	resp := resource.DeleteResponse{State: tfsdk.State{Schema: sch, Raw: state.Copy()}}
	newRetirementResource().Delete(context.Background(), req, &resp)
	d := onlyDiag(t, resp.Diagnostics, diag.SeverityWarning)
	wantContains(t, "delete warning", d.Summary(), "The registry keeps retirement ret_1TESTRETIREMENT001 permanently")
	if !resp.State.Raw.IsNull() {
		t.Errorf("state should be removed")
	}
}

func TestTransactionImportState_checksID(t *testing.T) {
	sch := retirementTestSchema(t)
	for _, tc := range []struct{ id, err string }{
		{"ret_1FYBH4QDT1S0SVKF", ""},
		{"tfr_1FYBH4QDT1S0SVKF", `a retirement ID starts with "ret_"`},
		{"ret_short", "(this one has 9)"},
	} {
		resp := resource.ImportStateResponse{State: tfsdk.State{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(context.Background()), nil)}}
		retirementSpec.ImportState(context.Background(), resource.ImportStateRequest{ID: tc.id}, &resp)
		if tc.err == "" {
			if resp.Diagnostics.HasError() || stateID(context.Background(), resp.State) != tc.id {
				t.Errorf("%s: %v, id %q", tc.id, resp.Diagnostics, stateID(context.Background(), resp.State))
			}
			continue
		}
		d := onlyDiag(t, resp.Diagnostics, diag.SeverityError)
		wantContains(t, tc.id, d.Detail(), tc.err, "terraform import isometric_retirement.NAME ret_")
	}
}

func TestTransactionRenderRaw(t *testing.T) {
	sch := retirementTestSchema(t)
	v, err := rawAttribute(objectOf(t, sch, recordedRetirement()), "credit_batch_quantities")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := renderRaw(v), `[{ credit_batch_id = "`+lr.DemoBatchA1Buyer1+`", credit_quantity_kg = 1500 }]`; got != want {
		t.Errorf("renderRaw = %s, want %s", got, want)
	}
	if got := renderRaw(tftypes.NewValue(tftypes.String, nil)); got != "null (unset)" {
		t.Errorf("null renders as %q", got)
	}
}

// TestDestroyWarns checks, for each of the beneficiary, transfer and delivery resources, the
// warning of a destroy plan and of the apply (which the acceptance framework does not expose), and
// that the apply removes the resource from state without any client (so without any API call).
func TestDestroyWarns(t *testing.T) {
	ctx := context.Background()
	for id, r := range map[string]resource.Resource{
		"org_1TESTBENEFICIARY1": newBeneficiaryResource(),
		"tfr_1TESTTRANSFER0001": newTransferResource(),
		"dlv_1TESTDELIVERY0001": newDeliveryResource(),
	} {
		var sresp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sresp)
		typ := sresp.Schema.Type().TerraformType(ctx)
		state := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, nil)}
		if d := state.SetAttribute(ctx, path.Root("id"), id); d.HasError() {
			t.Fatal(d)
		}
		nullPlan := tfsdk.Plan{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, nil)}

		planResp := resource.ModifyPlanResponse{Plan: nullPlan}
		mp, ok := r.(resource.ResourceWithModifyPlan)
		if !ok {
			t.Fatalf("%s: %T does not implement ModifyPlan", id, r)
		}
		mp.ModifyPlan(ctx, resource.ModifyPlanRequest{State: state, Plan: nullPlan}, &planResp)
		delResp := resource.DeleteResponse{State: state}
		r.Delete(ctx, resource.DeleteRequest{State: state}, &delResp)

		if !delResp.State.Raw.IsNull() {
			t.Errorf("%s: Delete kept the resource in state", id)
		}
		for name, diags := range map[string]diag.Diagnostics{"plan": planResp.Diagnostics, "apply": delResp.Diagnostics} {
			w := onlyDiag(t, diags, diag.SeverityWarning)
			wantContains(t, id+" "+name+" warning", w.Summary(), "The registry keeps", id)
			wantContains(t, id+" "+name+" warning", w.Detail(), "permanently", "the provider sends no request")
		}
	}
}

// TestTransactionStateIsTheAuditTrail pins what each transaction resource keeps in the state: the
// record's identity, time, URL, the arguments as recorded, the total and the batches involved;
// organisations by ID only (see "What the state keeps" on the resource pages).
func TestTransactionStateIsTheAuditTrail(t *testing.T) {
	batches := []string{"id", "issuance_id", "kg", "project_id", "serial_number"}
	args := []string{"allow_repeat", "credit_batch_quantities", "notes", "timeouts"}
	for _, tc := range []struct {
		newResource func() resource.Resource
		attrs       []string
	}{
		{newRetirementResource, append([]string{"beneficiary_organisation_id", "credit_batches", "credit_quantity_kg", "id", "order_id",
			"owner_organisation_id", "retired_at", "retirement_purposes", "supplier_id", "url", "vintage"}, args...)},
		{newTransferResource, append([]string{"credit_batch_size_total", "credit_batches", "from_organisation_id", "id", "supplier_id",
			"to_organisation_id", "transferred_at"}, args...)},
		{newDeliveryResource, append([]string{"credit_batch_size_total", "credit_batches", "delivered_at", "from_supplier_id", "id", "order_id",
			"to_organisation_id", "url"}, args...)},
	} {
		var resp resource.SchemaResponse
		r := tc.newResource()
		r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
		var meta resource.MetadataResponse
		r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
		got := slices.Sorted(maps.Keys(resp.Schema.Attributes))
		got = slices.Sorted(slices.Values(append(got, slices.Collect(maps.Keys(resp.Schema.Blocks))...))) // timeouts
		if want := slices.Sorted(slices.Values(tc.attrs)); !slices.Equal(got, want) {
			t.Errorf("%s keeps %v, want %v", meta.TypeName, got, want)
		}
		list, ok := resp.Schema.Attributes["credit_batches"].(schema.ListNestedAttribute)
		if !ok {
			t.Fatalf("%s: credit_batches is a %T", meta.TypeName, resp.Schema.Attributes["credit_batches"])
		}
		if got := slices.Sorted(maps.Keys(list.NestedObject.Attributes)); !slices.Equal(got, batches) {
			t.Errorf("%s keeps %v of each batch, want %v", meta.TypeName, got, batches)
		}
	}
}

package provider

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

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
		ID: "ret_1TESTRETIREMENT001", RetiredAt: "2026-01-02T03:04:05Z", URL: "https://registry.isometric.com/retirements/ret_1TESTRETIREMENT001",
		Owner: client.Organisation{ID: lr.DemoBuyerOrgID, Name: "Buyer"}, Beneficiary: client.Organisation{ID: lr.DemoBuyerOrgID, Name: "Buyer"},
		CreditBatchSizeTotal: client.CreditQuantity{CreditKgs: 1500}, Notes: &notes,
		Purposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets},
	}
	m := retirementModel{
		SupplierID:                types.StringValue(lr.DemoSupplierAID),
		CreditBatchQuantities:     batchQuantitiesValue([]client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA1Buyer1, CreditQuantityKg: 1500}}),
		CreditQuantityKg:          types.Int64Unknown(),
		Vintage:                   types.Int64Value(2024),
		OrderID:                   types.StringValue(lr.DemoOrderA1ID),
		RetirementPurposes:        types.SetValueMust(types.StringType, []attr.Value{types.StringValue("corporate_targets")}),
		Notes:                     types.StringValue(notes),
		OwnerOrganisationID:       types.StringValue(lr.DemoBuyerOrgID),
		BeneficiaryOrganisationID: types.StringValue(lr.DemoBuyerOrgID),
		Timeouts:                  timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType})},
	}
	(&retirementResource{}).fillFromRegistry(context.Background(), &m, &ret, []client.CreditBatch{{
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

func onlyDiag(t *testing.T, diags diag.Diagnostics, severity diag.Severity) diag.Diagnostic {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity() != severity {
		t.Fatalf("want exactly one %s, got %v", severity, diags)
	}
	return diags[0]
}

func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s: missing %q in:\n%s", what, w, got)
		}
	}
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

// retirementRequestModel is a by-batch (batch != "") or oldest-first request of the buyer.
func retirementRequestModel(supplier, batch string, kg int64, notes string) retirementModel {
	m := retirementModel{
		SupplierID:                types.StringValue(supplier),
		CreditBatchQuantities:     types.ListNull(types.ObjectType{AttrTypes: batchQuantityAttrTypes}),
		CreditQuantityKg:          types.Int64Value(kg),
		Vintage:                   types.Int64Null(),
		OrderID:                   types.StringNull(),
		RetirementPurposes:        types.SetValueMust(types.StringType, []attr.Value{types.StringValue("other")}),
		Notes:                     types.StringValue(notes),
		OwnerOrganisationID:       types.StringValue(lr.DemoBuyerOrgID),
		BeneficiaryOrganisationID: types.StringValue(lr.DemoBuyerOrgID),
	}
	if batch != "" {
		m.CreditBatchQuantities = batchQuantitiesValue([]client.CreditBatchQuantity{{CreditBatchID: batch, CreditQuantityKg: kg}})
	}
	return m
}

// postWithFault checks a request against the registry, adds the fault and posts it once.
func postWithFault(t *testing.T, reg *testRegistry, m retirementModel, fault lr.Fault) (*client.Retirement, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	r := &retirementResource{transactionResource{spec: &retirementSpec, pd: testProviderData(t, reg)}}
	var diags diag.Diagnostics
	in := retirementInput{plan: m, config: m, byBatch: !m.CreditBatchQuantities.IsNull(), batchesKnown: true}
	if in.byBatch {
		in.batches, in.batchesKnown = batchQuantitiesFrom(ctx, m.CreditBatchQuantities, &diags)
	}
	pre, checked := r.checkRegistry(ctx, in, &diags)
	if !checked || diags.HasError() {
		t.Fatalf("checks: %v", diags)
	}
	reg.Registry.AddFault(fault)
	if in.byBatch {
		return r.postByBatch(ctx, in, pre, &diags), diags
	}
	return r.postOldestFirst(ctx, m, pre, &diags), diags
}

func TestTransactionPost_byBatchCommittedIsRecordedWithWarning(t *testing.T) {
	reg := newTestRegistry(t, nil)
	ret, diags := postWithFault(t, reg, retirementRequestModel(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 2500, "n"),
		lr.Fault{Method: "POST", Path: registryPath(retirementsPath), StatusAfterCommit: 500, Times: 1})
	if ret == nil {
		t.Fatalf("want the committed retirement, got diags %v", diags)
	}
	d := onlyDiag(t, diags, diag.SeverityWarning)
	parent := registryBatch(t, reg, lr.DemoBatchA1Buyer2)
	wantContains(t, "warning", d.Summary()+"\n"+d.Detail(),
		"Retirement "+ret.ID+" recorded after an unconfirmed request",
		"The request POST /retirements may have reached the registry, but no answer confirmed it",
		"never sends it a second time", "the requested credit batches now carry retirement_id "+ret.ID,
		"credit batch "+lr.DemoBatchA1Buyer2+" was split; its part "+*parent.LeftChildID+" (2500 kg (2.500 t)) is now retired",
		"nothing was sent again")
	reg.assertPOSTs(t, "", 1)
}

func TestTransactionPost_byBatchNotCommittedIsSafeToRetry(t *testing.T) {
	reg := newTestRegistry(t, nil)
	ret, diags := postWithFault(t, reg, retirementRequestModel(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 2500, "n"),
		lr.Fault{Method: "POST", Path: registryPath(retirementsPath), Status: 503, Times: 1})
	if ret != nil {
		t.Fatalf("nothing was committed, got %+v", ret)
	}
	d := onlyDiag(t, diags, diag.SeverityError)
	wantContains(t, "error", d.Summary()+"\n"+d.Detail(), "The retirement was not carried out",
		"every requested credit batch is unchanged (still active, same size, no retirement_id)",
		"It is safe to run terraform apply again.")
}

func TestTransactionPost_oldestFirstDroppedIsRecordedWithWarning(t *testing.T) {
	reg := newTestRegistry(t, nil)
	ret, diags := postWithFault(t, reg, retirementRequestModel(lr.DemoSupplierBID, "", 3000, "dropped"),
		lr.Fault{Method: "POST", Path: registryPath(oldestFirstPath), DropAfterCommit: true, Times: 1})
	if ret == nil {
		t.Fatalf("want the committed retirement, got diags %v", diags)
	}
	d := onlyDiag(t, diags, diag.SeverityWarning)
	wantContains(t, "warning", d.Detail(), "retirement "+ret.ID+" (retired at "+ret.RetiredAt+") is the only one matching the request among the retirements of "+lr.DemoBuyerOrgID)
}

func TestTransactionPost_oldestFirstAmbiguousListsCandidates(t *testing.T) {
	reg := newTestRegistry(t, nil)
	m := retirementRequestModel(lr.DemoSupplierBID, "", 100, "twice")
	// The same retirement made a moment before (another pipeline): the ambiguous request cannot be told apart.
	first, err := testProviderData(t, reg).Client.CreateRetirementFromOldestCredits(context.Background(), client.CreateRetirementOldestCreditsRequest{
		BeneficiaryOrganisationID: lr.DemoBuyerOrgID, OwnerOrganisationID: lr.DemoBuyerOrgID, SupplierID: lr.DemoSupplierBID,
		CreditQuantityKg: 100, Notes: m.Notes.ValueStringPointer(), RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposeOther}})
	if err != nil {
		t.Fatal(err)
	}
	ret, diags := postWithFault(t, reg, m, lr.Fault{Method: "POST", Path: registryPath(oldestFirstPath), StatusAfterCommit: 502, Times: 1})
	if ret != nil {
		t.Fatalf("ambiguous: nothing should be recorded, got %+v", ret)
	}
	d := onlyDiag(t, diags, diag.SeverityError)
	wantContains(t, "error", d.Summary()+"\n"+d.Detail(), "Outcome of the retirement ambiguous", first.ID,
		"terraform import isometric_retirement.NAME ret_…", "import {\n    to = isometric_retirement.NAME")
}

func TestTransactionPost_unresolvedAdvisesCheckAndImport(t *testing.T) {
	reg := newTestRegistry(t, nil)
	pd := testProviderData(t, reg)
	var diags diag.Diagnostics
	got := transactionPost[client.Retirement]{
		Spec: &retirementSpec, PD: pd, What: "POST /retirements/from_oldest_credits",
		Send: func(context.Context) (*client.Retirement, error) {
			return nil, &client.OutcomeUnknownError{Method: "POST", Path: "/registry/v0/retirements/from_oldest_credits", Err: errors.New("read: connection reset by peer")}
		},
		Discover: func(context.Context, time.Time) (discovery[client.Retirement], error) {
			return discovery[client.Retirement]{Evidence: "none among the recent retirements; the active balance changed meanwhile."}, nil
		},
	}.run(context.Background(), &diags)
	if got != nil {
		t.Fatal("nothing found: want nil")
	}
	d := onlyDiag(t, diags, diag.SeverityError)
	wantContains(t, "error", d.Summary()+"\n"+d.Detail(), "Outcome of the retirement unknown", "connection reset by peer",
		"No matching retirement was found: none among the recent retirements", "Nothing was recorded in the Terraform state",
		"applying again without checking could carry out the operation twice", reg.APIEndpoint,
		"terraform import isometric_retirement.NAME ret_…")
}

func TestTransactionPost_otherErrorsAreClientErrors(t *testing.T) {
	reg := newTestRegistry(t, nil)
	var diags diag.Diagnostics
	sent := 0
	got := transactionPost[client.Retirement]{
		Spec: &retirementSpec, PD: testProviderData(t, reg), What: "POST /retirements",
		Send: func(context.Context) (*client.Retirement, error) {
			sent++
			return nil, &client.APIError{StatusCode: 422, Method: "POST", Path: "/retirements", Message: "bad"}
		},
		Discover: func(context.Context, time.Time) (discovery[client.Retirement], error) {
			t.Fatal("a refused request needs no discovery")
			return discovery[client.Retirement]{}, nil
		},
	}.run(context.Background(), &diags)
	if got != nil || sent != 1 {
		t.Fatalf("got %v after %d sends", got, sent)
	}
	wantContains(t, "error", onlyDiag(t, diags, diag.SeverityError).Summary(), "Cannot create the retirement")
}

func TestTransactionFormatKg(t *testing.T) {
	for kg, want := range map[int64]string{5000: "5000 kg (5.000 t)", 1: "1 kg (0.001 t)", 27501: "27501 kg (27.501 t)", 0: "0 kg (0.000 t)",
		9007199254740993: "9007199254740993 kg (9007199254740.993 t)"} {
		if got := formatKg(kg); got != want {
			t.Errorf("formatKg(%d) = %q, want %q", kg, got, want)
		}
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

// A POST that used up the create timeout still gets its outcome discovered, on a fresh deadline.
func TestTransactionPost_discoveryOutlivesExpiredCreateTimeout(t *testing.T) {
	reg := newTestRegistry(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var diags diag.Diagnostics
	want := &client.Retirement{ID: "ret_1TESTRETIREMENT001"}
	got := transactionPost[client.Retirement]{
		Spec: &retirementSpec, PD: testProviderData(t, reg), What: "POST /retirements",
		Send: func(context.Context) (*client.Retirement, error) {
			cancel() // the create timeout expires while the request is in flight
			return nil, &client.OutcomeUnknownError{Method: "POST", Path: "/registry/v0/retirements", Err: context.DeadlineExceeded}
		},
		Discover: func(dctx context.Context, _ time.Time) (discovery[client.Retirement], error) {
			if err := dctx.Err(); err != nil {
				return discovery[client.Retirement]{}, err
			}
			if _, ok := dctx.Deadline(); !ok {
				t.Error("discovery should have its own deadline")
			}
			return discovery[client.Retirement]{Found: want, FoundID: want.ID, Evidence: "found"}, nil
		},
	}.run(ctx, &diags)
	if got != want {
		t.Fatalf("want the discovered retirement, got %v (%v)", got, diags)
	}
	onlyDiag(t, diags, diag.SeverityWarning)
}

// Without any answer from the registry, "nothing committed" is only reported after asking again,
// and never as a proof that applying again is safe.
func TestTransactionPost_noAnswerNothingCommittedAsksAgainAndAdvisesChecking(t *testing.T) {
	reg := newTestRegistry(t, nil)
	var diags diag.Diagnostics
	asked := 0
	got := transactionPost[client.Retirement]{
		Spec: &retirementSpec, PD: testProviderData(t, reg), What: "POST /retirements",
		Send: func(context.Context) (*client.Retirement, error) {
			return nil, &client.OutcomeUnknownError{Method: "POST", Path: "/registry/v0/retirements", Err: context.DeadlineExceeded}
		},
		Discover: func(context.Context, time.Time) (discovery[client.Retirement], error) {
			asked++
			return discovery[client.Retirement]{NotCommitted: true, Evidence: "every requested credit batch is unchanged"}, nil
		},
	}.run(context.Background(), &diags)
	if got != nil {
		t.Fatal("nothing committed: want nil")
	}
	if want := 1 + len(discoveryRechecks); asked != want {
		t.Errorf("asked the registry %d times, want %d", asked, want)
	}
	d := onlyDiag(t, diags, diag.SeverityError)
	wantContains(t, "error", d.Summary()+"\n"+d.Detail(), "The retirement was not carried out (as far as the registry shows)",
		"still shows nothing committed 60ms after the request: every requested credit batch is unchanged",
		"could in principle still carry it out late", "check that nothing changed", "terraform import isometric_retirement.NAME")
	if strings.Contains(d.Detail(), "safe to run terraform apply again") {
		t.Errorf("no answer is no proof: %s", d.Detail())
	}
}

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
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// retirementRequestModel is a by-batch (batch != "") or oldest-first request of the buyer.
func retirementRequestModel(supplier, batch string, kg int64, notes string) retirementModel {
	m := retirementModel{
		SupplierID:                types.StringValue(supplier),
		CreditBatchQuantities:     types.ListNull(types.ObjectType{AttrTypes: batchQuantityAttrTypes}),
		CreditQuantityKg:          kgNumber(kg),
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
	return r.postOldestFirst(ctx, createFingerprintOf(t, r, m), m, pre, &diags), diags
}

// createFingerprintOf is the fingerprint of a retirement create whose plan and configuration are m.
func createFingerprintOf(t *testing.T, r *retirementResource, m retirementModel) ledger.Fingerprint {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
	m.Timeouts = timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType})}
	m.ID, m.RetiredAt, m.URL = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	m.CreditBatches, m.AllowRepeat = types.ListUnknown(types.ObjectType{AttrTypes: attrTypes(creditBatchSummaryAttrs)}), types.BoolNull()
	if d := plan.Set(ctx, &m); d.HasError() {
		t.Fatalf("plan: %v", d)
	}
	fp, err := r.spec.createFingerprint(ctx, r.pd, tfsdk.Config{Schema: sr.Schema, Raw: plan.Raw}, plan.Raw)
	if err != nil {
		t.Fatalf("fingerprint: %v", err)
	}
	return fp
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
		"still shows nothing committed 700ms after the request: every requested credit batch is unchanged",
		"could in principle still carry it out late", "check that nothing changed", "terraform import isometric_retirement.NAME")
	if strings.Contains(d.Detail(), "safe to run terraform apply again") {
		t.Errorf("no answer is no proof: %s", d.Detail())
	}
}

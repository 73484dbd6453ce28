package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
)

var (
	_ resource.ResourceWithConfigure      = (*retirementResource)(nil)
	_ resource.ResourceWithValidateConfig = (*retirementResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*retirementResource)(nil)
	_ resource.ResourceWithImportState    = (*retirementResource)(nil)
	_ resource.ResourceWithIdentity       = (*retirementResource)(nil)
	_ resourceWithGeneratedConfig         = (*retirementResource)(nil)
)

// retirementSpec is isometric_retirement for the shared transaction machinery.
var retirementSpec = transactionSpec{
	TypeName:         "isometric_retirement",
	Noun:             "retirement",
	IDPrefix:         "ret_",
	NewOperationHint: "To retire more credits, declare another isometric_retirement resource for the new retirement",
	Verb:             "retire",
	Equivalent:       batchTransactionEquivalence,
}

// retirementPurposes are the values of the spec's RetirementPurpose enum.
var retirementPurposes = []string{
	string(client.RetirementPurposeCorporateTargets),
	string(client.RetirementPurposePublicEnvironmentalClaims),
	string(client.RetirementPurposeInsetting),
	string(client.RetirementPurposeRegulatoryRequirement),
	string(client.RetirementPurposeOther),
}

// retirementComputedAttrs are the computed attributes of the resource: the registry's record.
var retirementComputedAttrs = append(pickAttrs(retirementAttrs, "id", "retired_at", "url"),
	computedAttr{Name: "credit_batches", List: creditBatchSummaryAttrs,
		Desc: "Credit batches retired, as the registry records them (`GET /retirements/{id}/credit_batches`). For a partial " +
			"retirement of a batch this is its left child, the new batch that holds the retired part."})

// retirementResource is isometric_retirement: a permanent retirement of credits (POST /retirements
// or POST /retirements/from_oldest_credits).
type retirementResource struct {
	transactionResource
}

func newRetirementResource() resource.Resource {
	return &retirementResource{transactionResource{spec: &retirementSpec}}
}

// retirementModel is the resource's data.
type retirementModel struct {
	ID                        types.String   `tfsdk:"id"`
	SupplierID                types.String   `tfsdk:"supplier_id"`
	CreditBatchQuantities     types.List     `tfsdk:"credit_batch_quantities"`
	CreditQuantityKg          types.Number   `tfsdk:"credit_quantity_kg"`
	Vintage                   types.Int64    `tfsdk:"vintage"`
	OrderID                   types.String   `tfsdk:"order_id"`
	RetirementPurposes        types.Set      `tfsdk:"retirement_purposes"`
	Notes                     types.String   `tfsdk:"notes"`
	OwnerOrganisationID       types.String   `tfsdk:"owner_organisation_id"`
	BeneficiaryOrganisationID types.String   `tfsdk:"beneficiary_organisation_id"`
	RetiredAt                 types.String   `tfsdk:"retired_at"`
	URL                       types.String   `tfsdk:"url"`
	CreditBatches             types.List     `tfsdk:"credit_batches"`
	AllowRepeat               types.Bool     `tfsdk:"allow_repeat"`
	Timeouts                  timeouts.Value `tfsdk:"timeouts"`
}

// retirementInput is what one call (ModifyPlan or Create) reads of a planned retirement, once.
type retirementInput struct {
	// plan is the planned model; resolveDefaults fills its organisation defaults and, in by-batch
	// mode, credit_quantity_kg.
	plan retirementModel
	// config is the configuration: it tells the mode (in the plan of an oldest-first retirement
	// credit_batch_quantities is unknown, computed, not null) and which defaults apply.
	config retirementModel
	// byBatch is the mode; batches (and batchesKnown) its parsed credit_batch_quantities.
	byBatch      bool
	batches      []client.CreditBatchQuantity
	batchesKnown bool
}

// readRetirementInput reads the plan and the configuration and parses the batches.
func readRetirementInput(ctx context.Context, plan tfsdk.Plan, config tfsdk.Config, diags *diag.Diagnostics) retirementInput {
	var in retirementInput
	diags.Append(plan.Get(ctx, &in.plan)...)
	diags.Append(config.Get(ctx, &in.config)...)
	in.byBatch = !in.config.CreditBatchQuantities.IsNull()
	in.batchesKnown = true
	if in.byBatch && !diags.HasError() {
		in.batches, in.batchesKnown = batchQuantitiesFrom(ctx, in.plan.CreditBatchQuantities, diags)
	}
	return in
}

// request is the plan with the oldest-first filters (vintage, order_id) as configured: in the
// plan they are unknown when unset (computed after the create), in the request they are absent.
func (in retirementInput) request() retirementModel {
	m := in.plan
	m.Vintage, m.OrderID = in.config.Vintage, in.config.OrderID
	return m
}

func (r *retirementResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := resourceAttributes(retirementComputedAttrs)
	attrs["supplier_id"] = schema.StringAttribute{
		MarkdownDescription: "Supplier whose credits are retired (`spl_…`). All credits of a retirement come from one supplier: " +
			"in by-batch mode every batch must come from it.",
		Required:   true,
		Validators: []validator.String{isometricIDValidator("supplier", "spl_")},
	}
	attrs["credit_batch_quantities"] = batchQuantitiesAttribute("retire", true,
		"**By-batch mode** (`POST /retirements`): set this or `credit_quantity_kg`, not both. "+
			"In oldest-first mode it is computed: the batches the registry retired, with their kg.")
	attrs["credit_quantity_kg"] = schema.NumberAttribute{
		MarkdownDescription: "**Oldest-first mode** (`POST /retirements/from_oldest_credits`): kilograms of CO₂e to retire from the owner's " +
			"oldest active credits of `supplier_id` (1 credit = 1 tonne = 1000 kg), at least 1. Set this or `credit_batch_quantities`, " +
			"not both. In by-batch mode it is computed: the total of `credit_batch_quantities`.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.Number{wholeKgQuantity()},
	}
	attrs["vintage"] = schema.Int64Attribute{
		MarkdownDescription: "Oldest-first mode only: retire only credits of this vintage (the year the carbon was sequestered, " +
			"1900..2100). When not set it is computed: the vintage shared by all retired credits, or null when they span several years.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.Int64{int64RangeValidator(1900, 2100, "a vintage (the year the carbon was sequestered, for example 2024)")},
	}
	attrs["order_id"] = schema.StringAttribute{
		MarkdownDescription: "Oldest-first mode only: retire only credits delivered through this order (`ord_…`). When not set it is " +
			"computed: the order all retired credits were delivered through, or null when there is no single one.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{isometricIDValidator("order", "ord_")},
	}
	attrs["retirement_purposes"] = schema.SetAttribute{
		MarkdownDescription: "Purposes of the retirement, at least one of: `" + strings.Join(retirementPurposes, "`, `") + "`.",
		Required:            true,
		ElementType:         types.StringType,
		Validators:          []validator.Set{oneOfSetValidator("retirement purpose", retirementPurposes...)},
	}
	attrs["notes"] = schema.StringAttribute{
		MarkdownDescription: "Publicly visible note stored with the retirement (it appears on the certificate), at most 256 characters.",
		Optional:            true,
		Validators:          []validator.String{maxLengthValidator(256, "the registry's limit")},
	}
	attrs["owner_organisation_id"] = schema.StringAttribute{
		MarkdownDescription: "Organisation that owns the credits (`org_…`). Defaults to the organisation the access token acts as, " +
			"resolved at plan time.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{isometricIDValidator("organisation", "org_")},
	}
	attrs["beneficiary_organisation_id"] = schema.StringAttribute{
		MarkdownDescription: "Organisation the credits are retired on behalf of (`org_…`): the owner or one of its beneficiaries " +
			"(`GET /beneficiaries`, see `isometric_beneficiary`). Defaults to the owner.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{isometricIDValidator("organisation", "org_")},
	}
	attrs[allowRepeatAttr] = allowRepeatAttribute("retirement")
	resp.Schema = transactionSchema(ctx, "A **permanent** retirement of carbon-removal credits on the Isometric Registry. Creating it retires the credits "+
		"(exactly one request); no argument can change afterwards, and destroying it only removes it from the Terraform state: "+
		"the registry keeps the retirement for ever.\n\n"+
		"Two modes, exactly one: **by batch** (`credit_batch_quantities`) or **oldest first** (`credit_quantity_kg`, optionally "+
		"`vintage` and `order_id`). The plan checks the request against the registry (batches, balances, beneficiary) before anything is sent.\n\n"+
		adoptionNote(&retirementSpec, `identity = { id = "ret_…" }`), attrs)
}

// ValidateConfig checks what needs no registry: exactly one mode, and vintage/order_id only with oldest first.
func (r *retirementResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m retirementModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	batches, quantity := !m.CreditBatchQuantities.IsNull(), !m.CreditQuantityKg.IsNull()
	switch {
	case batches && quantity:
		addAttributeError(&resp.Diagnostics, path.Root("credit_quantity_kg"), "Two retirement modes at once",
			"credit_batch_quantities and credit_quantity_kg are both set. A retirement has exactly one mode: by batch "+
				"(credit_batch_quantities: the batches and kg to retire) or oldest first (credit_quantity_kg: the kg to retire from the "+
				"oldest credits of supplier_id, optionally of one vintage / order_id). Remove one of them.\n\n"+
				"Configuration generated with -generate-config-out by Terraform before 1.14 or by OpenTofu holds both modes of an "+
				"imported retirement: keep credit_batch_quantities (the batches the registry recorded) and remove credit_quantity_kg, "+
				"vintage and order_id. Terraform 1.14 and later write one mode.")
	case !batches && !quantity:
		addAttributeError(&resp.Diagnostics, path.Root("credit_batch_quantities"), "No retirement mode",
			"Neither credit_batch_quantities nor credit_quantity_kg is set. A retirement has exactly one mode: by batch "+
				"(credit_batch_quantities: the batches and kg to retire) or oldest first (credit_quantity_kg: the kg to retire from the "+
				"oldest credits of supplier_id, optionally of one vintage / order_id). Set one of them.")
	case batches:
		for _, a := range []struct {
			name string
			null bool
		}{{"vintage", m.Vintage.IsNull()}, {"order_id", m.OrderID.IsNull()}} {
			if !a.null {
				addAttributeError(&resp.Diagnostics, path.Root(a.name), a.name+" needs the oldest-first mode",
					a.name+" selects credits in the oldest-first mode (credit_quantity_kg); with credit_batch_quantities the batches "+
						"themselves say which credits are retired. Remove "+a.name+", or use credit_quantity_kg instead of credit_batch_quantities.")
			}
		}
	}
}

// ModifyPlan enforces immutability (shared machinery) and, on create, resolves the organisation
// defaults and checks the request against the registry, so that a plan that would fail sends nothing.
func (r *retirementResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !r.planCreate(ctx, req, resp) {
		return
	}
	defer r.spec.checkRename(ctx, r.pd, req, resp)
	in := readRetirementInput(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.resolveDefaults(ctx, &in, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &in.plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	pre, checked := r.checkRegistry(ctx, in, &resp.Diagnostics)
	if !checked {
		tflog.Info(ctx, "Some retirement arguments are known only at apply: the registry checks run right before the request")
		return
	}
	if !resp.Diagnostics.HasError() {
		r.pd.View.ledger.claim(in.claims(pre), &resp.Diagnostics)
	}
	if !resp.Diagnostics.HasError() && !allowsRepeat(ctx, req.Config) {
		r.checkRepeat(ctx, req.Config, resp.Plan, in, &resp.Diagnostics)
	}
}

// checkRepeat refuses a retirement that a retirement of the owner, not made by this run, already
// did (the same fingerprint: beneficiary, quantity, purposes, notes, and the named batches or
// their parts or, oldest first, credits of the supplier, vintage and order): one of the recent
// window, or, for a named batch that an earlier operation split, one that retired a part of it,
// however old. See never_twice.go.
func (r *retirementResource) checkRepeat(ctx context.Context, config tfsdk.Config, plan tfsdk.Plan, in retirementInput, diags *diag.Diagnostics) {
	m, v := in.request(), r.pd.View
	create, err := r.spec.createFingerprint(ctx, r.pd, config, plan.Raw)
	if err != nil {
		r.pd.addClientError(diags, "Cannot compare the retirement with the owner's retirements", err)
		return
	}
	fingerprint := func(ret client.Retirement, batches []client.CreditBatch) (ledger.Fingerprint, error) {
		return retirementFingerprint(ctx, v, &ret, batches, create)
	}
	idAt := func(ret client.Retirement) (string, string) { return ret.ID, ret.RetiredAt }
	const same = "the same owner, beneficiary, quantity, purposes, notes and credits"
	recent, err := v.recentRetirements(ctx, m.OwnerOrganisationID.ValueString())
	checkRepeat(ctx, r.spec, r.pd, create, recent, err, idAt, "retirements", r.pd.Client.ListRetirementCreditBatches, fingerprint, same, diags)
	if diags.HasError() || !in.byBatch {
		return
	}
	earlier, err := r.lineageRetirements(ctx, in.batches, recent)
	checkRepeat(ctx, r.spec, r.pd, create, earlier, err, idAt, "retirements", r.pd.Client.ListRetirementCreditBatches, fingerprint, same, diags)
}

// lineageRetirements are the retirements that took a part of a named batch an earlier operation
// split (the left children along the chain of its remaining parts carry their retirement_id),
// except those among recent (already compared) and those this walk made (never read): a configuration that names the split batch again
// after its block was renamed, or applied with -target on the new address, repeats one of them.
// Batches that were never split cost no request.
func (r *retirementResource) lineageRetirements(ctx context.Context, items []client.CreditBatchQuantity, recent []client.Retirement) ([]client.Retirement, error) {
	seen := map[string]bool{}
	for _, ret := range recent {
		seen[ret.ID] = true
	}
	v := r.pd.View
	var out []client.Retirement
	for _, it := range items {
		b, err := v.creditBatch(ctx, it.CreditBatchID)
		for hops := 0; err == nil && b.Status == client.CreditBatchStatusSplit && b.LeftChildID != nil && b.RightChildID != nil && hops < 1000; hops++ {
			var left *client.CreditBatch
			if left, err = v.creditBatch(ctx, *b.LeftChildID); err != nil {
				break
			}
			if id := deref(left.RetirementID); id != "" && !seen[id] && !v.createdHere(id) && left.Size.CreditKgs == it.CreditQuantityKg {
				seen[id] = true
				var ret *client.Retirement
				if ret, err = v.retirement(ctx, id); err != nil {
					break
				}
				out = append(out, *ret)
			}
			b, err = v.creditBatch(ctx, *b.RightChildID)
		}
		if err != nil {
			return nil, fmt.Errorf("reading the parts of credit batch %s: %w", it.CreditBatchID, err)
		}
	}
	return out, nil
}

// claimKey identifies a planned retirement by its arguments (see planLedger.release).
func (in retirementInput) claimKey() string {
	m := in.request()
	return fmt.Sprintf("retirement/%s/%s/%s/%v/%s/%s/%s/%s/%s", m.OwnerOrganisationID, m.BeneficiaryOrganisationID, m.SupplierID,
		in.batches, m.CreditQuantityKg, m.Vintage, m.OrderID, m.RetirementPurposes, m.Notes)
}

// claims is what the retirement claims: its named batches (as checkRegistry resolved them) or
// the kg of its oldest-first pool.
func (in retirementInput) claims(pre retirementPreflight) *claimOp {
	m := in.request()
	op := &claimOp{Key: in.claimKey(), Path: path.Root("credit_quantity_kg"),
		Who: fmt.Sprintf("an isometric_retirement of %s for %s%s", formatKg(kgOf(m.CreditQuantityKg)),
			m.BeneficiaryOrganisationID.ValueString(), notesSuffix(m.Notes))}
	if in.byBatch {
		op.Batches = batchClaims(path.Root("credit_batch_quantities"), in.batches, pre.batches)
		return op
	}
	op.Pool, op.PoolKg = pre.pool, kgOf(m.CreditQuantityKg)
	op.Who += " (oldest first)"
	return op
}

// resolveDefaults fills the owner (acting organisation) and the beneficiary (owner) when they are
// not configured, and in by-batch mode credit_quantity_kg (sum of the batches). A configured value
// that is unknown (known only at apply) stays unknown.
func (r *retirementResource) resolveDefaults(ctx context.Context, in *retirementInput, diags *diag.Diagnostics) bool {
	m, owner, beneficiary := &in.plan, in.config.OwnerOrganisationID, in.config.BeneficiaryOrganisationID
	if owner.IsNull() && m.OwnerOrganisationID.IsUnknown() {
		id, ok := actingOrganisationID(ctx, r.pd, diags)
		if !ok {
			return false
		}
		tflog.Debug(ctx, "owner_organisation_id defaults to the acting organisation", map[string]any{"owner": id})
		m.OwnerOrganisationID = defaultOrganisation(owner, m.OwnerOrganisationID, id)
	}
	if m.BeneficiaryOrganisationID.IsUnknown() && !m.OwnerOrganisationID.IsUnknown() {
		m.BeneficiaryOrganisationID = defaultOrganisation(beneficiary, m.BeneficiaryOrganisationID, m.OwnerOrganisationID.ValueString())
	}
	if in.byBatch && in.batchesKnown && m.CreditQuantityKg.IsUnknown() {
		m.CreditQuantityKg = kgNumber(requestedKg(in.batches))
	}
	return !diags.HasError()
}

// retirementPreflight is what the registry checks saw right before a retirement request.
type retirementPreflight struct {
	// batches: by-batch mode, the requested batches as they were (same order as requested).
	batches []client.CreditBatch
	// balanceKg: oldest-first mode, the owner's active kg of the supplier (and vintage/order);
	// pool: those credits.
	balanceKg int64
	pool      *creditPool
}

// checkRegistry runs the plan-time checks against the registry; errors are added to diags. Each
// check runs when its inputs are known; checked is false when one could not run for an unknown
// value (Create runs them all again right before the request, when everything is known).
func (r *retirementResource) checkRegistry(ctx context.Context, in retirementInput, diags *diag.Diagnostics) (pre retirementPreflight, checked bool) {
	m, items, known := in.request(), in.batches, in.batchesKnown
	// Each check runs as soon as its own inputs are known (a beneficiary created in the same apply
	// does not hold back the batch checks); checked reports whether all of them ran.
	checked = true
	owner, beneficiary, supplier := m.OwnerOrganisationID.ValueString(), m.BeneficiaryOrganisationID.ValueString(), m.SupplierID.ValueString()
	if !m.OwnerOrganisationID.IsUnknown() {
		acting, ok := actingOrganisationID(ctx, r.pd, diags)
		if !ok || !checkActing("owner_organisation_id", owner, acting, "retires credits of", diags) {
			return pre, true
		}
	}
	switch {
	case m.OwnerOrganisationID.IsUnknown() || m.BeneficiaryOrganisationID.IsUnknown():
		checked = false
	case beneficiary != owner:
		listed, err := organisationListed(ctx, r.pd, beneficiaryList, beneficiary)
		switch {
		case err != nil:
			r.pd.addClientError(diags, "Cannot check the beneficiary (GET /beneficiaries)", err)
		case !listed:
			addAttributeError(diags, path.Root("beneficiary_organisation_id"), "Beneficiary not allowed",
				fmt.Sprintf("beneficiary_organisation_id: organisation %s is neither the owner of the credits (%s, owner_organisation_id) "+
					"nor one of the acting organisation's beneficiaries (GET /beneficiaries). Credits can only be retired on behalf of "+
					"those: add it as a beneficiary first (isometric_beneficiary resource), or leave beneficiary_organisation_id unset to "+
					"retire for the owner.", beneficiary, owner))
		}
	}

	if in.byBatch {
		if !known || m.OwnerOrganisationID.IsUnknown() {
			return pre, false
		}
		if m.SupplierID.IsUnknown() {
			checked, supplier = false, ""
		}
		pre.batches = checkBatches(ctx, r.pd, items, batchCheck{
			Attribute: path.Root("credit_batch_quantities"), Verb: "retire",
			Owner: owner, OwnerAttribute: "owner_organisation_id",
			SupplierID: supplier, SupplierAttribute: path.Root("supplier_id"),
		}, diags)
		return pre, checked
	}

	if m.SupplierID.IsUnknown() || m.OwnerOrganisationID.IsUnknown() || m.CreditQuantityKg.IsUnknown() || m.Vintage.IsUnknown() || m.OrderID.IsUnknown() {
		return pre, false
	}
	want := kgOf(m.CreditQuantityKg)
	pool, err := r.pd.View.pool(ctx, poolOf(m))
	if err != nil {
		r.pd.addClientError(diags, "Cannot check the active balance (GET /organisations/{id}/credit_batches)", err)
		return pre, checked
	}
	balance := pool.Kg
	pre.pool = pool
	pre.balanceKg = balance
	tflog.Debug(ctx, "Active balance for an oldest-first retirement", map[string]any{"owner": owner, "supplier": supplier, "balance_kg": balance, "requested_kg": want})
	if balance == 0 {
		r.addNoCreditsError(ctx, m, diags)
		return pre, checked
	}
	if want > balance {
		addAttributeError(diags, path.Root("credit_quantity_kg"), "Quantity above the active balance",
			fmt.Sprintf("credit_quantity_kg: %s requested, but organisation %s (owner_organisation_id) holds only %s of active credits of "+
				"supplier %s%s. Lower credit_quantity_kg to at most %d, or choose other credits (another vintage, order or supplier).",
				formatKg(want), owner, formatKg(balance), supplier, r.selectionSuffix(m), balance))
	}
	return pre, checked
}

// addNoCreditsError explains an oldest-first retirement from a pool with no credits at all, on
// supplier_id: the supplier does not exist, or the owner holds none of its credits (of the vintage
// and order).
func (r *retirementResource) addNoCreditsError(ctx context.Context, m retirementModel, diags *diag.Diagnostics) {
	owner, supplier := m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString()
	s, err := r.pd.View.supplier(ctx, supplier)
	switch {
	case errors.Is(err, client.ErrNotFound):
		addAttributeError(diags, path.Root("supplier_id"), "Unknown supplier",
			fmt.Sprintf("supplier_id: supplier %s does not exist in %s. Check the ID (the isometric_suppliers data source lists them, "+
				"and isometric_credit_balance shows whose credits you hold).", supplier, r.pd.where()))
	case err != nil:
		r.pd.addClientError(diags, fmt.Sprintf("Cannot read supplier %s", supplier), err)
	default:
		addAttributeError(diags, path.Root("supplier_id"), "No credits of this supplier",
			fmt.Sprintf("supplier_id: organisation %s (owner_organisation_id) holds no active credits of supplier %s (%s)%s, so an "+
				"oldest-first retirement of %s has nothing to retire. Choose a supplier whose credits it holds (isometric_credit_balance "+
				"lists them per supplier)%s.", owner, supplier, s.Organisation.Name, r.selectionSuffix(m),
				formatKg(kgOf(m.CreditQuantityKg)), selectionAdvice(m)))
	}
}

// selectionAdvice suggests dropping the filters of an oldest-first retirement, when there are.
func selectionAdvice(m retirementModel) string {
	if m.Vintage.IsNull() && m.OrderID.IsNull() {
		return ""
	}
	return ", or leave out vintage / order_id"
}

// selectionSuffix describes the vintage/order filters of an oldest-first retirement.
func (r *retirementResource) selectionSuffix(m retirementModel) string {
	var s string
	if !m.Vintage.IsNull() {
		s += fmt.Sprintf(" of vintage %d", m.Vintage.ValueInt64())
	}
	if !m.OrderID.IsNull() {
		s += " delivered through order " + m.OrderID.ValueString()
	}
	return s
}

// poolOf is the pool an oldest-first retirement draws on: the owner's active credits of the
// supplier, and of the vintage and order when set.
func poolOf(m retirementModel) poolKey {
	return poolKey{Owner: m.OwnerOrganisationID.ValueString(), Supplier: m.SupplierID.ValueString(),
		Vintage: m.Vintage.ValueInt64(), Order: m.OrderID.ValueString()}
}

func (r *retirementResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	// Values unknown at plan time are known now: resolve the defaults and re-run every check
	// right before the request (it only reads).
	in := readRetirementInput(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, in.plan.Timeouts.Create, transactionCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() || !r.resolveDefaults(ctx, &in, &resp.Diagnostics) {
		return
	}
	// One check-then-POST at a time for these credits; the claim ends with this create.
	m := in.request()
	defer r.pd.View.ledger.release(in.claimKey())
	unlock := r.pd.View.lockCredits(m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString())
	defer unlock()
	pre, checked := r.checkRegistry(ctx, in, &resp.Diagnostics)
	if !checkedAtApply("retirement", checked, &resp.Diagnostics) {
		return
	}

	var ret *client.Retirement
	if in.byBatch {
		ret = r.postByBatch(ctx, in, pre, &resp.Diagnostics)
	} else {
		create, err := r.spec.createFingerprint(ctx, r.pd, req.Config, req.Plan.Raw)
		if err != nil {
			r.pd.addClientError(&resp.Diagnostics, "Cannot describe the retirement for the case its answer is lost; nothing was sent", err)
			return
		}
		ret = r.postOldestFirst(ctx, create, m, pre, &resp.Diagnostics)
	}
	createdID := ""
	if ret != nil {
		createdID = ret.ID
	}
	if ret == nil {
		r.pd.View.afterPost(m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString(), createdID, batchIDsOf(pre.batches))
		if !in.byBatch {
			r.pd.View.forgetBatchesOf(m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString())
		}
		return // nothing recorded: no tainted resource, the error says how to go on
	}
	tflog.Info(ctx, "Retirement recorded", map[string]any{"id": ret.ID, "kg": ret.CreditBatchSizeTotal.CreditKgs})

	batches := recordedBatchesOrWarn(ctx, "retirement", ret.ID, r.pd.Client.ListRetirementCreditBatches, &resp.Diagnostics)
	switch {
	case in.byBatch:
		r.pd.View.afterPost(m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString(), createdID, batchIDsOf(pre.batches))
	case len(batches) == 0: // consumed batches not known
		r.pd.View.afterPost(m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString(), createdID, nil)
		r.pd.View.forgetBatchesOf(m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString())
	default:
		r.pd.View.afterOldestFirst(m.OwnerOrganisationID.ValueString(), m.SupplierID.ValueString(), createdID, batches)
	}
	fillRetirement(ctx, r.pd.View, &in.plan, ret, batches, false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &in.plan)...)
	recordIdentity(ctx, resp.Identity, ret.ID, &resp.Diagnostics)
}

// purposesRequest returns the configured purposes in the API's shape (sorted, for a stable request).
func purposesRequest(ctx context.Context, set types.Set, diags *diag.Diagnostics) []client.RetirementPurpose {
	var ps []string
	diags.Append(set.ElementsAs(ctx, &ps, false)...)
	sort.Strings(ps)
	out := make([]client.RetirementPurpose, 0, len(ps))
	for _, p := range ps {
		out = append(out, client.RetirementPurpose(p))
	}
	return out
}

// postByBatch sends POST /retirements once; after an unknown outcome the requested batches (or
// the left children of those it split) say whether, and by which retirement, they were retired.
func (r *retirementResource) postByBatch(ctx context.Context, in retirementInput, pre retirementPreflight, diags *diag.Diagnostics) *client.Retirement {
	m := in.plan
	body := client.CreateRetirementByBatchRequest{
		BeneficiaryOrganisationID: m.BeneficiaryOrganisationID.ValueString(),
		CreditBatchQuantities:     usedBatches(in.batches, pre.batches),
		Notes:                     m.Notes.ValueStringPointer(),
		OwnerOrganisationID:       m.OwnerOrganisationID.ValueString(),
		RetirementPurposes:        purposesRequest(ctx, m.RetirementPurposes, diags),
		SupplierID:                m.SupplierID.ValueString(),
	}
	if diags.HasError() {
		return nil
	}
	return transactionPost[client.Retirement]{
		Spec: &retirementSpec, PD: r.pd, What: "POST /retirements",
		Send: func(ctx context.Context) (*client.Retirement, error) { return r.pd.Client.CreateRetirement(ctx, body) },
		Discover: func(ctx context.Context, _ time.Time) (discovery[client.Retirement], error) {
			var found discovery[client.Retirement]
			outs, err := batchOutcomes(ctx, r.pd.Client, body.CreditBatchQuantities, pre.batches)
			if err != nil {
				return found, err
			}
			found.Evidence = "\n" + describeOutcomes(outs)
			if allUntouched(outs) {
				found.NotCommitted = true
				found.Evidence = "every requested credit batch is unchanged (still active, same size, no retirement_id):" + found.Evidence
				return found, nil
			}
			ids := map[string]bool{}
			for _, o := range outs {
				if o.Involved == nil || o.Involved.RetirementID == nil {
					ids[""] = true
					continue
				}
				ids[*o.Involved.RetirementID] = true
			}
			if len(ids) != 1 || ids[""] {
				found.Evidence = "the requested credit batches do not all carry one retirement_id:" + found.Evidence
				return found, nil
			}
			for id := range ids {
				if r.pd.View.createdHere(id) {
					found.Evidence = "the requested credit batches carry retirement_id " + id + ", which another resource of this run created:" + found.Evidence
					return found, nil
				}
				ret, err := r.pd.Client.GetRetirement(ctx, id)
				if err != nil {
					return found, fmt.Errorf("reading retirement %s: %w", id, err)
				}
				found.Found, found.FoundID = ret, id
				found.Evidence = "the requested credit batches now carry retirement_id " + id + ":" + found.Evidence
			}
			return found, nil
		},
	}.run(ctx, diags)
}

// postOldestFirst sends POST /retirements/from_oldest_credits once; after an unknown outcome it
// looks for the owner's recent retirement matching the request.
// create is the request's fingerprint, which discovery compares the owner's new retirements with.
func (r *retirementResource) postOldestFirst(ctx context.Context, create ledger.Fingerprint, m retirementModel, pre retirementPreflight,
	diags *diag.Diagnostics) *client.Retirement {
	body := client.CreateRetirementOldestCreditsRequest{
		BeneficiaryOrganisationID: m.BeneficiaryOrganisationID.ValueString(),
		CreditQuantityKg:          kgOf(m.CreditQuantityKg),
		Notes:                     m.Notes.ValueStringPointer(),
		OrderID:                   m.OrderID.ValueStringPointer(),
		OwnerOrganisationID:       m.OwnerOrganisationID.ValueString(),
		RetirementPurposes:        purposesRequest(ctx, m.RetirementPurposes, diags),
		SupplierID:                m.SupplierID.ValueString(),
		Vintage:                   m.Vintage.ValueInt64Pointer(),
	}
	if diags.HasError() {
		return nil
	}
	return transactionPost[client.Retirement]{
		Spec: &retirementSpec, PD: r.pd, What: "POST /retirements/from_oldest_credits",
		Send: func(ctx context.Context) (*client.Retirement, error) {
			return r.pd.Client.CreateRetirementFromOldestCredits(ctx, body)
		},
		Discover: func(ctx context.Context, started time.Time) (discovery[client.Retirement], error) {
			return r.discoverOldestFirst(ctx, create, m, body, pre, started)
		},
	}.run(ctx, diags)
}

// discoverOldestFirst finds the retirement an ambiguous oldest-first request committed: among the
// owner's retirements since the request started (minus clock skew), not made by this run for
// another resource, the ones that are the same operation as the create (its fingerprint: quantity,
// beneficiary, purposes, notes, credits of the supplier, vintage and order). Without a match, an
// unchanged active balance proves nothing was retired.
func (r *retirementResource) discoverOldestFirst(ctx context.Context, create ledger.Fingerprint, m retirementModel,
	body client.CreateRetirementOldestCreditsRequest, pre retirementPreflight, started time.Time) (discovery[client.Retirement], error) {
	var found discovery[client.Retirement]
	cutoff := started.Add(-discoveryClockSkew)
	recent, err := r.recentRetirements(ctx, body.OwnerOrganisationID, cutoff)
	if err != nil {
		return found, err
	}
	var matches []client.Retirement
	for _, ret := range recent {
		if r.pd.View.createdHere(ret.ID) { // another resource of this run made it
			continue
		}
		fields, err := retirementFingerprint(ctx, r.pd.View, &ret, nil, create)
		if err != nil {
			return found, err
		}
		if v, _ := ledger.Match(create, fields); v == ledger.Different {
			continue
		}
		batches, err := r.pd.Client.ListRetirementCreditBatches(ctx, ret.ID)
		if err != nil {
			return found, fmt.Errorf("reading the credit batches of retirement %s: %w", ret.ID, err)
		}
		fp, err := retirementFingerprint(ctx, r.pd.View, &ret, batches.Nodes, create)
		if err != nil {
			return found, fmt.Errorf("comparing the credit batches of retirement %s: %w", ret.ID, err)
		}
		if v, _ := ledger.Match(create, fp); v != ledger.Same {
			continue
		}
		matches = append(matches, ret)
	}
	crit := fmt.Sprintf("retirements of %s since %s with %s of supplier %s for beneficiary %s", body.OwnerOrganisationID,
		cutoff.Format(time.RFC3339), formatKg(body.CreditQuantityKg), body.SupplierID, body.BeneficiaryOrganisationID)
	switch len(matches) {
	case 1:
		found.Found, found.FoundID = &matches[0], matches[0].ID
		found.Evidence = fmt.Sprintf("retirement %s (retired at %s) is the only one matching the request among the %s.", matches[0].ID, matches[0].RetiredAt, crit)
		return found, nil
	case 0:
	default:
		for _, ret := range matches {
			found.Candidates = append(found.Candidates, ret.ID)
		}
		found.Evidence = "They all match the " + crit + "."
		return found, nil
	}
	r.pd.View.forget(poolOf(m).String()) // the balance as it is now
	pool, err := r.pd.View.pool(ctx, poolOf(m))
	if err != nil {
		return found, err
	}
	after := pool.Kg
	if after == pre.balanceKg {
		found.NotCommitted = true
		found.Evidence = fmt.Sprintf("no retirement matches among the %s, and the active balance of supplier %s%s is unchanged at %s.",
			crit, body.SupplierID, r.selectionSuffix(m), formatKg(after))
		return found, nil
	}
	found.Evidence = fmt.Sprintf("none among the %s; the active balance of supplier %s%s changed from %s to %s meanwhile.",
		crit, body.SupplierID, r.selectionSuffix(m), formatKg(pre.balanceKg), formatKg(after))
	return found, nil
}

// recentRetirements lists the owner's retirements (GET /retirements?owner_org_id=, most recent
// first) until one is older than cutoff; records with unreadable timestamps are kept.
func (r *retirementResource) recentRetirements(ctx context.Context, owner string, cutoff time.Time) ([]client.Retirement, error) {
	var out []client.Retirement
	opts := client.RetirementListOptions{OwnerOrgID: owner, ListOptions: client.ListOptions{First: client.MaxPageSize}}
	for page := 0; page < 20; page++ {
		p, err := r.pd.Client.ListRetirements(ctx, &opts)
		if err != nil {
			return nil, err
		}
		older := false
		for _, ret := range p.Nodes {
			at, err := time.Parse(time.RFC3339Nano, ret.RetiredAt)
			if err == nil && at.Before(cutoff) {
				older = true
				continue
			}
			out = append(out, ret)
		}
		if older || !p.PageInfo.HasNextPage || p.PageInfo.EndCursor == nil {
			break
		}
		opts.After = *p.PageInfo.EndCursor
	}
	return out, nil
}

// commonOrder returns the order all batches were delivered through (delivery_id -> order_id);
// ok is false when a batch has no delivery, the deliveries belong to several orders, or a delivery
// cannot be read.
func commonOrder(ctx context.Context, v *registryView, batches []client.CreditBatch) (string, bool) {
	orders := map[string]string{} // delivery -> order
	order := ""
	for _, b := range batches {
		if b.DeliveryID == nil {
			return "", false
		}
		o, seen := orders[*b.DeliveryID]
		if !seen {
			d, err := v.delivery(ctx, *b.DeliveryID)
			if err != nil {
				tflog.Debug(ctx, "Cannot read a delivery to find the order of retired credits", map[string]any{"delivery": *b.DeliveryID, "error": err.Error()})
				return "", false
			}
			o = d.OrderID
			orders[*b.DeliveryID] = o
		}
		if order != "" && o != order {
			return "", false
		}
		order = o
	}
	return order, order != ""
}

// commonVintage returns the vintage shared by all batches.
func commonVintage(batches []client.CreditBatch) (int64, bool) {
	var v int64
	for i, b := range batches {
		bv := batchVintage(b)
		if bv == 0 || (i > 0 && bv != v) {
			return 0, false
		}
		v = bv
	}
	return v, v != 0
}

// fillRetirement sets the computed attributes from the registry's record, and every argument
// that is null or unknown (after an import, or the values computed by the create) from it too:
// supplier, purposes, organisations, both modes' quantities, vintage and order. importing also
// takes notes from the registry.
// The order is read through v (the delivery of the batches); the list resource fills its results
// with it too, so that a listed retirement is the one an import records.
func fillRetirement(ctx context.Context, v *registryView, m *retirementModel, ret *client.Retirement, batches []client.CreditBatch, importing bool) {
	m.ID = types.StringValue(ret.ID)
	m.RetiredAt = types.StringValue(ret.RetiredAt)
	m.URL = types.StringValue(ret.URL)
	if batches != nil {
		m.CreditBatches = recordedBatchesValue(batches)
	}

	unset := func(v attr.Value) bool { return v.IsNull() || v.IsUnknown() }
	if importing {
		m.Notes = stringPtrValue(ret.Notes)
	}
	if unset(m.OwnerOrganisationID) {
		m.OwnerOrganisationID = types.StringValue(ret.Owner.ID)
	}
	if unset(m.BeneficiaryOrganisationID) {
		m.BeneficiaryOrganisationID = types.StringValue(ret.Beneficiary.ID)
	}
	if unset(m.RetirementPurposes) {
		elems := make([]attr.Value, 0, len(ret.Purposes))
		for _, p := range ret.Purposes {
			elems = append(elems, types.StringValue(string(p)))
		}
		m.RetirementPurposes = types.SetValueMust(types.StringType, elems)
	}
	if unset(m.CreditQuantityKg) {
		m.CreditQuantityKg = kgNumber(ret.CreditBatchSizeTotal.CreditKgs)
	}
	if unset(m.SupplierID) {
		m.SupplierID = types.StringNull()
		if len(batches) > 0 {
			m.SupplierID = types.StringValue(batches[0].SupplierID)
		}
	}
	if unset(m.CreditBatchQuantities) {
		m.CreditBatchQuantities = types.ListNull(types.ObjectType{AttrTypes: batchQuantityAttrTypes})
		if len(batches) > 0 {
			items := make([]client.CreditBatchQuantity, 0, len(batches))
			for _, b := range batches {
				items = append(items, client.CreditBatchQuantity{CreditBatchID: b.ID, CreditQuantityKg: b.Size.CreditKgs})
			}
			m.CreditBatchQuantities = batchQuantitiesValue(items)
		}
	}
	if unset(m.Vintage) {
		m.Vintage = types.Int64Null()
		if v, ok := commonVintage(batches); ok {
			m.Vintage = types.Int64Value(v)
		}
	}
	if unset(m.OrderID) {
		m.OrderID = types.StringNull()
		if len(batches) > 0 {
			if o, ok := commonOrder(ctx, v, batches); ok {
				m.OrderID = types.StringValue(o)
			}
		}
	}
}

// GeneratedConfig keeps one mode in the configuration Terraform generates from an imported
// retirement, whose state holds the arguments of both (fillRetirement): by batch, the batches the
// registry recorded, which describe the record exactly; oldest first (the total, and the vintage and
// order the credits share) only when the state holds no batch.
func (r *retirementResource) GeneratedConfig(ctx context.Context, cfg *tfsdk.State, diags *diag.Diagnostics) {
	var batches types.List
	diags.Append(cfg.GetAttribute(ctx, path.Root("credit_batch_quantities"), &batches)...)
	if diags.HasError() {
		return
	}
	if !batches.IsNull() && !batches.IsUnknown() && len(batches.Elements()) > 0 {
		diags.Append(cfg.SetAttribute(ctx, path.Root("credit_quantity_kg"), types.Int64Null())...)
		diags.Append(cfg.SetAttribute(ctx, path.Root("vintage"), types.Int64Null())...)
		diags.Append(cfg.SetAttribute(ctx, path.Root("order_id"), types.StringNull())...)
		return
	}
	diags.Append(cfg.SetAttribute(ctx, path.Root("credit_batch_quantities"), types.ListNull(types.ObjectType{AttrTypes: batchQuantityAttrTypes}))...)
}

// Read refreshes the record from the registry. A 404 is an error (never a removal from state,
// which would lead to a second retirement). After an import it derives the arguments.
func (r *retirementResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	r.refresh(ctx, r.pd, &resp.State, resp.Identity, &resp.Diagnostics)
}

// refresh implements resourceWithRefresh (refreshModel): the retirement's record, its batches as
// recorded.
func (r *retirementResource) refresh(ctx context.Context, pd *providerData, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) bool {
	return refreshModel(ctx, state, identity, diags, func(m *retirementModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *retirementModel) (string, bool) {
			ret, batches, ok := readRecord(ctx, &retirementSpec, pd, m.ID.ValueString(), m.CreditBatches, pd.Client.GetRetirement, pd.Client.ListRetirementCreditBatches, diags)
			if !ok {
				return "", false
			}
			importing := r.spec.importing(ctx, ret.ID, m.SupplierID.IsNull())
			fillRetirement(ctx, pd.View, m, ret, batches, importing)
			return ret.ID, true
		})
}

package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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
	_ resource.ResourceWithConfigure   = (*transferResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*transferResource)(nil)
	_ resource.ResourceWithImportState = (*transferResource)(nil)
	_ resource.ResourceWithIdentity    = (*transferResource)(nil)
)

// transferSpec is isometric_transfer for the shared transaction machinery.
var transferSpec = transactionSpec{
	TypeName:         "isometric_transfer",
	Noun:             "transfer",
	IDPrefix:         "tfr_",
	NewOperationHint: "To transfer more credits, declare another isometric_transfer resource for the new transfer",
	Verb:             "transfer",
	Equivalent:       batchTransactionEquivalence,
}

// transferComputedAttrs are the computed attributes: the registry's record.
var transferComputedAttrs = append(pickAttrs(transferAttrs, "id", "transferred_at", "credit_batch_size_total"),
	recordedBatchesAttr("transfers", "transferred"))

// transferResource is isometric_transfer: a permanent transfer of credits to another
// organisation (POST /transfers).
type transferResource struct {
	transactionResource
}

func newTransferResource() resource.Resource {
	return &transferResource{transactionResource{spec: &transferSpec}}
}

type transferModel struct {
	ID                    types.String   `tfsdk:"id"`
	ToOrganisationID      types.String   `tfsdk:"to_organisation_id"`
	FromOrganisationID    types.String   `tfsdk:"from_organisation_id"`
	SupplierID            types.String   `tfsdk:"supplier_id"`
	CreditBatchQuantities types.List     `tfsdk:"credit_batch_quantities"`
	Notes                 types.String   `tfsdk:"notes"`
	TransferredAt         types.String   `tfsdk:"transferred_at"`
	CreditBatchSizeTotal  types.Object   `tfsdk:"credit_batch_size_total"`
	CreditBatches         types.List     `tfsdk:"credit_batches"`
	AllowRepeat           types.Bool     `tfsdk:"allow_repeat"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}

func (r *transferResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := resourceAttributes(transferComputedAttrs)
	attrs["to_organisation_id"] = schema.StringAttribute{
		MarkdownDescription: "Organisation that receives the credits (`org_…`): one of the acting organisation's transferees " +
			"(`GET /transferees`, see the `isometric_transferees` data source).",
		Required:   true,
		Validators: []validator.String{isometricIDValidator("organisation", "org_")},
	}
	attrs["from_organisation_id"] = schema.StringAttribute{
		MarkdownDescription: "Organisation that sends the credits (`org_…`); it must own every batch. Defaults to the organisation " +
			"the access token acts as, resolved at plan time.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{isometricIDValidator("organisation", "org_")},
	}
	attrs["supplier_id"] = schema.StringAttribute{
		MarkdownDescription: "Supplier of the transferred credits (`spl_…`). All credits of a transfer come from one supplier: every " +
			"batch must come from it.",
		Required:   true,
		Validators: []validator.String{isometricIDValidator("supplier", "spl_")},
	}
	attrs["credit_batch_quantities"] = batchQuantitiesAttribute("transfer", false,
		"Every batch must be active, owned by `from_organisation_id` and come from `supplier_id`.")
	attrs["notes"] = notesAttribute("transfer")
	attrs[allowRepeatAttr] = allowRepeatAttribute("transfer")
	resp.Schema = transactionSchema(ctx, "A **permanent** transfer of carbon-removal credits to another organisation on the Isometric Registry "+
		"(`POST /transfers`). Creating it transfers the credits (exactly one request); no argument can change afterwards, and "+
		"destroying it only removes it from the Terraform state: the registry keeps the transfer, and the credits stay with the "+
		"recipient.\n\nThe plan checks the request against the registry (recipient among the transferees, every batch active, "+
		"owned by the sender, from `supplier_id` and large enough) before anything is sent.\n\n"+adoptionNote(&transferSpec, `identity = { id = "tfr_…" }`), attrs)
}

// ModifyPlan enforces immutability (shared machinery) and, on create, resolves the sender and
// checks the request against the registry, so that a plan that would fail sends nothing.
func (r *transferResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !r.planCreate(ctx, req, resp) {
		return
	}
	defer r.spec.checkRename(ctx, r.pd, req, resp)
	var plan transferModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	body, known := r.request(ctx, req.Config, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !known {
		tflog.Info(ctx, "Some transfer arguments are known only at apply: the registry checks run right before the request")
		return
	}
	// The total is known at plan time: the plan shows it in kg and tonnes.
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("credit_batch_size_total"),
		quantityValue(client.CreditQuantity{CreditKgs: requestedKg(body.CreditBatchQuantities)}))...)
	snapshot := r.checkRegistry(ctx, &body, &resp.Diagnostics)
	if body.FromOrganisationID != "" {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("from_organisation_id"), body.FromOrganisationID)...)
	}
	if !resp.Diagnostics.HasError() {
		r.pd.View.ledger.claim(&claimOp{Key: transferClaimKey(body),
			Who:     fmt.Sprintf("an isometric_transfer of %s to %s%s", formatKg(requestedKg(body.CreditBatchQuantities)), body.ToOrganisationID, notesSuffix(plan.Notes)),
			Batches: batchClaims(path.Root("credit_batch_quantities"), body.CreditBatchQuantities, snapshot),
		}, &resp.Diagnostics)
	}
	if !resp.Diagnostics.HasError() && !allowsRepeat(ctx, req.Config) {
		r.checkRepeat(ctx, req.Config, resp.Plan, body, &resp.Diagnostics)
	}
}

// checkRepeat refuses a transfer that a recent transfer between the same organisations, not made
// by this run, already did: same notes and the named batches (or their parts). See never_twice.go.
func (r *transferResource) checkRepeat(ctx context.Context, config tfsdk.Config, plan tfsdk.Plan, body client.CreateTransferRequest, diags *diag.Diagnostics) {
	create, err := r.spec.createFingerprint(ctx, r.pd, config, plan.Raw)
	if err != nil {
		r.pd.addClientError(diags, "Cannot compare the transfer with the recent ones", err)
		return
	}
	recent, err := r.pd.View.recentTransfers(ctx, body.FromOrganisationID, body.ToOrganisationID)
	checkRepeat(ctx, r.spec, r.pd, create, recent, err, func(x client.Transfer) (string, string) { return x.ID, x.TransferredAt },
		"transfers", r.pd.Client.ListTransferCreditBatches,
		func(x client.Transfer, batches []client.CreditBatch) (ledger.Fingerprint, error) {
			return transferFingerprint(ctx, r.pd.View, &x, batches)
		}, "the same sender, recipient, quantity, notes and credits", diags)
}

// transferClaimKey identifies a planned transfer by its request (see planLedger.release).
func transferClaimKey(body client.CreateTransferRequest) string {
	return fmt.Sprintf("transfer/%s/%s/%s/%v/%s", body.FromOrganisationID, body.ToOrganisationID, body.SupplierID, body.CreditBatchQuantities, deref(body.Notes))
}

// request builds the POST /transfers body from the plan, parsing it once. A from_organisation_id
// neither configured nor planned yet is "" (checkRegistry resolves it to the acting
// organisation). known is false while a value is known only at apply.
func (r *transferResource) request(ctx context.Context, config tfsdk.Config, m transferModel, diags *diag.Diagnostics) (body client.CreateTransferRequest, known bool) {
	var configFrom types.String
	diags.Append(config.GetAttribute(ctx, path.Root("from_organisation_id"), &configFrom)...)
	items, known := batchQuantitiesFrom(ctx, m.CreditBatchQuantities, diags)
	body = client.CreateTransferRequest{
		CreditBatchQuantities: items,
		Notes:                 m.Notes.ValueStringPointer(),
		SupplierID:            m.SupplierID.ValueString(),
		ToOrganisationID:      m.ToOrganisationID.ValueString(),
	}
	if !configFrom.IsNull() || !m.FromOrganisationID.IsUnknown() {
		body.FromOrganisationID = m.FromOrganisationID.ValueString() // at apply: the sender resolved at plan time
	}
	return body, known && !m.ToOrganisationID.IsUnknown() && !m.SupplierID.IsUnknown() && !configFrom.IsUnknown() && !m.Notes.IsUnknown()
}

// checkRegistry resolves an unset FromOrganisationID (default: the acting organisation) and runs
// the registry checks: the sender is the acting organisation, the recipient is a transferee, and
// every batch is active, owned by the sender, from the supplier and large enough. It returns the
// batches as they were (for the discovery after an ambiguous POST).
func (r *transferResource) checkRegistry(ctx context.Context, body *client.CreateTransferRequest, diags *diag.Diagnostics) (snapshot []client.CreditBatch) {
	acting, ok := actingOrganisationID(ctx, r.pd, diags)
	if !ok {
		return nil
	}
	if body.FromOrganisationID == "" {
		body.FromOrganisationID = acting
	}
	from, to := body.FromOrganisationID, body.ToOrganisationID
	if !checkActing("from_organisation_id", from, acting, "transfers credits from", diags) {
		return nil
	}
	listed, err := organisationListed(ctx, r.pd, transfereeList, to)
	switch {
	case err != nil:
		r.pd.addClientError(diags, "Cannot check the recipient (GET /transferees)", err)
	case !listed:
		addAttributeError(diags, path.Root("to_organisation_id"), "Recipient is not a transferee",
			fmt.Sprintf("to_organisation_id: organisation %s is not among the organisations %s may transfer credits to "+
				"(GET /transferees, every page; see the isometric_transferees data source). The registry would refuse the transfer: "+
				"choose one of the transferees, or ask Isometric to allow transfers to %s first.", to, from, to))
	}
	return checkBatches(ctx, r.pd, body.CreditBatchQuantities, batchCheck{
		Attribute: path.Root("credit_batch_quantities"), Verb: "transfer",
		Owner: from, OwnerAttribute: "from_organisation_id",
		SupplierID: body.SupplierID, SupplierAttribute: path.Root("supplier_id"),
	}, diags)
}

func (r *transferResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan transferModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, transactionCreateTimeout, &resp.Diagnostics)
	defer cancel()
	// Every check again, right before the request, with every value known now.
	body, known := r.request(ctx, req.Config, plan, &resp.Diagnostics)
	if !checkedAtApply("transfer", known, &resp.Diagnostics) {
		return
	}
	// One check-then-POST at a time for the sender's credits of this supplier.
	defer r.pd.View.ledger.release(transferClaimKey(body))
	unlock := r.pd.View.lockCredits(body.FromOrganisationID, body.SupplierID)
	defer unlock()
	snapshot := r.checkRegistry(ctx, &body, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	body.CreditBatchQuantities = usedBatches(body.CreditBatchQuantities, snapshot)
	tfr := transactionPost[client.Transfer]{
		Spec: &transferSpec, PD: r.pd, What: "POST /transfers",
		Send: func(ctx context.Context) (*client.Transfer, error) { return r.pd.Client.CreateTransfer(ctx, body) },
		Discover: func(ctx context.Context, started time.Time) (discovery[client.Transfer], error) {
			return r.discover(ctx, body, snapshot, started)
		},
	}.run(ctx, &resp.Diagnostics)
	createdID := ""
	if tfr != nil {
		createdID = tfr.ID
	}
	r.pd.View.afterPost(body.FromOrganisationID, body.SupplierID, createdID, batchIDsOf(snapshot))
	if tfr == nil {
		return // nothing recorded: no tainted resource, the error says how to go on
	}
	tflog.Info(ctx, "Transfer recorded", map[string]any{"id": tfr.ID, "kg": tfr.CreditBatchSizeTotal.CreditKgs})
	batches := recordedBatchesOrWarn(ctx, "transfer", tfr.ID, r.pd.Client.ListTransferCreditBatches, &resp.Diagnostics)
	fillTransfer(&plan, tfr, batches, false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	recordIdentity(ctx, resp.Identity, tfr.ID, &resp.Diagnostics)
}

// discover finds the transfer an ambiguous POST /transfers committed: the requested batches (or
// their left children) now belong to the recipient, and exactly one transfer from the sender to
// the recipient since the request started lists them all.
func (r *transferResource) discover(ctx context.Context, body client.CreateTransferRequest, snapshot []client.CreditBatch, started time.Time) (discovery[client.Transfer], error) {
	var found discovery[client.Transfer]
	outs, err := batchOutcomes(ctx, r.pd.Client, body.CreditBatchQuantities, snapshot)
	if err != nil {
		return found, err
	}
	involved, ok, notCommitted, evidence := involvedBatches(outs, func(b client.CreditBatch) bool {
		return b.Owner.ID == body.ToOrganisationID
	}, "is now owned by the recipient "+body.ToOrganisationID)
	found.Evidence, found.NotCommitted = evidence, notCommitted
	if !ok {
		return found, nil
	}
	cutoff := started.Add(-discoveryClockSkew)
	opts := client.TransferListOptions{FromOrganisationID: body.FromOrganisationID, ToOrganisationID: body.ToOrganisationID}
	// Most recent first: stop after the page that reaches transfers older than the request.
	transfers, err := client.All(ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[client.Transfer], error) {
		opts.ListOptions = o
		page, err := r.pd.Client.ListTransfers(ctx, &opts)
		if err == nil && len(page.Nodes) > 0 {
			if at, perr := time.Parse(time.RFC3339Nano, page.Nodes[len(page.Nodes)-1].TransferredAt); perr == nil && at.Before(cutoff) {
				page.PageInfo.HasNextPage = false
			}
		}
		return page, err
	}, 0)
	if err != nil {
		return found, err
	}
	var matches []client.Transfer
	for _, t := range transfers {
		if at, err := time.Parse(time.RFC3339Nano, t.TransferredAt); err == nil && at.Before(cutoff) {
			continue
		}
		batches, err := r.pd.Client.ListTransferCreditBatches(ctx, t.ID)
		if err != nil {
			return found, fmt.Errorf("reading the credit batches of transfer %s: %w", t.ID, err)
		}
		if batchesContain(batches.Nodes, involved) {
			matches = append(matches, t)
		}
	}
	switch len(matches) {
	case 0:
		found.Evidence += fmt.Sprintf("\nbut no transfer from %s to %s since %s lists the batches %s.",
			body.FromOrganisationID, body.ToOrganisationID, cutoff.Format(time.RFC3339), batchIDs(involved))
	case 1:
		found.Found, found.FoundID = &matches[0], matches[0].ID
		found.Evidence += fmt.Sprintf("\nand transfer %s (from %s to %s, transferred at %s) lists them.",
			matches[0].ID, body.FromOrganisationID, body.ToOrganisationID, matches[0].TransferredAt)
	default:
		for _, t := range matches {
			found.Candidates = append(found.Candidates, t.ID)
		}
	}
	return found, nil
}

// fillTransfer sets the computed attributes from the registry's record and, after an import
// (importing), derives the arguments from it too.
func fillTransfer(m *transferModel, t *client.Transfer, batches []client.CreditBatch, importing bool) {
	m.ID = types.StringValue(t.ID)
	m.TransferredAt = types.StringValue(t.TransferredAt)
	m.CreditBatchSizeTotal = quantityValue(t.CreditBatchSizeTotal)
	if batches != nil {
		m.CreditBatches = recordedBatchesValue(batches)
	}
	if m.FromOrganisationID.IsNull() || m.FromOrganisationID.IsUnknown() {
		m.FromOrganisationID = types.StringValue(t.FromOrganisation.ID)
	}
	if !importing {
		return
	}
	m.ToOrganisationID = types.StringValue(t.ToOrganisation.ID)
	m.Notes = stringPtrValue(t.Notes)
	m.CreditBatchQuantities = recordedBatchQuantities(batches)
	m.SupplierID = types.StringNull()
	if len(batches) > 0 {
		m.SupplierID = types.StringValue(batches[0].SupplierID)
	}
}

// Read refreshes the record from the registry. A 404 is an error (never a removal from state,
// which would lead to a second transfer). After an import it derives the arguments.
func (r *transferResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	r.refresh(ctx, r.pd, &resp.State, resp.Identity, &resp.Diagnostics)
}

// refresh implements resourceWithRefresh (refreshModel): the transfer's record, its batches as
// recorded.
func (r *transferResource) refresh(ctx context.Context, pd *providerData, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) bool {
	return refreshModel(ctx, state, identity, diags, func(m *transferModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *transferModel) (string, bool) {
			t, batches, ok := readRecord(ctx, &transferSpec, pd, m.ID.ValueString(), m.CreditBatches, pd.Client.GetTransfer, pd.Client.ListTransferCreditBatches, diags)
			if !ok {
				return "", false
			}
			importing := r.spec.importing(ctx, t.ID, m.SupplierID.IsNull())
			fillTransfer(m, t, batches, importing)
			return t.ID, true
		})
}

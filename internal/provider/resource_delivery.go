package provider

import (
	"context"
	"errors"
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
	_ resource.ResourceWithConfigure   = (*deliveryResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*deliveryResource)(nil)
	_ resource.ResourceWithImportState = (*deliveryResource)(nil)
	_ resource.ResourceWithIdentity    = (*deliveryResource)(nil)
)

// deliverySpec is isometric_delivery for the shared transaction machinery.
var deliverySpec = transactionSpec{
	TypeName:         "isometric_delivery",
	Noun:             "delivery",
	IDPrefix:         "dlv_",
	NewOperationHint: "To deliver more credits, declare another isometric_delivery resource for the new delivery",
	Verb:             "deliver",
	Equivalent:       batchTransactionEquivalence,
}

// deliveryComputedAttrs are the computed attributes: the registry's record.
var deliveryComputedAttrs = append(pickAttrs(deliveryAttrs, "id", "delivered_at", "url"),
	computedAttr{Name: "from_supplier_id", Type: types.StringType, Desc: "Supplier that delivered the credits (`spl_…`): the order's supplier."},
	computedAttr{Name: "to_organisation_id", Type: types.StringType, Desc: "Organisation that received the credits (`org_…`): the order's buyer."},
	pickAttrs(deliveryAttrs, "credit_batch_size_total")[0],
	recordedBatchesAttr("deliveries", "delivered"))

// deliveryResource is isometric_delivery: a supplier's permanent delivery of credits against an
// order (POST /deliveries). The provider's access token acts as the supplier's organisation.
type deliveryResource struct {
	transactionResource
}

func newDeliveryResource() resource.Resource {
	return &deliveryResource{transactionResource{spec: &deliverySpec}}
}

type deliveryModel struct {
	ID                    types.String   `tfsdk:"id"`
	OrderID               types.String   `tfsdk:"order_id"`
	CreditBatchQuantities types.List     `tfsdk:"credit_batch_quantities"`
	Notes                 types.String   `tfsdk:"notes"`
	DeliveredAt           types.String   `tfsdk:"delivered_at"`
	URL                   types.String   `tfsdk:"url"`
	FromSupplierID        types.String   `tfsdk:"from_supplier_id"`
	ToOrganisationID      types.String   `tfsdk:"to_organisation_id"`
	CreditBatchSizeTotal  types.Object   `tfsdk:"credit_batch_size_total"`
	CreditBatches         types.List     `tfsdk:"credit_batches"`
	AllowRepeat           types.Bool     `tfsdk:"allow_repeat"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}

func (r *deliveryResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := resourceAttributes(deliveryComputedAttrs)
	attrs["order_id"] = schema.StringAttribute{
		MarkdownDescription: "Order the delivery fulfils (`ord_…`). It must be an order placed with the supplier the access token acts " +
			"as, with enough quantity left to deliver (ordered minus delivered).",
		Required:   true,
		Validators: []validator.String{isometricIDValidator("order", "ord_")},
	}
	attrs["credit_batch_quantities"] = batchQuantitiesAttribute("deliver", false,
		"Every batch must be active, owned by the supplier's organisation (the acting organisation) and come from the order's supplier; "+
			"the total must fit the order's remaining quantity.")
	attrs["notes"] = notesAttribute("delivery")
	attrs[allowRepeatAttr] = allowRepeatAttribute("delivery")
	resp.Schema = transactionSchema(ctx, "A **permanent** delivery of carbon-removal credits by a supplier against an order on the Isometric Registry "+
		"(`POST /deliveries`); the provider's access token must act as the supplier's organisation. Creating it hands the credits to the "+
		"order's buyer (exactly one request); no argument can change afterwards, and destroying it only removes it from the Terraform "+
		"state: the registry keeps the delivery, and the credits stay with the buyer.\n\nThe plan checks the request against the registry "+
		"(the order exists, is with the acting supplier and has enough left to deliver; every batch is active, owned by the supplier's "+
		"organisation, from the order's supplier and large enough) before anything is sent.\n\n"+adoptionNote(&deliverySpec, `identity = { id = "dlv_…" }`), attrs)
}

// ModifyPlan enforces immutability (shared machinery) and, on create, checks the request against
// the registry, so that a plan that would fail sends nothing.
func (r *deliveryResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !r.planCreate(ctx, req, resp) {
		return
	}
	defer r.spec.checkRename(ctx, r.pd, req, resp)
	var plan deliveryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	body, known := deliveryRequest(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !known {
		tflog.Info(ctx, "Some delivery arguments are known only at apply: the registry checks run right before the request")
		return
	}
	// The total is known at plan time: the plan shows it in kg and tonnes.
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("credit_batch_size_total"),
		quantityValue(client.CreditQuantity{CreditKgs: requestedKg(body.CreditBatchQuantities)}))...)
	snapshot, order := r.checkRegistry(ctx, body, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() && order != nil {
		r.pd.View.ledger.claim(&claimOp{Key: deliveryClaimKey(body),
			Who:     fmt.Sprintf("an isometric_delivery of %s against order %s%s", formatKg(requestedKg(body.CreditBatchQuantities)), body.OrderID, notesSuffix(plan.Notes)),
			Batches: batchClaims(path.Root("credit_batch_quantities"), body.CreditBatchQuantities, snapshot),
			Order:   order, OrderKg: requestedKg(body.CreditBatchQuantities), Path: path.Root("credit_batch_quantities"),
		}, &resp.Diagnostics)
	}
	if !resp.Diagnostics.HasError() && !allowsRepeat(ctx, req.Config) {
		r.checkRepeat(ctx, req.Config, resp.Plan, body, &resp.Diagnostics)
	}
}

// checkRepeat refuses a delivery that a recent delivery against the same order, not made by this
// run, already did: same notes and the named batches (or their parts). See never_twice.go.
func (r *deliveryResource) checkRepeat(ctx context.Context, config tfsdk.Config, plan tfsdk.Plan, body client.CreateDeliveryRequest, diags *diag.Diagnostics) {
	create, err := r.spec.createFingerprint(ctx, r.pd, config, plan.Raw)
	if err != nil {
		r.pd.addClientError(diags, "Cannot compare the delivery with the recent ones", err)
		return
	}
	acting, ok := actingOrganisationID(ctx, r.pd, diags)
	if !ok {
		return
	}
	recent, err := r.pd.View.recentDeliveries(ctx, body.OrderID)
	checkRepeat(ctx, r.spec, r.pd, create, recent, err, func(x client.Delivery) (string, string) { return x.ID, x.DeliveredAt },
		"deliveries", r.pd.Client.ListDeliveryCreditBatches,
		func(x client.Delivery, batches []client.CreditBatch) (ledger.Fingerprint, error) {
			return deliveryFingerprint(ctx, r.pd.View, &x, acting, batches)
		}, "the same order, quantity, notes and credits", diags)
}

// deliveryClaimKey identifies a planned delivery by its request (see planLedger.release).
func deliveryClaimKey(body client.CreateDeliveryRequest) string {
	return fmt.Sprintf("delivery/%s/%v/%s", body.OrderID, body.CreditBatchQuantities, deref(body.Notes))
}

// deliveryRequest builds the POST /deliveries body from the plan, parsing it once; known is false
// while a value is known only at apply.
func deliveryRequest(ctx context.Context, m deliveryModel, diags *diag.Diagnostics) (body client.CreateDeliveryRequest, known bool) {
	items, known := batchQuantitiesFrom(ctx, m.CreditBatchQuantities, diags)
	body = client.CreateDeliveryRequest{
		CreditBatchQuantities: items,
		Notes:                 m.Notes.ValueStringPointer(),
		OrderID:               m.OrderID.ValueString(),
	}
	return body, known && !m.OrderID.IsUnknown() && !m.Notes.IsUnknown()
}

// checkRegistry checks the order (exists, placed with the acting supplier, enough left to deliver)
// and every batch (active, owned by the acting organisation, from the order's supplier, large
// enough). It returns the batches as they were (for the discovery after an ambiguous POST) and the
// order (nil when it could not be read).
func (r *deliveryResource) checkRegistry(ctx context.Context, body client.CreateDeliveryRequest, diags *diag.Diagnostics) (snapshot []client.CreditBatch, order *client.Order) {
	items, orderID := body.CreditBatchQuantities, body.OrderID
	order, err := r.pd.View.order(ctx, orderID)
	if err != nil {
		switch {
		case errors.Is(err, client.ErrNotFound):
			addAttributeError(diags, path.Root("order_id"), "Unknown order",
				fmt.Sprintf("order_id: order %s does not exist in %s (or is not visible to the organisation the access token acts as). "+
					"Check the ID (the isometric_orders data source lists a supplier's orders).", orderID, r.pd.where()))
		case errors.Is(err, client.ErrForbidden):
			acting := "the organisation the access token acts as"
			if org, aerr := r.pd.View.actingOrganisation(ctx); aerr == nil {
				acting = fmt.Sprintf("organisation %s (%s), which the access token acts as,", org.ID, org.Name)
			}
			addAttributeError(diags, path.Root("order_id"), "Order of another supplier",
				fmt.Sprintf("order_id: the registry does not let %s see order %s (403 Forbidden): the order was placed with another "+
					"supplier, or by another buyer. Only the supplier an order was placed with can deliver against it: use that "+
					"supplier's access token (the isometric_orders data source, read with it, lists its orders).", acting, orderID))
		default:
			r.pd.addClientError(diags, fmt.Sprintf("Cannot check order %s", orderID), err)
		}
		return nil, nil
	}
	acting, ok := actingOrganisationID(ctx, r.pd, diags)
	if !ok {
		return nil, nil
	}
	supplier := order.Supplier
	if supplier.Organisation.ID != acting {
		addAttributeError(diags, path.Root("order_id"), "Order placed with another supplier",
			fmt.Sprintf("order_id: order %s was placed with supplier %s (organisation %s, %s), but the access token acts as organisation %s. "+
				"Only the order's supplier can deliver against it: use an access token of organisation %s.",
				orderID, supplier.ID, supplier.Organisation.ID, supplier.Organisation.Name, acting, supplier.Organisation.ID))
	}

	attr := path.Root("credit_batch_quantities")
	snapshot = checkBatches(ctx, r.pd, items, batchCheck{
		Attribute: attr, Verb: "deliver",
		Owner: acting, OwnerAttribute: "the organisation the access token acts as",
	}, diags)
	for i, b := range snapshot {
		// Only batches that passed the other checks: one error per batch is enough.
		if b.ID != "" && b.Status == client.CreditBatchStatusActive && b.Owner.ID == acting && b.SupplierID != supplier.ID {
			idPath := attr.AtListIndex(i).AtName("credit_batch_id")
			addAttributeError(diags, idPath, "Credit batch from another supplier than the order's",
				fmt.Sprintf("%s: credit batch %s comes from supplier %s, but order %s (order_id) was placed with supplier %s. A delivery "+
					"consists of the order's supplier's credits: remove the batch, or deliver it against an order placed with supplier %s.",
					idPath, b.ID, b.SupplierID, orderID, supplier.ID, b.SupplierID))
		}
	}

	ordered, delivered := order.CreditsOrdered.CreditKgs, order.CreditsDelivered.CreditKgs
	remaining := max(ordered-delivered, 0)
	if total := requestedKg(items); total > remaining {
		addAttributeError(diags, attr, "Delivery above the order's remaining quantity",
			fmt.Sprintf("credit_batch_quantities: the delivery totals %s, but order %s (order_id) has only %s left to deliver "+
				"(ordered %s, delivered %s). Lower the quantities to at most %d kg in total.",
				formatKg(total), orderID, formatKg(remaining), formatKg(ordered), formatKg(delivered), remaining))
	}
	return snapshot, order
}

func (r *deliveryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan deliveryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, transactionCreateTimeout, &resp.Diagnostics)
	defer cancel()
	// Every check again, right before the request, with every value known now.
	body, known := deliveryRequest(ctx, plan, &resp.Diagnostics)
	if !checkedAtApply("delivery", known, &resp.Diagnostics) {
		return
	}
	// One check-then-POST at a time for the supplier's credits: the order (read first for its
	// supplier, which never changes) is read again under the lock.
	defer r.pd.View.ledger.release(deliveryClaimKey(body))
	acting, ok := actingOrganisationID(ctx, r.pd, &resp.Diagnostics)
	if !ok {
		return
	}
	supplier := ""
	if o, err := r.pd.View.order(ctx, body.OrderID); err == nil {
		supplier = o.Supplier.ID
	}
	unlock := r.pd.View.lockCredits(acting, supplier)
	defer unlock()
	snapshot, _ := r.checkRegistry(ctx, body, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	body.CreditBatchQuantities = usedBatches(body.CreditBatchQuantities, snapshot)
	dlv := transactionPost[client.Delivery]{
		Spec: &deliverySpec, PD: r.pd, What: "POST /deliveries",
		Send: func(ctx context.Context) (*client.Delivery, error) { return r.pd.Client.CreateDelivery(ctx, body) },
		Discover: func(ctx context.Context, _ time.Time) (discovery[client.Delivery], error) {
			return r.discover(ctx, body, snapshot)
		},
	}.run(ctx, &resp.Diagnostics)
	createdID := ""
	if dlv != nil {
		createdID = dlv.ID
	}
	r.pd.View.afterPost(acting, supplier, createdID, batchIDsOf(snapshot), "order/"+body.OrderID)
	if dlv == nil {
		return // nothing recorded: no tainted resource, the error says how to go on
	}
	tflog.Info(ctx, "Delivery recorded", map[string]any{"id": dlv.ID, "kg": dlv.CreditBatchSizeTotal.CreditKgs})
	batches := recordedBatchesOrWarn(ctx, "delivery", dlv.ID, r.pd.Client.ListDeliveryCreditBatches, &resp.Diagnostics)
	fillDelivery(&plan, dlv, batches, false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	recordIdentity(ctx, resp.Identity, dlv.ID, &resp.Diagnostics)
}

// discover finds the delivery an ambiguous POST /deliveries committed: the requested batches (or
// their left children) now carry one delivery_id, of a delivery against the requested order.
func (r *deliveryResource) discover(ctx context.Context, body client.CreateDeliveryRequest, snapshot []client.CreditBatch) (discovery[client.Delivery], error) {
	var found discovery[client.Delivery]
	outs, err := batchOutcomes(ctx, r.pd.Client, body.CreditBatchQuantities, snapshot)
	if err != nil {
		return found, err
	}
	involved, ok, notCommitted, evidence := involvedBatches(outs, func(b client.CreditBatch) bool {
		return b.DeliveryID != nil
	}, "carries a delivery_id")
	found.Evidence, found.NotCommitted = evidence, notCommitted
	if !ok {
		return found, nil
	}
	ids := map[string]bool{}
	for _, b := range involved {
		ids[*b.DeliveryID] = true
	}
	if len(ids) != 1 {
		found.Evidence = "the requested credit batches carry different delivery_ids:" + evidence
		return found, nil
	}
	for id := range ids {
		dlv, err := r.pd.Client.GetDelivery(ctx, id)
		if err != nil {
			return found, fmt.Errorf("reading delivery %s: %w", id, err)
		}
		if dlv.OrderID != body.OrderID {
			found.Evidence = fmt.Sprintf("the requested credit batches carry delivery_id %s, but that delivery fulfils order %s, not %s:%s",
				id, dlv.OrderID, body.OrderID, evidence)
			return found, nil
		}
		found.Found, found.FoundID = dlv, id
		found.Evidence = fmt.Sprintf("the requested credit batches now carry delivery_id %s (order %s):%s", id, body.OrderID, evidence)
	}
	return found, nil
}

// fillDelivery sets the computed attributes from the registry's record and, after an import
// (importing), derives the arguments from it too.
func fillDelivery(m *deliveryModel, d *client.Delivery, batches []client.CreditBatch, importing bool) {
	m.ID = types.StringValue(d.ID)
	m.DeliveredAt = types.StringValue(d.DeliveredAt)
	m.URL = types.StringValue(d.URL)
	m.FromSupplierID = types.StringValue(d.FromSupplier.ID)
	m.ToOrganisationID = types.StringValue(d.ToOrganisation.ID)
	m.CreditBatchSizeTotal = quantityValue(d.CreditBatchSizeTotal)
	if batches != nil {
		m.CreditBatches = recordedBatchesValue(batches)
	}
	if !importing {
		return
	}
	m.OrderID = types.StringValue(d.OrderID)
	m.Notes = stringPtrValue(d.Notes)
	m.CreditBatchQuantities = recordedBatchQuantities(batches)
}

// Read refreshes the record from the registry. A 404 is an error (never a removal from state,
// which would lead to a second delivery). After an import it derives the arguments.
func (r *deliveryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	r.refresh(ctx, r.pd, &resp.State, resp.Identity, &resp.Diagnostics)
}

// refresh implements resourceWithRefresh (refreshModel): the delivery's record, its batches as
// recorded.
func (r *deliveryResource) refresh(ctx context.Context, pd *providerData, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) bool {
	return refreshModel(ctx, state, identity, diags, func(m *deliveryModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *deliveryModel) (string, bool) {
			d, batches, ok := readRecord(ctx, &deliverySpec, pd, m.ID.ValueString(), m.CreditBatches, pd.Client.GetDelivery, pd.Client.ListDeliveryCreditBatches, diags)
			if !ok {
				return "", false
			}
			importing := r.spec.importing(ctx, d.ID, m.OrderID.IsNull())
			fillDelivery(m, d, batches, importing)
			return d.ID, true
		})
}

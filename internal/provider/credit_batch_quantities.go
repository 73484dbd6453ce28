package provider

// The credit_batch_quantities argument of retirements, transfers and deliveries: its schema and
// static checks, parsing into the API's shape (once per call), the registry checks of every
// named batch (checkBatches), and the equivalence that lets a configuration name the parent of a
// batch the registry recorded as its left child (after an import).

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
)

// batchQuantity is one element of a credit_batch_quantities argument as Terraform holds it: a
// credit batch and the kg of it that take part in the transaction. Read the argument with
// batchQuantitiesFrom, which returns the API's client.CreditBatchQuantity.
type batchQuantity struct {
	CreditBatchID    types.String `tfsdk:"credit_batch_id"`
	CreditQuantityKg types.Number `tfsdk:"credit_quantity_kg"`
}

// batchQuantityAttrTypes is the object type of one batchQuantity.
var batchQuantityAttrTypes = map[string]attr.Type{
	"credit_batch_id":    types.StringType,
	"credit_quantity_kg": types.NumberType,
}

// batchQuantitiesAttribute is the schema of a credit_batch_quantities argument. verb names the
// operation ("retire", "transfer", "deliver"). Static checks: at least one element, each batch
// once (error on the repeated credit_batch_id), `ctb_` IDs, quantities >= 1 kg.
//
// optionalComputed makes it Optional+Computed (a resource with another mode, like the oldest-first
// retirement, records the batches it involved there); otherwise it is Required.
func batchQuantitiesAttribute(verb string, optionalComputed bool, extraDesc string) schema.ListNestedAttribute {
	a := schema.ListNestedAttribute{
		MarkdownDescription: fmt.Sprintf("Credit batches to %s and the kg to %s from each. A batch may be listed once. "+
			"For less than a whole batch the registry splits it: the quantity becomes a new batch (its left child), "+
			"the rest stays with the owner. %s", verb, verb, extraDesc),
		Validators: []validator.List{
			nonEmptyListValidator(`[{ credit_batch_id = "ctb_…", credit_quantity_kg = 1000 }]`),
			uniqueObjectFieldValidator("credit_batch_id", "credit batch"),
		},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"credit_batch_id": schema.StringAttribute{
					MarkdownDescription: "Credit batch ID (`ctb_…`). The batch must be `active`, owned by the acting organisation " +
						"and hold at least `credit_quantity_kg`.",
					Required:   true,
					Validators: []validator.String{isometricIDValidator("credit batch", "ctb_")},
				},
				"credit_quantity_kg": schema.NumberAttribute{
					MarkdownDescription: fmt.Sprintf("Kilograms of CO₂e to %s from the batch (1 credit = 1 tonne = 1000 kg), at least 1.", verb),
					Required:            true,
					Validators:          []validator.Number{wholeKgQuantity()},
				},
			},
		},
	}
	if optionalComputed {
		a.Optional, a.Computed = true, true
	} else {
		a.Required = true
	}
	return a
}

// batchQuantitiesFrom parses a credit_batch_quantities value into the API's request shape, once
// per call: the checks, the request body and the equivalence all take its result. known is false
// when the list or any element is unknown (the registry checks then wait for apply).
func batchQuantitiesFrom(ctx context.Context, v types.List, diags *diag.Diagnostics) (items []client.CreditBatchQuantity, known bool) {
	if v.IsNull() || v.IsUnknown() {
		return nil, !v.IsUnknown()
	}
	var elems []batchQuantity
	if d := v.ElementsAs(ctx, &elems, false); d.HasError() {
		diags.Append(d...)
		return nil, false
	}
	known = true
	items = make([]client.CreditBatchQuantity, 0, len(elems))
	for _, e := range elems {
		if e.CreditBatchID.IsUnknown() || e.CreditQuantityKg.IsUnknown() {
			known = false
		}
		items = append(items, client.CreditBatchQuantity{CreditBatchID: e.CreditBatchID.ValueString(), CreditQuantityKg: kgOf(e.CreditQuantityKg)})
	}
	return items, known
}

// batchQuantitiesValue builds a credit_batch_quantities value from plain pairs.
func batchQuantitiesValue(items []client.CreditBatchQuantity) types.List {
	elems := make([]attr.Value, 0, len(items))
	for _, it := range items {
		elems = append(elems, types.ObjectValueMust(batchQuantityAttrTypes, map[string]attr.Value{
			"credit_batch_id":    types.StringValue(it.CreditBatchID),
			"credit_quantity_kg": kgNumber(it.CreditQuantityKg),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: batchQuantityAttrTypes}, elems)
}

// batchCheck configures checkBatches.
type batchCheck struct {
	// Attribute is the path of the credit_batch_quantities argument (errors go on its elements).
	Attribute path.Path
	// Verb names the operation in messages: "retire", "transfer", "deliver".
	Verb string
	// Owner is the organisation that must own every batch; OwnerAttribute names the argument it
	// comes from (e.g. "owner_organisation_id", or "the acting organisation").
	Owner, OwnerAttribute string
	// SupplierID, when set, is the supplier every batch must come from; SupplierAttribute is the path
	// of the argument it comes from (the error names both suppliers).
	SupplierID        string
	SupplierAttribute path.Path
}

// checkBatches checks every requested batch against the registry (GET /credit_batches/{id}):
// it exists, is `active`, is owned by opts.Owner, holds at least the requested kg and comes from
// opts.SupplierID. Each failure is an error on the element's attribute (e.g.
// credit_batch_quantities[1].credit_batch_id) naming the batch, the numbers in kg and tonnes and
// the fix. It returns the batches as they were (the snapshot that batchOutcomes compares with after
// a POST), in the order of items; a batch that could not be read is a zero CreditBatch.
func checkBatches(ctx context.Context, pd *providerData, items []client.CreditBatchQuantity, opts batchCheck, diags *diag.Diagnostics) []client.CreditBatch {
	snap := make([]client.CreditBatch, len(items))
	for i, it := range items {
		id, want := it.CreditBatchID, it.CreditQuantityKg
		idPath := opts.Attribute.AtListIndex(i).AtName("credit_batch_id")
		kgPath := opts.Attribute.AtListIndex(i).AtName("credit_quantity_kg")
		b, err := pd.View.creditBatch(ctx, id)
		if err != nil {
			if errors.Is(err, client.ErrNotFound) {
				addAttributeError(diags, idPath, "Unknown credit batch",
					fmt.Sprintf("%s: credit batch %s does not exist in %s. Check the ID (the isometric_credit_batches data source "+
						"lists the batches of an organisation) and that the provider uses the environment where the batch lives.",
						idPath, id, pd.where()))
			} else {
				pd.addClientError(diags, fmt.Sprintf("Cannot check credit batch %s", id), err)
			}
			continue
		}
		tflog.Debug(ctx, "Checked credit batch before the request", map[string]any{"id": id, "status": string(b.Status), "kg": b.Size.CreditKgs, "owner": b.Owner.ID})
		if b.Status == client.CreditBatchStatusSplit {
			rest, ok := remainingPartFor(ctx, pd, b, want, opts, idPath, kgPath, diags)
			if !ok {
				continue
			}
			b = rest
			id = b.ID
		}
		snap[i] = *b
		switch b.Status {
		case client.CreditBatchStatusActive:
		case client.CreditBatchStatusRetired:
			addAttributeError(diags, idPath, "Credit batch is retired",
				fmt.Sprintf("%s: credit batch %s (%s) is already `retired` (retirement %s): its credits cannot be used again. "+
					"Remove it and name an active batch.", idPath, id, formatKg(b.Size.CreditKgs), deref(b.RetirementID)))
			continue
		default:
			addAttributeError(diags, idPath, "Credit batch is not active",
				fmt.Sprintf("%s: credit batch %s has status %q; only `active` batches can be used. Name an active batch.", idPath, id, b.Status))
			continue
		}
		if opts.Owner != "" && b.Owner.ID != opts.Owner {
			addAttributeError(diags, idPath, "Credit batch owned by another organisation",
				fmt.Sprintf("%s: credit batch %s (%s) is owned by organisation %s (%s), not by %s (%s). Only its owner can %s it: "+
					"remove it, or act as its owner (that organisation's access token).",
					idPath, id, formatKg(b.Size.CreditKgs), b.Owner.ID, b.Owner.Name, opts.Owner, opts.OwnerAttribute, opts.Verb))
			continue
		}
		if opts.SupplierID != "" && b.SupplierID != opts.SupplierID {
			addAttributeError(diags, idPath, "Credit batch from another supplier",
				fmt.Sprintf("%s: credit batch %s (%s requested of %s) comes from supplier %s, but %s is %s. All credits of one operation "+
					"must come from the same supplier: remove the batch (and declare a separate resource for supplier %s), or set %s to %s "+
					"if every batch comes from it.", idPath, id, formatKg(want), formatKg(b.Size.CreditKgs), b.SupplierID, opts.SupplierAttribute,
					opts.SupplierID, b.SupplierID, opts.SupplierAttribute, b.SupplierID))
		}
		if want > b.Size.CreditKgs {
			addAttributeError(diags, kgPath, "Quantity above the credit batch's size",
				fmt.Sprintf("%s: %s requested from credit batch %s, which holds only %s. Lower the quantity to at most %d, "+
					"or take the rest from another batch.", kgPath, formatKg(want), id, formatKg(b.Size.CreditKgs), b.Size.CreditKgs))
		}
	}
	return snap
}

// remainingPartFor resolves a split batch to its remaining part (remainingPart) for a request of
// want kg: usable when it is active, owned by opts.Owner and holds want. Then it warns which batch
// the request uses; otherwise it adds the error, with the numbers, and ok is false.
func remainingPartFor(ctx context.Context, pd *providerData, b *client.CreditBatch, want int64, opts batchCheck, idPath, kgPath path.Path, diags *diag.Diagnostics) (*client.CreditBatch, bool) {
	rest, err := pd.View.remainingPart(ctx, b)
	if err != nil {
		pd.addClientError(diags, fmt.Sprintf("Cannot check credit batch %s", b.ID), err)
		return nil, false
	}
	if rest.Status != client.CreditBatchStatusActive || (opts.Owner != "" && rest.Owner.ID != opts.Owner) {
		addAttributeError(diags, idPath, "Credit batch is split",
			fmt.Sprintf("%s: credit batch %s (%s) is `split`: it was replaced by its two children %s and %s, and its remaining part "+
				"%s (%s) is %s and owned by %s, so nothing of it can be used any more. Name an active batch owned by %s.",
				idPath, b.ID, formatKg(b.Size.CreditKgs), deref(b.LeftChildID), deref(b.RightChildID), rest.ID,
				formatKg(rest.Size.CreditKgs), rest.Status, rest.Owner.ID, opts.Owner))
		return nil, false
	}
	if want > rest.Size.CreditKgs {
		addAttributeError(diags, kgPath, "Quantity above the remaining part of a split batch",
			fmt.Sprintf("%s: %s requested from credit batch %s, which an earlier operation split: its remaining part %s holds only %s. "+
				"Lower the quantity to at most %d, or take the rest from another batch.",
				kgPath, formatKg(want), b.ID, rest.ID, formatKg(rest.Size.CreditKgs), rest.Size.CreditKgs))
		return nil, false
	}
	addAttributeWarning(diags, idPath, "Remaining part of a split credit batch used",
		fmt.Sprintf("%s: credit batch %s was split by an earlier operation; the request will %s %s from its remaining part %s "+
			"(%s, active, owned by %s). The state keeps %s as configured.", idPath, b.ID, opts.Verb, formatKg(want), rest.ID,
			formatKg(rest.Size.CreditKgs), rest.Owner.ID, b.ID))
	return rest, true
}

// batchTransactionEquivalence is the transactionSpec.Equivalent of every resource with a
// credit_batch_quantities argument.
var batchTransactionEquivalence = map[string]equivalence{
	"credit_batch_quantities": batchQuantitiesEquivalent("credit_batch_quantities"),
}

// batchQuantitiesEquivalent is a transactionSpec.Equivalent hook for a credit_batch_quantities
// argument at attr: config and state describe the same record when they have the same length and
// every configured element has the kg and the origin (ledger.Origin: the batch, the part the
// registry recorded of it or of one of its remaining parts) of the recorded element at the same
// index: the equivalence the fingerprint of renames, repeats and discovery uses too.
func batchQuantitiesEquivalent(attr string) equivalence {
	return func(ctx context.Context, p *providerData, req resource.ModifyPlanRequest) (bool, diag.Diagnostics) {
		var diags diag.Diagnostics
		var cfg, st types.List
		diags.Append(req.Config.GetAttribute(ctx, path.Root(attr), &cfg)...)
		diags.Append(req.State.GetAttribute(ctx, path.Root(attr), &st)...)
		if diags.HasError() {
			return false, diags
		}
		creq, cknown := batchQuantitiesFrom(ctx, cfg, &diags)
		sreq, sknown := batchQuantitiesFrom(ctx, st, &diags)
		if diags.HasError() || !cknown || !sknown || len(creq) != len(sreq) || cfg.IsNull() || st.IsNull() {
			return false, diags
		}
		if p == nil || !p.ready(&diags) {
			return false, diags
		}
		owner, err := creditsOwner(ctx, p, argumentValues(argumentNames(req.Config.Schema.GetAttributes()), req.State.Raw))
		if err != nil {
			p.addClientError(&diags, "Cannot compare the configured credit batches with the recorded ones", err)
			return false, diags
		}
		for i := range creq {
			if creq[i].CreditQuantityKg != sreq[i].CreditQuantityKg {
				return false, diags
			}
		}
		configured, err := credits(ctx, p.View, owner, creq)
		if err == nil {
			var recorded []ledger.Credit
			if recorded, err = credits(ctx, p.View, owner, sreq); err == nil {
				return slices.Equal(configured, recorded), diags
			}
		}
		p.addClientError(&diags, "Cannot compare the configured credit batches with the recorded ones", err)
		return false, diags
	}
}

// recordedBatchQuantities is the credit_batch_quantities argument derived from a transaction's
// recorded batches (after an import): each batch with its whole size. A configuration naming the
// parents of split batches is accepted as the same record (batchQuantitiesEquivalent).
func recordedBatchQuantities(batches []client.CreditBatch) types.List {
	items := make([]client.CreditBatchQuantity, 0, len(batches))
	for _, b := range batches {
		items = append(items, client.CreditBatchQuantity{CreditBatchID: b.ID, CreditQuantityKg: b.Size.CreditKgs})
	}
	return batchQuantitiesValue(items)
}

// requestedKg is the total of requested quantities.
func requestedKg(items []client.CreditBatchQuantity) int64 {
	var total int64
	for _, it := range items {
		total += it.CreditQuantityKg
	}
	return total
}

// usedBatches is the request's batches as checkBatches resolved them: a split batch is replaced
// by its remaining part (snapshot, same order as items).
func usedBatches(items []client.CreditBatchQuantity, snapshot []client.CreditBatch) []client.CreditBatchQuantity {
	out := make([]client.CreditBatchQuantity, len(items))
	for i, it := range items {
		out[i] = it
		if i < len(snapshot) && snapshot[i].ID != "" {
			out[i].CreditBatchID = snapshot[i].ID
		}
	}
	return out
}

// batchClaims is what a request claims of its named batches (see planLedger): each element's kg
// from the batch checkBatches resolved it to.
func batchClaims(attr path.Path, items []client.CreditBatchQuantity, snapshot []client.CreditBatch) []batchClaim {
	out := make([]batchClaim, 0, len(items))
	for i, it := range items {
		if i < len(snapshot) && snapshot[i].ID != "" {
			out = append(out, batchClaim{Batch: snapshot[i], Named: it.CreditBatchID, Kg: it.CreditQuantityKg,
				Path: attr.AtListIndex(i).AtName("credit_quantity_kg")})
		}
	}
	return out
}

// batchIDsOf lists the IDs of batches (the ones a POST may change).
func batchIDsOf(batches []client.CreditBatch) []string {
	ids := make([]string, 0, len(batches))
	for _, b := range batches {
		if b.ID != "" {
			ids = append(ids, b.ID)
		}
	}
	return ids
}

package provider

// The fingerprint of a transaction (internal/ledger, fingerprint.go), built from what the
// provider holds: a create's plan and configuration, a recorded transaction's state, or a registry
// record with its credit batches. Renames, repeats and discovery all compare these, so "the same
// operation" means one thing everywhere: the same arguments under the equivalences the plan
// accepts (a named batch and the part the registry recorded of it or of its remaining part, list
// order, purposes as a set, notes trimmed). A value unknown at plan time leaves a comparison
// undecided.

import (
	"context"
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
)

// totalKgField is the fingerprint field of a transaction's total quantity.
const totalKgField = "total_kg"

// notFingerprintFields are arguments that are not fields of a fingerprint: how to create
// (allow_repeat, timeouts), or the credits, compared as credits.
var notFingerprintFields = map[string]bool{allowRepeatAttr: true, "timeouts": true, "credit_batch_quantities": true, "credit_quantity_kg": true}

// lineage reads a batch's place in its split tree through the view.
func lineage(ctx context.Context, v *registryView) ledger.Lineage {
	return func(id string) (ledger.Node, error) {
		b, err := v.creditBatch(ctx, id)
		if err != nil {
			return ledger.Node{}, fmt.Errorf("reading credit batch %s: %w", id, err)
		}
		return ledger.Node{ID: b.ID, Owner: b.Owner.ID, Parent: deref(b.ParentID), Left: deref(b.LeftChildID), Right: deref(b.RightChildID)}, nil
	}
}

// argumentFingerprint is the fingerprint of a transaction from its argument values (names: the
// schema's arguments). For a create, obj is the plan (defaults resolved) and config the
// configuration, which says the retirement mode and the oldest-first selection as written; for a
// transaction recorded in state, obj is the state and config is null.
func argumentFingerprint(ctx context.Context, pd *providerData, typeName string, names map[string]bool, obj, config tftypes.Value) (ledger.Fingerprint, error) {
	vals := argumentValues(names, obj)
	var cfg map[string]tftypes.Value
	if !config.IsNull() {
		cfg = argumentValues(names, config)
	}
	selection := names["credit_quantity_kg"] // a retirement: vintage and order_id select its oldest-first credits
	fp := ledger.Fingerprint{Kind: typeName, Fields: map[string]ledger.Value{}}
	for name, v := range vals {
		if notFingerprintFields[name] || (selection && (name == "vintage" || name == "order_id")) {
			continue
		}
		fp.Fields[name] = canonicalValue(name, v)
	}
	items, known, err := batchQuantityValues(vals["credit_batch_quantities"])
	if err != nil {
		return fp, err
	}
	switch {
	case selection && cfg != nil && cfg["credit_batch_quantities"].IsNull():
		fp.Selection = &ledger.Selection{Kg: canonicalValue("", vals["credit_quantity_kg"]),
			Vintage: canonicalValue("", cfg["vintage"]), Order: canonicalValue("", cfg["order_id"])}
		fp.Fields[totalKgField] = fp.Selection.Kg
		return fp, nil
	case selection && cfg == nil:
		fp.Vintage, fp.Order = canonicalValue("", vals["vintage"]).V, canonicalValue("", vals["order_id"]).V
	}
	if !known {
		fp.Fields[totalKgField] = ledger.Unknown()
		return fp, nil
	}
	fp.Fields[totalKgField] = ledger.KnownKg(requestedKg(items))
	owner, err := creditsOwner(ctx, pd, vals)
	if err != nil {
		return fp, err
	}
	fp.Credits, err = credits(ctx, pd.View, owner, items)
	fp.CreditsKnown = err == nil
	return fp, err
}

// creditsOwner is the organisation whose credits a transaction uses: its owner or sender, else
// (a delivery) the acting organisation.
func creditsOwner(ctx context.Context, pd *providerData, vals map[string]tftypes.Value) (string, error) {
	for _, name := range []string{"owner_organisation_id", "from_organisation_id"} {
		if v, ok := vals[name]; ok && v.IsKnown() && !v.IsNull() {
			var s string
			if err := v.As(&s); err == nil {
				return s, nil
			}
		}
	}
	org, err := pd.View.actingOrganisation(ctx)
	if err != nil {
		return "", fmt.Errorf("reading the acting organisation: %w", err)
	}
	return org.ID, nil
}

// credits are batch quantities by origin.
func credits(ctx context.Context, v *registryView, owner string, items []client.CreditBatchQuantity) ([]ledger.Credit, error) {
	out := make([]ledger.Credit, 0, len(items))
	read := lineage(ctx, v)
	for _, it := range items {
		origin, err := ledger.Origin(read, it.CreditBatchID, owner)
		if err != nil {
			return nil, err
		}
		out = append(out, ledger.Credit{Origin: origin, Kg: it.CreditQuantityKg})
	}
	return out, nil
}

// batchQuantityValues reads a credit_batch_quantities value; known is false when it or an element
// is unknown, and a null list is known and empty.
func batchQuantityValues(v tftypes.Value) (items []client.CreditBatchQuantity, known bool, err error) {
	if !v.IsFullyKnown() {
		return nil, false, nil
	}
	if v.IsNull() {
		return nil, true, nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, false, fmt.Errorf("credit_batch_quantities: %w", err)
	}
	for _, e := range elems {
		var obj map[string]tftypes.Value
		if err := e.As(&obj); err != nil {
			return nil, false, fmt.Errorf("credit_batch_quantities: %w", err)
		}
		var id string
		kg := new(big.Float)
		if err := obj["credit_batch_id"].As(&id); err != nil {
			return nil, false, fmt.Errorf("credit_batch_quantities: %w", err)
		}
		if err := obj["credit_quantity_kg"].As(&kg); err != nil {
			return nil, false, fmt.Errorf("credit_batch_quantities: %w", err)
		}
		n, _ := kg.Int64()
		items = append(items, client.CreditBatchQuantity{CreditBatchID: id, CreditQuantityKg: n})
	}
	return items, true, nil
}

// canonicalValue is an argument value as compared: strings as they are (notes trimmed), numbers in
// full, sets and lists of strings as sets, null as "".
func canonicalValue(name string, v tftypes.Value) ledger.Value {
	switch {
	case !v.IsFullyKnown():
		return ledger.Unknown()
	case v.IsNull():
		return ledger.Known("")
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		if name == "notes" {
			s = ledger.CanonicalNotes(s)
		}
		return ledger.Known(s)
	case v.Type().Is(tftypes.Number):
		n := new(big.Float)
		_ = v.As(&n)
		return ledger.Known(n.Text('f', -1))
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return ledger.Known(strconv.FormatBool(b))
	case v.Type().Is(tftypes.Set{ElementType: tftypes.String}), v.Type().Is(tftypes.List{ElementType: tftypes.String}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		ss := make([]string, 0, len(elems))
		for _, e := range elems {
			var s string
			_ = e.As(&s)
			ss = append(ss, s)
		}
		return ledger.Known(ledger.CanonicalSet(ss))
	default:
		return ledger.Known(v.String())
	}
}

// recordFingerprint is the fingerprint of a registry record: its fields (named as the resource's
// arguments), and, when batches is not nil, its credits (the batches as recorded, by origin), the
// vintage they share and, with withOrder, the order they were delivered through (which costs a
// read of each delivery: only an oldest-first create that selects an order compares it).
// owner is the organisation whose credits it used.
func recordFingerprint(ctx context.Context, v *registryView, typeName string, fields map[string]ledger.Value, owner string,
	batches []client.CreditBatch, withOrder bool) (ledger.Fingerprint, error) {
	fp := ledger.Fingerprint{Kind: typeName, Fields: fields}
	if batches == nil {
		return fp, nil
	}
	if len(batches) > 0 {
		fp.Fields["supplier_id"] = ledger.Known(batches[0].SupplierID)
	}
	items := make([]client.CreditBatchQuantity, 0, len(batches))
	for _, b := range batches {
		items = append(items, client.CreditBatchQuantity{CreditBatchID: b.ID, CreditQuantityKg: b.Size.CreditKgs})
	}
	var err error
	if fp.Credits, err = credits(ctx, v, owner, items); err != nil {
		return fp, err
	}
	fp.CreditsKnown = true
	if vintage, ok := commonVintage(batches); ok {
		fp.Vintage = strconv.FormatInt(vintage, 10)
	}
	if withOrder {
		if order, ok := commonOrder(ctx, v, batches); ok {
			fp.Order = order
		}
	}
	return fp, nil
}

// retirementFingerprint is a registry retirement's fingerprint (batches nil: its fields only), to
// compare with create.
func retirementFingerprint(ctx context.Context, v *registryView, ret *client.Retirement, batches []client.CreditBatch,
	create ledger.Fingerprint) (ledger.Fingerprint, error) {
	purposes := make([]string, 0, len(ret.Purposes))
	for _, p := range ret.Purposes {
		purposes = append(purposes, string(p))
	}
	return recordFingerprint(ctx, v, retirementSpec.TypeName, map[string]ledger.Value{
		"owner_organisation_id":       ledger.Known(ret.Owner.ID),
		"beneficiary_organisation_id": ledger.Known(ret.Beneficiary.ID),
		"retirement_purposes":         ledger.Known(ledger.CanonicalSet(purposes)),
		"notes":                       ledger.Known(ledger.CanonicalNotes(deref(ret.Notes))),
		totalKgField:                  ledger.KnownKg(ret.CreditBatchSizeTotal.CreditKgs),
	}, ret.Owner.ID, batches, create.SelectsOrder())
}

// transferFingerprint is a registry transfer's fingerprint.
func transferFingerprint(ctx context.Context, v *registryView, t *client.Transfer, batches []client.CreditBatch) (ledger.Fingerprint, error) {
	return recordFingerprint(ctx, v, transferSpec.TypeName, map[string]ledger.Value{
		"from_organisation_id": ledger.Known(t.FromOrganisation.ID),
		"to_organisation_id":   ledger.Known(t.ToOrganisation.ID),
		"notes":                ledger.Known(ledger.CanonicalNotes(deref(t.Notes))),
		totalKgField:           ledger.KnownKg(t.CreditBatchSizeTotal.CreditKgs),
	}, t.FromOrganisation.ID, batches, false)
}

// deliveryFingerprint is a registry delivery's fingerprint; owner is the supplier's organisation
// (the acting organisation of a delivery).
func deliveryFingerprint(ctx context.Context, v *registryView, d *client.Delivery, owner string, batches []client.CreditBatch) (ledger.Fingerprint, error) {
	return recordFingerprint(ctx, v, deliverySpec.TypeName, map[string]ledger.Value{
		"order_id":   ledger.Known(d.OrderID),
		"notes":      ledger.Known(ledger.CanonicalNotes(deref(d.Notes))),
		totalKgField: ledger.KnownKg(d.CreditBatchSizeTotal.CreditKgs),
	}, owner, batches, false)
}

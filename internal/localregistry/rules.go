package localregistry

import (
	"fmt"
	"slices"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// The registry's rules for transactions (README.md, "Registry rules"): the checks the POST
// endpoints share, each a 422 naming the offending field, and the split of a batch. Caller holds
// r.mu.

// kgText renders a quantity for messages: "5000 kg (5.000 credits)".
func kgText(kg int64) string {
	q := quantity(kg)
	return fmt.Sprintf("%d kg (%s credits)", kg, q.Credits)
}

// orgLabel names an organisation for messages: "org_... (Name)".
func (r *Registry) orgLabel(id string) string {
	if o := r.orgs[id]; o != nil {
		return fmt.Sprintf("%s (%s)", id, o.Name)
	}
	return id
}

// checkActing: the organisation named in the body must be the acting organisation.
func (r *Registry) checkActing(c *rctx, field, orgID, verb string) error {
	if orgID != c.org {
		return ruleError(orgID, fmt.Sprintf("%s must be the acting organisation %s; organisation %s cannot %s credits of organisation %s",
			field, r.orgLabel(c.org), c.org, verb, orgID), field)
	}
	return nil
}

// checkSupplierExists: supplier_id names a supplier.
func (r *Registry) checkSupplierExists(id string) error {
	if r.suppliers[id] == nil {
		return ruleError(id, fmt.Sprintf("Supplier %s not found", id), "supplier_id")
	}
	return nil
}

// checkBeneficiary: a retirement's beneficiary is the owner itself or one of its beneficiaries.
func (r *Registry) checkBeneficiary(owner, ben string) error {
	if r.orgs[ben] == nil {
		return ruleError(ben, fmt.Sprintf("Beneficiary organisation %s not found", ben), "beneficiary_organisation_id")
	}
	if ben == owner || slices.Contains(r.orgs[owner].Beneficiaries, ben) {
		return nil
	}
	return ruleError(ben, fmt.Sprintf("Organisation %s is not among the beneficiaries of organisation %s; retire for yourself or add it with POST /beneficiary (see GET /beneficiaries)",
		r.orgLabel(ben), owner), "beneficiary_organisation_id")
}

// checkTransferee: the recipient of a transfer is one of the sender's transferees (not the sender).
func (r *Registry) checkTransferee(from, to string) error {
	if r.orgs[to] == nil {
		return ruleError(to, fmt.Sprintf("Organisation %s not found", to), "to_organisation_id")
	}
	if to == from {
		return ruleError(to, fmt.Sprintf("Organisation %s cannot transfer credits to itself", from), "to_organisation_id")
	}
	if !slices.Contains(r.orgs[from].Transferees, to) {
		return ruleError(to, fmt.Sprintf("Organisation %s is not among the transferees of organisation %s (see GET /transferees)", r.orgLabel(to), from), "to_organisation_id")
	}
	return nil
}

// checkBatches applies the per-batch rules: listed once, exists, owned by owner, active, from supplierID,
// holds at least the requested quantity.
func (r *Registry) checkBatches(qs []batchQty, owner, supplierID, verb string) error {
	seen := map[string]int{}
	for i, q := range qs {
		idLoc := []any{"credit_batch_quantities", i, "credit_batch_id"}
		if j, dup := seen[q.ID]; dup {
			return ruleError(q.ID, fmt.Sprintf("Credit batch %s is listed more than once (items %d and %d); list each batch once with the total quantity", q.ID, j, i), idLoc...)
		}
		seen[q.ID] = i
		b := r.batches[q.ID]
		if b == nil {
			return ruleError(q.ID, fmt.Sprintf("Credit batch %s not found", q.ID), idLoc...)
		}
		if b.OwnerOrganisationID != owner {
			return ruleError(q.ID, fmt.Sprintf("Credit batch %s is owned by organisation %s, not by %s; only the owner can %s it",
				q.ID, r.orgLabel(b.OwnerOrganisationID), r.orgLabel(owner), verb), idLoc...)
		}
		switch b.Status {
		case client.CreditBatchStatusActive:
		case client.CreditBatchStatusSplit:
			return ruleError(q.ID, fmt.Sprintf("Credit batch %s is split, not active; use its children %s and %s", q.ID, deref(b.LeftChildID), deref(b.RightChildID)), idLoc...)
		case client.CreditBatchStatusRetired:
			return ruleError(q.ID, fmt.Sprintf("Credit batch %s is retired (retirement %s), not active", q.ID, deref(b.RetirementID)), idLoc...)
		default:
			return ruleError(q.ID, fmt.Sprintf("Credit batch %s has status %s, not active", q.ID, b.Status), idLoc...)
		}
		if s := r.batchSupplier(b); s != supplierID {
			return ruleError(q.ID, fmt.Sprintf("Credit batch %s is from supplier %s, not from supplier %s; all credits of one request must come from the same supplier",
				q.ID, s, supplierID), idLoc...)
		}
		if q.Kg > b.SizeKg {
			return ruleError(q.Kg, fmt.Sprintf("Credit batch %s holds %s; cannot %s %s", q.ID, kgText(b.SizeKg), verb, kgText(q.Kg)),
				"credit_batch_quantities", i, "credit_quantity_kg")
		}
	}
	return nil
}

// deref is *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// take returns the batch that takes part in a transaction for kg of b: b itself when kg is the whole
// batch, else b is split (status split) into a left child of kg (returned) and a right child with the
// remainder (active, same owner). b must be out of the batch index (unindexBatch); the split parent
// and the right child go back into it, the returned part is left out for its effect. Caller holds
// r.mu for writing.
func (r *Registry) take(b *SeedCreditBatch, kg int64) *SeedCreditBatch {
	if kg >= b.SizeKg {
		return b
	}
	prefix, start, end, _ := parseSerial(b.SerialNumber)
	child := func(size int64, from, to int64) *SeedCreditBatch {
		ch := b.clone()
		ch.ID = r.newID("ctb_")
		ch.SerialNumber = fmt.Sprintf("%s-%d-%d", prefix, from, to)
		ch.SizeKg = size
		ch.Status = client.CreditBatchStatusActive
		ch.ParentID = strPtr(b.ID)
		ch.LeftChildID, ch.RightChildID, ch.RetirementID = nil, nil, nil
		insert(&r.st.CreditBatches, r.batches, ch)
		changed(r, &r.pending.entry.CreditBatches, ch)
		return ch
	}
	left := child(kg, start, start+kg)
	right := child(b.SizeKg-kg, start+kg, end)
	b.Status = client.CreditBatchStatusSplit
	b.LeftChildID = &left.ID
	b.RightChildID = &right.ID
	changed(r, &r.pending.entry.CreditBatches, b)
	r.indexBatch(b)
	r.indexBatch(right)
	return left
}

// takeAll takes the quantities qs in request order (splitting batches where only a part takes
// part), lets effect change each part, and returns the parts' IDs. The parts stay out of the
// batch index until the transaction's record exists (save), as their listing may depend on it (a
// retirement's beneficiary).
func (r *Registry) takeAll(qs []batchQty, effect func(*SeedCreditBatch)) []string {
	ids := make([]string, 0, len(qs))
	for _, q := range qs {
		b := r.batches[q.ID]
		r.unindexBatch(b)
		t := r.take(b, q.Kg)
		effect(t)
		changed(r, &r.pending.entry.CreditBatches, t)
		ids = append(ids, t.ID)
	}
	return ids
}

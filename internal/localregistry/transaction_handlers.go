package localregistry

import (
	"fmt"
	"strings"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// The POST endpoints of the API. Each validates its body (422 with every problem; the
// supplier-only ones first refuse a non-supplier with 403), then applies the registry's rules
// (rules.go; the first refusal wins, 422 on the offending field), and only then changes the state
// and commits it: a refused request changes nothing.

// insert appends a new record to its collection and its index. Caller holds r.mu.
func insert[P seedRecord](list *[]P, index map[string]P, x P) {
	*list = append(*list, x)
	index[x.seedID()] = x
}

// save inserts a new record, indexes the batches of a transaction record (takeAll left them out),
// commits the state and answers the record through view.
func save[P seedRecord, V any](r *Registry, list *[]P, index map[string]P, x P, view func(P) V) (any, error) {
	insert(list, index, x)
	if tx, ok := any(x).(txRecord); ok {
		for _, id := range tx.batchIDs() {
			r.indexBatch(r.batches[id])
		}
	}
	if err := r.commit(); err != nil {
		return nil, err
	}
	return view(x), nil
}

// supplierBody is the acting supplier (403 for an organisation that is not one) and the body of
// its request.
func (r *Registry) supplierBody(c *rctx) (*SeedSupplier, fields, error) {
	s, err := r.requireSupplier(c)
	if err != nil {
		return nil, fields{}, err
	}
	f, err := bodyFields(c.body)
	return s, f, err
}

// ---- POST /retirements and POST /retirements/from_oldest_credits ----

// retirementRequest is what both retirement endpoints take: who retires, for whom, credits of
// which supplier, why.
type retirementRequest struct {
	owner, beneficiary, supplier string
	purposes                     []client.RetirementPurpose
	notes                        *string
}

// retirementRequest validates the fields both retirement bodies share.
func (f fields) retirementRequest() retirementRequest {
	var rq retirementRequest
	rq.owner, _ = f.id("owner_organisation_id")
	rq.beneficiary, _ = f.id("beneficiary_organisation_id")
	rq.supplier, _ = f.id("supplier_id")
	for _, p := range f.purposes() {
		rq.purposes = append(rq.purposes, client.RetirementPurpose(p))
	}
	rq.notes = f.nullableStr("notes", 256, true)
	return rq
}

// checkRetirement applies the rules both retirement endpoints share: the owner is the acting
// organisation, the supplier exists, the beneficiary is allowed.
func (r *Registry) checkRetirement(c *rctx, rq retirementRequest) error {
	if err := r.checkActing(c, "owner_organisation_id", rq.owner, "retire"); err != nil {
		return err
	}
	if err := r.checkSupplierExists(rq.supplier); err != nil {
		return err
	}
	return r.checkBeneficiary(rq.owner, rq.beneficiary)
}

// retire records the retirement of the quantities qs (splitting batches where a part is retired)
// and commits it.
func (r *Registry) retire(rq retirementRequest, qs []batchQty) (any, error) {
	rec := &SeedRetirement{ID: r.newID("ret_"), OwnerOrganisationID: rq.owner, BeneficiaryOrganisationID: rq.beneficiary,
		SupplierID: rq.supplier, Purposes: rq.purposes, Notes: rq.notes, RetiredAt: r.nowUTC()}
	rec.CreditBatchIDs = r.takeAll(qs, func(t *SeedCreditBatch) {
		t.Status = client.CreditBatchStatusRetired
		t.RetirementID = strPtr(rec.ID)
	})
	changed(r, &r.pending.entry.Retirements, rec)
	return save(r, &r.st.Retirements, r.retirements, rec, r.retirementView)
}

func (r *Registry) createRetirement(c *rctx) (any, error) {
	f, err := bodyFields(c.body)
	if err != nil {
		return nil, err
	}
	rq := f.retirementRequest()
	qs := f.batchQuantities(1)
	if err := f.v.err(); err != nil {
		return nil, err
	}
	if err := r.checkRetirement(c, rq); err != nil {
		return nil, err
	}
	if err := r.checkBatches(qs, rq.owner, rq.supplier, "retire"); err != nil {
		return nil, err
	}
	return r.retire(rq, qs)
}

func (r *Registry) createRetirementFromOldest(c *rctx) (any, error) {
	f, err := bodyFields(c.body)
	if err != nil {
		return nil, err
	}
	rq := f.retirementRequest()
	kg, _ := f.positiveInt("credit_quantity_kg")
	orderID := f.nullableStr("order_id", 37, false)
	if orderID != nil {
		checkLen(f.v, []any{"body", "order_id"}, *orderID, 20, 37)
	}
	vintage := f.optionalIntBetween("vintage", 1900, 2100)
	if err := f.v.err(); err != nil {
		return nil, err
	}
	if err := r.checkRetirement(c, rq); err != nil {
		return nil, err
	}
	if orderID != nil {
		o := r.orders[*orderID]
		if o == nil {
			return nil, ruleError(*orderID, fmt.Sprintf("Order %s not found", *orderID), "order_id")
		}
		if o.SupplierID != rq.supplier {
			return nil, ruleError(*orderID, fmt.Sprintf("Order %s is an order from supplier %s, not from supplier %s", o.ID, o.SupplierID, rq.supplier), "order_id")
		}
	}
	qs, avail := r.oldestFirst(rq.owner, rq.supplier, vintage, orderID, kg)
	if avail < kg {
		scope := "supplier " + rq.supplier
		if vintage != nil {
			scope += fmt.Sprintf(", vintage %d", *vintage)
		}
		if orderID != nil {
			scope += ", order " + *orderID
		}
		return nil, ruleError(kg, fmt.Sprintf("Organisation %s holds %s of active credits from %s; cannot retire %s",
			r.orgLabel(rq.owner), kgText(avail), scope, kgText(kg)), "credit_quantity_kg")
	}
	return r.retire(rq, qs)
}

// oldestFirst picks kg from the batches an oldest-first retirement may take (the owner's active
// batches of the supplier, of the vintage and of the order when given): whole batches in the
// oldest-first order until the last one, which gives only what is left. It also returns the kg
// those batches hold together; when that is less than kg the pick is incomplete.
func (r *Registry) oldestFirst(owner, supplierID string, vintage *int64, orderID *string, kg int64) ([]batchQty, int64) {
	o := r.listed[owner]
	if o == nil {
		return nil, 0
	}
	var l *batchList
	var keep func(*SeedCreditBatch) bool // nil: every active batch of l
	switch {
	case orderID != nil:
		l = o.list(dimOrder, *orderID)
		keep = func(b *SeedCreditBatch) bool {
			return r.batchSupplier(b) == supplierID && (vintage == nil || strings.HasPrefix(b.SequesteredOn, fmt.Sprintf("%04d-", *vintage)))
		}
	case vintage != nil:
		l = o.list(dimSupplierVintage, fmt.Sprintf("%s/%04d", supplierID, *vintage))
	default:
		l = o.list(dimSupplier, supplierID)
	}
	if l == nil {
		return nil, 0
	}
	var avail int64
	if keep == nil {
		avail = l.kg[stActive]
	} else {
		l.each(listPos{}, l.end(), maskActive, 0, func(b *SeedCreditBatch) bool {
			if keep(b) {
				avail += b.SizeKg
			}
			return true
		})
	}
	if avail < kg {
		return nil, avail
	}
	var qs []batchQty
	l.each(listPos{}, l.end(), maskActive, 0, func(b *SeedCreditBatch) bool {
		if keep != nil && !keep(b) {
			return true
		}
		n := min(b.SizeKg, kg)
		qs = append(qs, batchQty{ID: b.ID, Kg: n})
		kg -= n
		return kg > 0
	})
	return qs, avail
}

// ---- POST /transfers ----

func (r *Registry) createTransfer(c *rctx) (any, error) {
	f, err := bodyFields(c.body)
	if err != nil {
		return nil, err
	}
	qs := f.batchQuantities(0)
	from, _ := f.id("from_organisation_id")
	to, _ := f.id("to_organisation_id")
	sup, _ := f.id("supplier_id")
	notes := f.nullableStr("notes", 256, true)
	if err := f.v.err(); err != nil {
		return nil, err
	}
	if err := r.checkActing(c, "from_organisation_id", from, "transfer"); err != nil {
		return nil, err
	}
	if err := r.checkTransferee(from, to); err != nil {
		return nil, err
	}
	if err := r.checkSupplierExists(sup); err != nil {
		return nil, err
	}
	if err := r.checkBatches(qs, from, sup, "transfer"); err != nil {
		return nil, err
	}
	// An empty credit_batch_quantities is a transfer of nothing (README.md, "Registry rules").
	rec := &SeedTransfer{ID: r.newID("tfr_"), FromOrganisationID: from, ToOrganisationID: to, SupplierID: sup, Notes: notes, TransferredAt: r.nowUTC()}
	rec.CreditBatchIDs = r.takeAll(qs, func(t *SeedCreditBatch) { t.OwnerOrganisationID = to })
	changed(r, &r.pending.entry.Transfers, rec)
	return save(r, &r.st.Transfers, r.transfers, rec, r.transferView)
}

// ---- POST /deliveries ----

func (r *Registry) createDelivery(c *rctx) (any, error) {
	s, f, err := r.supplierBody(c)
	if err != nil {
		return nil, err
	}
	qs := f.batchQuantities(1)
	orderID, _ := f.id("order_id")
	notes := f.nullableStr("notes", 256, true)
	if err := f.v.err(); err != nil {
		return nil, err
	}
	o := r.orders[orderID]
	if o == nil {
		return nil, ruleError(orderID, fmt.Sprintf("Order %s not found", orderID), "order_id")
	}
	if o.SupplierID != s.ID {
		return nil, ruleError(orderID, fmt.Sprintf("Order %s is an order from supplier %s, not from the acting supplier %s", o.ID, o.SupplierID, s.ID), "order_id")
	}
	delivered := r.orderDelivered[o.ID]
	remaining := o.CreditsOrderedKg - delivered
	if o.Status == client.OrderStatusCompleted || remaining <= 0 {
		return nil, ruleError(orderID, fmt.Sprintf("Order %s is completed (%s ordered, %s delivered); nothing left to deliver",
			o.ID, kgText(o.CreditsOrderedKg), kgText(delivered)), "order_id")
	}
	if err := r.checkBatches(qs, s.OrganisationID, o.SupplierID, "deliver"); err != nil {
		return nil, err
	}
	var total int64
	for i, q := range qs {
		if b := r.batches[q.ID]; b.DeliveryID != nil {
			return nil, ruleError(q.ID, fmt.Sprintf("Credit batch %s was already delivered (delivery %s)", q.ID, *b.DeliveryID),
				"credit_batch_quantities", i, "credit_batch_id")
		}
		total += q.Kg
	}
	if total > remaining {
		return nil, ruleError(total, fmt.Sprintf("Order %s has %s remaining (%s ordered, %s delivered); cannot deliver %s",
			o.ID, kgText(remaining), kgText(o.CreditsOrderedKg), kgText(delivered), kgText(total)), "credit_batch_quantities")
	}
	now := r.nowUTC()
	rec := &SeedDelivery{ID: r.newID("dlv_"), OrderID: o.ID, DeliveredAt: now, Notes: notes}
	rec.CreditBatchIDs = r.takeAll(qs, func(t *SeedCreditBatch) {
		t.OwnerOrganisationID = o.BuyerOrganisationID
		t.DeliveryID = strPtr(rec.ID)
	})
	if delivered+total == o.CreditsOrderedKg {
		o.Status = client.OrderStatusCompleted
		t := now
		o.FulfilledAt = &t
	} else {
		o.Status = client.OrderStatusInProgress
	}
	r.orderDelivered[o.ID] += total
	changed(r, &r.pending.entry.Orders, o)
	changed(r, &r.pending.entry.Deliveries, rec)
	return save(r, &r.st.Deliveries, r.deliveries, rec, r.deliveryView)
}

// ---- POST /beneficiary ----

func (r *Registry) createBeneficiary(c *rctx) (any, error) {
	f, err := bodyFields(c.body)
	if err != nil {
		return nil, err
	}
	m, v := f.m, f.v
	typeName, _ := m["__typename"].(string)
	if x, ok := m["__typename"]; ok && typeName != client.TypeNameOrganizationBeneficiary && typeName != client.TypeNameIndividualBeneficiary {
		exp := enumMsg([]string{client.TypeNameOrganizationBeneficiary, client.TypeNameIndividualBeneficiary})
		v.add([]any{"body", "__typename"}, "Input tag '"+fmt.Sprint(x)+"' found using '__typename' does not match any of the expected tags: "+exp,
			"union_tag_invalid", m, map[string]any{"discriminator": "'__typename'", "tag": fmt.Sprint(x), "expected_tags": exp})
		return nil, v.err()
	}
	if typeName == "" {
		_, hasDomain := m["beneficiary_domain"]
		_, hasEmail := m["beneficiary_email"]
		switch {
		case hasDomain:
			typeName = client.TypeNameOrganizationBeneficiary
		case hasEmail:
			typeName = client.TypeNameIndividualBeneficiary
		default:
			fo := fields{m: m, loc: []any{"body", client.TypeNameOrganizationBeneficiary}, v: v}
			fo.str("beneficiary_name", 0, 256)
			fo.str("beneficiary_domain", 0, 256)
			fi := fields{m: m, loc: []any{"body", client.TypeNameIndividualBeneficiary}, v: v}
			fi.str("beneficiary_name", 0, 256)
			fi.str("beneficiary_email", 0, 0)
			return nil, v.err()
		}
	}
	name, _ := f.str("beneficiary_name", 0, 256)
	org := &SeedOrganisation{Name: name}
	if typeName == client.TypeNameOrganizationBeneficiary {
		domain, ok := f.str("beneficiary_domain", 0, 256)
		if ok {
			org.Domain = &domain
		}
	} else {
		email, ok := f.str("beneficiary_email", 0, 0)
		if ok && !emailRe.MatchString(email) {
			v.add([]any{"body", "beneficiary_email"}, "value is not a valid email address: The email address is not valid. It must have exactly one @-sign and a domain with a dot.",
				"value_error", email, map[string]any{"reason": "The email address is not valid."})
		} else if ok {
			org.Email = &email
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	org.ID = r.newID("org_")
	acting := r.orgs[c.org]
	acting.Beneficiaries = append(acting.Beneficiaries, org.ID)
	changed(r, &r.pending.entry.Organisations, org)
	changed(r, &r.pending.entry.Organisations, acting)
	return save(r, &r.st.Organisations, r.orgs, org, func(o *SeedOrganisation) client.Organisation { return r.orgView(o.ID) })
}

// ---- POST /stripe/checkout ----

func (r *Registry) createStripeCheckout(c *rctx) (any, error) {
	s, f, err := r.supplierBody(c)
	if err != nil {
		return nil, err
	}
	qty, qtyOK := f.get("quantity_kg")
	var kg int64
	if qtyOK {
		kg, qtyOK = toInt(f.v, []any{"body", "quantity_kg"}, qty)
	}
	if x, ok := f.get("frequency"); ok {
		checkEnum(f.v, []any{"body", "frequency"}, x, []string{"one_time", "monthly", "yearly"})
	}
	iso := f.boolean("isometric_terms_and_conditions_accepted")
	supTC := f.boolean("supplier_terms_and_conditions_accepted")
	f.str("success_url", 0, 0)
	f.str("cancel_url", 0, 0)
	f.nullableStr("customer_email", 0, false)
	if err := f.v.err(); err != nil {
		return nil, err
	}
	if r.stripeConfig(s.ID) == nil {
		return nil, notFound("Supplier %s not set up for Stripe Connect", s.ID)
	}
	if qtyOK && kg <= 0 {
		return nil, ruleError(kg, fmt.Sprintf("quantity_kg must be greater than 0, got %d", kg), "quantity_kg")
	}
	if !iso {
		return nil, ruleError(false, "The Isometric terms and conditions must be accepted", "isometric_terms_and_conditions_accepted")
	}
	if !supTC {
		return nil, ruleError(false, "The supplier terms and conditions must be accepted", "supplier_terms_and_conditions_accepted")
	}
	sess := strings.ToLower(strings.TrimPrefix(r.newID("cs_"), "cs_"))
	return client.StripeCheckoutResponse{RedirectURL: "https://checkout.stripe.com/c/pay/cs_test_" + sess}, nil
}

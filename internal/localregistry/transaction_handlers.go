package localregistry

import (
	"fmt"
	"slices"
	"strings"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func toPurposes(ps []string) []client.RetirementPurpose {
	out := make([]client.RetirementPurpose, len(ps))
	for i, p := range ps {
		out[i] = client.RetirementPurpose(p)
	}
	return out
}

// ---- POST /retirements ----

func (r *Registry) createRetirement(c *rctx) (any, error) {
	m, err := decodeBody(c.body)
	if err != nil {
		return nil, err
	}
	var v vErrs
	f := fields{m: m, loc: []any{"body"}, v: &v}
	owner, _ := f.id("owner_organisation_id")
	ben, _ := f.id("beneficiary_organisation_id")
	sup, _ := f.id("supplier_id")
	purposes := f.purposes()
	notes := f.nullableStr("notes", 256, true)
	qs, _ := f.batchQuantities(1)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := r.checkActing(c, "owner_organisation_id", owner, "retire"); err != nil {
		return nil, err
	}
	if err := r.checkSupplierExists(sup); err != nil {
		return nil, err
	}
	if err := r.checkBeneficiary(owner, ben); err != nil {
		return nil, err
	}
	if err := r.checkBatches(qs, owner, sup, "retire"); err != nil {
		return nil, err
	}
	rec := &SeedRetirement{ID: r.newID("ret_"), OwnerOrganisationID: owner, BeneficiaryOrganisationID: ben, SupplierID: sup,
		Purposes: toPurposes(purposes), Notes: notes, RetiredAt: r.nowUTC()}
	for _, q := range qs {
		rec.CreditBatchIDs = append(rec.CreditBatchIDs, r.retireBatch(r.batches[q.ID], q.Kg, rec.ID))
	}
	r.st.Retirements = append(r.st.Retirements, rec)
	r.retirements[rec.ID] = rec
	if err := r.commit(); err != nil {
		return nil, err
	}
	return r.retirementView(rec), nil
}

func (r *Registry) retireBatch(b *SeedCreditBatch, kg int64, retirementID string) string {
	t := r.take(b, kg)
	id := retirementID
	t.Status = client.CreditBatchStatusRetired
	t.RetirementID = &id
	return t.ID
}

// ---- POST /retirements/from_oldest_credits ----

func (r *Registry) createRetirementFromOldest(c *rctx) (any, error) {
	m, err := decodeBody(c.body)
	if err != nil {
		return nil, err
	}
	var v vErrs
	f := fields{m: m, loc: []any{"body"}, v: &v}
	owner, _ := f.id("owner_organisation_id")
	ben, _ := f.id("beneficiary_organisation_id")
	sup, _ := f.id("supplier_id")
	purposes := f.purposes()
	notes := f.nullableStr("notes", 256, true)
	kg, _ := f.positiveInt("credit_quantity_kg")
	orderID := f.nullableStr("order_id", 37, false)
	if orderID != nil {
		checkLen(&v, []any{"body", "order_id"}, *orderID, 20, 37)
	}
	var vintage *int64
	if x, ok := m["vintage"]; ok && x != nil {
		if n, ok := toInt(&v, []any{"body", "vintage"}, x); ok {
			switch {
			case n < 1900:
				v.add([]any{"body", "vintage"}, "Input should be greater than or equal to 1900", "greater_than_equal", x, map[string]any{"ge": 1900})
			case n > 2100:
				v.add([]any{"body", "vintage"}, "Input should be less than or equal to 2100", "less_than_equal", x, map[string]any{"le": 2100})
			default:
				vintage = &n
			}
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := r.checkActing(c, "owner_organisation_id", owner, "retire"); err != nil {
		return nil, err
	}
	if err := r.checkSupplierExists(sup); err != nil {
		return nil, err
	}
	if err := r.checkBeneficiary(owner, ben); err != nil {
		return nil, err
	}
	if orderID != nil {
		o := r.orders[*orderID]
		if o == nil {
			return nil, ruleError(*orderID, fmt.Sprintf("Order %s not found", *orderID), "order_id")
		}
		if o.SupplierID != sup {
			return nil, ruleError(*orderID, fmt.Sprintf("Order %s is an order from supplier %s, not from supplier %s", o.ID, o.SupplierID, sup), "order_id")
		}
	}
	var cands []*SeedCreditBatch
	var avail int64
	for _, b := range r.st.CreditBatches {
		if b.OwnerOrganisationID != owner || b.Status != client.CreditBatchStatusActive || r.batchSupplier(b) != sup {
			continue
		}
		if vintage != nil && !strings.HasPrefix(b.SequesteredOn, fmt.Sprintf("%04d-", *vintage)) {
			continue
		}
		if orderID != nil && r.batchOrder(b) != *orderID {
			continue
		}
		cands = append(cands, b)
		avail += b.SizeKg
	}
	if avail < kg {
		scope := "supplier " + sup
		if vintage != nil {
			scope += fmt.Sprintf(", vintage %d", *vintage)
		}
		if orderID != nil {
			scope += ", order " + *orderID
		}
		return nil, ruleError(kg, fmt.Sprintf("Organisation %s holds %s of active credits from %s; cannot retire %s",
			r.orgLabel(owner), kgText(avail), scope, kgText(kg)), "credit_quantity_kg")
	}
	r.sortOldestFirst(cands)
	rec := &SeedRetirement{ID: r.newID("ret_"), OwnerOrganisationID: owner, BeneficiaryOrganisationID: ben, SupplierID: sup,
		Purposes: toPurposes(purposes), Notes: notes, RetiredAt: r.nowUTC()}
	left := kg
	for _, b := range cands {
		if left == 0 {
			break
		}
		n := b.SizeKg
		if n > left {
			n = left
		}
		rec.CreditBatchIDs = append(rec.CreditBatchIDs, r.retireBatch(b, n, rec.ID))
		left -= n
	}
	r.st.Retirements = append(r.st.Retirements, rec)
	r.retirements[rec.ID] = rec
	if err := r.commit(); err != nil {
		return nil, err
	}
	return r.retirementView(rec), nil
}

// ---- POST /transfers ----

func (r *Registry) createTransfer(c *rctx) (any, error) {
	m, err := decodeBody(c.body)
	if err != nil {
		return nil, err
	}
	var v vErrs
	f := fields{m: m, loc: []any{"body"}, v: &v}
	qs, qsOK := f.batchQuantities(0)
	from, _ := f.id("from_organisation_id")
	to, _ := f.id("to_organisation_id")
	sup, _ := f.id("supplier_id")
	notes := f.nullableStr("notes", 256, true)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := r.checkActing(c, "from_organisation_id", from, "transfer"); err != nil {
		return nil, err
	}
	if r.orgs[to] == nil {
		return nil, ruleError(to, fmt.Sprintf("Organisation %s not found", to), "to_organisation_id")
	}
	if to == from {
		return nil, ruleError(to, fmt.Sprintf("Organisation %s cannot transfer credits to itself", from), "to_organisation_id")
	}
	if !slices.Contains(r.orgs[from].Transferees, to) {
		return nil, ruleError(to, fmt.Sprintf("Organisation %s is not among the transferees of organisation %s (see GET /transferees)", r.orgLabel(to), from), "to_organisation_id")
	}
	if err := r.checkSupplierExists(sup); err != nil {
		return nil, err
	}
	if qsOK && len(qs) == 0 {
		return nil, ruleError([]any{}, "At least one credit batch is required", "credit_batch_quantities")
	}
	if err := r.checkBatches(qs, from, sup, "transfer"); err != nil {
		return nil, err
	}
	rec := &SeedTransfer{ID: r.newID("tfr_"), FromOrganisationID: from, ToOrganisationID: to, SupplierID: sup, Notes: notes, TransferredAt: r.nowUTC()}
	for _, q := range qs {
		t := r.take(r.batches[q.ID], q.Kg)
		t.OwnerOrganisationID = to
		rec.CreditBatchIDs = append(rec.CreditBatchIDs, t.ID)
	}
	r.st.Transfers = append(r.st.Transfers, rec)
	r.transfers[rec.ID] = rec
	if err := r.commit(); err != nil {
		return nil, err
	}
	return r.transferView(rec), nil
}

// ---- POST /deliveries ----

func (r *Registry) createDelivery(c *rctx) (any, error) {
	s, err := r.requireSupplier(c)
	if err != nil {
		return nil, err
	}
	m, err := decodeBody(c.body)
	if err != nil {
		return nil, err
	}
	var v vErrs
	f := fields{m: m, loc: []any{"body"}, v: &v}
	qs, _ := f.batchQuantities(1)
	orderID, _ := f.id("order_id")
	notes := f.nullableStr("notes", 256, true)
	if err := v.err(); err != nil {
		return nil, err
	}
	o := r.orders[orderID]
	if o == nil {
		return nil, ruleError(orderID, fmt.Sprintf("Order %s not found", orderID), "order_id")
	}
	if o.SupplierID != s.ID {
		return nil, ruleError(orderID, fmt.Sprintf("Order %s is an order from supplier %s, not from the acting supplier %s", o.ID, o.SupplierID, s.ID), "order_id")
	}
	delivered := r.orderDeliveredKg(o.ID)
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
	for _, q := range qs {
		t := r.take(r.batches[q.ID], q.Kg)
		t.OwnerOrganisationID = o.BuyerOrganisationID
		id := rec.ID
		t.DeliveryID = &id
		rec.CreditBatchIDs = append(rec.CreditBatchIDs, t.ID)
	}
	r.st.Deliveries = append(r.st.Deliveries, rec)
	r.deliveries[rec.ID] = rec
	if delivered+total == o.CreditsOrderedKg {
		o.Status = client.OrderStatusCompleted
		t := now
		o.FulfilledAt = &t
	} else {
		o.Status = client.OrderStatusInProgress
	}
	if err := r.commit(); err != nil {
		return nil, err
	}
	return r.deliveryView(rec), nil
}

// ---- POST /beneficiary ----

func (r *Registry) createBeneficiary(c *rctx) (any, error) {
	m, err := decodeBody(c.body)
	if err != nil {
		return nil, err
	}
	var v vErrs
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
			fo := fields{m: m, loc: []any{"body", client.TypeNameOrganizationBeneficiary}, v: &v}
			fo.str("beneficiary_name", 0, 256)
			fo.str("beneficiary_domain", 0, 256)
			fi := fields{m: m, loc: []any{"body", client.TypeNameIndividualBeneficiary}, v: &v}
			fi.str("beneficiary_name", 0, 256)
			fi.str("beneficiary_email", 0, 0)
			return nil, v.err()
		}
	}
	f := fields{m: m, loc: []any{"body"}, v: &v}
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
	r.st.Organisations = append(r.st.Organisations, org)
	r.orgs[org.ID] = org
	acting := r.orgs[c.org]
	acting.Beneficiaries = append(acting.Beneficiaries, org.ID)
	if err := r.commit(); err != nil {
		return nil, err
	}
	return r.orgView(org.ID), nil
}

// ---- POST /stripe/checkout ----

func (r *Registry) createStripeCheckout(c *rctx) (any, error) {
	s, err := r.requireSupplier(c)
	if err != nil {
		return nil, err
	}
	m, err := decodeBody(c.body)
	if err != nil {
		return nil, err
	}
	var v vErrs
	f := fields{m: m, loc: []any{"body"}, v: &v}
	qty, qtyOK := f.get("quantity_kg")
	var kg int64
	if qtyOK {
		kg, qtyOK = toInt(&v, []any{"body", "quantity_kg"}, qty)
	}
	if x, ok := f.get("frequency"); ok {
		checkEnum(&v, []any{"body", "frequency"}, x, []string{"one_time", "monthly", "yearly"})
	}
	iso := f.boolean("isometric_terms_and_conditions_accepted")
	supTC := f.boolean("supplier_terms_and_conditions_accepted")
	f.str("success_url", 0, 0)
	f.str("cancel_url", 0, 0)
	f.nullableStr("customer_email", 0, false)
	if err := v.err(); err != nil {
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

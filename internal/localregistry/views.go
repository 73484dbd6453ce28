package localregistry

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Views turn the state (Seed* records) into answers: always values of internal/client's
// spec-shaped types, with what the records do not hold computed from them (totals, balances,
// delivered quantities, the times and beneficiary of the transaction that touched a batch). Caller
// holds r.mu.

func fmtTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func fmtTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := fmtTime(*t)
	return &s
}

// quantity converts kg to a CreditQuantity; credits = kg/1000 with exactly 3 decimals (no floats).
func quantity(kg int64) client.CreditQuantity {
	sign := ""
	abs := kg
	if kg < 0 {
		sign = "-"
		abs = -kg
	}
	return client.CreditQuantity{CreditKgs: kg, Credits: json.Number(fmt.Sprintf("%s%d.%03d", sign, abs/1000, abs%1000))}
}

func strPtr(s string) *string { return &s }

func (r *Registry) orgView(id string) client.Organisation {
	o := r.orgs[id]
	if o == nil {
		return client.Organisation{ID: id, Name: id}
	}
	return client.Organisation{ID: o.ID, Name: o.Name, Domain: o.Domain}
}

func (r *Registry) supplierView(id string) client.Supplier {
	s := r.suppliers[id]
	if s == nil {
		return client.Supplier{ID: id}
	}
	return client.Supplier{
		ID:               s.ID,
		Location:         s.Location,
		LongDescription:  s.LongDescription,
		Organisation:     r.orgView(s.OrganisationID),
		ShortDescription: s.ShortDescription,
	}
}

func (r *Registry) batchSupplier(b *SeedCreditBatch) string {
	return r.issuances[b.IssuanceID].SupplierID
}
func (r *Registry) batchProject(b *SeedCreditBatch) string {
	return r.issuances[b.IssuanceID].ProjectID
}
func (r *Registry) batchIssuedAt(b *SeedCreditBatch) time.Time {
	return r.issuances[b.IssuanceID].IssuedAt
}

// batchOrder is the order of the delivery that brought the batch ("" if none).
func (r *Registry) batchOrder(b *SeedCreditBatch) string {
	if b.DeliveryID == nil {
		return ""
	}
	if d := r.deliveries[*b.DeliveryID]; d != nil {
		return d.OrderID
	}
	return ""
}

func (r *Registry) batchView(b *SeedCreditBatch) client.CreditBatch {
	is := r.issuances[b.IssuanceID]
	v := client.CreditBatch{
		CarbonRemovalData: b.CarbonRemovalData,
		CCPApproved:       b.CCPApproved,
		CountryOfIssue:    b.CountryOfIssue,
		DeliveryID:        b.DeliveryID,
		ID:                b.ID,
		IssuanceID:        b.IssuanceID,
		IssuedAt:          fmtTime(is.IssuedAt),
		LeftChildID:       b.LeftChildID,
		Owner:             r.orgView(b.OwnerOrganisationID),
		ParentID:          b.ParentID,
		ProjectID:         is.ProjectID,
		RemovalID:         b.RemovalID,
		RetirementID:      b.RetirementID,
		RightChildID:      b.RightChildID,
		SequesteredOn:     b.SequesteredOn,
		SerialNumber:      b.SerialNumber,
		Size:              quantity(b.SizeKg),
		Status:            b.Status,
		SupplierID:        is.SupplierID,
	}
	if b.DeliveryID != nil {
		if d := r.deliveries[*b.DeliveryID]; d != nil {
			v.DeliveredAt = strPtr(fmtTime(d.DeliveredAt))
		}
	}
	if b.RetirementID != nil {
		if rt := r.retirements[*b.RetirementID]; rt != nil {
			v.RetiredAt = strPtr(fmtTime(rt.RetiredAt))
			ben := r.orgView(rt.BeneficiaryOrganisationID)
			v.Beneficiary = &ben
		}
	}
	if v.CarbonRemovalData != nil {
		c := *v.CarbonRemovalData
		v.CarbonRemovalData = &c
	}
	return v
}

func (r *Registry) batchesView(ids []string) []client.CreditBatch {
	out := make([]client.CreditBatch, 0, len(ids))
	for _, id := range ids {
		if b := r.batches[id]; b != nil {
			out = append(out, r.batchView(b))
		}
	}
	return out
}

func (r *Registry) sumKg(ids []string) int64 {
	var t int64
	for _, id := range ids {
		if b := r.batches[id]; b != nil {
			t += b.SizeKg
		}
	}
	return t
}

func (r *Registry) retirementView(x *SeedRetirement) client.Retirement {
	p := append([]client.RetirementPurpose{}, x.Purposes...)
	return client.Retirement{
		Beneficiary:          r.orgView(x.BeneficiaryOrganisationID),
		CreditBatchSizeTotal: quantity(r.sumKg(x.CreditBatchIDs)),
		ID:                   x.ID,
		Notes:                x.Notes,
		Owner:                r.orgView(x.OwnerOrganisationID),
		Purposes:             p,
		RetiredAt:            fmtTime(x.RetiredAt),
		URL:                  CertificateBaseURL + "/retirement/" + x.ID,
	}
}

func (r *Registry) transferView(x *SeedTransfer) client.Transfer {
	return client.Transfer{
		CreditBatchSizeTotal: quantity(r.sumKg(x.CreditBatchIDs)),
		FromOrganisation:     r.orgView(x.FromOrganisationID),
		ID:                   x.ID,
		Notes:                x.Notes,
		ToOrganisation:       r.orgView(x.ToOrganisationID),
		TransferredAt:        fmtTime(x.TransferredAt),
	}
}

func (r *Registry) deliveryView(x *SeedDelivery) client.Delivery {
	o := r.orders[x.OrderID]
	return client.Delivery{
		CreditBatchSizeTotal: quantity(r.sumKg(x.CreditBatchIDs)),
		DeliveredAt:          fmtTime(x.DeliveredAt),
		FromSupplier:         r.supplierView(o.SupplierID),
		ID:                   x.ID,
		Notes:                x.Notes,
		OrderID:              x.OrderID,
		ToOrganisation:       r.orgView(o.BuyerOrganisationID),
		URL:                  CertificateBaseURL + "/delivery/" + x.ID,
	}
}

func (r *Registry) refundView(x *SeedRefund) client.BufferPoolRefund {
	return client.BufferPoolRefund{
		CreditBatchSizeTotal:       quantity(r.sumKg(x.CreditBatchIDs)),
		FromBufferPoolOrganisation: r.orgView(x.FromBufferPoolOrganisationID),
		ID:                         x.ID,
		Notes:                      x.Notes,
		RefundedAt:                 fmtTime(x.RefundedAt),
		ToOrganisation:             r.orgView(x.ToOrganisationID),
	}
}

func (r *Registry) orderDeliveredKg(orderID string) int64 {
	var t int64
	for _, d := range r.st.Deliveries {
		if d.OrderID == orderID {
			t += r.sumKg(d.CreditBatchIDs)
		}
	}
	return t
}

func (r *Registry) orderView(x *SeedOrder) client.Order {
	return client.Order{
		BuyerOrganisation:     r.orgView(x.BuyerOrganisationID),
		CreditsDelivered:      quantity(r.orderDeliveredKg(x.ID)),
		CreditsOrdered:        quantity(x.CreditsOrderedKg),
		EffectiveContractDate: x.EffectiveContractDate,
		FulfilledAt:           fmtTimePtr(x.FulfilledAt),
		ID:                    x.ID,
		Status:                x.Status,
		Supplier:              r.supplierView(x.SupplierID),
	}
}

// original reports whether a batch is an original issuance batch (not a split child).
func original(b *SeedCreditBatch) bool { return b.ParentID == nil }

func (r *Registry) issuanceTotals(id string) (supplier, buffer int64) {
	for _, b := range r.st.CreditBatches {
		if b.IssuanceID == id && original(b) {
			if b.BufferPool {
				buffer += b.SizeKg
			} else {
				supplier += b.SizeKg
			}
		}
	}
	return
}

func (r *Registry) issuanceView(x *SeedIssuance) client.Issuance {
	sup, buf := r.issuanceTotals(x.ID)
	return client.Issuance{
		BufferPoolCreditBatchSizeTotal: quantity(buf),
		CreditBatchSizeTotal:           quantity(sup + buf),
		ID:                             x.ID,
		IssuedAt:                       fmtTime(x.IssuedAt),
		ProjectID:                      x.ProjectID,
		ReportingPeriodEndAt:           x.ReportingPeriodEndAt,
		ReportingPeriodStartAt:         x.ReportingPeriodStartAt,
		Supplier:                       r.supplierView(x.SupplierID),
		SupplierCreditBatchSizeTotal:   quantity(sup),
	}
}

func (r *Registry) projectView(x *SeedProject) client.Project {
	var issued, issuedBuf, retired, retiredBuf int64
	for _, b := range r.st.CreditBatches {
		is := r.issuances[b.IssuanceID]
		if is == nil || is.ProjectID != x.ID {
			continue
		}
		if original(b) {
			issued += b.SizeKg
			if b.BufferPool {
				issuedBuf += b.SizeKg
			}
		}
		if b.Status == client.CreditBatchStatusRetired {
			retired += b.SizeKg
			if b.BufferPool {
				retiredBuf += b.SizeKg
			}
		}
	}
	return client.Project{
		CountryCode:                   x.CountryCode,
		CreditingPeriodEnd:            x.CreditingPeriodEnd,
		CreditingPeriodStart:          x.CreditingPeriodStart,
		CurrentVerifierName:           x.CurrentVerifierName,
		ID:                            x.ID,
		IssuedBufferPoolCreditsTotal:  quantity(issuedBuf),
		IssuedCreditsTotal:            quantity(issued),
		Location:                      x.Location,
		Name:                          x.Name,
		Pathway:                       x.Pathway,
		ProcessKey:                    x.ProcessKey,
		ProtocolSlug:                  x.ProtocolSlug,
		RetiredBufferPoolCreditsTotal: quantity(retiredBuf),
		RetiredCreditsTotal:           quantity(retired),
		ShortCode:                     x.ShortCode,
		Status:                        x.Status,
		Supplier:                      r.supplierView(x.SupplierID),
		URL:                           x.URL,
		ValidatorName:                 x.ValidatorName,
	}
}

// orgBatches are the batches listed for an organisation: owned by it, or retired on its behalf
// (beneficiary). Caller holds r.mu.
func (r *Registry) orgBatches(orgID string) []*SeedCreditBatch {
	var out []*SeedCreditBatch
	for _, b := range r.st.CreditBatches {
		if b.OwnerOrganisationID == orgID {
			out = append(out, b)
			continue
		}
		if b.Status == client.CreditBatchStatusRetired && b.RetirementID != nil {
			if rt := r.retirements[*b.RetirementID]; rt != nil && rt.BeneficiaryOrganisationID == orgID {
				out = append(out, b)
			}
		}
	}
	return out
}

func (r *Registry) balance(orgID string) client.OrganisationCreditBalance {
	type acc struct{ active, retired int64 }
	var total acc
	bySup, byPrj, byOrd := map[string]*acc{}, map[string]*acc{}, map[string]*acc{}
	add := func(m map[string]*acc, k string, b *SeedCreditBatch) {
		a := m[k]
		if a == nil {
			a = &acc{}
			m[k] = a
		}
		if b.Status == client.CreditBatchStatusActive {
			a.active += b.SizeKg
		} else {
			a.retired += b.SizeKg
		}
	}
	for _, b := range r.orgBatches(orgID) {
		if b.Status == client.CreditBatchStatusSplit {
			continue
		}
		if b.Status == client.CreditBatchStatusActive {
			total.active += b.SizeKg
		} else {
			total.retired += b.SizeKg
		}
		add(bySup, r.batchSupplier(b), b)
		add(byPrj, r.batchProject(b), b)
		if o := r.batchOrder(b); o != "" {
			add(byOrd, o, b)
		}
	}
	cb := func(a *acc) client.CreditBalance {
		return client.CreditBalance{ActiveCreditsTotal: quantity(a.active), RetiredCreditsTotal: quantity(a.retired)}
	}
	keys := func(m map[string]*acc) []string {
		ks := make([]string, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	out := client.OrganisationCreditBalance{
		OrderBalances:    []client.OrderCreditBalance{},
		ProjectBalances:  []client.ProjectCreditBalance{},
		SupplierBalances: []client.SupplierCreditBalance{},
		Total:            cb(&total),
	}
	for _, k := range keys(bySup) {
		out.SupplierBalances = append(out.SupplierBalances, client.SupplierCreditBalance{SupplierID: k, Total: cb(bySup[k])})
	}
	for _, k := range keys(byPrj) {
		out.ProjectBalances = append(out.ProjectBalances, client.ProjectCreditBalance{ProjectID: k, Total: cb(byPrj[k])})
	}
	for _, k := range keys(byOrd) {
		out.OrderBalances = append(out.OrderBalances, client.OrderCreditBalance{OrderID: k, Total: cb(byOrd[k])})
	}
	return out
}

func projectDocumentView(d *SeedProjectDocument) client.ProjectDocument {
	return client.ProjectDocument{DisplayName: d.DisplayName, ID: d.ID, ProjectID: d.ProjectID, URL: d.URL}
}

func stripeConfigurationView(x *SeedStripeConfiguration) client.SupplierStripeConfiguration {
	return client.SupplierStripeConfiguration{
		AccountID:                        x.AccountID,
		CreditProductPricePerTonne:       x.CreditProductPricePerTonne,
		Currency:                         x.Currency,
		ID:                               x.ID,
		IsometricTermsAndConditionsURL:   x.IsometricTermsAndConditionsURL,
		VerificationProductPricePerTonne: x.VerificationProductPricePerTonne,
	}
}

// ---- lists, most recent first ----

func (r *Registry) ordersView(os []*SeedOrder) []client.Order {
	return views(newestFirst(os, func(o *SeedOrder) time.Time { return o.PlacedAt }), r.orderView)
}

func (r *Registry) deliveriesView(ds []*SeedDelivery) []client.Delivery {
	return views(newestFirst(ds, func(d *SeedDelivery) time.Time { return d.DeliveredAt }), r.deliveryView)
}

func (r *Registry) issuancesView(is []*SeedIssuance) []client.Issuance {
	return views(newestFirst(is, func(x *SeedIssuance) time.Time { return x.IssuedAt }), r.issuanceView)
}

// icrRetirementView is a seed ICR retirement as the ICR answers it. The owner and project blocks
// convert directly: they have the same fields as the client's (a field added to one but not the
// other stops the build).
func icrRetirementView(x *SeedICRRetirement) client.ICRRetirement {
	owner := client.ICROrganizationOwner(x.OrganizationOwner)
	project := client.ICRProject(x.Project)
	return client.ICRRetirement{
		CreatedAt:         x.CreatedAt,
		ID:                x.ID,
		IsClaimed:         x.IsClaimed,
		Reason:            x.Reason,
		Comment:           x.Comment,
		Beneficiary:       x.Beneficiary,
		OrganizationID:    x.OrganizationID,
		OrganizationOwner: &owner,
		Serialization:     x.Serialization,
		Vintage:           x.Vintage,
		Amount:            x.Amount,
		Project:           &project,
	}
}

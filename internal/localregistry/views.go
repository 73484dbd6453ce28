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
		URL:                  CertificateBaseURL + "/" + x.ID,
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
		URL:                  CertificateBaseURL + "/" + x.ID,
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

func (r *Registry) orderView(x *SeedOrder) client.Order {
	return client.Order{
		BuyerOrganisation:     r.orgView(x.BuyerOrganisationID),
		CreditsDelivered:      quantity(r.orderDelivered[x.ID]),
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
	t := r.issuanceOriginal[id]
	return t.all - t.buffer, t.buffer
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
	issued, retired := r.projectIssued[x.ID], r.projectRetired[x.ID]
	return client.Project{
		CountryCode:                   x.CountryCode,
		CreditingPeriodEnd:            x.CreditingPeriodEnd,
		CreditingPeriodStart:          x.CreditingPeriodStart,
		CurrentVerifierName:           x.CurrentVerifierName,
		ID:                            x.ID,
		IssuedBufferPoolCreditsTotal:  quantity(issued.buffer),
		IssuedCreditsTotal:            quantity(issued.all),
		Location:                      x.Location,
		Name:                          x.Name,
		Pathway:                       x.Pathway,
		ProcessKey:                    x.ProcessKey,
		ProtocolSlug:                  x.ProtocolSlug,
		RetiredBufferPoolCreditsTotal: quantity(retired.buffer),
		RetiredCreditsTotal:           quantity(retired.all),
		ShortCode:                     x.ShortCode,
		Status:                        x.Status,
		Supplier:                      r.supplierView(x.SupplierID),
		URL:                           x.URL,
		ValidatorName:                 x.ValidatorName,
	}
}

// balance is the credit balance of an organisation, from the batches listed for it (batch_index.go):
// their active and retired kg, in all and split by supplier, project and order, each list of
// entries sorted by ID. Split batches count in none.
func (r *Registry) balance(orgID string) client.OrganisationCreditBalance {
	out := client.OrganisationCreditBalance{
		OrderBalances:    []client.OrderCreditBalance{},
		ProjectBalances:  []client.ProjectCreditBalance{},
		SupplierBalances: []client.SupplierCreditBalance{},
		Total:            creditBalance(nil),
	}
	o := r.listed[orgID]
	if o == nil {
		return out
	}
	out.Total = creditBalance(&o.all)
	for _, k := range balanceKeys(o.by[dimSupplier]) {
		out.SupplierBalances = append(out.SupplierBalances, client.SupplierCreditBalance{SupplierID: k, Total: creditBalance(o.by[dimSupplier][k])})
	}
	for _, k := range balanceKeys(o.by[dimProject]) {
		out.ProjectBalances = append(out.ProjectBalances, client.ProjectCreditBalance{ProjectID: k, Total: creditBalance(o.by[dimProject][k])})
	}
	for _, k := range balanceKeys(o.by[dimOrder]) {
		out.OrderBalances = append(out.OrderBalances, client.OrderCreditBalance{OrderID: k, Total: creditBalance(o.by[dimOrder][k])})
	}
	return out
}

// creditBalance is the active and retired kg of a list (nil: none).
func creditBalance(l *batchList) client.CreditBalance {
	if l == nil {
		return client.CreditBalance{ActiveCreditsTotal: quantity(0), RetiredCreditsTotal: quantity(0)}
	}
	return client.CreditBalance{ActiveCreditsTotal: quantity(l.kg[stActive]), RetiredCreditsTotal: quantity(l.kg[stRetired])}
}

// balanceKeys are the values of lists that hold an active or retired batch, sorted.
func balanceKeys(lists map[string]*batchList) []string {
	ks := make([]string, 0, len(lists))
	for k, l := range lists {
		if l.count(maskActive|maskRetired) > 0 {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
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

func (r *Registry) ordersPage(os []*SeedOrder) seq[client.Order] {
	return paged(newestFirst(os, func(o *SeedOrder) time.Time { return o.PlacedAt }), r.orderView)
}

func (r *Registry) deliveriesPage(ds []*SeedDelivery) seq[client.Delivery] {
	return paged(deliveriesNewest(ds), r.deliveryView)
}

// deliveriesNewest, retirementsNewest and transfersNewest order transactions most recent first, as
// their lists do (GET /deliveries, /retirements, /transfers and the pages).
func deliveriesNewest(ds []*SeedDelivery) []*SeedDelivery {
	return newestFirst(ds, func(d *SeedDelivery) time.Time { return d.DeliveredAt })
}

func retirementsNewest(rs []*SeedRetirement) []*SeedRetirement {
	return newestFirst(rs, func(x *SeedRetirement) time.Time { return x.RetiredAt })
}

func transfersNewest(ts []*SeedTransfer) []*SeedTransfer {
	return newestFirst(ts, func(t *SeedTransfer) time.Time { return t.TransferredAt })
}

// projectsNewest orders projects by created_at, newest first (GET /suppliers/{id}/projects).
func projectsNewest(ps []*SeedProject) []*SeedProject {
	return newestFirst(ps, func(x *SeedProject) time.Time { return x.CreatedAt })
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

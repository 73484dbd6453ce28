package localregistry

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Validate checks a seed for consistency: ID formats, dangling references, sizes, serial ranges,
// split trees, transaction records and order totals. Errors name the record and the field; they
// are sorted, and at most 20 are listed.
//
// It runs in two rounds: the first checks every record's ID and the references between the
// catalogue collections, and stops there on any problem (the second relies on it: no null records,
// every ID indexed); the second checks the credit batches and the transactions against each other.
func (s *Seed) Validate() error {
	v := &seedCheck{s: s, ids: map[string]string{}}
	if s.ClientSecret == "" {
		v.bad("client_secret: must not be empty")
	}
	v.checkOrganisations()
	v.checkTokens()
	v.checkSuppliers()
	v.checkProjects()
	v.checkProjectDocuments()
	v.checkIssuances()
	v.batches = checkRecords(v, s.CreditBatches, "credit_batches", "credit batch", "ctb_")
	v.orders = checkRecords(v, s.Orders, "orders", "order", "ord_")
	v.deliveries = checkRecords(v, s.Deliveries, "deliveries", "delivery", "dlv_")
	v.retirements = checkRecords(v, s.Retirements, "retirements", "retirement", "ret_")
	v.transfers = checkRecords(v, s.Transfers, "transfers", "transfer", "tfr_")
	v.refunds = checkRecords(v, s.Refunds, "refunds", "refund", "bpr_")
	if len(v.errs) > 0 {
		return seedError(v.errs)
	}

	v.deliveryLists = listings(s.Deliveries)
	v.retirementLists = listings(s.Retirements)
	for _, b := range s.CreditBatches {
		v.checkCreditBatch(b)
	}
	v.checkOrders(v.checkDeliveries())
	for _, r := range s.Retirements {
		v.checkRetirement(r)
	}
	for _, t := range s.Transfers {
		v.checkTransfer(t)
	}
	for _, r := range s.Refunds {
		v.checkRefund(r)
	}
	v.checkStripeConfigurations()
	v.checkICR()
	if len(v.errs) > 0 {
		return seedError(v.errs)
	}
	return nil
}

// seedCheck is one run of Validate: the problems found so far, every ID seen (with the kind of
// record that holds it) and the records indexed by ID.
type seedCheck struct {
	s    *Seed
	errs []string
	ids  map[string]string
	seedIndex

	// deliveryLists and retirementLists hold each (transaction, batch) pair the transactions
	// list, so that a batch finds its transaction's entry without scanning the list.
	deliveryLists, retirementLists map[listing]bool
}

// listing is a transaction listing a credit batch in its credit_batch_ids.
type listing struct{ tx, batch string }

func listings[P interface {
	seedRecord
	txRecord
}](records []P) map[listing]bool {
	m := map[listing]bool{}
	for _, x := range records {
		for _, b := range x.batchIDs() {
			m[listing{x.seedID(), b}] = true
		}
	}
	return m
}

func (v *seedCheck) bad(format string, a ...any) { v.errs = append(v.errs, fmt.Sprintf(format, a...)) }

// seen checks an ID of a record of kind: its prefix, its length and that no other record has it.
func (v *seedCheck) seen(kind, id, prefix string) {
	if !validID(id, prefix) {
		v.bad("%s %q: id must start with %q and be 20-37 characters long", kind, id, prefix)
	}
	if prev, dup := v.ids[id]; dup {
		v.bad("%s %q: duplicate id (already used by a %s)", kind, id, prev)
	}
	v.ids[id] = kind
}

// checkRecords reports null entries of one seed collection (named field) and checks each ID; it
// returns the records indexed by ID.
func checkRecords[P seedRecord](v *seedCheck, items []P, field, kind, prefix string) map[string]P {
	var null P
	for i, x := range items {
		if x == null {
			v.bad("%s[%d]: null", field, i)
			continue
		}
		v.seen(kind, x.seedID(), prefix)
	}
	return indexByID(items)
}

func validID(id, prefix string) bool {
	return strings.HasPrefix(id, prefix) && len(id) >= 20 && len(id) <= 37
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func seedError(errs []string) error {
	sort.Strings(errs)
	if len(errs) > 20 {
		errs = append(errs[:20], fmt.Sprintf("... and %d more", len(errs)-20))
	}
	return errors.New("invalid seed:\n  " + strings.Join(errs, "\n  "))
}

// ---- first round: IDs and the catalogue ----

func (v *seedCheck) checkOrganisations() {
	v.orgs = checkRecords(v, v.s.Organisations, "organisations", "organisation", "org_")
	for _, o := range v.s.Organisations {
		if o == nil {
			continue
		}
		if o.Name == "" {
			v.bad("organisation %s: name must not be empty", o.ID)
		}
		for _, b := range o.Beneficiaries {
			if v.orgs[b] == nil {
				v.bad("organisation %s: beneficiary %q is not an organisation of the seed", o.ID, b)
			}
		}
		for _, t := range o.Transferees {
			if v.orgs[t] == nil {
				v.bad("organisation %s: transferee %q is not an organisation of the seed", o.ID, t)
			}
		}
	}
}

func (v *seedCheck) checkTokens() {
	tokens := map[string]bool{}
	for i, t := range v.s.Tokens {
		if t == nil || t.Token == "" {
			v.bad("tokens[%d]: token must not be empty", i)
			continue
		}
		if tokens[t.Token] {
			v.bad("tokens[%d]: duplicate token", i)
		}
		tokens[t.Token] = true
		if v.orgs[t.OrganisationID] == nil {
			v.bad("tokens[%d]: organisation_id %q is not an organisation of the seed", i, t.OrganisationID)
		}
	}
}

func (v *seedCheck) checkSuppliers() {
	v.suppliers = checkRecords(v, v.s.Suppliers, "suppliers", "supplier", "spl_")
	supOrg := map[string]bool{}
	for _, sp := range v.s.Suppliers {
		if sp == nil {
			continue
		}
		if v.orgs[sp.OrganisationID] == nil {
			v.bad("supplier %s: organisation_id %q is not an organisation of the seed", sp.ID, sp.OrganisationID)
		}
		if supOrg[sp.OrganisationID] {
			v.bad("supplier %s: organisation %s already belongs to another supplier", sp.ID, sp.OrganisationID)
		}
		supOrg[sp.OrganisationID] = true
	}
}

func (v *seedCheck) checkProjects() {
	v.projects = checkRecords(v, v.s.Projects, "projects", "project", "prj_")
	for _, p := range v.s.Projects {
		if p == nil {
			continue
		}
		if v.suppliers[p.SupplierID] == nil {
			v.bad("project %s: supplier_id %q is not a supplier of the seed", p.ID, p.SupplierID)
		}
		if p.Name == "" || p.Status == "" || p.Pathway == "" {
			v.bad("project %s: name, status and pathway are required", p.ID)
		}
		for _, d := range []*string{p.CreditingPeriodStart, p.CreditingPeriodEnd} {
			if d != nil && !validDate(*d) {
				v.bad("project %s: crediting period date %q is not YYYY-MM-DD", p.ID, *d)
			}
		}
	}
}

// checkProjectDocuments: document IDs have no prefix, but are unique among all IDs.
func (v *seedCheck) checkProjectDocuments() {
	for i, d := range v.s.ProjectDocuments {
		if d == nil {
			v.bad("project_documents[%d]: null", i)
			continue
		}
		if len(d.ID) < 20 || len(d.ID) > 37 {
			v.bad("project document %q: id must be 20-37 characters long", d.ID)
		}
		if _, dup := v.ids[d.ID]; dup {
			v.bad("project document %q: duplicate id", d.ID)
		}
		v.ids[d.ID] = "project document"
		if v.projects[d.ProjectID] == nil {
			v.bad("project document %s: project_id %q is not a project of the seed", d.ID, d.ProjectID)
		}
	}
}

func (v *seedCheck) checkIssuances() {
	v.issuances = checkRecords(v, v.s.Issuances, "issuances", "issuance", "iss_")
	for _, is := range v.s.Issuances {
		if is == nil {
			continue
		}
		if v.suppliers[is.SupplierID] == nil {
			v.bad("issuance %s: supplier_id %q is not a supplier of the seed", is.ID, is.SupplierID)
		}
		if p := v.projects[is.ProjectID]; p == nil {
			v.bad("issuance %s: project_id %q is not a project of the seed", is.ID, is.ProjectID)
		} else if p.SupplierID != is.SupplierID {
			v.bad("issuance %s: project %s belongs to supplier %s, not %s", is.ID, p.ID, p.SupplierID, is.SupplierID)
		}
		if is.IssuedAt.IsZero() {
			v.bad("issuance %s: issued_at is required", is.ID)
		}
		if !validDate(is.ReportingPeriodStartAt) || !validDate(is.ReportingPeriodEndAt) {
			v.bad("issuance %s: reporting_period_start_at/reporting_period_end_at must be YYYY-MM-DD", is.ID)
		}
	}
}

// ---- second round: credit batches and transactions ----

func (v *seedCheck) checkCreditBatch(b *SeedCreditBatch) {
	v.checkBatchFields(b)
	v.checkBatchStatus(b)
	if b.Status == client.CreditBatchStatusSplit && b.LeftChildID != nil && b.RightChildID != nil {
		v.checkBatchChildren(b)
	}
	if b.ParentID != nil {
		v.checkBatchParent(b)
	}
	if b.DeliveryID != nil {
		v.checkBatchDelivery(b)
	}
}

// checkBatchFields: references, size, serial range, dates and codes of a batch.
func (v *seedCheck) checkBatchFields(b *SeedCreditBatch) {
	if v.issuances[b.IssuanceID] == nil {
		v.bad("credit batch %s: issuance_id %q is not an issuance of the seed", b.ID, b.IssuanceID)
	}
	if v.orgs[b.OwnerOrganisationID] == nil {
		v.bad("credit batch %s: owner_organisation_id %q is not an organisation of the seed", b.ID, b.OwnerOrganisationID)
	}
	if b.SizeKg <= 0 {
		v.bad("credit batch %s: size_kg must be > 0, got %d", b.ID, b.SizeKg)
	}
	if _, start, end, ok := parseSerial(b.SerialNumber); !ok {
		v.bad("credit batch %s: serial_number %q must end in -START-END (END >= START)", b.ID, b.SerialNumber)
	} else if end-start != b.SizeKg {
		v.bad("credit batch %s: serial range %d-%d holds %d kg but size_kg is %d", b.ID, start, end, end-start, b.SizeKg)
	}
	if !validDate(b.SequesteredOn) {
		v.bad("credit batch %s: sequestered_on %q is not YYYY-MM-DD", b.ID, b.SequesteredOn)
	}
	if len(b.CountryOfIssue) != 3 {
		v.bad("credit batch %s: country_of_issue must be a 3-letter code", b.ID)
	}
	if b.RemovalID == "" || len(b.RemovalID) < 20 || len(b.RemovalID) > 37 {
		v.bad("credit batch %s: removal_id must be 20-37 characters long", b.ID)
	}
}

// checkBatchStatus: the status is known, split batches (only those) have both children, retired
// batches (only those) a retirement that lists them and has the same owner.
func (v *seedCheck) checkBatchStatus(b *SeedCreditBatch) {
	switch b.Status {
	case client.CreditBatchStatusActive, client.CreditBatchStatusRetired, client.CreditBatchStatusSplit:
	default:
		v.bad("credit batch %s: status %q must be active, split or retired", b.ID, b.Status)
	}
	if (b.Status == client.CreditBatchStatusSplit) != (b.LeftChildID != nil && b.RightChildID != nil) {
		v.bad("credit batch %s: status split requires left_child_id and right_child_id (and only split batches have them)", b.ID)
	}
	if (b.Status == client.CreditBatchStatusRetired) != (b.RetirementID != nil) {
		v.bad("credit batch %s: retired batches (and only those) have a retirement_id", b.ID)
	}
	if b.RetirementID == nil {
		return
	}
	r := v.retirements[*b.RetirementID]
	switch {
	case r == nil:
		v.bad("credit batch %s: retirement_id %q is not a retirement of the seed", b.ID, *b.RetirementID)
	case !v.retirementLists[listing{r.ID, b.ID}]:
		v.bad("credit batch %s: retirement %s does not list it in credit_batch_ids", b.ID, r.ID)
	case r.OwnerOrganisationID != b.OwnerOrganisationID:
		v.bad("credit batch %s: owned by %s but retired by %s", b.ID, b.OwnerOrganisationID, r.OwnerOrganisationID)
	}
}

// checkBatchChildren: the children of a split batch name it as their parent, keep its issuance, and
// split its size and its serial range.
func (v *seedCheck) checkBatchChildren(b *SeedCreditBatch) {
	l, r := v.batches[*b.LeftChildID], v.batches[*b.RightChildID]
	if l == nil || r == nil {
		v.bad("credit batch %s: child %s / %s is not a credit batch of the seed", b.ID, *b.LeftChildID, *b.RightChildID)
		return
	}
	if l.ParentID == nil || *l.ParentID != b.ID || r.ParentID == nil || *r.ParentID != b.ID {
		v.bad("credit batch %s: children %s and %s must have parent_id %s", b.ID, l.ID, r.ID, b.ID)
	}
	if l.SizeKg+r.SizeKg != b.SizeKg {
		v.bad("credit batch %s: children sizes %d + %d do not add up to %d", b.ID, l.SizeKg, r.SizeKg, b.SizeKg)
	}
	if l.IssuanceID != b.IssuanceID || r.IssuanceID != b.IssuanceID {
		v.bad("credit batch %s: children must keep issuance %s", b.ID, b.IssuanceID)
	}
	pp, ps, pe, ok1 := parseSerial(b.SerialNumber)
	lp, ls, le, ok2 := parseSerial(l.SerialNumber)
	rp, rs, re, ok3 := parseSerial(r.SerialNumber)
	if ok1 && ok2 && ok3 && (lp != pp || rp != pp || ls != ps || le != rs || re != pe) {
		v.bad("credit batch %s: children serial ranges %s / %s must split %s", b.ID, l.SerialNumber, r.SerialNumber, b.SerialNumber)
	}
}

// checkBatchParent: a child's parent exists and names it as a child.
func (v *seedCheck) checkBatchParent(b *SeedCreditBatch) {
	p := v.batches[*b.ParentID]
	if p == nil {
		v.bad("credit batch %s: parent_id %q is not a credit batch of the seed", b.ID, *b.ParentID)
	} else if (p.LeftChildID == nil || *p.LeftChildID != b.ID) && (p.RightChildID == nil || *p.RightChildID != b.ID) {
		v.bad("credit batch %s: parent %s does not name it as a child", b.ID, p.ID)
	}
}

// checkBatchDelivery: the delivery exists and, for an original batch (split children inherit the
// delivery_id), lists the batch.
func (v *seedCheck) checkBatchDelivery(b *SeedCreditBatch) {
	d := v.deliveries[*b.DeliveryID]
	if d == nil {
		v.bad("credit batch %s: delivery_id %q is not a delivery of the seed", b.ID, *b.DeliveryID)
		return
	}
	if b.ParentID == nil && !v.deliveryLists[listing{d.ID, b.ID}] {
		v.bad("credit batch %s: delivery %s does not list it in credit_batch_ids", b.ID, d.ID)
	}
}

// checkDeliveries checks each delivery against its order and batches, and returns the kg
// delivered per order.
func (v *seedCheck) checkDeliveries() map[string]int64 {
	delivered := map[string]int64{}
	for _, d := range v.s.Deliveries {
		o := v.orders[d.OrderID]
		if o == nil {
			v.bad("delivery %s: order_id %q is not an order of the seed", d.ID, d.OrderID)
			continue
		}
		if d.DeliveredAt.IsZero() {
			v.bad("delivery %s: delivered_at is required", d.ID)
		}
		if len(d.CreditBatchIDs) == 0 {
			v.bad("delivery %s: credit_batch_ids must not be empty", d.ID)
		}
		for _, id := range d.CreditBatchIDs {
			b := v.batches[id]
			if b == nil {
				v.bad("delivery %s: credit batch %q is not a credit batch of the seed", d.ID, id)
				continue
			}
			if is := v.issuances[b.IssuanceID]; is != nil && is.SupplierID != o.SupplierID {
				v.bad("delivery %s: credit batch %s is from supplier %s, not the order's supplier %s", d.ID, id, is.SupplierID, o.SupplierID)
			}
			if b.DeliveryID == nil || *b.DeliveryID != d.ID {
				v.bad("delivery %s: credit batch %s must have delivery_id %s", d.ID, id, d.ID)
			}
			delivered[o.ID] += b.SizeKg
		}
	}
	return delivered
}

// checkOrders: each order's fields, and a status that agrees with the kg delivered.
func (v *seedCheck) checkOrders(delivered map[string]int64) {
	for _, o := range v.s.Orders {
		if v.suppliers[o.SupplierID] == nil {
			v.bad("order %s: supplier_id %q is not a supplier of the seed", o.ID, o.SupplierID)
		}
		if v.orgs[o.BuyerOrganisationID] == nil {
			v.bad("order %s: buyer_organisation_id %q is not an organisation of the seed", o.ID, o.BuyerOrganisationID)
		}
		if !validDate(o.EffectiveContractDate) {
			v.bad("order %s: effective_contract_date %q is not YYYY-MM-DD", o.ID, o.EffectiveContractDate)
		}
		if o.CreditsOrderedKg <= 0 {
			v.bad("order %s: credits_ordered_kg must be > 0", o.ID)
		}
		d := delivered[o.ID]
		if d > o.CreditsOrderedKg {
			v.bad("order %s: %d kg delivered exceeds %d kg ordered", o.ID, d, o.CreditsOrderedKg)
		}
		switch o.Status {
		case client.OrderStatusCompleted:
			if d != o.CreditsOrderedKg || o.FulfilledAt == nil {
				v.bad("order %s: status completed requires all %d kg delivered (got %d) and fulfilled_at", o.ID, o.CreditsOrderedKg, d)
			}
		case client.OrderStatusPlaced, client.OrderStatusInProgress:
			if d == o.CreditsOrderedKg || o.FulfilledAt != nil {
				v.bad("order %s: status %s but fully delivered or fulfilled_at set", o.ID, o.Status)
			}
		default:
			v.bad("order %s: status %q must be placed, in_progress or completed", o.ID, o.Status)
		}
	}
}

// checkTxBatches: a transaction lists at least one batch (a transfer may list none: a transfer of
// nothing), each a batch of the seed, and (when supplierID is given) each from that supplier.
func (v *seedCheck) checkTxBatches(kind, id string, batchIDs []string, supplierID string) {
	if len(batchIDs) == 0 && kind != "transfer" {
		v.bad("%s %s: credit_batch_ids must not be empty", kind, id)
	}
	for _, bid := range batchIDs {
		b := v.batches[bid]
		if b == nil {
			v.bad("%s %s: credit batch %q is not a credit batch of the seed", kind, id, bid)
			continue
		}
		if supplierID != "" {
			if is := v.issuances[b.IssuanceID]; is != nil && is.SupplierID != supplierID {
				v.bad("%s %s: credit batch %s is from supplier %s, not %s", kind, id, bid, is.SupplierID, supplierID)
			}
		}
	}
}

func (v *seedCheck) checkRetirement(r *SeedRetirement) {
	if v.orgs[r.OwnerOrganisationID] == nil || v.orgs[r.BeneficiaryOrganisationID] == nil {
		v.bad("retirement %s: owner/beneficiary must be organisations of the seed", r.ID)
	}
	if v.suppliers[r.SupplierID] == nil {
		v.bad("retirement %s: supplier_id %q is not a supplier of the seed", r.ID, r.SupplierID)
	}
	v.checkTxBatches("retirement", r.ID, r.CreditBatchIDs, r.SupplierID)
	for _, bid := range r.CreditBatchIDs {
		if b := v.batches[bid]; b != nil && (b.RetirementID == nil || *b.RetirementID != r.ID) {
			v.bad("retirement %s: credit batch %s must have retirement_id %s", r.ID, bid, r.ID)
		}
	}
}

func (v *seedCheck) checkTransfer(t *SeedTransfer) {
	if v.orgs[t.FromOrganisationID] == nil || v.orgs[t.ToOrganisationID] == nil {
		v.bad("transfer %s: from/to must be organisations of the seed", t.ID)
	}
	if v.suppliers[t.SupplierID] == nil {
		v.bad("transfer %s: supplier_id %q is not a supplier of the seed", t.ID, t.SupplierID)
	}
	v.checkTxBatches("transfer", t.ID, t.CreditBatchIDs, t.SupplierID)
}

func (v *seedCheck) checkRefund(r *SeedRefund) {
	if v.orgs[r.FromBufferPoolOrganisationID] == nil || v.orgs[r.ToOrganisationID] == nil {
		v.bad("refund %s: from/to must be organisations of the seed", r.ID)
	}
	v.checkTxBatches("refund", r.ID, r.CreditBatchIDs, "")
	for _, bid := range r.CreditBatchIDs {
		if b := v.batches[bid]; b != nil && !b.BufferPool {
			v.bad("refund %s: credit batch %s is not a buffer pool batch", r.ID, bid)
		}
	}
}

// checkStripeConfigurations: IDs have no prefix (and are not checked for uniqueness); the supplier exists.
func (v *seedCheck) checkStripeConfigurations() {
	for i, c := range v.s.StripeConfigurations {
		if c == nil {
			v.bad("stripe_configurations[%d]: null", i)
			continue
		}
		if len(c.ID) < 20 || len(c.ID) > 37 {
			v.bad("stripe configuration %q: id must be 20-37 characters long", c.ID)
		}
		if v.suppliers[c.SupplierID] == nil {
			v.bad("stripe configuration %s: supplier_id %q is not a supplier of the seed", c.ID, c.SupplierID)
		}
	}
}

// checkICR: ICR retirements have an ID, unique among them; the rest is served as it is.
func (v *seedCheck) checkICR() {
	if v.s.ICR == nil {
		return
	}
	seen := map[string]bool{}
	for i, r := range v.s.ICR.Retirements {
		if r == nil || r.ID == "" {
			v.bad("icr.retirements[%d]: id is required", i)
			continue
		}
		if seen[r.ID] {
			v.bad("icr retirement %s: duplicate id", r.ID)
		}
		seen[r.ID] = true
	}
}

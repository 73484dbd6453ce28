package localregistry

import (
	"slices"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// The credit batch index: for each organisation, the batches listed for it (owned by it, or
// retired on its behalf; GET /organisations/{id}/credit_batches) as a batchList in the oldest-first
// order, and the same batches split by supplier, project, delivery, order and supplier+vintage; and
// the totals the views of projects, issuances and orders show. The lists serve a page of batches,
// its total_count and cursors, balances and oldest-first retirements without walking every batch
// of the world. (The batches of an issuance need no lists of their own: they share its issued_at,
// so they lie in one range of any list; those of a retirement are the ones it lists.) Every change
// of a batch goes through unindexBatch (before the change) and indexBatch (after it). Caller holds
// r.mu for writing.

// dim is one of the ways an organisation's batches are split into lists.
type dim int

const (
	dimSupplier dim = iota
	dimProject
	dimDelivery
	dimOrder
	dimSupplierVintage // "supplier_id/YYYY": oldest-first retirements with a vintage
	numDims
)

// orgLists are the batches listed for one organisation: all of them, and split by each dim.
type orgLists struct {
	all batchList
	by  [numDims]map[string]*batchList
}

func (o *orgLists) list(d dim, v string) *batchList {
	return o.by[d][v]
}

// batchIndex is the credit batch index of a registry.
type batchIndex struct {
	listed map[string]*orgLists // organisation -> the batches listed for it

	// Totals of the views: kg issued (original batches) and retired per project, kg of original
	// batches per issuance, each with the part in buffer pool batches; the original batches of
	// each issuance, oldest first; kg delivered per order.
	projectIssued, projectRetired map[string]kgSplit
	issuanceOriginal              map[string]kgSplit
	issuanceOriginals             map[string][]*SeedCreditBatch
	orderDelivered                map[string]int64
}

// kgSplit is a quantity and the part of it in buffer pool batches.
type kgSplit struct{ all, buffer int64 }

func (k *kgSplit) add(b *SeedCreditBatch, sign int) {
	k.all += int64(sign) * b.SizeKg
	if b.BufferPool {
		k.buffer += int64(sign) * b.SizeKg
	}
}

func newBatchIndex() batchIndex {
	return batchIndex{listed: map[string]*orgLists{},
		projectIssued: map[string]kgSplit{}, projectRetired: map[string]kgSplit{}, issuanceOriginal: map[string]kgSplit{},
		issuanceOriginals: map[string][]*SeedCreditBatch{}, orderDelivered: map[string]int64{}}
}

// buildBatchIndex indexes every batch and delivery of the state: the batches in the oldest-first
// order, so that each is appended to its lists.
func (r *Registry) buildBatchIndex() {
	r.batchIndex = newBatchIndex()
	bs := slices.Clone(r.st.CreditBatches)
	for _, b := range bs {
		r.key(b)
	}
	r.sortOldestFirst(bs)
	for _, b := range bs {
		r.reindex(b, 1, (*batchList).appendLast)
		if original(b) {
			r.issuanceOriginals[b.IssuanceID] = append(r.issuanceOriginals[b.IssuanceID], b)
		}
	}
	for _, d := range r.st.Deliveries {
		r.orderDelivered[d.OrderID] += r.sumKg(d.CreditBatchIDs)
	}
}

// listedFor are the organisations b is listed for: its owner, and the beneficiary of its
// retirement when that is another organisation.
func (r *Registry) listedFor(b *SeedCreditBatch) []string {
	if b.Status == client.CreditBatchStatusRetired && b.RetirementID != nil {
		if rt := r.retirements[*b.RetirementID]; rt != nil && rt.BeneficiaryOrganisationID != b.OwnerOrganisationID {
			return []string{b.OwnerOrganisationID, rt.BeneficiaryOrganisationID}
		}
	}
	return []string{b.OwnerOrganisationID}
}

// dimValue is the value of b in dim d ("" = none: b is in no list of that dim).
func (r *Registry) dimValue(b *SeedCreditBatch, d dim) string {
	switch d {
	case dimSupplier:
		return r.batchSupplier(b)
	case dimProject:
		return r.batchProject(b)
	case dimDelivery:
		return deref(b.DeliveryID)
	case dimOrder:
		return r.batchOrder(b)
	case dimSupplierVintage:
		if len(b.SequesteredOn) >= 4 {
			return r.batchSupplier(b) + "/" + b.SequesteredOn[:4]
		}
	}
	return ""
}

// indexBatch adds b, as it is now, to the lists and totals.
func (r *Registry) indexBatch(b *SeedCreditBatch) {
	r.reindex(b, 1, func(l *batchList, b *SeedCreditBatch) { l.insert(b, r.key) })
}

// unindexBatch takes b, as it is now, out of the lists and totals: before b changes.
func (r *Registry) unindexBatch(b *SeedCreditBatch) {
	r.reindex(b, -1, func(l *batchList, b *SeedCreditBatch) { l.remove(b, r.key) })
}

// reindex applies op (an insertion or a removal) to each list of b, and adds sign times b to the
// totals.
func (r *Registry) reindex(b *SeedCreditBatch, sign int, op func(*batchList, *SeedCreditBatch)) {
	r.key(b)
	var vals [numDims]string
	for d := range numDims {
		vals[d] = r.dimValue(b, d)
	}
	for _, org := range r.listedFor(b) {
		o := r.listed[org]
		if o == nil {
			o = &orgLists{}
			for d := range o.by {
				o.by[d] = map[string]*batchList{}
			}
			r.listed[org] = o
		}
		op(&o.all, b)
		for d, v := range vals {
			if v == "" {
				continue
			}
			l := o.by[d][v]
			if l == nil {
				l = &batchList{}
				o.by[d][v] = l
			}
			op(l, b)
		}
	}
	prj := vals[dimProject]
	if original(b) {
		t := r.projectIssued[prj]
		t.add(b, sign)
		r.projectIssued[prj] = t
		t = r.issuanceOriginal[b.IssuanceID]
		t.add(b, sign)
		r.issuanceOriginal[b.IssuanceID] = t
	}
	if b.Status == client.CreditBatchStatusRetired {
		t := r.projectRetired[prj]
		t.add(b, sign)
		r.projectRetired[prj] = t
	}
}

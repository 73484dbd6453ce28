package localregistry

import (
	"sort"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// The GET endpoints of the API. Each validates its path and query first (422), then looks the
// record up (404), then checks that the acting organisation may see it (403).

// ---- lookups and answers shared by the endpoints ----

// find is the record id of records, once the request's path and query are valid; 404
// "<kind> <id> not found" when there is none.
func find[T any](c *rctx, records map[string]*T, kind, id string) (*T, error) {
	if err := c.v.err(); err != nil {
		return nil, err
	}
	x := records[id]
	if x == nil {
		return nil, notFound("%s %s not found", kind, id)
	}
	return x, nil
}

// findVisible is find, then 403 "Organisation <org> is <relation> <id>" unless the acting
// organisation may see the record.
func findVisible[T any](c *rctx, records map[string]*T, kind, id string, canSee func(org string, x *T) bool, relation string) (*T, error) {
	x, err := find(c, records, kind, id)
	if err != nil {
		return nil, err
	}
	if !canSee(c.org, x) {
		return nil, forbidden("Organisation %s is %s %s", c.org, relation, id)
	}
	return x, nil
}

// orNull answers the record the {id} path parameter names through view, or null when there is
// none (what the spec answers for organisations, projects and suppliers).
func orNull[T, V any](c *rctx, records map[string]*T, view func(*T) V) (any, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	x := records[id]
	if x == nil {
		return nullBody{}, nil
	}
	return view(x), nil
}

// show is an endpoint answering view of the record that from finds for the request.
func show[T, V any](from func(*rctx) (T, error), view func(T) V) apiHandler {
	return func(c *rctx) (any, error) {
		x, err := from(c)
		if err != nil {
			return nil, err
		}
		return view(x), nil
	}
}

// showBatches is an endpoint listing the credit batches of the transaction that from finds, in the
// transaction's order.
func showBatches[T txRecord](r *Registry, from func(*rctx) (T, error)) apiHandler {
	return show(from, func(x T) client.List[client.CreditBatch] { return list(r.batchesView(x.batchIDs())) })
}

// The records the {id} path parameter names, with the visibility check of their kind.

func (r *Registry) batchFromPath(c *rctx) (*SeedCreditBatch, error) {
	return find(c, r.batches, "Credit batch", c.pathID())
}

func (r *Registry) issuanceFromPath(c *rctx) (*SeedIssuance, error) {
	return find(c, r.issuances, "Issuance", c.pathID())
}

func (r *Registry) findOrder(c *rctx, id string) (*SeedOrder, error) {
	return findVisible(c, r.orders, "Order", id, r.canSeeOrder, "neither the buyer nor the supplier of order")
}

func (r *Registry) orderFromPath(c *rctx) (*SeedOrder, error) { return r.findOrder(c, c.pathID()) }

func (r *Registry) deliveryFromPath(c *rctx) (*SeedDelivery, error) {
	return findVisible(c, r.deliveries, "Delivery", c.pathID(), r.canSeeDelivery, "not a party to delivery")
}

func (r *Registry) transferFromPath(c *rctx) (*SeedTransfer, error) {
	return findVisible(c, r.transfers, "Transfer", c.pathID(), canSeeTransfer, "not a party to transfer")
}

func (r *Registry) retirementFromPath(c *rctx) (*SeedRetirement, error) {
	return findVisible(c, r.retirements, "Retirement", c.pathID(), canSeeRetirement, "neither the owner nor the beneficiary of retirement")
}

func (r *Registry) refundFromPath(c *rctx) (*SeedRefund, error) {
	return findVisible(c, r.refunds, "Refund", c.pathID(), canSeeRefund, "not a party to refund")
}

// ---- organisations ----

func (r *Registry) getCurrentOrganisation(c *rctx) (any, error) {
	return r.orgView(c.org), nil
}

func (r *Registry) getOrganisation(c *rctx) (any, error) {
	return orNull(c, r.orgs, func(o *SeedOrganisation) client.Organisation { return r.orgView(o.ID) })
}

func (r *Registry) getOrganisationCreditBalance(c *rctx) (any, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if id != c.org {
		return nil, forbidden("Organisation %s cannot read the credit balance of organisation %s", c.org, id)
	}
	return r.balance(id), nil
}

func (r *Registry) listOrganisationCreditBatches(c *rctx) (any, error) {
	id := c.pathID()
	f := c.creditBatchFilter()
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if id != c.org {
		return nil, forbidden("Organisation %s cannot list the credit batches of organisation %s", c.org, id)
	}
	return paginate(c, p, r.creditBatches(id, f))
}

func (r *Registry) listOrganisationOrders(c *rctx) (any, error) {
	id := c.pathID()
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if id != c.org {
		return nil, forbidden("Organisation %s cannot list the orders of organisation %s", c.org, id)
	}
	os := filter(r.st.Orders, func(o *SeedOrder) bool { return o.BuyerOrganisationID == id })
	return paginate(c, p, r.ordersPage(os))
}

// ---- suppliers ----

func (r *Registry) getCurrentSupplier(c *rctx) (any, error) {
	s, err := r.requireSupplier(c)
	if err != nil {
		return nil, err
	}
	return r.supplierView(s.ID), nil
}

func (r *Registry) listSuppliers(c *rctx) (any, error) {
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	return paginate(c, p, paged(r.st.Suppliers, func(s *SeedSupplier) client.Supplier { return r.supplierView(s.ID) }))
}

func (r *Registry) getSupplier(c *rctx) (any, error) {
	return orNull(c, r.suppliers, func(s *SeedSupplier) client.Supplier { return r.supplierView(s.ID) })
}

// supplierFromPath is the supplier of the {id} path and the page asked for (the supplier's lists).
func (r *Registry) supplierFromPath(c *rctx) (string, page, error) {
	id := c.pathID()
	p := c.pageParams()
	if _, err := find(c, r.suppliers, "Supplier", id); err != nil {
		return "", p, err
	}
	return id, p, nil
}

func (r *Registry) listSupplierDeliveries(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	ds := filter(r.st.Deliveries, func(d *SeedDelivery) bool {
		o := r.orders[d.OrderID]
		return o != nil && o.SupplierID == id && r.canSeeDelivery(c.org, d)
	})
	return paginate(c, p, r.deliveriesPage(ds))
}

func (r *Registry) listSupplierIssuances(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	return paginate(c, p, paged(r.supplierIssuances[id], r.issuanceView))
}

func (r *Registry) listSupplierOrders(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	os := filter(r.st.Orders, func(o *SeedOrder) bool { return o.SupplierID == id && r.canSeeOrder(c.org, o) })
	return paginate(c, p, r.ordersPage(os))
}

func (r *Registry) listSupplierProjects(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	ps := filter(r.st.Projects, func(x *SeedProject) bool { return x.SupplierID == id })
	return paginate(c, p, paged(projectsNewest(ps), r.projectView))
}

// ---- projects ----

func (r *Registry) listProjects(c *rctx) (any, error) {
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	ps := append([]*SeedProject{}, r.st.Projects...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Name != ps[j].Name {
			return ps[i].Name < ps[j].Name
		}
		return ps[i].ID < ps[j].ID
	})
	return paginate(c, p, paged(ps, r.projectView))
}

func (r *Registry) getProject(c *rctx) (any, error) {
	return orNull(c, r.projects, r.projectView)
}

func (r *Registry) listProjectDocuments(c *rctx) (any, error) {
	id := c.pathID()
	p := c.pageParams()
	if _, err := find(c, r.projects, "Project", id); err != nil {
		return nil, err
	}
	docs := filter(r.st.ProjectDocuments, func(d *SeedProjectDocument) bool { return d.ProjectID == id })
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].DisplayName != docs[j].DisplayName {
			return docs[i].DisplayName < docs[j].DisplayName
		}
		return docs[i].ID < docs[j].ID
	})
	return paginate(c, p, records[*SeedProjectDocument, client.ProjectDocument]{items: docs, id: func(d *SeedProjectDocument) string { return d.ID }, view: projectDocumentView})
}

// ---- issuances, orders ----

func (r *Registry) listIssuances(c *rctx) (any, error) {
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	return paginate(c, p, paged(r.issuancesNewest, r.issuanceView))
}

func (r *Registry) getIssuanceCreditBatches(c *rctx) (any, error) {
	x, err := r.issuanceFromPath(c)
	if err != nil {
		return nil, err
	}
	var sup, buf []*SeedCreditBatch
	for _, b := range r.issuanceOriginals[x.ID] {
		if b.BufferPool {
			buf = append(buf, b)
		} else {
			sup = append(sup, b)
		}
	}
	supKg, bufKg := r.issuanceTotals(x.ID)
	return client.IssuanceCreditBatches{
		BufferPoolCreditBatchSizeTotal: quantity(bufKg),
		BufferPoolCreditBatches:        views(buf, r.batchView),
		CreditBatchSizeTotal:           quantity(supKg + bufKg),
		IssuanceID:                     x.ID,
		SupplierCreditBatchSizeTotal:   quantity(supKg),
		SupplierCreditBatches:          views(sup, r.batchView),
	}, nil
}

func (r *Registry) listOrderDeliveries(c *rctx) (any, error) {
	id := c.pathID()
	p := c.pageParams()
	o, err := r.findOrder(c, id)
	if err != nil {
		return nil, err
	}
	ds := filter(r.st.Deliveries, func(d *SeedDelivery) bool { return d.OrderID == o.ID })
	return paginate(c, p, r.deliveriesPage(ds))
}

// ---- transactions ----

func (r *Registry) listDeliveries(c *rctx) (any, error) {
	from := c.queryID("from_supplier_id")
	to := c.queryID("to_organisation_id")
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	ds := filter(r.st.Deliveries, func(d *SeedDelivery) bool {
		o := r.orders[d.OrderID]
		return r.canSeeDelivery(c.org, d) && (from == "" || o.SupplierID == from) && (to == "" || o.BuyerOrganisationID == to)
	})
	return paginate(c, p, r.deliveriesPage(ds))
}

func (r *Registry) listTransfers(c *rctx) (any, error) {
	from := c.queryID("from_organisation_id")
	to := c.queryID("to_organisation_id")
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	ts := filter(r.st.Transfers, func(t *SeedTransfer) bool {
		return canSeeTransfer(c.org, t) && (from == "" || t.FromOrganisationID == from) && (to == "" || t.ToOrganisationID == to)
	})
	return paginate(c, p, paged(transfersNewest(ts), r.transferView))
}

func (r *Registry) listRetirements(c *rctx) (any, error) {
	ben := c.queryID("beneficiary_org_id")
	owner := c.queryID("owner_org_id")
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	rs := filter(r.st.Retirements, func(x *SeedRetirement) bool {
		return canSeeRetirement(c.org, x) && (ben == "" || x.BeneficiaryOrganisationID == ben) && (owner == "" || x.OwnerOrganisationID == owner)
	})
	return paginate(c, p, paged(retirementsNewest(rs), r.retirementView))
}

// ---- beneficiaries, transferees ----

func (r *Registry) orgsPage(c *rctx, ids []string) (any, error) {
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	return paginate(c, p, records[string, client.Organisation]{items: ids, id: func(id string) string { return id }, view: r.orgView})
}

func (r *Registry) listBeneficiaries(c *rctx) (any, error) {
	return r.orgsPage(c, r.orgs[c.org].Beneficiaries)
}

func (r *Registry) listTransferees(c *rctx) (any, error) {
	return r.orgsPage(c, r.orgs[c.org].Transferees)
}

// ---- stripe ----

func (r *Registry) getStripeConfiguration(c *rctx) (any, error) {
	s, err := r.requireSupplier(c)
	if err != nil {
		return nil, err
	}
	x := r.stripeConfig(s.ID)
	if x == nil {
		return nil, notFound("Supplier %s not set up for Stripe Connect", s.ID)
	}
	return stripeConfigurationView(x), nil
}

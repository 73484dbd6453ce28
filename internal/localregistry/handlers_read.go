package localregistry

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func (r *Registry) routes(mux *http.ServeMux) {
	h := func(pattern string, fn apiHandler) {
		mux.Handle(strings.Replace(pattern, " /", " "+APIPrefix+"/", 1), r.wrap(fn))
	}
	// Organisations.
	h("GET /organisation", r.getCurrentOrganisation)
	h("GET /organisations/{id}", r.getOrganisation)
	h("GET /organisations/{id}/credit_balance", r.getOrganisationCreditBalance)
	h("GET /organisations/{id}/credit_batches", r.listOrganisationCreditBatches)
	h("GET /organisations/{id}/orders", r.listOrganisationOrders)
	// Suppliers.
	h("GET /supplier", r.getCurrentSupplier)
	h("GET /suppliers", r.listSuppliers)
	h("GET /suppliers/{id}", r.getSupplier)
	h("GET /suppliers/{id}/deliveries", r.listSupplierDeliveries)
	h("GET /suppliers/{id}/issuances", r.listSupplierIssuances)
	h("GET /suppliers/{id}/orders", r.listSupplierOrders)
	h("GET /suppliers/{id}/projects", r.listSupplierProjects)
	// Projects.
	h("GET /projects", r.listProjects)
	h("GET /projects/{id}", r.getProject)
	h("GET /projects/{id}/documents", r.listProjectDocuments)
	// Credit batches, issuances, orders.
	h("GET /credit_batches/{id}", r.getCreditBatch)
	h("GET /issuances", r.listIssuances)
	h("GET /issuances/{id}", r.getIssuance)
	h("GET /issuances/{id}/credit_batches", r.getIssuanceCreditBatches)
	h("GET /orders/{id}", r.getOrder)
	h("GET /orders/{id}/deliveries", r.listOrderDeliveries)
	// Deliveries.
	h("GET /deliveries", r.listDeliveries)
	h("POST /deliveries", r.createDelivery)
	h("GET /deliveries/{id}", r.getDelivery)
	h("GET /deliveries/{id}/credit_batches", r.getDeliveryCreditBatches)
	// Transfers.
	h("GET /transfers", r.listTransfers)
	h("POST /transfers", r.createTransfer)
	h("GET /transfers/{id}", r.getTransfer)
	h("GET /transfers/{id}/credit_batches", r.getTransferCreditBatches)
	// Retirements.
	h("GET /retirements", r.listRetirements)
	h("POST /retirements", r.createRetirement)
	h("POST /retirements/from_oldest_credits", r.createRetirementFromOldest)
	h("GET /retirements/{id}", r.getRetirement)
	h("GET /retirements/{id}/credit_batches", r.getRetirementCreditBatches)
	// Refunds.
	h("GET /refunds/{id}", r.getRefund)
	h("GET /refunds/{id}/credit_batches", r.getRefundCreditBatches)
	// Beneficiaries, transferees.
	h("GET /beneficiaries", r.listBeneficiaries)
	h("POST /beneficiary", r.createBeneficiary)
	h("GET /transferees", r.listTransferees)
	// Stripe.
	h("GET /stripe/configuration", r.getStripeConfiguration)
	h("POST /stripe/checkout", r.createStripeCheckout)

	mux.HandleFunc(APIPrefix+"/", func(w http.ResponseWriter, req *http.Request) {
		for _, m := range []string{"GET", "POST"} {
			if m == req.Method {
				continue
			}
			alt := req.Clone(req.Context())
			alt.Method = m
			if _, pattern := mux.Handler(alt); pattern != "" && pattern != APIPrefix+"/" {
				writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"detail": "Method Not Allowed"}, nil)
				return
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"detail": "Not Found"}, nil)
	})
}

// ---- visibility ----

func (r *Registry) supplierOrgOf(supplierID string) string {
	if s := r.suppliers[supplierID]; s != nil {
		return s.OrganisationID
	}
	return ""
}

func (r *Registry) canSeeOrder(org string, o *SeedOrder) bool {
	return o.BuyerOrganisationID == org || r.supplierOrgOf(o.SupplierID) == org
}

func (r *Registry) canSeeDelivery(org string, d *SeedDelivery) bool {
	o := r.orders[d.OrderID]
	return o != nil && r.canSeeOrder(org, o)
}

func (r *Registry) canSeeRetirement(org string, x *SeedRetirement) bool {
	return x.OwnerOrganisationID == org || x.BeneficiaryOrganisationID == org
}

func (r *Registry) canSeeTransfer(org string, x *SeedTransfer) bool {
	return x.FromOrganisationID == org || x.ToOrganisationID == org
}

func (r *Registry) canSeeRefund(org string, x *SeedRefund) bool {
	return x.FromBufferPoolOrganisationID == org || x.ToOrganisationID == org
}

func (r *Registry) requireSupplier(c *rctx) (*SeedSupplier, error) {
	s := r.supByOrg[c.org]
	if s == nil {
		return nil, forbidden("Organisation %s is not a supplier; this endpoint is for suppliers only", c.org)
	}
	return s, nil
}

// ---- sorting helpers (stable; ties keep creation order reversed for "most recent first") ----

// newestFirst returns the indexes 0..n-1 ordered by time descending, later-created first on ties.
func newestFirst(n int, at func(i int) time.Time) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = n - 1 - i
	}
	sort.SliceStable(idx, func(a, b int) bool { return at(idx[a]).After(at(idx[b])) })
	return idx
}

// ---- organisations ----

func (r *Registry) getCurrentOrganisation(c *rctx) (any, error) {
	return r.orgView(c.org), nil
}

func (r *Registry) getOrganisation(c *rctx) (any, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if r.orgs[id] == nil {
		return nullBody{}, nil
	}
	return r.orgView(id), nil
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

var statusValues = []string{"active", "split", "retired"}

func (r *Registry) listOrganisationCreditBatches(c *rctx) (any, error) {
	id := c.pathID()
	supplierID := c.queryID("supplier_id")
	projectID := c.queryID("project_id")
	issuanceID := c.queryID("issuance_id")
	deliveryID := c.queryID("delivery_id")
	orderID := c.queryID("order_id")
	retirementID := c.queryID("retirement_id")
	statuses := map[string]bool{"active": true, "retired": true}
	if vals, ok := c.q["status"]; ok && len(vals) > 0 {
		statuses = map[string]bool{}
		for i, s := range vals {
			if v, ok := checkEnum(&c.v, []any{"query", "status", i}, s, statusValues); ok {
				statuses[v] = true
			}
		}
	}
	parseTime := func(name string) (time.Time, bool) {
		vals, ok := c.q[name]
		if !ok || len(vals) == 0 {
			return time.Time{}, false
		}
		// an unescaped "+01:00" arrives as " 01:00"
		s := strings.Replace(vals[len(vals)-1], " ", "+", 1)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
			// pydantic also accepts naive datetimes (taken as UTC here) and bare dates (midnight)
			if t, err := time.Parse(layout, s); err == nil {
				return t, true
			}
		}
		c.v.add([]any{"query", name}, "Input should be a valid datetime, invalid character in date or time", "datetime_from_date_parsing", s,
			map[string]any{"error": "invalid character in date or time"})
		return time.Time{}, false
	}
	after, hasAfter := parseTime("issued_after")
	before, hasBefore := parseTime("issued_before")
	if vals, ok := c.q["sort_field"]; ok && len(vals) > 0 {
		checkEnum(&c.v, []any{"query", "sort_field"}, vals[len(vals)-1], []string{"issued_at"})
	}
	desc := true
	if vals, ok := c.q["sort_direction"]; ok && len(vals) > 0 {
		if v, ok := checkEnum(&c.v, []any{"query", "sort_direction"}, vals[len(vals)-1], []string{"asc", "desc"}); ok {
			desc = v == "desc"
		}
	}
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if id != c.org {
		return nil, forbidden("Organisation %s cannot list the credit batches of organisation %s", c.org, id)
	}
	var out []*SeedCreditBatch
	for _, b := range r.orgBatches(id) {
		is := r.issuances[b.IssuanceID]
		switch {
		case !statuses[string(b.Status)],
			supplierID != "" && is.SupplierID != supplierID,
			projectID != "" && is.ProjectID != projectID,
			issuanceID != "" && b.IssuanceID != issuanceID,
			deliveryID != "" && (b.DeliveryID == nil || *b.DeliveryID != deliveryID),
			orderID != "" && r.batchOrder(b) != orderID,
			retirementID != "" && (b.RetirementID == nil || *b.RetirementID != retirementID),
			hasAfter && !is.IssuedAt.After(after),
			hasBefore && !is.IssuedAt.Before(before):
			continue
		}
		out = append(out, b)
	}
	r.sortOldestFirst(out)
	if desc {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	views := make([]client.CreditBatch, len(out))
	for i, b := range out {
		views[i] = r.batchView(b)
	}
	return paginate(c, p, views, func(b client.CreditBatch) string { return b.ID })
}

// sortOldestFirst orders batches by issued_at, then serial number (prefix, then range start), then id.
func (r *Registry) sortOldestFirst(bs []*SeedCreditBatch) {
	sort.SliceStable(bs, func(i, j int) bool {
		a, b := bs[i], bs[j]
		ta, tb := r.batchIssuedAt(a), r.batchIssuedAt(b)
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
		pa, sa, _, _ := parseSerial(a.SerialNumber)
		pb, sb, _, _ := parseSerial(b.SerialNumber)
		if pa != pb {
			return pa < pb
		}
		if sa != sb {
			return sa < sb
		}
		return a.ID < b.ID
	})
}

func (r *Registry) ordersView(orders []*SeedOrder) []client.Order {
	idx := newestFirst(len(orders), func(i int) time.Time { return orders[i].PlacedAt })
	out := make([]client.Order, 0, len(orders))
	for _, i := range idx {
		out = append(out, r.orderView(orders[i]))
	}
	return out
}

func orderKey(o client.Order) string { return o.ID }

func (r *Registry) listOrganisationOrders(c *rctx) (any, error) {
	id := c.pathID()
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if id != c.org {
		return nil, forbidden("Organisation %s cannot list the orders of organisation %s", c.org, id)
	}
	var os []*SeedOrder
	for _, o := range r.st.Orders {
		if o.BuyerOrganisationID == id {
			os = append(os, o)
		}
	}
	return paginate(c, p, r.ordersView(os), orderKey)
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
	out := make([]client.Supplier, 0, len(r.st.Suppliers))
	for _, s := range r.st.Suppliers {
		out = append(out, r.supplierView(s.ID))
	}
	return paginate(c, p, out, func(s client.Supplier) string { return s.ID })
}

func (r *Registry) getSupplier(c *rctx) (any, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if r.suppliers[id] == nil {
		return nullBody{}, nil
	}
	return r.supplierView(id), nil
}

func (r *Registry) supplierFromPath(c *rctx) (string, page, error) {
	id := c.pathID()
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return "", p, err
	}
	if r.suppliers[id] == nil {
		return "", p, notFound("Supplier %s not found", id)
	}
	return id, p, nil
}

func (r *Registry) deliveriesView(ds []*SeedDelivery) []client.Delivery {
	idx := newestFirst(len(ds), func(i int) time.Time { return ds[i].DeliveredAt })
	out := make([]client.Delivery, 0, len(ds))
	for _, i := range idx {
		out = append(out, r.deliveryView(ds[i]))
	}
	return out
}

func deliveryKey(d client.Delivery) string { return d.ID }

func (r *Registry) listSupplierDeliveries(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	var ds []*SeedDelivery
	for _, d := range r.st.Deliveries {
		if o := r.orders[d.OrderID]; o != nil && o.SupplierID == id && r.canSeeDelivery(c.org, d) {
			ds = append(ds, d)
		}
	}
	return paginate(c, p, r.deliveriesView(ds), deliveryKey)
}

func (r *Registry) issuancesView(is []*SeedIssuance) []client.Issuance {
	idx := newestFirst(len(is), func(i int) time.Time { return is[i].IssuedAt })
	out := make([]client.Issuance, 0, len(is))
	for _, i := range idx {
		out = append(out, r.issuanceView(is[i]))
	}
	return out
}

func (r *Registry) listSupplierIssuances(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	var is []*SeedIssuance
	for _, x := range r.st.Issuances {
		if x.SupplierID == id {
			is = append(is, x)
		}
	}
	return paginate(c, p, r.issuancesView(is), func(i client.Issuance) string { return i.ID })
}

func (r *Registry) listSupplierOrders(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	var os []*SeedOrder
	for _, o := range r.st.Orders {
		if o.SupplierID == id && r.canSeeOrder(c.org, o) {
			os = append(os, o)
		}
	}
	return paginate(c, p, r.ordersView(os), orderKey)
}

func (r *Registry) listSupplierProjects(c *rctx) (any, error) {
	id, p, err := r.supplierFromPath(c)
	if err != nil {
		return nil, err
	}
	var ps []*SeedProject
	for _, x := range r.st.Projects {
		if x.SupplierID == id {
			ps = append(ps, x)
		}
	}
	idx := newestFirst(len(ps), func(i int) time.Time { return ps[i].CreatedAt })
	out := make([]client.Project, 0, len(ps))
	for _, i := range idx {
		out = append(out, r.projectView(ps[i]))
	}
	return paginate(c, p, out, projectKey)
}

// ---- projects ----

func projectKey(p client.Project) string { return p.ID }

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
	out := make([]client.Project, 0, len(ps))
	for _, x := range ps {
		out = append(out, r.projectView(x))
	}
	return paginate(c, p, out, projectKey)
}

func (r *Registry) getProject(c *rctx) (any, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	x := r.projects[id]
	if x == nil {
		return nullBody{}, nil
	}
	return r.projectView(x), nil
}

func (r *Registry) listProjectDocuments(c *rctx) (any, error) {
	id := c.pathID()
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if r.projects[id] == nil {
		return nil, notFound("Project %s not found", id)
	}
	var out []client.ProjectDocument
	for _, d := range r.st.ProjectDocuments {
		if d.ProjectID == id {
			out = append(out, client.ProjectDocument{DisplayName: d.DisplayName, ID: d.ID, ProjectID: d.ProjectID, URL: d.URL})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DisplayName != out[j].DisplayName {
			return out[i].DisplayName < out[j].DisplayName
		}
		return out[i].ID < out[j].ID
	})
	if out == nil {
		out = []client.ProjectDocument{}
	}
	return paginate(c, p, out, func(d client.ProjectDocument) string { return d.ID })
}

// ---- credit batches, issuances, orders ----

func (r *Registry) getCreditBatch(c *rctx) (any, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	b := r.batches[id]
	if b == nil {
		return nil, notFound("Credit batch %s not found", id)
	}
	return r.batchView(b), nil
}

func (r *Registry) listIssuances(c *rctx) (any, error) {
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	return paginate(c, p, r.issuancesView(r.st.Issuances), func(i client.Issuance) string { return i.ID })
}

func (r *Registry) issuanceFromPath(c *rctx) (*SeedIssuance, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	x := r.issuances[id]
	if x == nil {
		return nil, notFound("Issuance %s not found", id)
	}
	return x, nil
}

func (r *Registry) getIssuance(c *rctx) (any, error) {
	x, err := r.issuanceFromPath(c)
	if err != nil {
		return nil, err
	}
	return r.issuanceView(x), nil
}

func (r *Registry) getIssuanceCreditBatches(c *rctx) (any, error) {
	x, err := r.issuanceFromPath(c)
	if err != nil {
		return nil, err
	}
	var sup, buf []*SeedCreditBatch
	for _, b := range r.st.CreditBatches {
		if b.IssuanceID == x.ID && original(b) {
			if b.BufferPool {
				buf = append(buf, b)
			} else {
				sup = append(sup, b)
			}
		}
	}
	r.sortOldestFirst(sup)
	r.sortOldestFirst(buf)
	view := func(bs []*SeedCreditBatch) []client.CreditBatch {
		out := make([]client.CreditBatch, 0, len(bs))
		for _, b := range bs {
			out = append(out, r.batchView(b))
		}
		return out
	}
	supKg, bufKg := r.issuanceTotals(x.ID)
	return client.IssuanceCreditBatches{
		BufferPoolCreditBatchSizeTotal: quantity(bufKg),
		BufferPoolCreditBatches:        view(buf),
		CreditBatchSizeTotal:           quantity(supKg + bufKg),
		IssuanceID:                     x.ID,
		SupplierCreditBatchSizeTotal:   quantity(supKg),
		SupplierCreditBatches:          view(sup),
	}, nil
}

func (r *Registry) orderFromPath(c *rctx) (*SeedOrder, page, error) {
	id := c.pathID()
	var p page
	if strings.HasSuffix(c.req.URL.Path, "/deliveries") {
		p = c.pageParams()
	}
	if err := c.v.err(); err != nil {
		return nil, p, err
	}
	o := r.orders[id]
	if o == nil {
		return nil, p, notFound("Order %s not found", id)
	}
	if !r.canSeeOrder(c.org, o) {
		return nil, p, forbidden("Organisation %s is neither the buyer nor the supplier of order %s", c.org, id)
	}
	return o, p, nil
}

func (r *Registry) getOrder(c *rctx) (any, error) {
	o, _, err := r.orderFromPath(c)
	if err != nil {
		return nil, err
	}
	return r.orderView(o), nil
}

func (r *Registry) listOrderDeliveries(c *rctx) (any, error) {
	o, p, err := r.orderFromPath(c)
	if err != nil {
		return nil, err
	}
	var ds []*SeedDelivery
	for _, d := range r.st.Deliveries {
		if d.OrderID == o.ID {
			ds = append(ds, d)
		}
	}
	return paginate(c, p, r.deliveriesView(ds), deliveryKey)
}

// ---- deliveries ----

func (r *Registry) listDeliveries(c *rctx) (any, error) {
	from := c.queryID("from_supplier_id")
	to := c.queryID("to_organisation_id")
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	var ds []*SeedDelivery
	for _, d := range r.st.Deliveries {
		o := r.orders[d.OrderID]
		if !r.canSeeDelivery(c.org, d) || (from != "" && o.SupplierID != from) || (to != "" && o.BuyerOrganisationID != to) {
			continue
		}
		ds = append(ds, d)
	}
	return paginate(c, p, r.deliveriesView(ds), deliveryKey)
}

func (r *Registry) deliveryFromPath(c *rctx) (*SeedDelivery, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	d := r.deliveries[id]
	if d == nil {
		return nil, notFound("Delivery %s not found", id)
	}
	if !r.canSeeDelivery(c.org, d) {
		return nil, forbidden("Organisation %s is not a party to delivery %s", c.org, id)
	}
	return d, nil
}

func (r *Registry) getDelivery(c *rctx) (any, error) {
	d, err := r.deliveryFromPath(c)
	if err != nil {
		return nil, err
	}
	return r.deliveryView(d), nil
}

func (r *Registry) getDeliveryCreditBatches(c *rctx) (any, error) {
	d, err := r.deliveryFromPath(c)
	if err != nil {
		return nil, err
	}
	return list(r.batchesView(d.CreditBatchIDs)), nil
}

// ---- transfers ----

func (r *Registry) listTransfers(c *rctx) (any, error) {
	from := c.queryID("from_organisation_id")
	to := c.queryID("to_organisation_id")
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	var ts []*SeedTransfer
	for _, t := range r.st.Transfers {
		if !r.canSeeTransfer(c.org, t) || (from != "" && t.FromOrganisationID != from) || (to != "" && t.ToOrganisationID != to) {
			continue
		}
		ts = append(ts, t)
	}
	idx := newestFirst(len(ts), func(i int) time.Time { return ts[i].TransferredAt })
	out := make([]client.Transfer, 0, len(ts))
	for _, i := range idx {
		out = append(out, r.transferView(ts[i]))
	}
	return paginate(c, p, out, func(t client.Transfer) string { return t.ID })
}

func (r *Registry) transferFromPath(c *rctx) (*SeedTransfer, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	t := r.transfers[id]
	if t == nil {
		return nil, notFound("Transfer %s not found", id)
	}
	if !r.canSeeTransfer(c.org, t) {
		return nil, forbidden("Organisation %s is not a party to transfer %s", c.org, id)
	}
	return t, nil
}

func (r *Registry) getTransfer(c *rctx) (any, error) {
	t, err := r.transferFromPath(c)
	if err != nil {
		return nil, err
	}
	return r.transferView(t), nil
}

func (r *Registry) getTransferCreditBatches(c *rctx) (any, error) {
	t, err := r.transferFromPath(c)
	if err != nil {
		return nil, err
	}
	return list(r.batchesView(t.CreditBatchIDs)), nil
}

// ---- retirements ----

func (r *Registry) listRetirements(c *rctx) (any, error) {
	ben := c.queryID("beneficiary_org_id")
	owner := c.queryID("owner_org_id")
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	var rs []*SeedRetirement
	for _, x := range r.st.Retirements {
		if !r.canSeeRetirement(c.org, x) || (ben != "" && x.BeneficiaryOrganisationID != ben) || (owner != "" && x.OwnerOrganisationID != owner) {
			continue
		}
		rs = append(rs, x)
	}
	idx := newestFirst(len(rs), func(i int) time.Time { return rs[i].RetiredAt })
	out := make([]client.Retirement, 0, len(rs))
	for _, i := range idx {
		out = append(out, r.retirementView(rs[i]))
	}
	return paginate(c, p, out, func(x client.Retirement) string { return x.ID })
}

func (r *Registry) retirementFromPath(c *rctx) (*SeedRetirement, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	x := r.retirements[id]
	if x == nil {
		return nil, notFound("Retirement %s not found", id)
	}
	if !r.canSeeRetirement(c.org, x) {
		return nil, forbidden("Organisation %s is neither the owner nor the beneficiary of retirement %s", c.org, id)
	}
	return x, nil
}

func (r *Registry) getRetirement(c *rctx) (any, error) {
	x, err := r.retirementFromPath(c)
	if err != nil {
		return nil, err
	}
	return r.retirementView(x), nil
}

func (r *Registry) getRetirementCreditBatches(c *rctx) (any, error) {
	x, err := r.retirementFromPath(c)
	if err != nil {
		return nil, err
	}
	return list(r.batchesView(x.CreditBatchIDs)), nil
}

// ---- refunds ----

func (r *Registry) refundFromPath(c *rctx) (*SeedRefund, error) {
	id := c.pathID()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	x := r.refunds[id]
	if x == nil {
		return nil, notFound("Refund %s not found", id)
	}
	if !r.canSeeRefund(c.org, x) {
		return nil, forbidden("Organisation %s is not a party to refund %s", c.org, id)
	}
	return x, nil
}

func (r *Registry) getRefund(c *rctx) (any, error) {
	x, err := r.refundFromPath(c)
	if err != nil {
		return nil, err
	}
	return r.refundView(x), nil
}

func (r *Registry) getRefundCreditBatches(c *rctx) (any, error) {
	x, err := r.refundFromPath(c)
	if err != nil {
		return nil, err
	}
	return list(r.batchesView(x.CreditBatchIDs)), nil
}

// ---- beneficiaries, transferees ----

func (r *Registry) orgsPage(c *rctx, ids []string) (any, error) {
	p := c.pageParams()
	if err := c.v.err(); err != nil {
		return nil, err
	}
	out := make([]client.Organisation, 0, len(ids))
	for _, id := range ids {
		out = append(out, r.orgView(id))
	}
	return paginate(c, p, out, func(o client.Organisation) string { return o.ID })
}

func (r *Registry) listBeneficiaries(c *rctx) (any, error) {
	return r.orgsPage(c, r.orgs[c.org].Beneficiaries)
}

func (r *Registry) listTransferees(c *rctx) (any, error) {
	return r.orgsPage(c, r.orgs[c.org].Transferees)
}

// ---- stripe ----

func (r *Registry) stripeConfig(supplierID string) *SeedStripeConfiguration {
	for _, x := range r.st.StripeConfigurations {
		if x.SupplierID == supplierID {
			return x
		}
	}
	return nil
}

func (r *Registry) getStripeConfiguration(c *rctx) (any, error) {
	s, err := r.requireSupplier(c)
	if err != nil {
		return nil, err
	}
	x := r.stripeConfig(s.ID)
	if x == nil {
		return nil, notFound("Supplier %s not set up for Stripe Connect", s.ID)
	}
	return client.SupplierStripeConfiguration{
		AccountID:                        x.AccountID,
		CreditProductPricePerTonne:       x.CreditProductPricePerTonne,
		Currency:                         x.Currency,
		ID:                               x.ID,
		IsometricTermsAndConditionsURL:   x.IsometricTermsAndConditionsURL,
		VerificationProductPricePerTonne: x.VerificationProductPricePerTonne,
	}, nil
}

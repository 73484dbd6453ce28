package localregistry

import (
	"slices"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// The data of the HTML pages (pages.go): values of their own, built from the state under the read
// lock with the same views as the API's answers (views.go), so that a page shows what the API
// would, and rendered after the lock is released. They hold no token, no client secret and no
// email: the views never carry them. Caller holds r.mu.

// pageListLimit is the number of rows a list of a page shows; the page says how many it leaves out.
const pageListLimit = 50

// lineageLimit is the number of batches of a lineage a batch page shows (the path from the
// original batch to the batch asked for is always shown).
const lineageLimit = 200

// shown is the first pageListLimit items of a list and the number left out.
type shown[V any] struct {
	Items []V
	More  int
}

func firstOf[T, V any](items []T, view func(T) V) shown[V] {
	n := min(len(items), pageListLimit)
	return shown[V]{Items: views(items[:n], view), More: len(items) - n}
}

// batchRow is a credit batch with the names a person reads beside it.
type batchRow struct {
	Batch       client.CreditBatch
	ProjectName string
	Vintage     string // the year of sequestered_on
}

func (r *Registry) batchRow(b *SeedCreditBatch) batchRow {
	return batchRow{Batch: r.batchView(b), ProjectName: r.projectName(r.batchProject(b)), Vintage: vintage(b)}
}

func (r *Registry) batchRows(ids []string) []batchRow {
	out := make([]batchRow, 0, len(ids))
	for _, id := range ids {
		if b := r.batches[id]; b != nil {
			out = append(out, r.batchRow(b))
		}
	}
	return out
}

// vintage is the vintage of a batch: the year of its sequestered_on ("" if it has none).
func vintage(b *SeedCreditBatch) string {
	if len(b.SequesteredOn) < 4 {
		return ""
	}
	return b.SequesteredOn[:4]
}

func (r *Registry) projectName(id string) string {
	if p := r.projects[id]; p != nil {
		return p.Name
	}
	return id
}

// ---- / ----

// worldPage is the world at a glance.
type worldPage struct {
	Organisations []orgRow
	Suppliers     []supplierRow
	Retirements   shown[client.Retirement]
	Transfers     shown[client.Transfer]
	Deliveries    shown[client.Delivery]
}

// orgRow is an organisation, its balance and its active credits per supplier, project and vintage.
type orgRow struct {
	Org      client.Organisation
	Total    client.CreditBalance
	Holdings []holdingRow
}

// holdingRow is the active credits of an organisation from one project (so one supplier) and vintage.
type holdingRow struct {
	SupplierID, SupplierName string
	ProjectID, ProjectName   string
	Vintage                  string
	Batches                  int
	Active                   client.CreditQuantity
}

// supplierRow is a supplier and its projects.
type supplierRow struct {
	Supplier client.Supplier
	Projects []client.Project
}

func (r *Registry) worldPage() worldPage {
	p := worldPage{
		Retirements: firstOf(retirementsNewest(r.st.Retirements), r.retirementView),
		Transfers:   firstOf(transfersNewest(r.st.Transfers), r.transferView),
		Deliveries:  firstOf(deliveriesNewest(r.st.Deliveries), r.deliveryView),
	}
	for _, o := range r.st.Organisations {
		p.Organisations = append(p.Organisations, orgRow{Org: r.orgView(o.ID), Total: r.balance(o.ID).Total, Holdings: r.holdings(o.ID)})
	}
	for _, s := range r.st.Suppliers {
		p.Suppliers = append(p.Suppliers, supplierRow{Supplier: r.supplierView(s.ID), Projects: r.supplierProjects(s.ID)})
	}
	return p
}

// holdings are the active credits an organisation owns, per project and vintage, sorted by
// supplier name, project name and vintage. It walks the organisation's active batches.
func (r *Registry) holdings(orgID string) []holdingRow {
	o := r.listed[orgID]
	if o == nil {
		return nil
	}
	type key struct{ project, vintage string }
	at := map[key]int{}
	var kg []int64
	var out []holdingRow
	o.all.each(listPos{}, o.all.end(), maskActive, 0, func(b *SeedCreditBatch) bool {
		k := key{r.batchProject(b), vintage(b)}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			sup := r.batchSupplier(b)
			out = append(out, holdingRow{SupplierID: sup, SupplierName: r.supplierView(sup).Organisation.Name,
				ProjectID: k.project, ProjectName: r.projectName(k.project), Vintage: k.vintage})
			kg = append(kg, 0)
		}
		out[i].Batches++
		kg[i] += b.SizeKg
		return true
	})
	for i := range out {
		out[i].Active = quantity(kg[i])
	}
	slices.SortFunc(out, func(a, b holdingRow) int {
		return strings.Compare(a.SupplierName+"\x00"+a.ProjectName+"\x00"+a.Vintage, b.SupplierName+"\x00"+b.ProjectName+"\x00"+b.Vintage)
	})
	return out
}

// supplierProjects are the projects of a supplier, newest first (as GET /suppliers/{id}/projects).
func (r *Registry) supplierProjects(supplierID string) []client.Project {
	ps := filter(r.st.Projects, func(x *SeedProject) bool { return x.SupplierID == supplierID })
	return views(projectsNewest(ps), r.projectView)
}

// ---- /ret_… and /dlv_… ----

// certificatePage is the certificate of a retirement.
type certificatePage struct {
	Retirement client.Retirement
	Supplier   client.Supplier
	Batches    []batchRow
}

func (r *Registry) certificatePage(x *SeedRetirement) certificatePage {
	return certificatePage{Retirement: r.retirementView(x), Supplier: r.supplierView(x.SupplierID), Batches: r.batchRows(x.CreditBatchIDs)}
}

// deliveryPage is a delivery and the batches it delivered.
type deliveryPage struct {
	Delivery client.Delivery
	Batches  []batchRow
}

func (r *Registry) deliveryPage(x *SeedDelivery) deliveryPage {
	return deliveryPage{Delivery: r.deliveryView(x), Batches: r.batchRows(x.CreditBatchIDs)}
}

// ---- /ctb_… ----

// batchPage is a credit batch and its lineage: the tree of the original batch it was split from.
type batchPage struct {
	batchRow
	SupplierName string
	Lineage      lineageNode
	Hidden       int // batches of the lineage left out (lineageLimit)
}

// lineageNode is one batch of a lineage, what happened to it, and its two parts if it was split.
type lineageNode struct {
	batchRow
	Part     string // "left part" (the part that took part in the transaction) or "right part" (the rest); "" for the original batch
	Current  bool   // the batch of the page
	Events   []batchEvent
	Children []lineageNode
}

// batchEvent is something that happened to a batch: issued, delivered, transferred, refunded, retired.
type batchEvent struct {
	at     time.Time
	At     string
	What   string // "Issued", "Delivered", ...
	ID     string // the record that did it
	Page   bool   // the record has a page
	Detail string
	Notes  *string
}

func (r *Registry) batchPage(b *SeedCreditBatch) batchPage {
	p := batchPage{batchRow: r.batchRow(b), SupplierName: r.supplierView(r.batchSupplier(b)).Organisation.Name}
	path := map[string]bool{}
	root := b
	for {
		path[root.ID] = true
		parent := r.parent(root)
		if parent == nil {
			break
		}
		root = parent
	}
	moved := r.movesByBatch()
	budget := lineageLimit
	var node func(x *SeedCreditBatch, part string) lineageNode
	node = func(x *SeedCreditBatch, part string) lineageNode {
		budget--
		n := lineageNode{batchRow: r.batchRow(x), Part: part, Current: x == b, Events: r.batchEvents(x, moved[x.ID])}
		for i, id := range []*string{x.LeftChildID, x.RightChildID} {
			child := r.batches[deref(id)]
			switch {
			case child == nil:
			case budget > 0 || path[child.ID]:
				n.Children = append(n.Children, node(child, [2]string{"left part", "right part"}[i]))
			default:
				p.Hidden += r.treeSize(child)
			}
		}
		return n
	}
	p.Lineage = node(root, "")
	return p
}

func (r *Registry) parent(b *SeedCreditBatch) *SeedCreditBatch {
	if b.ParentID == nil {
		return nil
	}
	return r.batches[*b.ParentID]
}

// treeSize is the number of batches of the tree of b.
func (r *Registry) treeSize(b *SeedCreditBatch) int {
	n := 1
	for _, id := range []*string{b.LeftChildID, b.RightChildID} {
		if c := r.batches[deref(id)]; c != nil {
			n += r.treeSize(c)
		}
	}
	return n
}

// movesByBatch are the transfers and refunds that list each batch (batches hold no reference to
// them), as events.
func (r *Registry) movesByBatch() map[string][]batchEvent {
	out := map[string][]batchEvent{}
	for _, t := range r.st.Transfers {
		e := batchEvent{at: t.TransferredAt, What: "Transferred", ID: t.ID, Notes: t.Notes,
			Detail: "from " + r.orgView(t.FromOrganisationID).Name + " to " + r.orgView(t.ToOrganisationID).Name}
		for _, id := range t.CreditBatchIDs {
			out[id] = append(out[id], e)
		}
	}
	for _, x := range r.st.Refunds {
		notes := x.Notes
		e := batchEvent{at: x.RefundedAt, What: "Refunded", ID: x.ID, Notes: &notes,
			Detail: "from " + r.orgView(x.FromBufferPoolOrganisationID).Name + " to " + r.orgView(x.ToOrganisationID).Name}
		for _, id := range x.CreditBatchIDs {
			out[id] = append(out[id], e)
		}
	}
	return out
}

// batchEvents are what happened to b itself, oldest first: its issuance (an original batch), the
// delivery that brought it (unless it came with its parent), moves, its retirement.
func (r *Registry) batchEvents(b *SeedCreditBatch, moves []batchEvent) []batchEvent {
	out := slices.Clone(moves)
	parent := r.parent(b)
	if parent == nil {
		if is := r.issuances[b.IssuanceID]; is != nil {
			out = append(out, batchEvent{at: is.IssuedAt, What: "Issued", ID: is.ID,
				Detail: "by " + r.supplierView(is.SupplierID).Organisation.Name + ", project " + r.projectName(is.ProjectID) +
					", reporting period " + is.ReportingPeriodStartAt + " to " + is.ReportingPeriodEndAt})
		}
	}
	if d := r.deliveries[deref(b.DeliveryID)]; d != nil && (parent == nil || deref(parent.DeliveryID) != d.ID) {
		v := r.deliveryView(d)
		out = append(out, batchEvent{at: d.DeliveredAt, What: "Delivered", ID: d.ID, Page: true, Notes: d.Notes,
			Detail: "by " + v.FromSupplier.Organisation.Name + " to " + v.ToOrganisation.Name + ", order " + d.OrderID})
	}
	if rt := r.retirements[deref(b.RetirementID)]; rt != nil {
		out = append(out, batchEvent{at: rt.RetiredAt, What: "Retired", ID: rt.ID, Page: true, Notes: rt.Notes,
			Detail: "by " + r.orgView(rt.OwnerOrganisationID).Name + " for " + r.orgView(rt.BeneficiaryOrganisationID).Name})
	}
	slices.SortStableFunc(out, func(a, b batchEvent) int { return a.at.Compare(b.at) })
	for i := range out {
		out[i].At = fmtTime(out[i].at)
	}
	return out
}

// ---- /prj_… and /spl_… ----

// projectPage is a project, its documents and its issuances with their original batches.
type projectPage struct {
	Project   client.Project
	Documents []client.ProjectDocument
	Issuances shown[issuanceRow]
}

// issuanceRow is an issuance and its original batches.
type issuanceRow struct {
	Issuance client.Issuance
	Batches  shown[batchRow]
}

func (r *Registry) projectPage(x *SeedProject) projectPage {
	docs := filter(r.st.ProjectDocuments, func(d *SeedProjectDocument) bool { return d.ProjectID == x.ID })
	iss := filter(r.issuancesNewest, func(is *SeedIssuance) bool { return is.ProjectID == x.ID })
	return projectPage{Project: r.projectView(x), Documents: views(docs, projectDocumentView),
		Issuances: firstOf(iss, func(is *SeedIssuance) issuanceRow {
			return issuanceRow{Issuance: r.issuanceView(is), Batches: firstOf(r.issuanceOriginals[is.ID], r.batchRow)}
		})}
}

// supplierPage is a supplier, its projects and its recent deliveries.
type supplierPage struct {
	Supplier   client.Supplier
	Projects   []client.Project
	Deliveries shown[client.Delivery]
}

func (r *Registry) supplierPage(x *SeedSupplier) supplierPage {
	ds := filter(r.st.Deliveries, func(d *SeedDelivery) bool { return r.orders[d.OrderID].SupplierID == x.ID })
	return supplierPage{Supplier: r.supplierView(x.ID), Projects: r.supplierProjects(x.ID),
		Deliveries: firstOf(deliveriesNewest(ds), r.deliveryView)}
}

package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// opCase calls one or more client methods against a fresh demo world and asserts the decoded results.
// Every exchange is validated against the spec by the client's transport.
type opCase struct {
	name  string
	token string
	run   func(t *testing.T, ctx context.Context, w *world, c *client.Client)
}

// result holds a call's (value, error) pair: must(c.Call(ctx)).get(t) fails the test on error.
type result[T any] struct {
	v   T
	err error
}

func must[T any](v T, err error) result[T] { return result[T]{v, err} }

func (r result[T]) get(t *testing.T) T {
	t.Helper()
	if r.err != nil {
		t.Fatalf("unexpected error: %v", r.err)
	}
	return r.v
}

func strp(s string) *string { return &s }

// serialRange returns the kg range at the end of a serial number (...-START-END).
func serialRange(t *testing.T, serial string) (start, end int64) {
	t.Helper()
	start, end, err := parseSerialRange(serial)
	if err != nil {
		t.Fatal(err)
	}
	return start, end
}

// checkBatchSize asserts a batch's size in kg and tonnes and its serial range agree with want kg.
func checkBatchSize(t *testing.T, b client.CreditBatch, want int64) {
	t.Helper()
	if b.Size.CreditKgs != want {
		t.Errorf("batch %s: size %d kg, want %d", b.ID, b.Size.CreditKgs, want)
	}
	if tonnes := strconv.FormatFloat(float64(want)/1000, 'f', -1, 64); !numberEquals(b.Size.Credits, tonnes) {
		t.Errorf("batch %s: size %s credits, want %s", b.ID, b.Size.Credits, tonnes)
	}
	if start, end := serialRange(t, b.SerialNumber); end-start != want {
		t.Errorf("batch %s: serial %s spans %d kg, want %d", b.ID, b.SerialNumber, end-start, want)
	}
}

// sameQuantity compares two credit quantities numerically.
func sameQuantity(a, b client.CreditQuantity) bool {
	return a.CreditKgs == b.CreditKgs && numberEquals(a.Credits, b.Credits.String())
}

// numberEquals compares a JSON number with a decimal string numerically ("5" == "5.0" == "5.000").
func numberEquals(n interface{ String() string }, want string) bool {
	a, err1 := strconv.ParseFloat(n.String(), 64)
	b, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && a == b
}

func retirementRequest(batch string, kg int64) client.CreateRetirementByBatchRequest {
	return client.CreateRetirementByBatchRequest{
		OwnerOrganisationID:       lr.DemoBuyerOrgID,
		BeneficiaryOrganisationID: lr.DemoBeneficiaryOrgID,
		SupplierID:                lr.DemoSupplierAID,
		RetirementPurposes:        []client.RetirementPurpose{client.RetirementPurposeCorporateTargets},
		Notes:                     strp("conformance test retirement"),
		CreditBatchQuantities:     []client.CreditBatchQuantity{{CreditBatchID: batch, CreditQuantityKg: kg}},
	}
}

// checkSplit asserts the registry split parent into a left child of leftKg (the part that took part
// in the transaction, returned) and a right child of the rest that stays active with the previous owner.
func checkSplit(t *testing.T, w *world, parent string, leftKg int64, previousOwner string) client.CreditBatch {
	t.Helper()
	before := w.seedBatch(parent)
	p := w.batch(parent)
	if p.Status != client.CreditBatchStatusSplit || p.LeftChildID == nil || p.RightChildID == nil {
		t.Fatalf("batch %s: status %s, children %v/%v; want split with two children", parent, p.Status, deref(p.LeftChildID), deref(p.RightChildID))
	}
	left, right := w.batch(*p.LeftChildID), w.batch(*p.RightChildID)
	checkBatchSize(t, left, leftKg)
	checkBatchSize(t, right, before.SizeKg-leftKg)
	for _, child := range []client.CreditBatch{left, right} {
		if deref(child.ParentID) != parent {
			t.Errorf("batch %s: parent %q, want %s", child.ID, deref(child.ParentID), parent)
		}
		if child.IssuanceID != p.IssuanceID || child.SupplierID != p.SupplierID || child.ProjectID != p.ProjectID {
			t.Errorf("batch %s: issuance/supplier/project %s/%s/%s differ from parent's %s/%s/%s", child.ID,
				child.IssuanceID, child.SupplierID, child.ProjectID, p.IssuanceID, p.SupplierID, p.ProjectID)
		}
	}
	if right.Status != client.CreditBatchStatusActive || right.Owner.ID != previousOwner {
		t.Errorf("right child %s: status %s owner %s, want active owned by %s", right.ID, right.Status, right.Owner.ID, previousOwner)
	}
	ls, _ := serialRange(t, left.SerialNumber)
	_, re := serialRange(t, right.SerialNumber)
	ps, pe := serialRange(t, before.SerialNumber)
	if ls != ps || re != pe {
		t.Errorf("children serials %s + %s do not cover parent %s", left.SerialNumber, right.SerialNumber, before.SerialNumber)
	}
	return left
}

// seedBatch returns the demo seed's record of a batch (its state before the test).
func (w *world) seedBatch(id string) *lr.SeedCreditBatch {
	w.t.Helper()
	for _, b := range w.seed.CreditBatches {
		if b.ID == id {
			return b
		}
	}
	w.t.Fatalf("credit batch %s is not in the demo seed", id)
	return nil
}

func operationCases() []opCase {
	return []opCase{
		{name: "current organisation", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			o := must(c.CurrentOrganisation(ctx)).get(t)
			want := w.seedOrg(lr.DemoBuyerOrgID)
			if o.ID != lr.DemoBuyerOrgID || o.Name != want.Name || deref(o.Domain) != deref(want.Domain) {
				t.Errorf("current organisation = %+v (domain %q), want %s %q %q", o, deref(o.Domain), want.ID, want.Name, deref(want.Domain))
			}
		}},
		{name: "organisation by id and unknown organisation", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			o := must(c.GetOrganisation(ctx, lr.DemoPartnerOrgID)).get(t)
			if o.ID != lr.DemoPartnerOrgID || o.Name != w.seedOrg(lr.DemoPartnerOrgID).Name {
				t.Errorf("organisation = %+v, want the partner %s", o, lr.DemoPartnerOrgID)
			}
			// The spec answers an unknown organisation with 200 null (validated by the transport).
			if _, err := c.GetOrganisation(ctx, "org_1NOSUCHORGANISATI0"); !errors.Is(err, client.ErrNotFound) {
				t.Errorf("unknown organisation: err = %v, want ErrNotFound", err)
			}
		}},
		{name: "organisation credit balance", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			bal := must(c.GetOrganisationCreditBalance(ctx, lr.DemoBuyerOrgID)).get(t)
			batches := must(client.All(ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[client.CreditBatch], error) {
				return c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &client.CreditBatchListOptions{ListOptions: o})
			}, 0)).get(t)
			var active, retired int64
			perSupplier := map[string]int64{}
			for _, b := range batches {
				switch b.Status {
				case client.CreditBatchStatusActive:
					active += b.Size.CreditKgs
					perSupplier[b.SupplierID] += b.Size.CreditKgs
				case client.CreditBatchStatusRetired:
					retired += b.Size.CreditKgs
				}
			}
			if own := w.reg.CreditBalance(lr.DemoBuyerOrgID).Total; !sameQuantity(own.ActiveCreditsTotal, bal.Total.ActiveCreditsTotal) ||
				!sameQuantity(own.RetiredCreditsTotal, bal.Total.RetiredCreditsTotal) {
				t.Errorf("API balance %+v differs from the registry's own %+v", bal.Total, own)
			}
			if bal.Total.ActiveCreditsTotal.CreditKgs != active || bal.Total.RetiredCreditsTotal.CreditKgs != retired {
				t.Errorf("balance active/retired = %d/%d kg, batches say %d/%d kg",
					bal.Total.ActiveCreditsTotal.CreditKgs, bal.Total.RetiredCreditsTotal.CreditKgs, active, retired)
			}
			known := w.seedBatch(lr.DemoBatchA1Buyer1).SizeKg + w.seedBatch(lr.DemoBatchB1Buyer1).SizeKg
			if active < known {
				t.Errorf("active total %d kg is below the buyer's known batches (%d kg)", active, known)
			}
			for _, sb := range bal.SupplierBalances {
				if sb.Total.ActiveCreditsTotal.CreditKgs != perSupplier[sb.SupplierID] {
					t.Errorf("supplier %s active balance %d kg, batches say %d", sb.SupplierID, sb.Total.ActiveCreditsTotal.CreditKgs, perSupplier[sb.SupplierID])
				}
			}
			requireIDs(t, "supplier balances", idsOf(bal.SupplierBalances, func(s client.SupplierCreditBalance) string { return s.SupplierID }),
				[]string{lr.DemoSupplierAID, lr.DemoSupplierBID}, nil)
			requireIDs(t, "order balances", idsOf(bal.OrderBalances, func(s client.OrderCreditBalance) string { return s.OrderID }),
				[]string{lr.DemoOrderA1ID, lr.DemoOrderB1ID}, nil)
			requireIDs(t, "project balances", idsOf(bal.ProjectBalances, func(s client.ProjectCreditBalance) string { return s.ProjectID }),
				[]string{lr.DemoProjectA1ID, lr.DemoProjectB1ID}, nil)
		}},
		{name: "organisation credit batches with every filter", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &client.CreditBatchListOptions{
				ListOptions: client.ListOptions{First: 50}, SupplierID: lr.DemoSupplierAID,
				Status:    []client.CreditBatchStatus{client.CreditBatchStatusActive},
				SortField: client.CreditBatchSortFieldIssuedAt, SortDirection: client.SortDirectionAsc,
			})).get(t)
			if len(page.Nodes) == 0 || page.Nodes[0].ID != lr.DemoBatchA1Buyer1 {
				t.Fatalf("oldest active batch of supplier A = %v, want %s first", idsOf(page.Nodes, batchID), lr.DemoBatchA1Buyer1)
			}
			checkBatchSize(t, page.Nodes[0], w.seedBatch(lr.DemoBatchA1Buyer1).SizeKg)
			for _, b := range page.Nodes {
				if b.SupplierID != lr.DemoSupplierAID || b.Status != client.CreditBatchStatusActive || b.Owner.ID != lr.DemoBuyerOrgID {
					t.Errorf("batch %s: supplier %s status %s owner %s escaped the filters", b.ID, b.SupplierID, b.Status, b.Owner.ID)
				}
			}
			requireIDs(t, "supplier A active batches", idsOf(page.Nodes, batchID),
				[]string{lr.DemoBatchA1Buyer1, lr.DemoBatchA1Buyer2, lr.DemoBatchA2Buyer1}, []string{lr.DemoBatchB1Buyer1, lr.DemoBatchA1Retired})
			filtered := must(c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &client.CreditBatchListOptions{
				ProjectID: lr.DemoProjectA1ID, IssuanceID: lr.DemoIssuanceA1ID, DeliveryID: lr.DemoDeliveryA1ID, OrderID: lr.DemoOrderA1ID,
				IssuedAfter: "2000-01-01T00:00:00Z", IssuedBefore: "2100-01-01T00:00:00Z", SortDirection: client.SortDirectionDesc,
			})).get(t)
			requireIDs(t, "project+issuance+delivery+order filter", idsOf(filtered.Nodes, batchID),
				[]string{lr.DemoBatchA1Buyer1, lr.DemoBatchA1Buyer2}, []string{lr.DemoBatchA2Buyer1, lr.DemoBatchB1Buyer1})
			done := must(c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &client.CreditBatchListOptions{
				Status: []client.CreditBatchStatus{client.CreditBatchStatusRetired, client.CreditBatchStatusSplit},
			})).get(t)
			requireIDs(t, "retired+split batches", idsOf(done.Nodes, batchID),
				[]string{lr.DemoBatchA1Retired, lr.DemoBatchB1Split, lr.DemoBatchB1SplitLeft}, []string{lr.DemoBatchA1Buyer1, lr.DemoBatchB1SplitRight})
			retired := must(c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &client.CreditBatchListOptions{RetirementID: lr.DemoRetirementID})).get(t)
			if got := idsOf(retired.Nodes, batchID); !slices.Equal(got, []string{lr.DemoBatchA1Retired}) {
				t.Errorf("retirement_id filter = %v, want [%s]", got, lr.DemoBatchA1Retired)
			}
		}},
		{name: "pagination walks every page once, both ways", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			fetch := func(o client.ListOptions) *client.Page[client.CreditBatch] {
				return must(c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &client.CreditBatchListOptions{ListOptions: o})).get(t)
			}
			all := idsOf(must(client.All(ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[client.CreditBatch], error) {
				return c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &client.CreditBatchListOptions{ListOptions: o})
			}, 0)).get(t), batchID)
			if len(all) < 5 {
				t.Fatalf("the buyer has %d batches; the walk needs several pages", len(all))
			}
			if forward := walkPages(t, fetch, true, len(all)); !slices.Equal(forward, all) {
				t.Errorf("first=2/after pages gave %v, All gave %v", forward, all)
			}
			if backward := walkPages(t, fetch, false, len(all)); !slices.Equal(backward, all) {
				t.Errorf("last=2/before pages gave %v, All gave %v", backward, all)
			}
		}},
		{name: "credit batches sorted and filtered by issue date", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			list := func(o client.CreditBatchListOptions) []client.CreditBatch {
				o.First = 50
				return must(c.ListOrganisationCreditBatches(ctx, lr.DemoBuyerOrgID, &o)).get(t).Nodes
			}
			for _, dir := range []client.SortDirection{client.SortDirectionAsc, client.SortDirectionDesc} {
				nodes := list(client.CreditBatchListOptions{SortField: client.CreditBatchSortFieldIssuedAt, SortDirection: dir})
				for i := 1; i < len(nodes); i++ {
					a, b := nodes[i-1].IssuedAt, nodes[i].IssuedAt
					if (dir == client.SortDirectionAsc && a > b) || (dir == client.SortDirectionDesc && a < b) {
						t.Errorf("sort %s: %s (%s) before %s (%s)", dir, nodes[i-1].ID, a, nodes[i].ID, b)
					}
				}
			}
			var a1 time.Time
			for _, iss := range w.seed.Issuances {
				if iss.ID == lr.DemoIssuanceA1ID {
					a1 = iss.IssuedAt
				}
			}
			// Defaults: split batches excluded, newest issued first, only batches owned by or retired
			// on behalf of the organisation.
			def := list(client.CreditBatchListOptions{})
			for i, b := range def {
				if b.Status == client.CreditBatchStatusSplit {
					t.Errorf("default listing includes split batch %s", b.ID)
				}
				if b.Owner.ID != lr.DemoBuyerOrgID && (b.Beneficiary == nil || b.Beneficiary.ID != lr.DemoBuyerOrgID) {
					t.Errorf("batch %s owned by %s, beneficiary %v: neither is the buyer", b.ID, b.Owner.ID, b.Beneficiary)
				}
				if i > 0 && def[i-1].IssuedAt < b.IssuedAt {
					t.Errorf("default order is not issued_at desc: %s (%s) before %s (%s)", def[i-1].ID, def[i-1].IssuedAt, b.ID, b.IssuedAt)
				}
			}
			// "strictly after/before": the exact issue time of A1 excludes A1's batches both ways.
			exact := a1.UTC().Format(time.RFC3339)
			for _, o := range []client.CreditBatchListOptions{{IssuedAfter: exact}, {IssuedBefore: exact}} {
				requireIDs(t, fmt.Sprintf("issued after %q / before %q", o.IssuedAfter, o.IssuedBefore), idsOf(list(o), batchID), nil,
					[]string{lr.DemoBatchA1Buyer1, lr.DemoBatchA1Buyer2})
			}
			cut := a1.Add(time.Hour).UTC().Format(time.RFC3339)
			later := idsOf(list(client.CreditBatchListOptions{IssuedAfter: cut}), batchID)
			earlier := idsOf(list(client.CreditBatchListOptions{IssuedBefore: cut}), batchID)
			requireIDs(t, "issued after issuance A1", later, []string{lr.DemoBatchA2Buyer1, lr.DemoBatchB1Buyer1}, []string{lr.DemoBatchA1Buyer1, lr.DemoBatchA1Buyer2})
			requireIDs(t, "issued before issuance A1 + 1h", earlier, []string{lr.DemoBatchA1Buyer1, lr.DemoBatchA1Buyer2}, []string{lr.DemoBatchA2Buyer1, lr.DemoBatchB1Buyer1})
		}},
		{name: "organisation orders", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListOrganisationOrders(ctx, lr.DemoBuyerOrgID, nil)).get(t)
			requireIDs(t, "buyer orders", idsOf(page.Nodes, orderID), []string{lr.DemoOrderA1ID, lr.DemoOrderA2ID, lr.DemoOrderB1ID}, nil)
			for _, o := range page.Nodes {
				if o.BuyerOrganisation.ID != lr.DemoBuyerOrgID {
					t.Errorf("order %s belongs to %s", o.ID, o.BuyerOrganisation.ID)
				}
			}
		}},
		{name: "current supplier", token: lr.DemoSupplierAToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			s := must(c.CurrentSupplier(ctx)).get(t)
			if s.ID != lr.DemoSupplierAID || s.Organisation.ID != lr.DemoSupplierAOrgID || s.Organisation.Name != w.seedOrg(lr.DemoSupplierAOrgID).Name {
				t.Errorf("current supplier = %s org %+v, want %s org %s", s.ID, s.Organisation, lr.DemoSupplierAID, lr.DemoSupplierAOrgID)
			}
		}},
		{name: "supplier by id", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			s := must(c.GetSupplier(ctx, lr.DemoSupplierBID)).get(t)
			if s.ID != lr.DemoSupplierBID || s.Organisation.ID != lr.DemoSupplierBOrgID {
				t.Errorf("supplier = %s org %s, want %s org %s", s.ID, s.Organisation.ID, lr.DemoSupplierBID, lr.DemoSupplierBOrgID)
			}
		}},
		{name: "suppliers", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListSuppliers(ctx, &client.ListOptions{First: 50})).get(t)
			requireIDs(t, "suppliers", idsOf(page.Nodes, supplierID), []string{lr.DemoSupplierAID, lr.DemoSupplierBID}, nil)
			if page.TotalCount != int64(len(w.seed.Suppliers)) {
				t.Errorf("total_count %d, seed has %d suppliers", page.TotalCount, len(w.seed.Suppliers))
			}
		}},
		{name: "supplier deliveries", token: lr.DemoSupplierAToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListSupplierDeliveries(ctx, lr.DemoSupplierAID, nil)).get(t)
			requireIDs(t, "supplier A deliveries", idsOf(page.Nodes, deliveryID), []string{lr.DemoDeliveryA1ID, lr.DemoDeliveryA2ID}, []string{lr.DemoDeliveryB1ID})
		}},
		{name: "supplier issuances", token: lr.DemoSupplierAToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListSupplierIssuances(ctx, lr.DemoSupplierAID, nil)).get(t)
			requireIDs(t, "supplier A issuances", idsOf(page.Nodes, issuanceID), []string{lr.DemoIssuanceA1ID, lr.DemoIssuanceA2ID}, []string{lr.DemoIssuanceB1ID})
		}},
		{name: "supplier orders", token: lr.DemoSupplierAToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListSupplierOrders(ctx, lr.DemoSupplierAID, nil)).get(t)
			requireIDs(t, "supplier A orders", idsOf(page.Nodes, orderID), []string{lr.DemoOrderA1ID, lr.DemoOrderA2ID}, []string{lr.DemoOrderB1ID})
		}},
		{name: "supplier projects", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListSupplierProjects(ctx, lr.DemoSupplierAID, nil)).get(t)
			requireIDs(t, "supplier A projects", idsOf(page.Nodes, projectID), []string{lr.DemoProjectA1ID, lr.DemoProjectA2ID}, []string{lr.DemoProjectB1ID})
		}},
		{name: "projects", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListProjects(ctx, &client.ListOptions{First: 50})).get(t)
			requireIDs(t, "projects", idsOf(page.Nodes, projectID), []string{lr.DemoProjectA1ID, lr.DemoProjectA2ID, lr.DemoProjectB1ID}, nil)
		}},
		{name: "project by id", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			p := must(c.GetProject(ctx, lr.DemoProjectA1ID)).get(t)
			if p.ID != lr.DemoProjectA1ID || p.Supplier.ID != lr.DemoSupplierAID {
				t.Errorf("project = %s supplier %s, want %s supplier %s", p.ID, p.Supplier.ID, lr.DemoProjectA1ID, lr.DemoSupplierAID)
			}
			if p.IssuedCreditsTotal.CreditKgs <= 0 || p.RetiredCreditsTotal.CreditKgs < w.seedBatch(lr.DemoBatchA1Retired).SizeKg {
				t.Errorf("project totals issued %d kg retired %d kg: want > 0 and >= the retired demo batch", p.IssuedCreditsTotal.CreditKgs, p.RetiredCreditsTotal.CreditKgs)
			}
		}},
		{name: "project documents", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListProjectDocuments(ctx, lr.DemoProjectA1ID, nil)).get(t)
			requireIDs(t, "project A1 documents", idsOf(page.Nodes, documentID), []string{lr.DemoDocumentID}, nil)
			for _, d := range page.Nodes {
				if d.ProjectID != lr.DemoProjectA1ID {
					t.Errorf("document %s of project %s", d.ID, d.ProjectID)
				}
			}
		}},
		{name: "credit batch", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			b := must(c.GetCreditBatch(ctx, lr.DemoBatchA1Buyer1)).get(t)
			checkBatchSize(t, *b, w.seedBatch(lr.DemoBatchA1Buyer1).SizeKg)
			if b.Status != client.CreditBatchStatusActive || b.Owner.ID != lr.DemoBuyerOrgID || b.SupplierID != lr.DemoSupplierAID ||
				b.IssuanceID != lr.DemoIssuanceA1ID || b.ProjectID != lr.DemoProjectA1ID || deref(b.DeliveryID) != lr.DemoDeliveryA1ID {
				t.Errorf("batch = %+v; want active, buyer's, supplier A, issuance/project A1, delivery A1", b)
			}
			split := must(c.GetCreditBatch(ctx, lr.DemoBatchB1Split)).get(t)
			if split.Status != client.CreditBatchStatusSplit || deref(split.LeftChildID) != lr.DemoBatchB1SplitLeft || deref(split.RightChildID) != lr.DemoBatchB1SplitRight {
				t.Errorf("split batch = status %s children %q/%q", split.Status, deref(split.LeftChildID), deref(split.RightChildID))
			}
		}},
		{name: "issuances", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListIssuances(ctx, nil)).get(t)
			requireIDs(t, "issuances", idsOf(page.Nodes, issuanceID), []string{lr.DemoIssuanceA1ID, lr.DemoIssuanceA2ID, lr.DemoIssuanceB1ID}, nil)
		}},
		{name: "issuance by id", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			iss := must(c.GetIssuance(ctx, lr.DemoIssuanceA1ID)).get(t)
			if iss.ID != lr.DemoIssuanceA1ID || iss.ProjectID != lr.DemoProjectA1ID || iss.Supplier.ID != lr.DemoSupplierAID {
				t.Errorf("issuance = %s project %s supplier %s", iss.ID, iss.ProjectID, iss.Supplier.ID)
			}
			if sum := iss.SupplierCreditBatchSizeTotal.CreditKgs + iss.BufferPoolCreditBatchSizeTotal.CreditKgs; sum != iss.CreditBatchSizeTotal.CreditKgs {
				t.Errorf("issuance totals: supplier %d + buffer %d != total %d", iss.SupplierCreditBatchSizeTotal.CreditKgs, iss.BufferPoolCreditBatchSizeTotal.CreditKgs, iss.CreditBatchSizeTotal.CreditKgs)
			}
		}},
		{name: "issuance credit batches", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			ib := must(c.GetIssuanceCreditBatches(ctx, lr.DemoIssuanceA1ID)).get(t)
			if ib.IssuanceID != lr.DemoIssuanceA1ID {
				t.Errorf("issuance_id %s", ib.IssuanceID)
			}
			requireIDs(t, "issuance A1 supplier batches", idsOf(ib.SupplierCreditBatches, batchID), []string{lr.DemoBatchA1Buyer1, lr.DemoBatchA1Buyer2}, []string{lr.DemoBatchB1Buyer1})
			sum := func(bs []client.CreditBatch) (kg int64) {
				for _, b := range bs {
					if b.Status != client.CreditBatchStatusSplit {
						kg += b.Size.CreditKgs
					}
				}
				return kg
			}
			if got := sum(ib.SupplierCreditBatches); got != ib.SupplierCreditBatchSizeTotal.CreditKgs {
				t.Errorf("supplier batches sum to %d kg, total says %d", got, ib.SupplierCreditBatchSizeTotal.CreditKgs)
			}
			if got := sum(ib.BufferPoolCreditBatches); got != ib.BufferPoolCreditBatchSizeTotal.CreditKgs {
				t.Errorf("buffer pool batches sum to %d kg, total says %d", got, ib.BufferPoolCreditBatchSizeTotal.CreditKgs)
			}
		}},
		{name: "order", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			o := must(c.GetOrder(ctx, lr.DemoOrderA2ID)).get(t)
			if o.ID != lr.DemoOrderA2ID || o.Supplier.ID != lr.DemoSupplierAID || o.BuyerOrganisation.ID != lr.DemoBuyerOrgID {
				t.Errorf("order = %s supplier %s buyer %s", o.ID, o.Supplier.ID, o.BuyerOrganisation.ID)
			}
			if o.CreditsOrdered.CreditKgs != 50_000 || o.CreditsDelivered.CreditKgs != 10_000 || o.FulfilledAt != nil {
				t.Errorf("order A2: ordered %d kg delivered %d kg fulfilled %v; want 50000/10000/open", o.CreditsOrdered.CreditKgs, o.CreditsDelivered.CreditKgs, deref(o.FulfilledAt))
			}
		}},
		{name: "order deliveries", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListOrderDeliveries(ctx, lr.DemoOrderA2ID, nil)).get(t)
			requireIDs(t, "order A2 deliveries", idsOf(page.Nodes, deliveryID), []string{lr.DemoDeliveryA2ID}, []string{lr.DemoDeliveryA1ID, lr.DemoDeliveryB1ID})
		}},
		{name: "deliveries filtered", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListDeliveries(ctx, &client.DeliveryListOptions{FromSupplierID: lr.DemoSupplierAID, ToOrganisationID: lr.DemoBuyerOrgID})).get(t)
			requireIDs(t, "deliveries from A to buyer", idsOf(page.Nodes, deliveryID), []string{lr.DemoDeliveryA1ID, lr.DemoDeliveryA2ID}, []string{lr.DemoDeliveryB1ID})
		}},
		{name: "delivery by id", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			d := must(c.GetDelivery(ctx, lr.DemoDeliveryA1ID)).get(t)
			if d.OrderID != lr.DemoOrderA1ID || d.FromSupplier.ID != lr.DemoSupplierAID || d.ToOrganisation.ID != lr.DemoBuyerOrgID {
				t.Errorf("delivery = order %s from %s to %s", d.OrderID, d.FromSupplier.ID, d.ToOrganisation.ID)
			}
		}},
		{name: "delivery credit batches", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			list := must(c.ListDeliveryCreditBatches(ctx, lr.DemoDeliveryA1ID)).get(t)
			requireIDs(t, "delivery A1 batches", idsOf(list.Nodes, batchID), []string{lr.DemoBatchA1Buyer1, lr.DemoBatchA1Buyer2}, []string{lr.DemoBatchA2Buyer1})
			if list.TotalCount != int64(len(list.Nodes)) {
				t.Errorf("total_count %d for %d nodes", list.TotalCount, len(list.Nodes))
			}
		}},
		{name: "create delivery splits the supplier's batch", token: lr.DemoSupplierAToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			d := must(c.CreateDelivery(ctx, client.CreateDeliveryRequest{
				OrderID: lr.DemoOrderA2ID, Notes: strp("conformance delivery"),
				CreditBatchQuantities: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA2Supplier1, CreditQuantityKg: 1_500}},
			})).get(t)
			if d.OrderID != lr.DemoOrderA2ID || d.ToOrganisation.ID != lr.DemoBuyerOrgID || d.FromSupplier.ID != lr.DemoSupplierAID || d.CreditBatchSizeTotal.CreditKgs != 1_500 {
				t.Errorf("delivery = %+v", d)
			}
			left := checkSplit(t, w, lr.DemoBatchA2Supplier1, 1_500, lr.DemoSupplierAOrgID)
			if left.Owner.ID != lr.DemoBuyerOrgID || deref(left.DeliveryID) != d.ID || left.Status != client.CreditBatchStatusActive {
				t.Errorf("delivered batch %s: owner %s delivery %q status %s; want the buyer's, delivery %s, active", left.ID, left.Owner.ID, deref(left.DeliveryID), left.Status, d.ID)
			}
			requireNewestFirst(t, "deliveries", must(c.ListDeliveries(ctx, nil)).get(t).Nodes, d.ID, deliveryID, func(d client.Delivery) string { return d.DeliveredAt })
			o := must(c.GetOrder(ctx, lr.DemoOrderA2ID)).get(t)
			if o.CreditsDelivered.CreditKgs != 11_500 {
				t.Errorf("order A2 delivered %d kg after delivering 1500 more, want 11500", o.CreditsDelivered.CreditKgs)
			}
			if ro, ok := w.reg.Order(lr.DemoOrderA2ID); !ok || ro.CreditsDelivered.CreditKgs != 11_500 {
				t.Errorf("registry's order A2 = %+v (found %v), want 11500 kg delivered", ro.CreditsDelivered, ok)
			}
		}},
		{name: "transfers", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListTransfers(ctx, &client.TransferListOptions{FromOrganisationID: lr.DemoBuyerOrgID, ToOrganisationID: lr.DemoPartnerOrgID})).get(t)
			requireIDs(t, "buyer -> partner transfers", idsOf(page.Nodes, transferID), []string{lr.DemoTransferID}, nil)
		}},
		{name: "create transfer of a whole batch", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			size := w.seedBatch(lr.DemoBatchB1Buyer2).SizeKg
			tr := must(c.CreateTransfer(ctx, client.CreateTransferRequest{
				FromOrganisationID: lr.DemoBuyerOrgID, ToOrganisationID: lr.DemoPartnerOrgID, SupplierID: lr.DemoSupplierBID, Notes: nil,
				CreditBatchQuantities: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchB1Buyer2, CreditQuantityKg: size}},
			})).get(t)
			if tr.FromOrganisation.ID != lr.DemoBuyerOrgID || tr.ToOrganisation.ID != lr.DemoPartnerOrgID || tr.CreditBatchSizeTotal.CreditKgs != size {
				t.Errorf("transfer = %+v", tr)
			}
			if b := w.batch(lr.DemoBatchB1Buyer2); b.Owner.ID != lr.DemoPartnerOrgID || b.Status != client.CreditBatchStatusActive || b.LeftChildID != nil {
				t.Errorf("transferred whole batch: owner %s status %s left child %q; want the partner's, active, not split", b.Owner.ID, b.Status, deref(b.LeftChildID))
			}
			requireNewestFirst(t, "transfers", must(c.ListTransfers(ctx, nil)).get(t).Nodes, tr.ID, transferID, func(x client.Transfer) string { return x.TransferredAt })
			if n := len(w.reg.AllTransfers()); n != len(w.seed.Transfers)+1 {
				t.Errorf("registry holds %d transfers, want %d", n, len(w.seed.Transfers)+1)
			}
		}},
		{name: "transfer by id", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			tr := must(c.GetTransfer(ctx, lr.DemoTransferID)).get(t)
			if tr.FromOrganisation.ID != lr.DemoBuyerOrgID || tr.ToOrganisation.ID != lr.DemoPartnerOrgID {
				t.Errorf("transfer = from %s to %s", tr.FromOrganisation.ID, tr.ToOrganisation.ID)
			}
		}},
		{name: "transfer credit batches", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			list := must(c.ListTransferCreditBatches(ctx, lr.DemoTransferID)).get(t)
			requireIDs(t, "transfer batches", idsOf(list.Nodes, batchID), []string{lr.DemoBatchA1Partner}, nil)
		}},
		{name: "retirements", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListRetirements(ctx, &client.RetirementListOptions{OwnerOrgID: lr.DemoBuyerOrgID, BeneficiaryOrgID: lr.DemoBuyerOrgID})).get(t)
			requireIDs(t, "buyer retirements", idsOf(page.Nodes, retirementID), []string{lr.DemoRetirementID}, nil)
		}},
		{name: "create retirement splits the batch", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			r := must(c.CreateRetirement(ctx, retirementRequest(lr.DemoBatchA1Buyer2, 1_000))).get(t)
			if r.Owner.ID != lr.DemoBuyerOrgID || r.Beneficiary.ID != lr.DemoBeneficiaryOrgID || r.CreditBatchSizeTotal.CreditKgs != 1_000 ||
				!slices.Equal(r.Purposes, []client.RetirementPurpose{client.RetirementPurposeCorporateTargets}) || deref(r.Notes) != "conformance test retirement" {
				t.Errorf("retirement = %+v", r)
			}
			left := checkSplit(t, w, lr.DemoBatchA1Buyer2, 1_000, lr.DemoBuyerOrgID)
			if left.Status != client.CreditBatchStatusRetired || deref(left.RetirementID) != r.ID || left.Beneficiary == nil || left.Beneficiary.ID != lr.DemoBeneficiaryOrgID {
				t.Errorf("retired child %s: status %s retirement %q; want retired by %s", left.ID, left.Status, deref(left.RetirementID), r.ID)
			}
			requireNewestFirst(t, "retirements", must(c.ListRetirements(ctx, nil)).get(t).Nodes, r.ID, retirementID, func(x client.Retirement) string { return x.RetiredAt })
			got := must(c.ListRetirementCreditBatches(ctx, r.ID)).get(t)
			if ids := idsOf(got.Nodes, batchID); !slices.Equal(ids, []string{left.ID}) {
				t.Errorf("retirement batches %v, want [%s]", ids, left.ID)
			}
		}},
		{name: "create retirement from oldest credits", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			r := must(c.CreateRetirementFromOldestCredits(ctx, client.CreateRetirementOldestCreditsRequest{
				OwnerOrganisationID: lr.DemoBuyerOrgID, BeneficiaryOrganisationID: lr.DemoBuyerOrgID, SupplierID: lr.DemoSupplierAID,
				RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposeOther, client.RetirementPurposeInsetting},
				CreditQuantityKg:   1_200,
			})).get(t)
			if r.CreditBatchSizeTotal.CreditKgs != 1_200 || r.Owner.ID != lr.DemoBuyerOrgID || r.Notes != nil {
				t.Errorf("retirement = %+v", r)
			}
			// The oldest active batch of supplier A is DemoBatchA1Buyer1: it is the one split.
			left := checkSplit(t, w, lr.DemoBatchA1Buyer1, 1_200, lr.DemoBuyerOrgID)
			if left.Status != client.CreditBatchStatusRetired || deref(left.RetirementID) != r.ID {
				t.Errorf("retired child %s: status %s retirement %q, want retired by %s", left.ID, left.Status, deref(left.RetirementID), r.ID)
			}
		}},
		{name: "oldest-first retirement by vintage and by order", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			req := client.CreateRetirementOldestCreditsRequest{
				OwnerOrganisationID: lr.DemoBuyerOrgID, BeneficiaryOrganisationID: lr.DemoBeneficiaryOrgID, SupplierID: lr.DemoSupplierAID,
				RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposeRegulatoryRequirement}, Notes: strp("by vintage"),
				CreditQuantityKg: 800, Vintage: new(int64),
			}
			*req.Vintage = 2025 // supplier A's only 2025 credits of the buyer: batch A2-1
			byVintage := must(c.CreateRetirementFromOldestCredits(ctx, req)).get(t)
			left := checkSplit(t, w, lr.DemoBatchA2Buyer1, 800, lr.DemoBuyerOrgID)
			if deref(left.RetirementID) != byVintage.ID {
				t.Errorf("vintage 2025 retirement %s retired %s (retirement %q), want a part of %s", byVintage.ID, left.ID, deref(left.RetirementID), lr.DemoBatchA2Buyer1)
			}
			req.Vintage, req.OrderID, req.Notes = nil, strp(lr.DemoOrderA2ID), nil
			req.CreditQuantityKg = 9_200 // the rest of what order A2 delivered to the buyer
			byOrder := must(c.CreateRetirementFromOldestCredits(ctx, req)).get(t)
			rest := w.batch(deref(w.batch(lr.DemoBatchA2Buyer1).RightChildID))
			if rest.Status != client.CreditBatchStatusRetired || deref(rest.RetirementID) != byOrder.ID {
				t.Errorf("order A2 retirement %s: remaining batch %s is %s (retirement %q), want retired whole", byOrder.ID, rest.ID, rest.Status, deref(rest.RetirementID))
			}
			if b := w.batch(lr.DemoBatchA1Buyer1); b.Status != client.CreditBatchStatusActive {
				t.Errorf("older batch %s of order A1 is %s: the order filter was ignored", b.ID, b.Status)
			}
		}},
		{name: "retirement by id", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			r := must(c.GetRetirement(ctx, lr.DemoRetirementID)).get(t)
			if r.Owner.ID != lr.DemoBuyerOrgID || r.Beneficiary.ID != lr.DemoBuyerOrgID || r.CreditBatchSizeTotal.CreditKgs != w.seedBatch(lr.DemoBatchA1Retired).SizeKg {
				t.Errorf("retirement = owner %s beneficiary %s size %d", r.Owner.ID, r.Beneficiary.ID, r.CreditBatchSizeTotal.CreditKgs)
			}
		}},
		{name: "retirement credit batches", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			list := must(c.ListRetirementCreditBatches(ctx, lr.DemoRetirementID)).get(t)
			if ids := idsOf(list.Nodes, batchID); !slices.Equal(ids, []string{lr.DemoBatchA1Retired}) {
				t.Errorf("retirement batches %v, want [%s]", ids, lr.DemoBatchA1Retired)
			}
			if b := list.Nodes; len(b) == 1 && (b[0].Status != client.CreditBatchStatusRetired || deref(b[0].RetirementID) != lr.DemoRetirementID) {
				t.Errorf("retired batch status %s retirement %q", b[0].Status, deref(b[0].RetirementID))
			}
		}},
		{name: "refund", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			r := must(c.GetRefund(ctx, lr.DemoRefundID)).get(t)
			if r.ID != lr.DemoRefundID || r.ToOrganisation.ID != lr.DemoBuyerOrgID {
				t.Errorf("refund = %s to %s", r.ID, r.ToOrganisation.ID)
			}
		}},
		{name: "refund credit batches", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			r := must(c.GetRefund(ctx, lr.DemoRefundID)).get(t)
			list := must(c.ListRefundCreditBatches(ctx, lr.DemoRefundID)).get(t)
			var kg int64
			for _, b := range list.Nodes {
				kg += b.Size.CreditKgs
			}
			if len(list.Nodes) == 0 || kg != r.CreditBatchSizeTotal.CreditKgs {
				t.Errorf("refund batches %v sum to %d kg, refund total %d kg", idsOf(list.Nodes, batchID), kg, r.CreditBatchSizeTotal.CreditKgs)
			}
		}},
		{name: "beneficiaries", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListBeneficiaries(ctx, nil)).get(t)
			requireIDs(t, "beneficiaries", idsOf(page.Nodes, orgID), []string{lr.DemoBeneficiaryOrgID}, []string{lr.DemoStrangerOrgID})
		}},
		{name: "create beneficiary (organisation and individual)", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			corp := must(c.CreateBeneficiary(ctx, client.CreateBeneficiaryRequest{BeneficiaryName: "Conformance Corp", BeneficiaryDomain: "conformance.example"})).get(t)
			person := must(c.CreateBeneficiary(ctx, client.CreateBeneficiaryRequest{BeneficiaryName: "Jo Conformance", BeneficiaryEmail: "jo@conformance.example"})).get(t)
			if corp.Name != "Conformance Corp" || deref(corp.Domain) != "conformance.example" || person.Name != "Jo Conformance" {
				t.Errorf("beneficiaries = %+v (domain %q), %+v", corp, deref(corp.Domain), person)
			}
			requireIDs(t, "registry beneficiaries of the buyer", idsOf(w.reg.AllBeneficiaries(lr.DemoBuyerOrgID), orgID), []string{corp.ID, person.ID, lr.DemoBeneficiaryOrgID}, nil)
		}},
		{name: "transferees", token: lr.DemoBuyerToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			page := must(c.ListTransferees(ctx, nil)).get(t)
			requireIDs(t, "transferees", idsOf(page.Nodes, orgID), []string{lr.DemoPartnerOrgID}, []string{lr.DemoStrangerOrgID})
		}},
		{name: "stripe configuration", token: lr.DemoSupplierAToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			cfg := must(c.GetStripeConfiguration(ctx)).get(t)
			if cfg.ID != lr.DemoStripeConfigID || cfg.AccountID == "" {
				t.Errorf("stripe configuration = %+v, want %s", cfg, lr.DemoStripeConfigID)
			}
			// Supplier B has none: the spec's declared 404.
			other := w.client(lr.DemoSupplierBToken)
			if _, err := other.GetStripeConfiguration(ctx); !errors.Is(err, client.ErrNotFound) {
				t.Errorf("supplier B stripe configuration: err = %v, want ErrNotFound", err)
			}
		}},
		{name: "stripe checkout session", token: lr.DemoSupplierAToken, run: func(t *testing.T, ctx context.Context, w *world, c *client.Client) {
			s := must(c.CreateStripeCheckoutSession(ctx, client.CreateStripeCheckoutSessionRequest{
				QuantityKg: 2_000, Frequency: client.StripeSubscriptionFrequencyMonthly, CustomerEmail: strp("buyer@example.com"),
				IsometricTermsAndConditionsAccepted: true, SupplierTermsAndConditionsAccepted: true,
				SuccessURL: "https://example.com/success", CancelURL: "https://example.com/cancel",
			})).get(t)
			if !strings.HasPrefix(s.RedirectURL, "http") {
				t.Errorf("redirect_url %q is not a URL", s.RedirectURL)
			}
		}},
	}
}

// TestEveryOperationConformsToSpec calls every client method against a fresh demo world per case;
// the client's transport validates every request and answer against the spec. At the end, every
// operationId of the spec must have been exercised.
func TestEveryOperationConformsToSpec(t *testing.T) {
	t.Parallel()
	spec := loadSpec(t)
	rec := &recorder{}
	runOperationCases(t, rec)
	var missing []string
	exercised := rec.succeeded()
	for _, id := range spec.operationIDs() {
		if !slices.Contains(exercised, id) {
			missing = append(missing, id+" ("+spec.operations[id]+")")
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d operations never answered 2xx:\n  %s", len(missing), len(spec.operations), strings.Join(missing, "\n  "))
	}
	for _, e := range rec.all() {
		if e.TransportErr != nil {
			t.Errorf("%s %s: transport error %v", e.Method, e.Path, e.TransportErr)
		}
	}
}

// walkPages walks a list two batches at a time, forward (first/after) or backward (last/before),
// checking the page_info flags on the way, and returns the IDs in list order.
func walkPages(t *testing.T, fetch func(client.ListOptions) *client.Page[client.CreditBatch], forward bool, total int) []string {
	t.Helper()
	var out []string
	opts := client.ListOptions{First: 2}
	if !forward {
		opts = client.ListOptions{Last: 2}
	}
	for pageNo := 0; ; pageNo++ {
		page := fetch(opts)
		if page.TotalCount != int64(total) || len(page.Nodes) > 2 || len(page.Nodes) == 0 {
			t.Fatalf("page %d: %d nodes, total_count %d; want 1..2 nodes of %d", pageNo, len(page.Nodes), page.TotalCount, total)
		}
		ids := idsOf(page.Nodes, batchID)
		more, back := page.PageInfo.HasNextPage, page.PageInfo.HasPreviousPage
		if !forward {
			more, back = back, more
		}
		if pageNo == 0 && back {
			t.Errorf("first page of the walk (forward=%v) claims a page behind it: %+v", forward, page.PageInfo)
		}
		if forward {
			out = append(out, ids...)
		} else {
			out = append(ids, out...)
		}
		if !more {
			break
		}
		if len(out) >= total {
			t.Fatalf("walk (forward=%v) has all %d nodes but the page claims more: %+v", forward, total, page.PageInfo)
		}
		if forward {
			opts.After = deref(page.PageInfo.EndCursor)
		} else {
			opts.Before = deref(page.PageInfo.StartCursor)
		}
	}
	return out
}

// requireNewestFirst asserts a list is sorted most recent first (as the spec documents for
// retirements, transfers and deliveries) and starts with the transaction just created.
func requireNewestFirst[T any](t *testing.T, what string, nodes []T, newest string, id func(T) string, at func(T) string) {
	t.Helper()
	if len(nodes) == 0 || id(nodes[0]) != newest {
		t.Errorf("%s: %v does not start with the new %s", what, idsOf(nodes, id), newest)
	}
	for i := 1; i < len(nodes); i++ {
		a, errA := time.Parse(time.RFC3339Nano, at(nodes[i-1]))
		b, errB := time.Parse(time.RFC3339Nano, at(nodes[i]))
		if errA != nil || errB != nil {
			t.Errorf("%s: unparsable timestamps %q, %q", what, at(nodes[i-1]), at(nodes[i]))
			continue
		}
		if a.Before(b) {
			t.Errorf("%s: %s (%s) listed before the more recent %s (%s)", what, id(nodes[i-1]), at(nodes[i-1]), id(nodes[i]), at(nodes[i]))
		}
	}
}

// runOperationCases runs every operation case in parallel, each against its own world, and adds
// their exchanges to rec; mods adjust each case's client.
func runOperationCases(t *testing.T, rec *recorder, mods ...func(*client.Config)) {
	t.Run("operations", func(t *testing.T) {
		for _, tc := range operationCases() {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				w := newWorld(t)
				tc.run(t, context.Background(), w, w.client(tc.token, mods...))
				seen := w.rec.all()
				if len(seen) == 0 {
					t.Error("the case sent no request")
				}
				for _, e := range seen {
					rec.add(e)
				}
			})
		}
	})
}

// addedFields adds an unknown field to every JSON object of every answer: the API promises to add
// fields without a version bump, and such answers still conform to the spec.
type addedFields struct{ base http.RoundTripper }

func (a addedFields) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := a.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // keep numbers as sent ("57.250" stays "57.250")
	if dec.Decode(&v) == nil {
		var objects []map[string]any // collect first: adding while walking would walk the additions
		walkJSON(v, "", func(_ string, obj map[string]any) { objects = append(objects, obj) })
		for _, obj := range objects {
			obj["x_added_later"] = map[string]any{"n": 1}
		}
		body, _ = json.Marshal(v)
	}
	resp.Body = readCloser(body)
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// TestClientAcceptsAddedFields reruns every operation case with an unknown field added to every
// object of every answer: the client must decode leniently and give the same results.
func TestClientAcceptsAddedFields(t *testing.T) {
	t.Parallel()
	runOperationCases(t, &recorder{}, withTransport(func(vt *validatingTransport) { vt.base = addedFields{base: vt.base} }))
}

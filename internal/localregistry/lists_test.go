package localregistry

import (
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func TestPaginationForwardAndBackward(t *testing.T) {
	e := newEnv(t, bigSeed(65))
	// The whole list, in one go, is not possible (max 50): collect it forward with first=7.
	var forward []string
	after := ""
	pages := 0
	for {
		p := "first=7"
		if after != "" {
			p += "&after=" + url.QueryEscape(after)
		}
		page := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL(p), DemoBuyerToken, nil)
		pages++
		if page.TotalCount != 65+9 {
			t.Fatalf("total_count = %d, want 74", page.TotalCount)
		}
		if page.PageInfo.HasPreviousPage != (after != "") {
			t.Errorf("page %d: has_previous_page = %v", pages, page.PageInfo.HasPreviousPage)
		}
		forward = append(forward, ids(page.Nodes)...)
		if !page.PageInfo.HasNextPage {
			if len(page.Nodes) != 74%7 {
				t.Errorf("last page has %d nodes", len(page.Nodes))
			}
			break
		}
		if len(page.Nodes) != 7 || page.PageInfo.EndCursor == nil || page.PageInfo.StartCursor == nil {
			t.Fatalf("page %d: %d nodes, page_info %+v", pages, len(page.Nodes), page.PageInfo)
		}
		after = *page.PageInfo.EndCursor
	}
	if len(forward) != 74 || pages != 11 {
		t.Fatalf("forward walk: %d items in %d pages", len(forward), pages)
	}
	seen := map[string]bool{}
	for _, id := range forward {
		if seen[id] {
			t.Fatalf("duplicate %s", id)
		}
		seen[id] = true
	}
	// Default order: issued_at descending (newest issuance first).
	first := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL("first=50"), DemoBuyerToken, nil)
	if len(first.Nodes) != 50 || !first.PageInfo.HasNextPage {
		t.Errorf("first=50: %d nodes", len(first.Nodes))
	}
	for i := 1; i < len(first.Nodes); i++ {
		if first.Nodes[i-1].IssuedAt < first.Nodes[i].IssuedAt {
			t.Fatalf("not sorted by issued_at desc at %d", i)
		}
	}
	// Backward from the end with last=9 gives the same sequence.
	var backward []string
	before := ""
	for {
		p := "last=9"
		if before != "" {
			p += "&before=" + url.QueryEscape(before)
		}
		page := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL(p), DemoBuyerToken, nil)
		backward = append(ids(page.Nodes), backward...)
		if page.PageInfo.HasNextPage != (before != "") {
			t.Errorf("backward: has_next_page = %v", page.PageInfo.HasNextPage)
		}
		if !page.PageInfo.HasPreviousPage {
			break
		}
		before = *page.PageInfo.StartCursor
	}
	if strings.Join(backward, ",") != strings.Join(forward, ",") {
		t.Errorf("backward walk differs from forward walk")
	}
	// Default page size 10.
	if p := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL(""), DemoBuyerToken, nil); len(p.Nodes) != 10 {
		t.Errorf("default page size %d", len(p.Nodes))
	}
	// Empty page: null cursors.
	p := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL("issuance_id=iss_1NOSUCHISSUANCE01"), DemoBuyerToken, nil)
	if len(p.Nodes) != 0 || p.PageInfo.StartCursor != nil || p.PageInfo.EndCursor != nil || p.TotalCount != 0 {
		t.Errorf("empty page %+v", p)
	}
	// Out of range.
	for _, bad := range []string{"first=0", "first=51", "last=51", "last=-1", "first=abc", "after=%21%21", "after="} {
		d := unprocessable(e, "GET", batchesURL(bad), DemoBuyerToken, nil)
		if d[0].Loc[0] != "query" {
			t.Errorf("%s: %+v", bad, d)
		}
	}
	d := unprocessable(e, "GET", "/retirements?first=51", DemoBuyerToken, nil)
	if locString(d[0].Loc) != "query.first" || d[0].Type != "less_than_equal" || d[0].Msg != "Input should be less than or equal to 50" {
		t.Errorf("first=51: %+v", d)
	}
	// Other paginated lists share the machinery.
	if p := ok[client.Page[client.Project]](e, "GET", "/projects?first=1", DemoBuyerToken, nil); len(p.Nodes) != 1 || !p.PageInfo.HasNextPage || p.TotalCount != 3 {
		t.Errorf("projects first=1: %+v", p.PageInfo)
	}
}

func TestCreditBatchFilters(t *testing.T) {
	e := newEnv(t, nil)
	count := func(params string) []string {
		t.Helper()
		p := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL(params+"&first=50"), DemoBuyerToken, nil)
		if int(p.TotalCount) != len(p.Nodes) {
			t.Fatalf("%s: total_count %d, nodes %d", params, p.TotalCount, len(p.Nodes))
		}
		out := ids(p.Nodes)
		sort.Strings(out)
		return out
	}
	eq := func(params string, want ...string) {
		t.Helper()
		sort.Strings(want)
		if got := count(params); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s:\n got  %v\n want %v", params, got, want)
		}
	}
	// Default: active + retired (split excluded); the beneficiary-only batches are the beneficiary's, not the buyer's... the buyer owns them.
	all := []string{DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA2Buyer1, DemoBatchB1Buyer1, DemoBatchB1Buyer2, DemoBatchA1Retired,
		DemoBatchB1SplitLeft, DemoBatchB1SplitRight, DemoBatchB1Refunded}
	eq("", all...)
	eq("status=split", DemoBatchB1Split)
	eq("status=retired", DemoBatchA1Retired, DemoBatchB1SplitLeft)
	eq("status=retired&status=split", DemoBatchA1Retired, DemoBatchB1SplitLeft, DemoBatchB1Split)
	eq("supplier_id="+DemoSupplierAID, DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA2Buyer1, DemoBatchA1Retired)
	eq("project_id="+DemoProjectA2ID, DemoBatchA2Buyer1)
	eq("issuance_id="+DemoIssuanceA1ID, DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA1Retired)
	eq("delivery_id="+DemoDeliveryB1ID, DemoBatchB1Buyer1, DemoBatchB1Buyer2, DemoBatchB1SplitLeft, DemoBatchB1SplitRight)
	eq("delivery_id="+DemoDeliveryB1ID+"&status=split", DemoBatchB1Split)
	eq("order_id="+DemoOrderA1ID, DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA1Retired)
	eq("retirement_id="+DemoRetirementB1ID, DemoBatchB1SplitLeft)
	eq("supplier_id="+DemoSupplierAID+"&status=active", DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA2Buyer1)
	// issued_after / issued_before are strict: a batch issued exactly at the bound is excluded.
	eq("issued_after=2024-09-15T10:00:00Z&supplier_id="+DemoSupplierAID, DemoBatchA2Buyer1)
	eq("issued_after=2024-09-15T09:59:59Z&supplier_id="+DemoSupplierAID, DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA2Buyer1, DemoBatchA1Retired)
	eq("issued_before=2025-06-10T10:00:00Z", DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA1Retired)
	eq("issued_after=2024-12-31T00:00:00%2B01:00&issued_before=2025-08-20T10:00:00Z", DemoBatchA2Buyer1)
	eq("issued_after=2024-12-31T00:00:00+01:00&issued_before=2025-08-20T10:00:00", DemoBatchA2Buyer1)
	eq("issued_after=2025-06-10&issued_before=2025-06-11", DemoBatchA2Buyer1)
	// Sorting.
	asc := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL("sort_field=issued_at&sort_direction=asc"), DemoBuyerToken, nil)
	desc := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL("sort_direction=desc"), DemoBuyerToken, nil)
	if asc.Nodes[0].ID != DemoBatchA1Buyer1 || desc.Nodes[len(desc.Nodes)-1].ID != DemoBatchA1Buyer1 {
		t.Errorf("asc first %s, desc last %s", asc.Nodes[0].ID, desc.Nodes[len(desc.Nodes)-1].ID)
	}
	for i := range asc.Nodes {
		if asc.Nodes[i].ID != desc.Nodes[len(desc.Nodes)-1-i].ID {
			t.Errorf("desc is not the reverse of asc")
			break
		}
	}
	for _, bad := range []string{"sort_field=size", "sort_direction=up", "issued_after=yesterday", "status=gone", "supplier_id=spl_1"} {
		unprocessable(e, "GET", batchesURL(bad), DemoBuyerToken, nil)
	}
}

func TestTransactionListFilters(t *testing.T) {
	e := newEnv(t, nil)
	ok[client.Transfer](e, "POST", "/transfers", DemoPartnerToken, transferBody(DemoPartnerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Partner, 100)))
	tr := ok[client.Page[client.Transfer]](e, "GET", "/transfers", DemoBuyerToken, nil)
	if tr.TotalCount != 2 || tr.Nodes[0].FromOrganisation.ID != DemoPartnerOrgID {
		t.Errorf("transfers newest first: %+v", tr.Nodes)
	}
	tr = ok[client.Page[client.Transfer]](e, "GET", "/transfers?from_organisation_id="+DemoBuyerOrgID, DemoBuyerToken, nil)
	if tr.TotalCount != 1 || tr.Nodes[0].ID != DemoTransferID {
		t.Errorf("from filter %+v", tr.Nodes)
	}
	tr = ok[client.Page[client.Transfer]](e, "GET", "/transfers?to_organisation_id="+DemoBuyerOrgID, DemoBuyerToken, nil)
	if tr.TotalCount != 1 || tr.Nodes[0].ToOrganisation.ID != DemoBuyerOrgID {
		t.Errorf("to filter %+v", tr.Nodes)
	}
	dl := ok[client.Page[client.Delivery]](e, "GET", "/deliveries?from_supplier_id="+DemoSupplierBID, DemoBuyerToken, nil)
	if dl.TotalCount != 1 || dl.Nodes[0].ID != DemoDeliveryB1ID {
		t.Errorf("deliveries from B %+v", dl.Nodes)
	}
	dl = ok[client.Page[client.Delivery]](e, "GET", "/deliveries?to_organisation_id="+DemoBuyerOrgID, DemoBuyerToken, nil)
	if dl.TotalCount != 3 || dl.Nodes[0].ID != DemoDeliveryB1ID || dl.Nodes[2].ID != DemoDeliveryA1ID {
		t.Errorf("deliveries newest first %+v", dl.Nodes)
	}
	if dl := ok[client.Page[client.Delivery]](e, "GET", "/deliveries", DemoSupplierAToken, nil); dl.TotalCount != 2 {
		t.Errorf("supplier A sees %d deliveries", dl.TotalCount)
	}
	rt := ok[client.Page[client.Retirement]](e, "GET", "/retirements?beneficiary_org_id="+DemoBeneficiaryOrgID, DemoBuyerToken, nil)
	if rt.TotalCount != 1 || rt.Nodes[0].ID != DemoRetirementB1ID {
		t.Errorf("retirements by beneficiary %+v", rt.Nodes)
	}
	rt = ok[client.Page[client.Retirement]](e, "GET", "/retirements?owner_org_id="+DemoBuyerOrgID, DemoBuyerToken, nil)
	if rt.TotalCount != 2 || rt.Nodes[0].ID != DemoRetirementB1ID {
		t.Errorf("retirements by owner (newest first) %+v", rt.Nodes)
	}
	// Two retirements in the same second: the later one is listed first.
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	e = newEnvWith(t, Options{Now: func() time.Time { return now }})
	r1 := ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 1)))
	r2 := ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer2, 1)))
	rt = ok[client.Page[client.Retirement]](e, "GET", "/retirements?first=2", DemoBuyerToken, nil)
	if rt.Nodes[0].ID != r2.ID || rt.Nodes[1].ID != r1.ID || r1.RetiredAt != "2026-03-01T12:00:00Z" {
		t.Errorf("same-second order: %+v", rt.Nodes)
	}
	// Other lists and their orders.
	if p := ok[client.Page[client.Order]](e, "GET", "/organisations/"+DemoBuyerOrgID+"/orders", DemoBuyerToken, nil); p.TotalCount != 3 || p.Nodes[0].ID != DemoOrderB1ID {
		t.Errorf("orders newest first %+v", p.Nodes)
	}
	if p := ok[client.Page[client.Order]](e, "GET", "/suppliers/"+DemoSupplierAID+"/orders", DemoSupplierAToken, nil); p.TotalCount != 2 || p.Nodes[0].ID != DemoOrderA2ID {
		t.Errorf("supplier orders %+v", p.Nodes)
	}
	if p := ok[client.Page[client.Issuance]](e, "GET", "/issuances", DemoBuyerToken, nil); p.TotalCount != 3 || p.Nodes[0].ID != DemoIssuanceB1ID {
		t.Errorf("issuances %+v", p.Nodes)
	}
	if p := ok[client.Page[client.Project]](e, "GET", "/suppliers/"+DemoSupplierAID+"/projects", DemoBuyerToken, nil); p.TotalCount != 2 || p.Nodes[0].ID != DemoProjectA2ID {
		t.Errorf("supplier projects newest first %+v", p.Nodes)
	}
	if p := ok[client.Page[client.ProjectDocument]](e, "GET", "/projects/"+DemoProjectA1ID+"/documents", DemoBuyerToken, nil); p.TotalCount != 2 || p.Nodes[0].ID != DemoDocumentID {
		t.Errorf("documents %+v", p.Nodes)
	}
	ic := ok[client.IssuanceCreditBatches](e, "GET", "/issuances/"+DemoIssuanceB1ID+"/credit_batches", DemoBuyerToken, nil)
	if len(ic.BufferPoolCreditBatches) != 2 || ic.BufferPoolCreditBatchSizeTotal.CreditKgs != 2000 || ic.SupplierCreditBatchSizeTotal.CreditKgs != 45250 || ic.CreditBatchSizeTotal.CreditKgs != 47250 {
		t.Errorf("issuance B1 batches: %+v", ic)
	}
	rf := ok[client.BufferPoolRefund](e, "GET", "/refunds/"+DemoRefundID, DemoBuyerToken, nil)
	if rf.CreditBatchSizeTotal.CreditKgs != 500 || rf.FromBufferPoolOrganisation.ID != DemoBufferPoolOrgID {
		t.Errorf("refund %+v", rf)
	}
}

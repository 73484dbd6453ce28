package localregistry

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// TestIndexAgreesWithAScan checks the credit batch index against a plain walk of the state: after
// a random mix of transactions, every organisation's credit batch lists (under many filters, both
// directions, paged forward and backward), balances and oldest-first retirements agree with what
// a scan of every batch gives; and so do they after a restart from the state file and journal.
func TestIndexAgreesWithAScan(t *testing.T) {
	for _, size := range []int{256, 3} {
		t.Run(fmt.Sprintf("blockSize=%d", size), func(t *testing.T) {
			defer func(old int) { blockSize = old }(blockSize)
			blockSize = size
			indexAgreesWithAScan(t)
		})
	}
}

func indexAgreesWithAScan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnvWith(t, Options{Seed: bigSeed(700), StatePath: path})
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 160; i++ {
		randomTransaction(e, rng)
	}
	e.checkConsistency()
	filters := indexFilters(e.reg.Snapshot())
	for _, org := range []string{DemoBuyerOrgID, DemoPartnerOrgID, DemoBeneficiaryOrgID, DemoSupplierAOrgID} {
		checkLists(t, e, org, filters)
	}

	// A restart from the state file and its journal rebuilds the same registry.
	before := e.snapshotJSON()
	e2 := newEnvWith(t, Options{StatePath: path})
	if e2.snapshotJSON() != before {
		t.Fatal("the state after a restart differs from the state before")
	}
	checkLists(t, e2, DemoBuyerOrgID, filters)
}

// randomTransaction sends one random POST; refusals are fine (the state must stay consistent).
func randomTransaction(e *testEnv, rng *rand.Rand) {
	e.t.Helper()
	snap := e.reg.Snapshot()
	active := func(owner, supplier string) []*SeedCreditBatch {
		idx := indexSeed(snap)
		var out []*SeedCreditBatch
		for _, b := range snap.CreditBatches {
			if b.OwnerOrganisationID == owner && b.Status == client.CreditBatchStatusActive && idx.issuances[b.IssuanceID].SupplierID == supplier {
				out = append(out, b)
			}
		}
		return out
	}
	pick := func(bs []*SeedCreditBatch) (string, int64) {
		b := bs[rng.Intn(len(bs))]
		if rng.Intn(3) == 0 {
			return b.ID, b.SizeKg
		}
		return b.ID, 1 + rng.Int63n(b.SizeKg)
	}
	sup := []string{DemoSupplierAID, DemoSupplierBID}[rng.Intn(2)]
	switch rng.Intn(6) {
	case 0, 1: // retire part of a batch, for the buyer or its beneficiary
		if bs := active(DemoBuyerOrgID, sup); len(bs) > 0 {
			id, kg := pick(bs)
			ben := []string{DemoBuyerOrgID, DemoBeneficiaryOrgID}[rng.Intn(2)]
			e.call("POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, ben, sup, q(id, kg)))
		}
	case 2: // transfer to the partner
		if bs := active(DemoBuyerOrgID, sup); len(bs) > 0 {
			id, kg := pick(bs)
			e.call("POST", "/transfers", DemoBuyerToken, transferBody(DemoBuyerOrgID, DemoPartnerOrgID, sup, q(id, kg)))
		}
	case 3: // and back
		if bs := active(DemoPartnerOrgID, sup); len(bs) > 0 {
			id, kg := pick(bs)
			e.call("POST", "/transfers", DemoPartnerToken, transferBody(DemoPartnerOrgID, DemoBuyerOrgID, sup, q(id, kg)))
		}
	case 4: // supplier A delivers part of its batches against order A2: split children of one batch end in different deliveries
		if bs := active(DemoSupplierAOrgID, DemoSupplierAID); len(bs) > 0 {
			b := bs[rng.Intn(len(bs))]
			e.call("POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(b.ID, 1+rng.Int63n(min(b.SizeKg, 900)))))
		}
	case 5: // oldest first, maybe of a vintage or an order
		body := oldestBody(DemoBuyerOrgID, sup, 1+rng.Int63n(3000))
		switch rng.Intn(3) {
		case 0:
			body["vintage"] = 2024 + rng.Intn(2)
		case 1:
			body["order_id"] = map[string]string{DemoSupplierAID: DemoOrderA2ID, DemoSupplierBID: DemoOrderB1ID}[sup]
		}
		e.call("POST", "/retirements/from_oldest_credits", DemoBuyerToken, body)
	}
}

// refFilter is a query of GET /organisations/{id}/credit_batches.
type refFilter struct {
	dims          map[string]string // query parameter -> value
	statuses      []string
	after, before *time.Time
	asc           bool
}

func (f refFilter) query() string {
	v := url.Values{}
	for k, x := range f.dims {
		v.Set(k, x)
	}
	for _, s := range f.statuses {
		v.Add("status", s)
	}
	if f.after != nil {
		v.Set("issued_after", f.after.Format(time.RFC3339Nano))
	}
	if f.before != nil {
		v.Set("issued_before", f.before.Format(time.RFC3339Nano))
	}
	if f.asc {
		v.Set("sort_direction", "asc")
	}
	return v.Encode()
}

// indexFilters are filters on every dim, on statuses and issued_at bounds, alone and combined.
func indexFilters(s *Seed) []refFilter {
	var delivery, retirement string
	for _, b := range s.CreditBatches {
		if b.ParentID != nil && b.DeliveryID != nil && delivery == "" && *b.DeliveryID != DemoDeliveryA1ID {
			delivery = *b.DeliveryID
		}
		if b.ParentID != nil && b.RetirementID != nil {
			retirement = *b.RetirementID
		}
	}
	mid := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	exact := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // an issuance's issued_at: strict bounds exclude it
	early := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := []refFilter{
		{}, {asc: true},
		{statuses: []string{"active"}}, {statuses: []string{"split"}, asc: true}, {statuses: []string{"active", "split", "retired"}},
		{statuses: []string{"retired"}},
		{dims: map[string]string{"supplier_id": DemoSupplierBID}}, {dims: map[string]string{"supplier_id": DemoSupplierAID}, asc: true},
		{dims: map[string]string{"project_id": DemoProjectA1ID}, statuses: []string{"active", "split"}},
		{dims: map[string]string{"issuance_id": "iss_1TESTISSUANCE0003"}},
		{dims: map[string]string{"delivery_id": delivery}, statuses: []string{"active", "retired", "split"}},
		{dims: map[string]string{"order_id": DemoOrderA2ID}}, {dims: map[string]string{"order_id": DemoOrderB1ID}, asc: true},
		{dims: map[string]string{"retirement_id": retirement}},
		{after: &mid}, {before: &mid, asc: true}, {after: &early, before: &mid}, {after: &exact}, {before: &exact, asc: true},
		{after: &mid, before: &early},
		{dims: map[string]string{"supplier_id": DemoSupplierBID, "issuance_id": "iss_1TESTISSUANCE0010"}, statuses: []string{"active", "split"}},
		{dims: map[string]string{"supplier_id": DemoSupplierAID, "order_id": DemoOrderA2ID, "project_id": DemoProjectA2ID}, after: &early},
		{dims: map[string]string{"supplier_id": DemoSupplierAID, "issuance_id": "iss_1TESTISSUANCE0010"}},
		{dims: map[string]string{"order_id": "ord_1NOSUCHORDER00001"}},
	}
	return out
}

// refBatches is the list a scan of every batch of s gives, as the registry did before it had an
// index.
func refBatches(s *Seed, org string, f refFilter) []string {
	idx := indexSeed(s)
	statuses := f.statuses
	if len(statuses) == 0 {
		statuses = []string{"active", "retired"}
	}
	order := func(b *SeedCreditBatch) string {
		if b.DeliveryID == nil {
			return ""
		}
		return idx.deliveries[*b.DeliveryID].OrderID
	}
	var out []*SeedCreditBatch
	for _, b := range s.CreditBatches {
		listed := b.OwnerOrganisationID == org ||
			(b.Status == client.CreditBatchStatusRetired && idx.retirements[*b.RetirementID].BeneficiaryOrganisationID == org)
		is := idx.issuances[b.IssuanceID]
		vals := map[string]string{"supplier_id": is.SupplierID, "project_id": is.ProjectID, "issuance_id": b.IssuanceID,
			"delivery_id": deref(b.DeliveryID), "order_id": order(b), "retirement_id": deref(b.RetirementID)}
		ok := listed && slices.Contains(statuses, string(b.Status)) &&
			(f.after == nil || is.IssuedAt.After(*f.after)) && (f.before == nil || is.IssuedAt.Before(*f.before))
		for k, v := range f.dims {
			ok = ok && vals[k] == v
		}
		if ok {
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		ta, tb := idx.issuances[a.IssuanceID].IssuedAt, idx.issuances[b.IssuanceID].IssuedAt
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
	if !f.asc {
		slices.Reverse(out)
	}
	return views(out, batchID)
}

// checkLists compares org's lists, balance and an oldest-first pick with refBatches and a scan.
func checkLists(t *testing.T, e *testEnv, org string, filters []refFilter) {
	t.Helper()
	token := map[string]string{DemoBuyerOrgID: DemoBuyerToken, DemoPartnerOrgID: DemoPartnerToken, DemoSupplierAOrgID: DemoSupplierAToken}[org]
	snap := e.reg.Snapshot()
	for _, f := range filters {
		want := refBatches(snap, org, f)
		if token == "" { // no token: read the index directly
			e.reg.mu.RLock()
			items := e.reg.creditBatches(org, e.reg.filterOf(f))
			got, _ := items.page(0, items.len())
			e.reg.mu.RUnlock()
			if !slices.Equal(ids(got), want) {
				t.Errorf("%s ?%s: index %d batches, scan %d", org, f.query(), len(got), len(want))
			}
			continue
		}
		got, total := walk(e, org, token, f.query(), "first", "after", func(p client.PageInfo) *string { return p.EndCursor })
		if !slices.Equal(got, want) || total != len(want) {
			t.Errorf("%s ?%s: forward walk %d batches (total_count %d), scan %d\n got %v\nwant %v", org, f.query(), len(got), total, len(want), got, want)
			continue
		}
		back, _ := walk(e, org, token, f.query(), "last", "before", func(p client.PageInfo) *string { return p.StartCursor })
		slices.Reverse(back)
		if !slices.Equal(back, want) {
			t.Errorf("%s ?%s: backward walk differs", org, f.query())
		}
	}
	if got, want := e.reg.CreditBalance(org), refBalance(snap, org); !jsonEqual(got, want) {
		t.Errorf("%s: balance\n got %+v\nwant %+v", org, got, want)
	}
}

// walk collects a whole list page by page: 13 at a time, forward (first/after) or backward
// (last/before), and returns it in the order walked and the total_count.
func walk(e *testEnv, org, token, query, size, cursor string, next func(client.PageInfo) *string) ([]string, int) {
	e.t.Helper()
	var out []string
	cur := ""
	for range 1000 {
		p := query + "&" + size + "=13"
		if cur != "" {
			p += "&" + cursor + "=" + url.QueryEscape(cur)
		}
		page := ok[client.Page[client.CreditBatch]](e, "GET", "/organisations/"+org+"/credit_batches?"+strings.TrimPrefix(p, "&"), token, nil)
		nodes := ids(page.Nodes)
		if size == "last" {
			slices.Reverse(nodes)
		}
		out = append(out, nodes...)
		more := page.PageInfo.HasNextPage
		if size == "last" {
			more = page.PageInfo.HasPreviousPage
		}
		if !more {
			return out, int(page.TotalCount)
		}
		cur = *next(page.PageInfo)
	}
	e.t.Fatalf("%s: no end after 1000 pages", query)
	return nil, 0
}

// filterOf is the creditBatchFilter of a refFilter (for organisations without a token).
func (r *Registry) filterOf(f refFilter) creditBatchFilter {
	c := &rctx{q: must(url.ParseQuery(f.query()))}
	return c.creditBatchFilter()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// refBalance is an organisation's balance by a scan of every batch, as the registry computed it
// before it had an index.
func refBalance(s *Seed, org string) client.OrganisationCreditBalance {
	idx := indexSeed(s)
	type acc struct{ active, retired int64 }
	var total acc
	bySup, byPrj, byOrd := map[string]*acc{}, map[string]*acc{}, map[string]*acc{}
	add := func(m map[string]*acc, k string, b *SeedCreditBatch) {
		if m[k] == nil {
			m[k] = &acc{}
		}
		if b.Status == client.CreditBatchStatusActive {
			m[k].active += b.SizeKg
		} else {
			m[k].retired += b.SizeKg
		}
	}
	for _, b := range s.CreditBatches {
		listed := b.OwnerOrganisationID == org ||
			(b.Status == client.CreditBatchStatusRetired && idx.retirements[*b.RetirementID].BeneficiaryOrganisationID == org)
		if !listed || b.Status == client.CreditBatchStatusSplit {
			continue
		}
		one := map[string]*acc{"": &total}
		add(one, "", b)
		is := idx.issuances[b.IssuanceID]
		add(bySup, is.SupplierID, b)
		add(byPrj, is.ProjectID, b)
		if b.DeliveryID != nil {
			add(byOrd, idx.deliveries[*b.DeliveryID].OrderID, b)
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
	out := client.OrganisationCreditBalance{OrderBalances: []client.OrderCreditBalance{}, ProjectBalances: []client.ProjectCreditBalance{},
		SupplierBalances: []client.SupplierCreditBalance{}, Total: cb(&total)}
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

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestConcurrentReadsAndWrites: readers (read-locked, answering outside the lock) and writers
// with a state file at the same time (run with -race to see that nothing is shared unguarded).
func TestConcurrentReadsAndWrites(t *testing.T) {
	e := newEnvWith(t, Options{Seed: bigSeed(300), StatePath: filepath.Join(t.TempDir(), "state.json")})
	reads := []string{batchesURL("first=50"), batchesURL("first=20&sort_direction=asc&supplier_id=" + DemoSupplierBID),
		"/organisations/" + DemoBuyerOrgID + "/credit_balance", "/issuances?first=5", "/retirements?first=5", "/projects/" + DemoProjectB1ID}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 3; w++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if status, b := e.call("GET", reads[(w+i)%len(reads)], DemoBuyerToken, nil); status != 200 {
					t.Errorf("GET: %d %s", status, b)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				e.call("POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierBID, 7))
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	e.checkConsistency()
}

package ledger_test

// Property tests of the model against the registry's own rules. Each case draws a small world (a
// few batches of two suppliers, two or three vintages, orders, an existing split) and up to six
// operations (by-batch and oldest-first retirements, transfers), translates them into claims as
// the provider does at plan time, and compares the ledger's verdict with an oracle: the local
// registry, in process, applying the operations in every order (all permutations).
//
//   - sound: a set the ledger accepts applies in full in every order;
//   - order-free: the verdict is the same whatever order the claims arrive in;
//   - over-caution: a refused set that every order applies; counted, reported, and bounded.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

const (
	buyer   = localregistry.DemoBuyerOrgID
	partner = localregistry.DemoPartnerOrgID
)

var suppliers = []string{localregistry.DemoSupplierAID, localregistry.DemoSupplierBID}

// fataler is what the helpers need of a test (*testing.T or *rapid.T).
type fataler interface {
	Fatalf(format string, args ...any)
}

// world is a drawn world: its seed and what the generator needs to draw operations on it.
type world struct {
	seed *localregistry.Seed
	// batches are the buyer's active batches and split batches with an active remaining part, by
	// supplier (the batches an operation may name).
	named map[string][]string
	// vintages and orders an oldest-first retirement may select, by supplier.
	vintages map[string][]int64
	orders   map[string][]string
}

// drawWorld draws a world from the demo world's organisations, suppliers and projects.
func drawWorld(t *rapid.T) *world {
	s := localregistry.DemoSeed()
	s.CreditBatches, s.Deliveries, s.Orders, s.Retirements, s.Transfers, s.Refunds = nil, nil, nil, nil, nil, nil
	s.Issuances = nil
	w := &world{seed: s, named: map[string][]string{}, vintages: map[string][]int64{}, orders: map[string][]string{}}
	projects := map[string]string{suppliers[0]: localregistry.DemoProjectA1ID, suppliers[1]: localregistry.DemoProjectB1ID}
	allVintages := []int64{2023, 2024, 2025}
	type issuance struct {
		id, supplier string
		vintage      int64
		serial       int64
	}
	var issuances []issuance
	for si, sup := range suppliers {
		// One order per supplier, delivering some of the buyer's batches.
		order := fmt.Sprintf("ord_1PROPORDER%d000001", si)
		delivery := fmt.Sprintf("dlv_1PROPDELIV%d000001", si)
		s.Orders = append(s.Orders, &localregistry.SeedOrder{ID: order, SupplierID: sup, BuyerOrganisationID: buyer,
			EffectiveContractDate: "2024-01-01", PlacedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), CreditsOrderedKg: 10_000_000,
			Status: client.OrderStatusPlaced})
		s.Deliveries = append(s.Deliveries, &localregistry.SeedDelivery{ID: delivery, OrderID: order,
			DeliveredAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)})
		w.orders[sup] = []string{order}
		n := rapid.IntRange(1, 3).Draw(t, "issuances")
		for i := range n {
			v := rapid.SampledFrom(allVintages).Draw(t, "vintage")
			is := issuance{id: fmt.Sprintf("iss_1PROPISSUE%d%d00001", si, i), supplier: sup, vintage: v, serial: int64(10_000_000 * (1 + i))}
			issuances = append(issuances, is)
			s.Issuances = append(s.Issuances, &localregistry.SeedIssuance{ID: is.id, SupplierID: sup, ProjectID: projects[sup],
				IssuedAt:               time.Date(2024, time.Month(1+rapid.IntRange(0, 11).Draw(t, "month")), 1+i, 0, 0, 0, 0, time.UTC),
				ReportingPeriodStartAt: "2024-01-01", ReportingPeriodEndAt: "2024-06-30"})
			if !slices.Contains(w.vintages[sup], v) {
				w.vintages[sup] = append(w.vintages[sup], v)
			}
		}
	}
	nb := rapid.IntRange(2, 6).Draw(t, "batches")
	for i := range nb {
		is := rapid.SampledFrom(issuances).Draw(t, "issuance")
		kg := int64(rapid.IntRange(1, 8).Draw(t, "tonnes")) * 1000
		start := is.serial + int64(i)*100_000
		b := &localregistry.SeedCreditBatch{ID: fmt.Sprintf("ctb_1PROPBATCH%06d", i), IssuanceID: is.id,
			SerialNumber: fmt.Sprintf("ISO-1-PROP-%s-%d-%d", is.id[len(is.id)-8:], start, start+kg), SizeKg: kg,
			Status: client.CreditBatchStatusActive, OwnerOrganisationID: buyer, RemovalID: "rmv_1PROPREMOVAL00001",
			SequesteredOn: fmt.Sprintf("%d-05-01", is.vintage), CountryOfIssue: "USA"}
		si := slices.Index(suppliers, is.supplier)
		if rapid.Bool().Draw(t, "delivered") {
			d := s.Deliveries[si]
			b.DeliveryID = &d.ID
			d.CreditBatchIDs = append(d.CreditBatchIDs, b.ID)
		}
		s.CreditBatches = append(s.CreditBatches, b)
		if kg >= 2000 && rapid.IntRange(0, 3).Draw(t, "split") == 0 {
			// An earlier transfer of part of it: the left child went to the partner, the right
			// child is the buyer's remaining part.
			left := int64(rapid.IntRange(1, int(kg/1000)-1).Draw(t, "left")) * 1000
			l, r := *b, *b
			l.ID, r.ID = fmt.Sprintf("ctb_1PROPBATCH%06dL", i), fmt.Sprintf("ctb_1PROPBATCH%06dR", i)
			l.SizeKg, r.SizeKg = left, kg-left
			l.SerialNumber = fmt.Sprintf("ISO-1-PROP-%s-%d-%d", is.id[len(is.id)-8:], start, start+left)
			r.SerialNumber = fmt.Sprintf("ISO-1-PROP-%s-%d-%d", is.id[len(is.id)-8:], start+left, start+kg)
			l.OwnerOrganisationID, l.ParentID, r.ParentID = partner, &b.ID, &b.ID
			b.Status, b.LeftChildID, b.RightChildID = client.CreditBatchStatusSplit, &l.ID, &r.ID
			s.CreditBatches = append(s.CreditBatches, &l, &r)
		}
		w.named[is.supplier] = append(w.named[is.supplier], b.ID)
	}
	for _, d := range s.Deliveries {
		if len(d.CreditBatchIDs) == 0 { // the seed wants at least one: an old, already retired-out batch
			d.CreditBatchIDs = nil
		}
	}
	s.Deliveries = slices.DeleteFunc(s.Deliveries, func(d *localregistry.SeedDelivery) bool { return len(d.CreditBatchIDs) == 0 })
	if err := s.Validate(); err != nil {
		t.Fatalf("drawn world is not a valid seed: %v", err)
	}
	return w
}

// op is one planned operation.
type op struct {
	kind     string // "retire", "oldest", "transfer"
	supplier string
	items    []client.CreditBatchQuantity
	kg       int64
	vintage  int64
	order    string
}

func (o op) String() string {
	switch o.kind {
	case "oldest":
		return fmt.Sprintf("oldest-first %d kg of %s (vintage %d, order %q)", o.kg, o.supplier[len(o.supplier)-3:], o.vintage, o.order)
	default:
		var s []string
		for _, it := range o.items {
			s = append(s, fmt.Sprintf("%s:%d", it.CreditBatchID[len(it.CreditBatchID)-6:], it.CreditQuantityKg))
		}
		return o.kind + " " + strings.Join(s, ",")
	}
}

func drawOps(t *rapid.T, w *world) []op {
	n := rapid.IntRange(1, 6).Draw(t, "operations")
	ops := make([]op, 0, n)
	for range n {
		sup := rapid.SampledFrom(suppliers).Draw(t, "supplier")
		kind := rapid.SampledFrom([]string{"retire", "oldest", "transfer"}).Draw(t, "kind")
		if len(w.named[sup]) == 0 {
			kind = "oldest"
		}
		o := op{kind: kind, supplier: sup}
		if kind == "oldest" {
			o.kg = int64(rapid.IntRange(1, 8).Draw(t, "oldest tonnes")) * 500
			if rapid.Bool().Draw(t, "by vintage") {
				o.vintage = rapid.SampledFrom(w.vintages[sup]).Draw(t, "vintage")
			}
			if rapid.IntRange(0, 2).Draw(t, "by order") == 0 {
				o.order = w.orders[sup][0]
			}
		} else {
			k := rapid.IntRange(1, min(2, len(w.named[sup]))).Draw(t, "items")
			picked := rapid.Permutation(w.named[sup]).Draw(t, "batches")[:k]
			for _, id := range picked {
				o.items = append(o.items, client.CreditBatchQuantity{CreditBatchID: id,
					CreditQuantityKg: int64(rapid.IntRange(1, 6).Draw(t, "item tonnes")) * 500})
			}
		}
		ops = append(ops, o)
	}
	return ops
}

// registry is an in-process local registry and a client acting as the buyer.
type registry struct {
	reg *localregistry.Registry
	c   *client.Client
}

func newRegistry(t fataler, seed *localregistry.Seed) *registry {
	reg, err := localregistry.New(localregistry.Options{Seed: seed})
	if err != nil {
		t.Fatalf("local registry: %v", err)
	}
	h := reg.Handler()
	c, err := client.New(client.Config{BaseURL: "http://registry.invalid" + localregistry.APIPrefix, ClientSecret: localregistry.DemoClientSecret,
		AccessToken: localregistry.DemoBuyerToken, MaxRetries: -1,
		HTTPClient: &http.Client{Transport: handlerTransport{h}}})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return &registry{reg: reg, c: c}
}

// handlerTransport serves requests with a handler, in process.
type handlerTransport struct{ h http.Handler }

func (ht handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil {
		req.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	ht.h.ServeHTTP(rec, req)
	return rec.Result(), nil
}

// remainingPart follows a split batch to its remaining part, as the provider does right before a
// by-batch request.
func (r *registry) remainingPart(ctx context.Context, id string) (*client.CreditBatch, error) {
	b, err := r.c.GetCreditBatch(ctx, id)
	for err == nil && b.Status == client.CreditBatchStatusSplit && b.RightChildID != nil {
		b, err = r.c.GetCreditBatch(ctx, *b.RightChildID)
	}
	return b, err
}

// errNoRemainingPart is the provider's refusal right before a by-batch request whose named batch has
// nothing left (an earlier operation of the same apply took it all): nothing is sent, but the
// operation does not apply.
var errNoRemainingPart = errors.New("no usable remaining part")

// apply runs one operation as the provider's create would: named batches resolved to their
// remaining part, then exactly one POST.
func (r *registry) apply(ctx context.Context, o op) error {
	purposes := []client.RetirementPurpose{client.RetirementPurposeCorporateTargets}
	if o.kind == "oldest" {
		rq := client.CreateRetirementOldestCreditsRequest{BeneficiaryOrganisationID: buyer, OwnerOrganisationID: buyer,
			CreditQuantityKg: o.kg, RetirementPurposes: purposes, SupplierID: o.supplier}
		if o.vintage != 0 {
			rq.Vintage = &o.vintage
		}
		if o.order != "" {
			rq.OrderID = &o.order
		}
		_, err := r.c.CreateRetirementFromOldestCredits(ctx, rq)
		return err
	}
	items := make([]client.CreditBatchQuantity, 0, len(o.items))
	for _, it := range o.items {
		b, err := r.remainingPart(ctx, it.CreditBatchID)
		if err != nil {
			return err
		}
		if b.Status != client.CreditBatchStatusActive || b.Owner.ID != buyer {
			return fmt.Errorf("%w: %s", errNoRemainingPart, it.CreditBatchID)
		}
		items = append(items, client.CreditBatchQuantity{CreditBatchID: b.ID, CreditQuantityKg: it.CreditQuantityKg})
	}
	if o.kind == "transfer" {
		_, err := r.c.CreateTransfer(ctx, client.CreateTransferRequest{CreditBatchQuantities: items, FromOrganisationID: buyer,
			ToOrganisationID: partner, SupplierID: o.supplier})
		return err
	}
	_, err := r.c.CreateRetirement(ctx, client.CreateRetirementByBatchRequest{BeneficiaryOrganisationID: buyer,
		CreditBatchQuantities: items, OwnerOrganisationID: buyer, RetirementPurposes: purposes, SupplierID: o.supplier})
	return err
}

// everyOrderApplies is the oracle: the operations applied in every order; it returns an order
// that fails, or nil when every order applies every operation.
func everyOrderApplies(t fataler, seed *localregistry.Seed, ops []op) []int {
	ctx := context.Background()
	var failing []int
	permutations(len(ops), func(order []int) bool {
		r := newRegistry(t, seed)
		for _, i := range order {
			if err := r.apply(ctx, ops[i]); err != nil {
				var apiErr *client.APIError
				if !errors.Is(err, errNoRemainingPart) && (!errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity) {
					t.Fatalf("operation %v: not a refusal of the registry: %v", ops[i], err)
				}
				failing = slices.Clone(order)
				return false
			}
		}
		return true
	})
	return failing
}

// permutations calls f with every order of 0..n-1 until f returns false.
func permutations(n int, f func([]int) bool) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var rec func(k int) bool
	rec = func(k int) bool {
		if k == n {
			return f(p)
		}
		for i := k; i < n; i++ {
			p[k], p[i] = p[i], p[k]
			if !rec(k + 1) {
				p[k], p[i] = p[i], p[k]
				return false
			}
			p[k], p[i] = p[i], p[k]
		}
		return true
	}
	rec(0)
}

// claims translates the operations into claims as the provider does at plan time: named batches
// resolved to their remaining part, oldest-first pools read in the registry's order.
func claims(t fataler, seed *localregistry.Seed, ops []op) []*ledger.Claim {
	r := newRegistry(t, seed)
	ctx := context.Background()
	out := make([]*ledger.Claim, 0, len(ops))
	for i, o := range ops {
		c := &ledger.Claim{Key: fmt.Sprint(i), Who: o.String()}
		if o.kind == "oldest" {
			c.OldestFirst = &ledger.OldestFirst{Pool: pool(t, r, o), Kg: o.kg}
		}
		for _, it := range o.items {
			b, err := r.remainingPart(ctx, it.CreditBatchID)
			if err != nil {
				t.Fatalf("reading %s: %v", it.CreditBatchID, err)
			}
			c.Uses = append(c.Uses, ledger.Use{Named: it.CreditBatchID, Batch: ledger.Batch{ID: b.ID, Kg: b.Size.CreditKgs}, Kg: it.CreditQuantityKg})
		}
		out = append(out, c)
	}
	return out
}

// pool reads an oldest-first retirement's pool as the provider does: the owner's active batches of
// the supplier (and order) from the list endpoint, of the vintage, oldest first.
func pool(t fataler, r *registry, o op) *ledger.Pool {
	opts := client.CreditBatchListOptions{SupplierID: o.supplier, OrderID: o.order, Status: []client.CreditBatchStatus{client.CreditBatchStatusActive}}
	batches, err := client.All(context.Background(), func(ctx context.Context, lo client.ListOptions) (*client.Page[client.CreditBatch], error) {
		opts.ListOptions = lo
		return r.c.ListOrganisationCreditBatches(ctx, buyer, &opts)
	}, 0)
	if err != nil {
		t.Fatalf("listing the pool: %v", err)
	}
	p := &ledger.Pool{Owner: buyer, Supplier: o.supplier, Vintage: o.vintage, Order: o.order}
	batches = slices.DeleteFunc(batches, func(b client.CreditBatch) bool {
		return b.Owner.ID != buyer || (o.vintage != 0 && !strings.HasPrefix(b.SequesteredOn, fmt.Sprint(o.vintage)))
	})
	sort.SliceStable(batches, func(i, j int) bool {
		if batches[i].IssuedAt != batches[j].IssuedAt {
			return batches[i].IssuedAt < batches[j].IssuedAt
		}
		return batches[i].SerialNumber < batches[j].SerialNumber
	})
	for _, b := range batches {
		p.Batches = append(p.Batches, ledger.Batch{ID: b.ID, Kg: b.Size.CreditKgs})
	}
	return p
}

// accepts feeds the claims to a new ledger in the given order: true when every claim is accepted.
func accepts(claims []*ledger.Claim, order []int) bool {
	var l ledger.Ledger
	ok := true
	for _, i := range order {
		if len(l.Claim(claims[i])) > 0 {
			ok = false
		}
	}
	return ok
}

// tally counts the verdicts of a property run, for the over-caution figure.
type tally struct {
	mu                                    sync.Mutex
	cases, accepted, refused, overCaution int
	examples                              []string
}

func TestLedgerAgainstEveryOrder(t *testing.T) {
	var n tally
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		ops := drawOps(t, w)
		cs := claims(t, w.seed, ops)
		identity := make([]int, len(cs))
		for i := range identity {
			identity[i] = i
		}
		verdict := accepts(cs, identity)
		// Order-free: every arrival order gives the same verdict.
		permutations(len(cs), func(order []int) bool {
			if accepts(cs, order) != verdict {
				t.Fatalf("the verdict depends on the arrival order: %v gives %v, %v gives %v (operations %v)",
					identity, verdict, order, !verdict, ops)
			}
			return true
		})
		failing := everyOrderApplies(t, w.seed, ops)
		n.mu.Lock()
		defer n.mu.Unlock()
		n.cases++
		switch {
		case verdict && failing != nil:
			t.Fatalf("unsound: the ledger accepts %v, but the order %v fails at the registry", ops, failing)
		case verdict:
			n.accepted++
		case failing != nil:
			n.refused++
		default:
			n.overCaution++
			if len(n.examples) < 5 {
				n.examples = append(n.examples, fmt.Sprint(ops))
			}
		}
	})
	t.Logf("%d cases: %d accepted (every order applies), %d refused (some order fails), %d refused although every order applies "+
		"(over-caution %.1f%%)", n.cases, n.accepted, n.refused, n.overCaution, 100*float64(n.overCaution)/float64(max(n.cases, 1)))
	for _, e := range n.examples {
		t.Logf("over-cautious: %s", e)
	}
	if n.overCaution*10 > n.cases {
		t.Errorf("over-caution %d of %d cases is above 10%%", n.overCaution, n.cases)
	}
}

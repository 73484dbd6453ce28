package provider

// One view of the registry per provider configuration, that is per Terraform walk (a plan, or an
// apply): every resource and data source of the walk reads through it, so each record is read
// once and concurrent callers of the same read wait for one request (singleflight). A read that
// the provider's own POST may have changed is forgotten right after the POST and read again when
// next needed; records that never change (a split or retired batch, a delivery, a transaction's
// batches) are never read twice. The view also holds the plan's claims (planLedger) and the locks
// that serialise check-then-POST per pool of credits (lockCredits).

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
)

// recentWindow is how far back a planned create is compared with the registry's records (the
// "never twice" rule): a record of the same kind with the same arguments recorded within it is
// refused unless allow_repeat is set.
const recentWindow = 7 * 24 * time.Hour

// registryView is the provider's shared view of the registry for one walk. Values it returns are
// shared: callers must not modify them.
type registryView struct {
	c   *client.Client
	now func() time.Time

	sf   singleflight.Group
	mu   sync.Mutex
	vals map[string]any
	gen  map[string]uint64
	// created holds the IDs of the records this walk created (excluded from "never twice").
	created map[string]bool

	locks  keyedMutex
	ledger planLedger
}

func newRegistryView(c *client.Client) *registryView {
	return &registryView{
		c: c, now: func() time.Time { return time.Now().UTC() },
		vals: map[string]any{}, gen: map[string]uint64{}, created: map[string]bool{},
		ledger: newPlanLedger(),
	}
}

// cachedRead returns the value cached under key, or fetches it once for every concurrent caller
// and caches it. A fetch that started before forget(key) is not cached.
func cachedRead[T any](ctx context.Context, v *registryView, key string, fetch func(context.Context) (T, error)) (T, error) {
	v.mu.Lock()
	if x, ok := v.vals[key].(T); ok {
		v.mu.Unlock()
		return x, nil
	}
	gen := v.gen[key]
	v.mu.Unlock()
	x, err, _ := v.sf.Do(key+"#"+strconv.FormatUint(gen, 10), func() (any, error) {
		val, err := fetch(ctx)
		if err != nil {
			return nil, err
		}
		v.mu.Lock()
		if v.gen[key] == gen {
			v.vals[key] = val
		}
		v.mu.Unlock()
		return val, nil
	})
	val, ok := x.(T)
	if err == nil && !ok {
		err = fmt.Errorf("registry view: %s holds %T", key, x)
	}
	return val, err
}

// forget drops cached values: each key, and every key that starts with a prefix ending in "/".
func (v *registryView) forget(keys ...string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, k := range keys {
		if strings.HasSuffix(k, "/") {
			for have := range v.vals {
				if strings.HasPrefix(have, k) {
					delete(v.vals, have)
					v.gen[have]++
				}
			}
			continue
		}
		delete(v.vals, k)
		v.gen[k]++
	}
}

// forgetBatchesOf drops the cached active batches of owner from supplier: an oldest-first
// retirement may have split or retired any of them.
func (v *registryView) forgetBatchesOf(owner, supplier string) {
	v.mu.Lock()
	var keys []string
	for k, x := range v.vals {
		if b, ok := x.(*client.CreditBatch); ok && strings.HasPrefix(k, "batch/") &&
			b.Status == client.CreditBatchStatusActive && b.Owner.ID == owner && b.SupplierID == supplier {
			keys = append(keys, k)
		}
	}
	v.mu.Unlock()
	v.forget(keys...)
}

// afterPost forgets what a POST of this walk may have changed: the named batches, the pools of
// the owner and supplier, and extra keys (an oldest-first retirement whose batches are not known
// forgets the owner's batches of the supplier too, forgetBatchesOf). createdID, when known, is excluded
// from the "never twice" comparison (this walk made it).
func (v *registryView) afterPost(owner, supplier, createdID string, batchIDs []string, extra ...string) {
	// The recent records need no new read: the ones this walk makes are excluded by createdHere.
	keys := append([]string{"pool/" + owner + "/" + supplier + "/"}, extra...)
	for _, id := range batchIDs {
		keys = append(keys, "batch/"+id)
	}
	v.forget(keys...)
	if createdID != "" {
		v.mu.Lock()
		v.created[createdID] = true
		v.mu.Unlock()
	}
}

// afterOldestFirst is afterPost for an oldest-first retirement whose consumed batches are known
// (the retirement's credit batches: whole batches, or the left child of a batch it split): the
// cached pools of the owner and supplier lose those credits without being walked again, and only
// the batches involved are forgotten.
func (v *registryView) afterOldestFirst(owner, supplier, createdID string, consumed []client.CreditBatch) {
	var keys []string
	for _, c := range consumed {
		keys = append(keys, "batch/"+c.ID)
		if c.ParentID != nil {
			keys = append(keys, "batch/"+*c.ParentID)
		}
	}
	v.forget(keys...)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.created[createdID] = true
	prefix := "pool/" + owner + "/" + supplier + "/"
	for k, x := range v.vals {
		if p, ok := x.(*creditPool); ok && strings.HasPrefix(k, prefix) {
			v.vals[k] = p.without(consumed) // a new value: claims keep the pool they were checked against
		}
	}
}

// without is the pool after the consumed credits left it: a whole batch is removed, a batch split
// by the consumption keeps its remaining kg.
func (p *creditPool) without(consumed []client.CreditBatch) *creditPool {
	took := map[string]int64{}
	for _, c := range consumed {
		if c.ParentID != nil && !p.Model.Holds(c.ID) {
			took[*c.ParentID] += c.Size.CreditKgs
		} else {
			took[c.ID] += c.Size.CreditKgs
		}
	}
	left := make([]client.CreditBatch, 0, len(p.Batches))
	for _, b := range p.Batches {
		if kg := took[b.ID]; kg > 0 {
			if kg >= b.Size.CreditKgs {
				continue
			}
			b.Size.CreditKgs -= kg
		}
		left = append(left, b)
	}
	return newCreditPool(p.Key, left)
}

// createdHere reports whether this walk created the record id.
func (v *registryView) createdHere(id string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.created[id]
}

// actingOrganisation is GET /organisation, once per walk.
func (v *registryView) actingOrganisation(ctx context.Context) (*client.Organisation, error) {
	return cachedRead(ctx, v, "organisation", v.c.CurrentOrganisation)
}

// creditBatch is GET /credit_batches/{id}.
func (v *registryView) creditBatch(ctx context.Context, id string) (*client.CreditBatch, error) {
	return cachedRead(ctx, v, "batch/"+id, func(ctx context.Context) (*client.CreditBatch, error) { return v.c.GetCreditBatch(ctx, id) })
}

// remainingPart follows a split batch to the part that holds its remaining credits: the right
// child of the split, recursively, until a batch that is not split. It returns the batch itself
// when it is not split.
func (v *registryView) remainingPart(ctx context.Context, b *client.CreditBatch) (*client.CreditBatch, error) {
	for hops := 0; b.Status == client.CreditBatchStatusSplit && b.RightChildID != nil; hops++ {
		if hops > 1000 {
			return nil, fmt.Errorf("credit batch %s: the chain of split batches does not end", b.ID)
		}
		next, err := v.creditBatch(ctx, *b.RightChildID)
		if err != nil {
			return nil, fmt.Errorf("reading credit batch %s (the remaining part of %s): %w", *b.RightChildID, b.ID, err)
		}
		b = next
	}
	return b, nil
}

// retirement is GET /retirements/{id}; a retirement never changes.
func (v *registryView) retirement(ctx context.Context, id string) (*client.Retirement, error) {
	return cachedRead(ctx, v, "retirement/"+id, func(ctx context.Context) (*client.Retirement, error) { return v.c.GetRetirement(ctx, id) })
}

// supplier is GET /suppliers/{id}.
func (v *registryView) supplier(ctx context.Context, id string) (*client.Supplier, error) {
	return cachedRead(ctx, v, "supplier/"+id, func(ctx context.Context) (*client.Supplier, error) { return v.c.GetSupplier(ctx, id) })
}

// delivery is GET /deliveries/{id}; a delivery never changes.
func (v *registryView) delivery(ctx context.Context, id string) (*client.Delivery, error) {
	return cachedRead(ctx, v, "delivery/"+id, func(ctx context.Context) (*client.Delivery, error) { return v.c.GetDelivery(ctx, id) })
}

// order is GET /orders/{id} (forgotten after this walk's deliveries against it).
func (v *registryView) order(ctx context.Context, id string) (*client.Order, error) {
	return cachedRead(ctx, v, "order/"+id, func(ctx context.Context) (*client.Order, error) { return v.c.GetOrder(ctx, id) })
}

// organisationList names a paginated list of organisations.
type organisationList string

const (
	beneficiaryList organisationList = "beneficiaries"
	transfereeList  organisationList = "transferees"
)

// organisations walks every page of GET /beneficiaries or GET /transferees once per walk.
func (v *registryView) organisations(ctx context.Context, which organisationList) ([]client.Organisation, error) {
	list := v.c.ListTransferees
	if which == beneficiaryList {
		list = v.c.ListBeneficiaries
	}
	return cachedRead(ctx, v, "orgs/"+string(which), func(ctx context.Context) ([]client.Organisation, error) {
		return client.All(ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[client.Organisation], error) {
			return list(ctx, &o)
		}, 0)
	})
}

// poolKey selects the credits an oldest-first retirement draws on: the owner's active credits of
// one supplier, optionally of one vintage and/or delivered through one order (0 / "" = any).
type poolKey struct {
	Owner, Supplier string
	Vintage         int64
	Order           string
}

func (k poolKey) String() string {
	return fmt.Sprintf("pool/%s/%s/%d/%s", k.Owner, k.Supplier, k.Vintage, k.Order)
}

// creditPool is a pool's active batches, oldest first (ascending issued_at, then serial number,
// the order in which the registry retires them), their total, and the pool as the plan's ledger
// models it.
type creditPool struct {
	Key     poolKey
	Batches []client.CreditBatch
	Kg      int64
	Model   *ledger.Pool
}

// newCreditPool is the pool of key holding batches (oldest first).
func newCreditPool(k poolKey, batches []client.CreditBatch) *creditPool {
	p := &creditPool{Key: k, Batches: batches,
		Model: &ledger.Pool{Owner: k.Owner, Supplier: k.Supplier, Vintage: k.Vintage, Order: k.Order, Batches: make([]ledger.Batch, 0, len(batches))}}
	for _, b := range batches {
		p.Kg += b.Size.CreditKgs
		p.Model.Batches = append(p.Model.Batches, ledger.Batch{ID: b.ID, Kg: b.Size.CreditKgs})
	}
	return p
}

// pool walks GET /organisations/{owner}/credit_batches (active, of the supplier and order) once
// per walk and keeps the batches of the vintage.
func (v *registryView) pool(ctx context.Context, k poolKey) (*creditPool, error) {
	return cachedRead(ctx, v, k.String(), func(ctx context.Context) (*creditPool, error) {
		opts := client.CreditBatchListOptions{SupplierID: k.Supplier, OrderID: k.Order,
			Status: []client.CreditBatchStatus{client.CreditBatchStatusActive}}
		batches, err := client.All(ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[client.CreditBatch], error) {
			opts.ListOptions = o
			return v.c.ListOrganisationCreditBatches(ctx, k.Owner, &opts)
		}, 0)
		if err != nil {
			return nil, err
		}
		var in []client.CreditBatch
		for _, b := range batches {
			if b.Status != client.CreditBatchStatusActive || b.Owner.ID != k.Owner || b.SupplierID != k.Supplier ||
				(k.Vintage != 0 && batchVintage(b) != k.Vintage) {
				continue
			}
			in = append(in, b)
		}
		sort.SliceStable(in, func(i, j int) bool {
			a, b := in[i], in[j]
			if a.IssuedAt != b.IssuedAt {
				return a.IssuedAt < b.IssuedAt
			}
			return a.SerialNumber < b.SerialNumber
		})
		return newCreditPool(k, in), nil
	})
}

// recentRecords walks a list of records newest first until one is older than the recent window
// (records with unreadable timestamps are kept), once per walk per key.
func recentRecords[T any](ctx context.Context, v *registryView, key string, at func(T) string,
	list func(context.Context, client.ListOptions) (*client.Page[T], error)) ([]T, error) {
	cutoff := v.now().Add(-recentWindow)
	return cachedRead(ctx, v, "recent/"+key, func(ctx context.Context) ([]T, error) {
		var out []T
		o := client.ListOptions{First: client.MaxPageSize}
		for {
			p, err := list(ctx, o)
			if err != nil {
				return nil, err
			}
			older := false
			for _, r := range p.Nodes {
				if t, err := time.Parse(time.RFC3339Nano, at(r)); err == nil && t.Before(cutoff) {
					older = true
					continue
				}
				out = append(out, r)
			}
			if older || !p.PageInfo.HasNextPage || p.PageInfo.EndCursor == nil {
				return out, nil
			}
			o.After = *p.PageInfo.EndCursor
		}
	})
}

// recentRetirements are the owner's retirements of the recent window, newest first.
func (v *registryView) recentRetirements(ctx context.Context, owner string) ([]client.Retirement, error) {
	return recentRecords(ctx, v, "retirements/"+owner, func(r client.Retirement) string { return r.RetiredAt },
		func(ctx context.Context, o client.ListOptions) (*client.Page[client.Retirement], error) {
			return v.c.ListRetirements(ctx, &client.RetirementListOptions{ListOptions: o, OwnerOrgID: owner})
		})
}

// recentTransfers are the transfers from one organisation to another of the recent window.
func (v *registryView) recentTransfers(ctx context.Context, from, to string) ([]client.Transfer, error) {
	return recentRecords(ctx, v, "transfers/"+from+"/"+to, func(t client.Transfer) string { return t.TransferredAt },
		func(ctx context.Context, o client.ListOptions) (*client.Page[client.Transfer], error) {
			return v.c.ListTransfers(ctx, &client.TransferListOptions{ListOptions: o, FromOrganisationID: from, ToOrganisationID: to})
		})
}

// recentDeliveries are the deliveries against an order of the recent window.
func (v *registryView) recentDeliveries(ctx context.Context, order string) ([]client.Delivery, error) {
	return recentRecords(ctx, v, "deliveries/"+order, func(d client.Delivery) string { return d.DeliveredAt },
		func(ctx context.Context, o client.ListOptions) (*client.Page[client.Delivery], error) {
			return v.c.ListOrderDeliveries(ctx, order, &o)
		})
}

// recordBatches are the credit batches a transaction involved (GET /{kind}/{id}/credit_batches),
// which never change.
func (v *registryView) recordBatches(ctx context.Context, kind, id string, list func(context.Context, string) (*client.List[client.CreditBatch], error)) ([]client.CreditBatch, error) {
	return cachedRead(ctx, v, "record-batches/"+kind+"/"+id, func(ctx context.Context) ([]client.CreditBatch, error) {
		l, err := list(ctx, id)
		if err != nil {
			return nil, err
		}
		return l.Nodes, nil
	})
}

// keyedMutex serialises work per key (one sync.Mutex per key, created on first use).
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

// lock locks key and returns its unlock.
func (m *keyedMutex) lock(key string) func() {
	m.mu.Lock()
	if m.locks == nil {
		m.locks = map[string]*sync.Mutex{}
	}
	l, ok := m.locks[key]
	if !ok {
		l = &sync.Mutex{}
		m.locks[key] = l
	}
	m.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// lockCredits serialises the check-then-POST of every operation that draws on the credits of one
// owner from one supplier (named batches, oldest-first pools and, for deliveries, the order's
// supplier): a POST is never sent after another POST of the same walk made its checks stale.
func (v *registryView) lockCredits(owner, supplier string) func() {
	return v.locks.lock("credits/" + owner + "/" + supplier)
}

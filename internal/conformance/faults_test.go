package conformance

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

const (
	pathOrganisation = "/registry/v0/organisation"
	pathRetirements  = "/registry/v0/retirements"
)

// TestGETRetries: a GET hit by a transient fault is retried (Retry-After honoured) and succeeds; a
// GET that keeps failing gives up after MaxRetries with the matching sentinel error.
func TestGETRetries(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		fault      lr.Fault
		maxRetries int
		wantGETs   int
		wantErr    error         // nil: the call succeeds
		minElapsed time.Duration // Retry-After honoured
	}{
		{name: "429 with Retry-After", fault: lr.Fault{Status: 429, RetryAfterSeconds: 1, Times: 1}, wantGETs: 2, minElapsed: 900 * time.Millisecond},
		{name: "503", fault: lr.Fault{Status: 503, Times: 1}, wantGETs: 2},
		{name: "500 twice", fault: lr.Fault{Status: 500, Times: 2}, wantGETs: 3},
		{name: "502 every time", fault: lr.Fault{Status: 502}, maxRetries: 2, wantGETs: 3, wantErr: client.ErrServer},
		{name: "429 every time", fault: lr.Fault{Status: 429}, maxRetries: 1, wantGETs: 2, wantErr: client.ErrRateLimited},
		{name: "retries disabled", fault: lr.Fault{Status: 503, Times: 1}, maxRetries: -1, wantGETs: 1, wantErr: client.ErrServer},
		{name: "connection dropped", fault: lr.Fault{DropAfterCommit: true, Times: 1}, wantGETs: 2},
		{name: "latency only", fault: lr.Fault{Latency: 50 * time.Millisecond}, wantGETs: 1, minElapsed: 50 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			f := tc.fault
			f.Method, f.Path = http.MethodGet, pathOrganisation
			w.reg.AddFault(f)
			var mu sync.Mutex
			var logs []client.RequestLog
			c := w.client(lr.DemoBuyerToken, func(cfg *client.Config) {
				if tc.maxRetries != 0 {
					cfg.MaxRetries = tc.maxRetries
				}
				cfg.Logger = func(_ context.Context, e client.RequestLog) {
					mu.Lock()
					defer mu.Unlock()
					logs = append(logs, e)
				}
			})
			start := time.Now()
			o, err := c.CurrentOrganisation(context.Background())
			elapsed := time.Since(start)
			if tc.wantErr == nil {
				if err != nil || o.ID != lr.DemoBuyerOrgID {
					t.Fatalf("CurrentOrganisation = %v, %v; want the buyer after retrying", o, err)
				}
			} else if !errors.Is(err, tc.wantErr) {
				t.Fatalf("CurrentOrganisation err = %v, want %v", err, tc.wantErr)
			}
			if got := w.settledCount(http.MethodGet, pathOrganisation, tc.wantGETs); got != tc.wantGETs {
				t.Errorf("registry saw %d GETs, want %d", got, tc.wantGETs)
			}
			if got := len(w.rec.all()); got != tc.wantGETs {
				t.Errorf("client sent %d attempts, want %d", got, tc.wantGETs)
			}
			if elapsed < tc.minElapsed {
				t.Errorf("call took %s, want at least %s", elapsed, tc.minElapsed)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(logs) != tc.wantGETs {
				t.Fatalf("client logged %d attempts, want %d: %+v", len(logs), tc.wantGETs, logs)
			}
			for i, l := range logs {
				if l.Attempt != i+1 || l.Method != http.MethodGet || l.Path != pathOrganisation {
					t.Errorf("log entry %d = %+v, want attempt %d of GET %s", i, l, i+1, pathOrganisation)
				}
			}
			if last := logs[len(logs)-1]; (tc.wantErr == nil) != (last.Err == nil && last.Status == http.StatusOK) {
				t.Errorf("last attempt logged %+v, want success=%v", last, tc.wantErr == nil)
			}
		})
	}
}

// TestPOSTRetirementFaults: a POST is never retried once it may have reached the handler. The
// registry's own records show what really happened: exactly one POST, and either exactly one
// committed retirement (which the batch records) or none.
func TestPOSTRetirementFaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name          string
		fault         lr.Fault
		wantUnknown   bool // the client reports an unknown outcome
		wantPOSTs     int
		wantCommitted bool
		minElapsed    time.Duration
		// reuse sends a GET first so that the POST goes over a kept-alive connection (where Go's
		// transport itself retries some failed requests).
		reuse bool
		// wantLog is the registry's log of the POSTs: the fault applied to each ("" = none).
		wantLog []string
	}{
		{name: "500 after commit", fault: lr.Fault{StatusAfterCommit: 500, Times: 1}, wantUnknown: true, wantPOSTs: 1, wantCommitted: true, wantLog: []string{"status_after_commit"}},
		{name: "connection dropped after commit", fault: lr.Fault{DropAfterCommit: true, Times: 1}, wantUnknown: true, wantPOSTs: 1, wantCommitted: true, wantLog: []string{"drop_after_commit"}},
		{name: "connection dropped after commit on a reused connection", fault: lr.Fault{DropAfterCommit: true, Times: 1}, wantUnknown: true, wantPOSTs: 1, wantCommitted: true, reuse: true, wantLog: []string{"drop_after_commit"}},
		{name: "503 before commit", fault: lr.Fault{Status: 503, Times: 1}, wantUnknown: true, wantPOSTs: 1, wantLog: []string{"status"}},
		{name: "429 with Retry-After", fault: lr.Fault{Status: 429, RetryAfterSeconds: 1, Times: 1}, wantPOSTs: 2, wantCommitted: true, minElapsed: 900 * time.Millisecond, wantLog: []string{"status", ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			f := tc.fault
			f.Method, f.Path = http.MethodPost, pathRetirements
			w.reg.AddFault(f)
			c := w.client(lr.DemoBuyerToken)
			if tc.reuse {
				if _, err := c.CurrentOrganisation(context.Background()); err != nil {
					t.Fatal(err)
				}
			}

			start := time.Now()
			r, err := c.CreateRetirement(context.Background(), retirementRequest(lr.DemoBatchA1Buyer2, 1_000))
			elapsed := time.Since(start)
			var unknown *client.OutcomeUnknownError
			switch {
			case tc.wantUnknown && !errors.As(err, &unknown):
				t.Fatalf("CreateRetirement err = %v (%T), want *client.OutcomeUnknownError", err, err)
			case tc.wantUnknown && (unknown.Method != http.MethodPost || !client.IsOutcomeUnknown(err)):
				t.Errorf("OutcomeUnknownError = %+v", unknown)
			case !tc.wantUnknown && err != nil:
				t.Fatalf("CreateRetirement: %v", err)
			}
			if got := w.settledCount(http.MethodPost, pathRetirements, tc.wantPOSTs); got != tc.wantPOSTs {
				t.Errorf("registry saw %d POSTs, want %d", got, tc.wantPOSTs)
			}
			var applied []string
			for _, rr := range w.reg.Requests() {
				if rr.Method == http.MethodPost && rr.Path == pathRetirements {
					applied = append(applied, rr.Fault)
				}
			}
			if !slices.Equal(applied, tc.wantLog) {
				t.Errorf("registry log of the POSTs shows faults %q, want %q", applied, tc.wantLog)
			}
			posts := 0
			for _, e := range w.rec.all() {
				if e.Method == http.MethodPost {
					posts++
				}
			}
			if posts != tc.wantPOSTs {
				t.Errorf("client sent %d POST attempts, want %d", posts, tc.wantPOSTs)
			}
			if elapsed < tc.minElapsed {
				t.Errorf("call took %s, want at least %s (Retry-After)", elapsed, tc.minElapsed)
			}

			newRetirements := w.newRetirements()
			if !tc.wantCommitted {
				if len(newRetirements) != 0 {
					t.Errorf("registry committed %v, want nothing", newRetirements)
				}
				w.requireNothingCommitted(t)
				return
			}
			if len(newRetirements) != 1 {
				t.Fatalf("registry committed %d retirements %v, want exactly one", len(newRetirements), newRetirements)
			}
			committed := newRetirements[0]
			if r != nil && r.ID != committed.ID {
				t.Errorf("client returned retirement %s, registry committed %s", r.ID, committed.ID)
			}
			if committed.CreditBatchSizeTotal.CreditKgs != 1_000 {
				t.Errorf("committed retirement of %d kg, want 1000", committed.CreditBatchSizeTotal.CreditKgs)
			}
			// What the provider uses to find out: the batch records the retirement.
			left := checkSplit(t, w, lr.DemoBatchA1Buyer2, 1_000, lr.DemoBuyerOrgID)
			if deref(left.RetirementID) != committed.ID || left.Status != client.CreditBatchStatusRetired {
				t.Errorf("retired child %s: status %s retirement_id %q, want retired by %s", left.ID, left.Status, deref(left.RetirementID), committed.ID)
			}
		})
	}
}

// TestPOSTTimeoutIsOutcomeUnknown: a POST whose answer does not come before the caller's deadline
// has an unknown outcome and is not retried.
func TestPOSTTimeoutIsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.reg.AddFault(lr.Fault{Method: http.MethodPost, Path: pathRetirements, Latency: 400 * time.Millisecond, Times: 1})
	c := w.client(lr.DemoBuyerToken)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.CreateRetirement(ctx, retirementRequest(lr.DemoBatchA1Buyer2, 1_000))
	if !client.IsOutcomeUnknown(err) {
		t.Fatalf("CreateRetirement err = %v, want an OutcomeUnknownError", err)
	}
	if got := w.settledCount(http.MethodPost, pathRetirements, 1); got != 1 {
		t.Errorf("registry saw %d POSTs, want exactly 1", got)
	}
	if got := len(w.rec.all()); got != 1 {
		t.Errorf("client sent %d attempts, want 1", got)
	}
}

// newRetirements returns the registry's retirements that are not in the seed.
func (w *world) newRetirements() []client.Retirement {
	seeded := idsOf(w.seed.Retirements, func(r *lr.SeedRetirement) string { return r.ID })
	var out []client.Retirement
	for _, r := range w.reg.AllRetirements() {
		if !slices.Contains(seeded, r.ID) {
			out = append(out, r)
		}
	}
	return out
}

// settledCount returns the registry's count of method+path requests once it has reached want (or
// 3 s passed) and stayed put for a moment, so that a late duplicate would be seen too: a request
// whose caller gave up (timeout) is logged only when the registry is done with it.
func (w *world) settledCount(method, path string, want int) int {
	deadline := time.Now().Add(3 * time.Second)
	for w.reg.CountRequests(method, path) < want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	return w.reg.CountRequests(method, path)
}

// writeOp is one POST operation with a way to count what the registry committed for it.
type writeOp struct {
	name, path string
	token      string
	call       func(context.Context, *client.Client) error
	// committed counts the registry's records created since the seed (nil: the operation keeps no state).
	committed func(*world) int
}

func writeOps() []writeOp {
	seedBeneficiaries := func(w *world) int { return len(w.seedOrg(lr.DemoBuyerOrgID).Beneficiaries) }
	return []writeOp{
		{name: "retirement", path: pathRetirements, token: lr.DemoBuyerToken,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.CreateRetirement(ctx, retirementRequest(lr.DemoBatchA1Buyer2, 1_000))
				return err
			},
			committed: func(w *world) int { return len(w.newRetirements()) }},
		{name: "oldest-first retirement", path: pathRetirements + "/from_oldest_credits", token: lr.DemoBuyerToken,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.CreateRetirementFromOldestCredits(ctx, client.CreateRetirementOldestCreditsRequest{
					OwnerOrganisationID: lr.DemoBuyerOrgID, BeneficiaryOrganisationID: lr.DemoBuyerOrgID, SupplierID: lr.DemoSupplierBID,
					RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposeOther}, CreditQuantityKg: 500,
				})
				return err
			},
			committed: func(w *world) int { return len(w.newRetirements()) }},
		{name: "transfer", path: "/registry/v0/transfers", token: lr.DemoBuyerToken,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.CreateTransfer(ctx, client.CreateTransferRequest{
					FromOrganisationID: lr.DemoBuyerOrgID, ToOrganisationID: lr.DemoPartnerOrgID, SupplierID: lr.DemoSupplierBID,
					CreditBatchQuantities: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchB1Buyer1, CreditQuantityKg: 750}},
				})
				return err
			},
			committed: func(w *world) int { return len(w.reg.AllTransfers()) - len(w.seed.Transfers) }},
		{name: "delivery", path: "/registry/v0/deliveries", token: lr.DemoSupplierAToken,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.CreateDelivery(ctx, client.CreateDeliveryRequest{OrderID: lr.DemoOrderA2ID,
					CreditBatchQuantities: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA2Supplier2, CreditQuantityKg: 2_000}}})
				return err
			},
			committed: func(w *world) int { return len(w.reg.AllDeliveries()) - len(w.seed.Deliveries) }},
		{name: "beneficiary", path: "/registry/v0/beneficiary", token: lr.DemoBuyerToken,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.CreateBeneficiary(ctx, client.CreateBeneficiaryRequest{BeneficiaryName: "Fault Corp", BeneficiaryDomain: "fault.example"})
				return err
			},
			committed: func(w *world) int { return len(w.reg.AllBeneficiaries(lr.DemoBuyerOrgID)) - seedBeneficiaries(w) }},
		{name: "stripe checkout", path: "/registry/v0/stripe/checkout", token: lr.DemoSupplierAToken,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.CreateStripeCheckoutSession(ctx, client.CreateStripeCheckoutSessionRequest{
					QuantityKg: 1_000, Frequency: client.StripeSubscriptionFrequencyOneTime,
					IsometricTermsAndConditionsAccepted: true, SupplierTermsAndConditionsAccepted: true,
					SuccessURL: "https://example.com/ok", CancelURL: "https://example.com/cancel",
				})
				return err
			}},
	}
}

// TestPOSTFaultsOnEveryWriteOperation: every POST of the API follows the same rule. A fault that may
// come after the handler ran gives an unknown outcome, one POST and (where the registry keeps state)
// exactly one committed record; a 5xx before the handler commits nothing and is not retried
// either; a 429 is retried and commits once.
func TestPOSTFaultsOnEveryWriteOperation(t *testing.T) {
	t.Parallel()
	faults := []struct {
		name          string
		fault         lr.Fault
		wantUnknown   bool
		wantPOSTs     int
		wantCommitted int
	}{
		{name: "502 after commit", fault: lr.Fault{StatusAfterCommit: 502, Times: 1}, wantUnknown: true, wantPOSTs: 1, wantCommitted: 1},
		{name: "dropped after commit", fault: lr.Fault{DropAfterCommit: true, Times: 1}, wantUnknown: true, wantPOSTs: 1, wantCommitted: 1},
		{name: "500 before commit", fault: lr.Fault{Status: 500, Times: 1}, wantUnknown: true, wantPOSTs: 1},
		{name: "429 before commit", fault: lr.Fault{Status: 429, Times: 1}, wantPOSTs: 2, wantCommitted: 1},
	}
	for _, op := range writeOps() {
		for _, f := range faults {
			t.Run(op.name+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				w := newWorld(t)
				fault := f.fault
				fault.Method, fault.Path = http.MethodPost, op.path
				w.reg.AddFault(fault)
				err := op.call(context.Background(), w.client(op.token))
				if got := client.IsOutcomeUnknown(err); got != f.wantUnknown || (!f.wantUnknown && err != nil) {
					t.Fatalf("err = %v; want outcome unknown: %v", err, f.wantUnknown)
				}
				if got := w.settledCount(http.MethodPost, op.path, f.wantPOSTs); got != f.wantPOSTs {
					t.Errorf("registry saw %d POSTs, want %d", got, f.wantPOSTs)
				}
				if op.committed != nil {
					if got := op.committed(w); got != f.wantCommitted {
						t.Errorf("registry committed %d records, want %d", got, f.wantCommitted)
					}
				}
			})
		}
	}
}

// TestConcurrentRetirementsOfOneBatch: concurrent POSTs retiring part of the same batch cannot both
// use it: the first splits it, the others find it split and are refused with a 422 (valid against
// the spec); the registry holds exactly one new retirement.
func TestConcurrentRetirementsOfOneBatch(t *testing.T) {
	t.Parallel()
	const n = 6
	w := newWorld(t)
	c := w.client(lr.DemoBuyerToken)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.CreateRetirement(context.Background(), retirementRequest(lr.DemoBatchA1Buyer1, 1_000))
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, client.ErrValidation):
			t.Errorf("refused retirement: err = %v, want a 422 ErrValidation", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d of %d concurrent retirements of one batch succeeded, want exactly 1", ok, n)
	}
	if got := len(w.newRetirements()); got != 1 {
		t.Errorf("registry holds %d new retirements, want 1", got)
	}
	checkSplit(t, w, lr.DemoBatchA1Buyer1, 1_000, lr.DemoBuyerOrgID)
}

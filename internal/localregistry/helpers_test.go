package localregistry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

type testEnv struct {
	t   *testing.T
	reg *Registry
	srv *httptest.Server
}

func newEnv(t *testing.T, seed *Seed) *testEnv {
	t.Helper()
	return newEnvWith(t, Options{Seed: seed})
}

func newEnvWith(t *testing.T, opts Options) *testEnv {
	t.Helper()
	reg, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := reg.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	srv := httptest.NewServer(reg.Handler()) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return &testEnv{t: t, reg: reg, srv: srv}
}

// call sends an API request (path relative to /registry/v0) with the demo client secret.
func (e *testEnv) call(method, path, token string, body any) (int, []byte) {
	e.t.Helper()
	return e.raw(method, APIPrefix+path, apiHeaders(token), body)
}

// raw sends a request with exactly these headers and returns the status and the body.
func (e *testEnv) raw(method, path string, headers map[string]string, body any) (int, []byte) {
	e.t.Helper()
	resp, out, err := e.send(method, path, headers, body)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp.StatusCode, out
}

// send sends a request (body: nil, a string sent as is, or a value sent as JSON) and returns the
// response with its body read, or the transport error (a connection dropped by a fault).
func (e *testEnv) send(method, path string, headers map[string]string, body any) (*http.Response, []byte, error) {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out, nil
}

// apiHeaders are the headers of an API request acting with token.
func apiHeaders(token string) map[string]string {
	return map[string]string{"X-Client-Secret": DemoClientSecret, "Authorization": "Bearer " + token}
}

// ok calls and requires a 200, decoding the body into T.
func ok[T any](e *testEnv, method, path, token string, body any) T {
	e.t.Helper()
	status, b := e.call(method, path, token, body)
	if status != http.StatusOK {
		e.t.Fatalf("%s %s: status %d, body %s", method, path, status, b)
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		e.t.Fatalf("%s %s: decode %T: %v\n%s", method, path, v, err, b)
	}
	return v
}

type detailEntry struct {
	Loc  []any  `json:"loc"`
	Msg  string `json:"msg"`
	Type string `json:"type"`
}

// unprocessable requires a 422 and returns its detail entries.
func unprocessable(e *testEnv, method, path, token string, body any) []detailEntry {
	e.t.Helper()
	status, b := e.call(method, path, token, body)
	if status != http.StatusUnprocessableEntity {
		e.t.Fatalf("%s %s: want 422, got %d: %s", method, path, status, b)
	}
	var v struct {
		Detail []detailEntry `json:"detail"`
	}
	if err := json.Unmarshal(b, &v); err != nil || len(v.Detail) == 0 {
		e.t.Fatalf("422 body is not FastAPI-shaped: %v %s", err, b)
	}
	return v.Detail
}

// refused requires a 422 that leaves the state as it was, and returns its detail entries.
func refused(e *testEnv, method, path, token string, body any) []detailEntry {
	e.t.Helper()
	before := e.snapshotJSON()
	d := unprocessable(e, method, path, token, body)
	if e.snapshotJSON() != before {
		e.t.Errorf("%s %s: a refused request changed the state", method, path)
	}
	return d
}

// locString renders a 422 loc as "body.credit_batch_quantities.0.credit_batch_id".
func locString(loc []any) string {
	parts := make([]string, len(loc))
	for i, p := range loc {
		b, _ := json.Marshal(p)
		parts[i] = strings.Trim(string(b), `"`)
	}
	return strings.Join(parts, ".")
}

// batch is a credit batch of the registry (fatal when there is none).
func (e *testEnv) batch(id string) client.CreditBatch {
	e.t.Helper()
	b, found := e.reg.CreditBatch(id)
	if !found {
		e.t.Fatalf("credit batch %s not found", id)
	}
	return b
}

// snapshotJSON is the whole state, for comparisons.
func (e *testEnv) snapshotJSON() string {
	b, _ := json.Marshal(e.reg.Snapshot())
	return string(b)
}

// retireBody, transferBody and deliveryBody are valid bodies of POST /retirements, /transfers and
// /deliveries.
func retireBody(owner, ben, supplier string, qs ...client.CreditBatchQuantity) map[string]any {
	return map[string]any{
		"owner_organisation_id": owner, "beneficiary_organisation_id": ben, "supplier_id": supplier,
		"retirement_purposes": []string{"corporate_targets"}, "notes": "test", "credit_batch_quantities": qs,
	}
}

func transferBody(from, to, supplier string, qs ...client.CreditBatchQuantity) map[string]any {
	if qs == nil {
		qs = []client.CreditBatchQuantity{}
	}
	return map[string]any{"from_organisation_id": from, "to_organisation_id": to, "supplier_id": supplier, "notes": nil, "credit_batch_quantities": qs}
}

func deliveryBody(order string, qs ...client.CreditBatchQuantity) map[string]any {
	return map[string]any{"order_id": order, "notes": "delivery", "credit_batch_quantities": qs}
}

// oldestBody is a retirement from the oldest credits of the demo buyer (owner_organisation_id).
func oldestBody(ben, supplier string, kg int64) map[string]any {
	return map[string]any{"owner_organisation_id": DemoBuyerOrgID, "beneficiary_organisation_id": ben, "supplier_id": supplier,
		"retirement_purposes": []string{"other"}, "notes": nil, "credit_quantity_kg": kg}
}

// q is one entry of credit_batch_quantities.
func q(id string, kg int64) client.CreditBatchQuantity {
	return client.CreditBatchQuantity{CreditBatchID: id, CreditQuantityKg: kg}
}

// checkConsistency asserts that every balance adds up and that no kilogram was created or lost:
// per organisation, totals = sum of supplier balances = sum of project balances = sum of its listed
// batches; globally, the non-split batches of each issuance add up to its original batches.
func (e *testEnv) checkConsistency() {
	e.t.Helper()
	snap := e.reg.Snapshot()
	byID := indexByID(snap.CreditBatches)
	retirements := indexByID(snap.Retirements)
	origTotal, liveTotal := map[string]int64{}, map[string]int64{}
	for _, b := range snap.CreditBatches {
		if b.ParentID == nil {
			origTotal[b.IssuanceID] += b.SizeKg
		}
		if b.Status != client.CreditBatchStatusSplit {
			liveTotal[b.IssuanceID] += b.SizeKg
		}
		if b.Status == client.CreditBatchStatusSplit {
			l, r := byID[*b.LeftChildID], byID[*b.RightChildID]
			if l.SizeKg+r.SizeKg != b.SizeKg {
				e.t.Errorf("batch %s: children %d + %d != %d", b.ID, l.SizeKg, r.SizeKg, b.SizeKg)
			}
		}
	}
	for is, n := range origTotal {
		if liveTotal[is] != n {
			e.t.Errorf("issuance %s: live batches hold %d kg, originals %d kg", is, liveTotal[is], n)
		}
	}
	if err := snap.Validate(); err != nil {
		e.t.Errorf("state no longer validates: %v", err)
	}
	for _, o := range snap.Organisations {
		bal := e.reg.CreditBalance(o.ID)
		var sa, sr, pa, pr int64
		for _, s := range bal.SupplierBalances {
			sa += s.Total.ActiveCreditsTotal.CreditKgs
			sr += s.Total.RetiredCreditsTotal.CreditKgs
		}
		for _, p := range bal.ProjectBalances {
			pa += p.Total.ActiveCreditsTotal.CreditKgs
			pr += p.Total.RetiredCreditsTotal.CreditKgs
		}
		var ba, br int64
		for _, b := range snap.CreditBatches {
			owned := b.OwnerOrganisationID == o.ID
			benef := false
			if b.RetirementID != nil {
				r := retirements[*b.RetirementID]
				benef = r != nil && r.BeneficiaryOrganisationID == o.ID
			}
			switch {
			case b.Status == client.CreditBatchStatusActive && owned:
				ba += b.SizeKg
			case b.Status == client.CreditBatchStatusRetired && (owned || benef):
				br += b.SizeKg
			}
		}
		ta, tr := bal.Total.ActiveCreditsTotal.CreditKgs, bal.Total.RetiredCreditsTotal.CreditKgs
		if ta != sa || ta != pa || ta != ba || tr != sr || tr != pr || tr != br {
			e.t.Errorf("organisation %s: balances do not add up: total %d/%d, suppliers %d/%d, projects %d/%d, batches %d/%d",
				o.ID, ta, tr, sa, sr, pa, pr, ba, br)
		}
	}
}

// retirementCount is the number of retirements in the registry.
func retirementCount(e *testEnv) int { return len(e.reg.AllRetirements()) }

// bigSeed is the demo world plus n active batches of the buyer in n/20+1 extra issuances of supplier B.
func bigSeed(n int) *Seed {
	s := DemoSeed()
	var iss *SeedIssuance
	var start int64 = 50000000
	for i := 0; i < n; i++ {
		if i%20 == 0 {
			iss = &SeedIssuance{ID: fmt.Sprintf("iss_1TESTISSUANCE%04d", i/20), SupplierID: DemoSupplierBID, ProjectID: DemoProjectB1ID,
				IssuedAt: time.Date(2026, 1, 1+i/20, 0, 0, 0, 0, time.UTC), ReportingPeriodStartAt: "2025-07-01", ReportingPeriodEndAt: "2025-09-30"}
			s.Issuances = append(s.Issuances, iss)
		}
		kg := int64(100 + i)
		s.CreditBatches = append(s.CreditBatches, &SeedCreditBatch{
			ID: fmt.Sprintf("ctb_1TESTBATCH%08d", i), IssuanceID: iss.ID, SerialNumber: fmt.Sprintf("ISO-1-TEST-CAN-0T01-2025-%d-%d", start, start+kg),
			SizeKg: kg, Status: client.CreditBatchStatusActive, OwnerOrganisationID: DemoBuyerOrgID, RemovalID: "rmv_1TESTREMOVAL00001",
			SequesteredOn: "2025-08-01", CountryOfIssue: "CAN",
		})
		start += kg
	}
	return s
}

// batchesURL is the buyer's credit batch list with the query params.
func batchesURL(params string) string {
	return "/organisations/" + DemoBuyerOrgID + "/credit_batches?" + params
}

// ids are the IDs of batches, in order.
func ids(bs []client.CreditBatch) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.ID
	}
	return out
}

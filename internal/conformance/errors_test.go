package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// retirementBody is a valid POST /retirements body (the buyer retires 1 000 kg of its batch A1-2),
// changed by mod.
func retirementBody(mod func(map[string]any)) map[string]any {
	b := map[string]any{
		"owner_organisation_id":       lr.DemoBuyerOrgID,
		"beneficiary_organisation_id": lr.DemoBuyerOrgID,
		"supplier_id":                 lr.DemoSupplierAID,
		"retirement_purposes":         []any{"corporate_targets"},
		"notes":                       nil,
		"credit_batch_quantities":     []any{map[string]any{"credit_batch_id": lr.DemoBatchA1Buyer2, "credit_quantity_kg": 1000}},
	}
	if mod != nil {
		mod(b)
	}
	return b
}

// oldestBody is a valid POST /retirements/from_oldest_credits body, changed by mod.
func oldestBody(mod func(map[string]any)) map[string]any {
	b := retirementBody(func(b map[string]any) {
		delete(b, "credit_batch_quantities")
		b["credit_quantity_kg"] = 1000
	})
	if mod != nil {
		mod(b)
	}
	return b
}

// transferBody is a valid POST /transfers body (buyer -> partner, 1 000 kg of batch B1-1), changed by mod.
func transferBody(mod func(map[string]any)) map[string]any {
	b := map[string]any{
		"from_organisation_id":    lr.DemoBuyerOrgID,
		"to_organisation_id":      lr.DemoPartnerOrgID,
		"supplier_id":             lr.DemoSupplierBID,
		"notes":                   "transfer",
		"credit_batch_quantities": []any{map[string]any{"credit_batch_id": lr.DemoBatchB1Buyer1, "credit_quantity_kg": 1000}},
	}
	if mod != nil {
		mod(b)
	}
	return b
}

// deliveryBody is a valid POST /deliveries body (supplier A delivers 1 000 kg against order A2), changed by mod.
func deliveryBody(mod func(map[string]any)) map[string]any {
	b := map[string]any{
		"order_id":                lr.DemoOrderA2ID,
		"notes":                   nil,
		"credit_batch_quantities": []any{map[string]any{"credit_batch_id": lr.DemoBatchA2Supplier1, "credit_quantity_kg": 1000}},
	}
	if mod != nil {
		mod(b)
	}
	return b
}

// firstQuantity returns the first entry of a body's credit_batch_quantities.
func firstQuantity(b map[string]any) map[string]any {
	list, ok := b["credit_batch_quantities"].([]any)
	if !ok || len(list) == 0 {
		panic("body has no credit_batch_quantities")
	}
	q, ok := list[0].(map[string]any)
	if !ok {
		panic("credit_batch_quantities[0] is not an object")
	}
	return q
}

func setQuantity(kg any) func(map[string]any) {
	return func(b map[string]any) { firstQuantity(b)["credit_quantity_kg"] = kg }
}

func setBatch(id string) func(map[string]any) {
	return func(b map[string]any) { firstQuantity(b)["credit_batch_id"] = id }
}

func set(key string, v any) func(map[string]any) { return func(b map[string]any) { b[key] = v } }

func without(key string) func(map[string]any) { return func(b map[string]any) { delete(b, key) } }

var supplierA = rawHeaders{ClientSecret: lr.DemoClientSecret, Token: lr.DemoSupplierAToken}

// decode422 parses a 422 answer as the spec's HTTPValidationError.
func decode422(t *testing.T, r rawResponse) client.HTTPValidationError {
	t.Helper()
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422; body %s", r.Status, r.Body)
	}
	var v client.HTTPValidationError
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("422 body %s: %v", r.Body, err)
	}
	if len(v.Detail) == 0 {
		t.Fatalf("422 body %s has no detail entries", r.Body)
	}
	for _, d := range v.Detail {
		if d.Msg == "" || d.Type == "" || len(d.Loc) == 0 {
			t.Errorf("422 detail entry %+v lacks loc, msg or type", d)
		}
	}
	return v
}

// locs renders each detail entry's loc as "a.b.0.c".
func locs(v client.HTTPValidationError) []string {
	out := make([]string, len(v.Detail))
	for i, d := range v.Detail {
		parts := make([]string, len(d.Loc))
		for j, p := range d.Loc {
			parts[j] = fmt.Sprint(p)
		}
		out[i] = strings.Join(parts, ".")
	}
	return out
}

// TestInvalidInputGives422 sends requests that break the spec's own constraints (bypassing the
// client's types): the spec validator must reject the request too, and the registry must answer a
// 422 that validates as HTTPValidationError with the expected loc.
func TestInvalidInputGives422(t *testing.T) {
	t.Parallel()
	buyerID := "/organisations/" + lr.DemoBuyerOrgID
	cases := []struct {
		name         string
		method, path string
		h            rawHeaders
		body         any
		wantLoc      string
	}{
		{"retirement quantity 0", "POST", "/retirements", buyer, retirementBody(setQuantity(0)), "body.credit_batch_quantities.0.credit_quantity_kg"},
		{"retirement quantity negative", "POST", "/retirements", buyer, retirementBody(setQuantity(-5)), "body.credit_batch_quantities.0.credit_quantity_kg"},
		{"retirement quantity not an integer", "POST", "/retirements", buyer, retirementBody(setQuantity(1.5)), "body.credit_batch_quantities.0.credit_quantity_kg"},
		{"retirement notes of 257 characters", "POST", "/retirements", buyer, retirementBody(set("notes", strings.Repeat("n", 257))), "body.notes"},
		{"retirement unknown purpose", "POST", "/retirements", buyer, retirementBody(set("retirement_purposes", []any{"bragging"})), "body.retirement_purposes.0"},
		{"retirement no purpose", "POST", "/retirements", buyer, retirementBody(set("retirement_purposes", []any{})), "body.retirement_purposes"},
		{"retirement without supplier_id", "POST", "/retirements", buyer, retirementBody(without("supplier_id")), "body.supplier_id"},
		{"retirement without notes", "POST", "/retirements", buyer, retirementBody(without("notes")), "body.notes"},
		{"retirement owner ID too short", "POST", "/retirements", buyer, retirementBody(set("owner_organisation_id", "org_1SHORT")), "body.owner_organisation_id"},
		{"retirement batch ID too short", "POST", "/retirements", buyer, retirementBody(setBatch("ctb_1")), "body.credit_batch_quantities.0.credit_batch_id"},
		{"retirement no batches", "POST", "/retirements", buyer, retirementBody(set("credit_batch_quantities", []any{})), "body.credit_batch_quantities"},
		{"oldest-first quantity 0", "POST", "/retirements/from_oldest_credits", buyer, oldestBody(set("credit_quantity_kg", 0)), "body.credit_quantity_kg"},
		{"oldest-first vintage 1800", "POST", "/retirements/from_oldest_credits", buyer, oldestBody(set("vintage", 1800)), "body.vintage"},
		{"oldest-first order ID too short", "POST", "/retirements/from_oldest_credits", buyer, oldestBody(set("order_id", "ord_1")), "body.order_id"},
		{"transfer quantity 0", "POST", "/transfers", buyer, transferBody(setQuantity(0)), "body.credit_batch_quantities.0.credit_quantity_kg"},
		{"transfer notes of 257 characters", "POST", "/transfers", buyer, transferBody(set("notes", strings.Repeat("n", 257))), "body.notes"},
		{"delivery notes of 257 characters", "POST", "/deliveries", supplierA, deliveryBody(set("notes", strings.Repeat("n", 257))), "body.notes"},
		{"delivery quantity 0", "POST", "/deliveries", supplierA, deliveryBody(setQuantity(0)), "body.credit_batch_quantities.0.credit_quantity_kg"},
		{"beneficiary name of 257 characters", "POST", "/beneficiary", buyer, map[string]any{"beneficiary_name": strings.Repeat("n", 257), "beneficiary_domain": "x.example"}, "body"},
		{"credit batch ID too short", "GET", "/credit_batches/ctb_1SHORT", buyer, nil, "path.id"},
		{"retirement ID too long", "GET", "/retirements/ret_" + strings.Repeat("X", 40), buyer, nil, "path.id"},
		{"first=51", "GET", buyerID + "/credit_batches?first=51", buyer, nil, "query.first"},
		{"first=0", "GET", buyerID + "/credit_batches?first=0", buyer, nil, "query.first"},
		{"last=51", "GET", "/projects?last=51", buyer, nil, "query.last"},
		{"first not a number", "GET", "/retirements?first=ten", buyer, nil, "query.first"},
		{"unknown status filter", "GET", buyerID + "/credit_batches?status=burnt", buyer, nil, "query.status.0"},
		{"unknown sort direction", "GET", buyerID + "/credit_batches?sort_direction=sideways", buyer, nil, "query.sort_direction"},
		{"supplier filter ID too short", "GET", buyerID + "/credit_batches?supplier_id=spl_1", buyer, nil, "query.supplier_id"},
		{"issued_after not a date-time", "GET", buyerID + "/credit_batches?issued_after=yesterday", buyer, nil, "query.issued_after"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			r := w.raw(tc.method, tc.path, tc.h, tc.body)
			if r.RequestErr == nil {
				t.Errorf("the spec accepts this request; the case must break the spec")
			}
			v := decode422(t, r)
			if got := locs(v); !hasLoc(got, tc.wantLoc) {
				t.Errorf("422 locs %v, want %s", got, tc.wantLoc)
			}
			w.requireNothingCommitted(t)
		})
	}
}

// hasLoc reports whether want is among locs; want "body" accepts any location inside the body
// (FastAPI's locations inside a oneOf body name the union member).
func hasLoc(locs []string, want string) bool {
	for _, l := range locs {
		if l == want || (want == "body" && strings.HasPrefix(l, "body")) {
			return true
		}
	}
	return false
}

// requireNothingCommitted asserts the registry's transactions and batches are those of the seed.
func (w *world) requireNothingCommitted(t *testing.T) {
	t.Helper()
	if got, want := len(w.reg.AllRetirements()), len(w.seed.Retirements); got != want {
		t.Errorf("registry holds %d retirements, the seed %d: something was committed", got, want)
	}
	if got, want := len(w.reg.AllTransfers()), len(w.seed.Transfers); got != want {
		t.Errorf("registry holds %d transfers, the seed %d: something was committed", got, want)
	}
	if got, want := len(w.reg.AllDeliveries()), len(w.seed.Deliveries); got != want {
		t.Errorf("registry holds %d deliveries, the seed %d: something was committed", got, want)
	}
	for _, sb := range w.seed.CreditBatches {
		b := w.batch(sb.ID)
		if b.Status != sb.Status || b.Owner.ID != sb.OwnerOrganisationID || b.Size.CreditKgs != sb.SizeKg {
			t.Errorf("batch %s changed: %s/%s/%d kg, seed %s/%s/%d kg", sb.ID, b.Status, b.Owner.ID, b.Size.CreditKgs, sb.Status, sb.OwnerOrganisationID, sb.SizeKg)
		}
	}
}

// TestBusinessRuleRefusalsGive422 sends requests the spec accepts but the registry must refuse:
// the answer is a 422 valid against HTTPValidationError that points into the body, and nothing is
// committed.
func TestBusinessRuleRefusalsGive422(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name         string
		method, path string
		h            rawHeaders
		body         map[string]any
	}{
		{"retire a batch the buyer does not own", "POST", "/retirements", buyer, retirementBody(setBatch(lr.DemoBatchA1Partner))},
		{"retire more than the batch holds", "POST", "/retirements", buyer, retirementBody(func(b map[string]any) {
			setBatch(lr.DemoBatchA1Buyer1)(b)
			setQuantity(6000)(b) // the batch holds 5 000 kg
		})},
		{"retire a split batch", "POST", "/retirements", buyer, retirementBody(func(b map[string]any) {
			setBatch(lr.DemoBatchB1Split)(b)
			b["supplier_id"] = lr.DemoSupplierBID
		})},
		{"retire an already retired batch", "POST", "/retirements", buyer, retirementBody(setBatch(lr.DemoBatchA1Retired))},
		{"retire a batch of another supplier", "POST", "/retirements", buyer, retirementBody(setBatch(lr.DemoBatchB1Buyer1))},
		{"retire an unknown batch", "POST", "/retirements", buyer, retirementBody(setBatch("ctb_1NOSUCHBATCH00000"))},
		{"retire for a stranger beneficiary", "POST", "/retirements", buyer, retirementBody(set("beneficiary_organisation_id", lr.DemoStrangerOrgID))},
		{"retire the same batch twice in one request", "POST", "/retirements", buyer, retirementBody(set("credit_batch_quantities", []any{
			map[string]any{"credit_batch_id": lr.DemoBatchA1Buyer2, "credit_quantity_kg": 1000},
			map[string]any{"credit_batch_id": lr.DemoBatchA1Buyer2, "credit_quantity_kg": 1000},
		}))},
		{"oldest-first beyond the supplier balance", "POST", "/retirements/from_oldest_credits", buyer, oldestBody(set("credit_quantity_kg", 10_000_000))},
		{"oldest-first vintage without credits", "POST", "/retirements/from_oldest_credits", buyer, oldestBody(set("vintage", 1999))},
		{"transfer to a stranger", "POST", "/transfers", buyer, transferBody(set("to_organisation_id", lr.DemoStrangerOrgID))},
		{"transfer more than the batch holds", "POST", "/transfers", buyer, transferBody(setQuantity(20_001))},
		{"delivery beyond the order's remaining quantity", "POST", "/deliveries", supplierA, deliveryBody(set("credit_batch_quantities", []any{
			map[string]any{"credit_batch_id": lr.DemoBatchA2Supplier1, "credit_quantity_kg": 30_000},
			map[string]any{"credit_batch_id": lr.DemoBatchA2Supplier2, "credit_quantity_kg": 25_000},
		}))},
		{"delivery of another supplier's batch", "POST", "/deliveries", supplierA, deliveryBody(setBatch(lr.DemoBatchB1Supplier1))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			r := w.raw(tc.method, tc.path, tc.h, tc.body)
			if r.RequestErr != nil {
				t.Fatalf("the case must be valid against the spec, but: %v", r.RequestErr)
			}
			v := decode422(t, r)
			// The registry's documented refusal shape: one value_error entry on the offending field.
			if len(v.Detail) != 1 || v.Detail[0].Type != "value_error" || !strings.HasPrefix(locs(v)[0], "body.") {
				t.Errorf("refusal %s: want exactly one value_error entry on a body field", r.Body)
			}
			w.requireNothingCommitted(t)
		})
	}
}

// TestUndeclaredStatusesAreJSONDetail covers the answers the spec does not declare (401, 403, 404,
// 429, 5xx) and the declared 404 without content: each must be JSON {"detail": ...} (checked by
// world.raw's response validation), with the right status and headers.
func TestUndeclaredStatusesAreJSONDetail(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name         string
		method, path string
		h            rawHeaders
		fault        *lr.Fault
		wantStatus   int
		wantHeaders  map[string]string
		specRejects  bool
	}{
		{name: "no client secret", method: "GET", path: "/organisation", h: rawHeaders{Token: lr.DemoBuyerToken}, wantStatus: 401, specRejects: true},
		{name: "wrong client secret", method: "GET", path: "/organisation", h: rawHeaders{ClientSecret: "wrong", Token: lr.DemoBuyerToken}, wantStatus: 401},
		{name: "no access token", method: "GET", path: "/organisation", h: rawHeaders{ClientSecret: lr.DemoClientSecret}, wantStatus: 401, specRejects: true},
		{name: "unknown access token", method: "GET", path: "/organisation", h: rawHeaders{ClientSecret: lr.DemoClientSecret, Token: "nope"}, wantStatus: 401},
		{name: "supplier endpoint as buyer", method: "GET", path: "/supplier", h: buyer, wantStatus: 403},
		{name: "another organisation's balance", method: "GET", path: "/organisations/" + lr.DemoSupplierAOrgID + "/credit_balance", h: buyer, wantStatus: 403},
		{name: "another organisation's batches", method: "GET", path: "/organisations/" + lr.DemoPartnerOrgID + "/credit_batches", h: buyer, wantStatus: 403},
		{name: "delivery as buyer", method: "POST", path: "/deliveries", h: buyer, wantStatus: 403},
		{name: "unknown credit batch", method: "GET", path: "/credit_batches/ctb_1NOSUCHBATCH00000", h: buyer, wantStatus: 404},
		{name: "unknown retirement", method: "GET", path: "/retirements/ret_1NOSUCHRETIREMENT0", h: buyer, wantStatus: 404},
		{name: "unknown order", method: "GET", path: "/orders/ord_1NOSUCHORDER000000", h: buyer, wantStatus: 404},
		{name: "stripe configuration of supplier B (declared 404)", method: "GET", path: "/stripe/configuration", h: rawHeaders{ClientSecret: lr.DemoClientSecret, Token: lr.DemoSupplierBToken}, wantStatus: 404},
		{name: "rate limited", method: "GET", path: "/organisation", h: buyer, fault: &lr.Fault{Status: 429, RetryAfterSeconds: 1}, wantStatus: 429, wantHeaders: map[string]string{"Retry-After": "1"}},
		{name: "server error", method: "GET", path: "/projects", h: buyer, fault: &lr.Fault{Status: 500}, wantStatus: 500},
		{name: "service unavailable on POST", method: "POST", path: "/retirements", h: buyer, fault: &lr.Fault{Status: 503}, wantStatus: 503},
		{name: "server error after commit", method: "POST", path: "/beneficiary", h: buyer, fault: &lr.Fault{StatusAfterCommit: 502}, wantStatus: 502},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			if tc.fault != nil {
				f := *tc.fault
				f.Method, f.Path = tc.method, "/registry/v0"+tc.path
				w.reg.AddFault(f)
			}
			var body any
			if tc.method == "POST" {
				body = map[string]any{
					"/deliveries":  deliveryBody(nil),
					"/retirements": retirementBody(nil),
					"/beneficiary": map[string]any{"beneficiary_name": "Fault Corp", "beneficiary_domain": "fault.example"},
				}[tc.path]
			}
			r := w.raw(tc.method, tc.path, tc.h, body)
			if r.Status != tc.wantStatus {
				t.Errorf("status %d, want %d; body %s", r.Status, tc.wantStatus, r.Body)
			}
			if (r.RequestErr != nil) != tc.specRejects {
				t.Errorf("spec verdict on the request: %v, want rejected=%v", r.RequestErr, tc.specRejects)
			}
			for k, v := range tc.wantHeaders {
				if got := r.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

// TestUnroutedRequestsAreJSONDetail: requests matching no operation of the spec (an unknown path, a
// method the path does not have) still get the API's JSON error shape.
func TestUnroutedRequestsAreJSONDetail(t *testing.T) {
	t.Parallel()
	cases := []struct {
		method, path string
		wantStatus   int
	}{
		{"GET", "/registry/v0/no_such_endpoint", http.StatusNotFound},
		{"DELETE", "/registry/v0/retirements/" + lr.DemoRetirementID, http.StatusMethodNotAllowed},
		{"PUT", "/registry/v0/beneficiary", http.StatusMethodNotAllowed},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			req, err := http.NewRequest(tc.method, w.srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Client-Secret", lr.DemoClientSecret)
			req.Header.Set("Authorization", "Bearer "+lr.DemoBuyerToken)
			if _, err := w.spec.route(req, nil); err == nil {
				t.Fatalf("%s %s is an operation of the spec; the case needs one that is not", tc.method, tc.path)
			}
			resp, err := rawClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d; body %s", resp.StatusCode, tc.wantStatus, body)
			}
			if err := checkDetailBody(resp.StatusCode, resp.Header, body); err != nil {
				t.Error(err)
			}
		})
	}
}

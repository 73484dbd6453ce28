package conformance

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestSpecIndex checks the spec loads and validates and that the operation index is complete: every
// operation has an operationId and declares the FastAPI 422 shape.
func TestSpecIndex(t *testing.T) {
	t.Parallel()
	s := loadSpec(t)
	if got := s.doc.Paths.Len(); got != 38 {
		t.Errorf("spec has %d paths, want 38", got)
	}
	if got := len(s.operations); got != 41 {
		t.Errorf("spec has %d operations, want 41", got)
	}
	for p, item := range s.doc.Paths.Map() {
		for method, op := range item.Operations() {
			r := op.Responses.Status(http.StatusUnprocessableEntity)
			if r == nil || r.Value.Content.Get("application/json") == nil {
				t.Errorf("%s %s (%s) declares no JSON 422", method, p, op.OperationID)
				continue
			}
			if ref := r.Value.Content.Get("application/json").Schema.Ref; ref != "#/components/schemas/HTTPValidationError" {
				t.Errorf("%s %s: 422 schema %q", method, p, ref)
			}
		}
	}
}

// TestLookaheadPattern checks the regex compiler handed to openapi3filter really enforces the spec's
// Perl-syntax decimal pattern (instead of skipping it).
func TestLookaheadPattern(t *testing.T) {
	t.Parallel()
	s := loadSpec(t)
	prop := s.doc.Components.Schemas["SupplierStripeConfiguration"].Value.Properties["credit_product_price_per_tonne"].Value
	pattern := prop.AnyOf[0].Value.Pattern
	if !strings.HasPrefix(pattern, "^(?!") {
		t.Fatalf("pattern %q no longer uses a lookahead; drop compileLookaheadPattern", pattern)
	}
	m, err := compileLookaheadPattern(pattern)
	if err != nil {
		t.Fatalf("compile %q: %v", pattern, err)
	}
	for value, want := range map[string]bool{
		"250": true, "250.00": true, "+1.5": true, "-0.5": true, ".5": true, "7.": true,
		"": false, ".": false, "+": false, "-.": false, "abc": false, "1,5": false, "1.2.3": false,
	} {
		if got := m.MatchString(value); got != want {
			t.Errorf("pattern %q on %q = %v, want %v", pattern, value, got, want)
		}
	}
	if _, err := compileLookaheadPattern("^(?!abc"); err == nil {
		t.Error("unbalanced lookahead compiled without error")
	}
}

// TestValidatorCatchesViolations proves the harness is not vacuous: synthetic requests and answers
// that break the spec are rejected, correct ones pass.
func TestValidatorCatchesViolations(t *testing.T) {
	t.Parallel()
	s := loadSpec(t)
	const base = "http://127.0.0.1:1/registry/v0"
	org := `{"id":"org_1DEMOBUYER000001","name":"Buyer","domain":null}`
	retirementBody := func(kg string) string {
		return `{"owner_organisation_id":"org_1DEMOBUYER000001","beneficiary_organisation_id":"org_1DEMOBUYER000001",` +
			`"supplier_id":"spl_1DEMOSUPPLIERA01","retirement_purposes":["other"],"notes":null,` +
			`"credit_batch_quantities":[{"credit_batch_id":"ctb_1DEMOBATCHA1B001","credit_quantity_kg":` + kg + `}]}`
	}
	retirement := func(retiredAt, purpose, credits, kgs string) string {
		return `{"id":"ret_1DEMORETIREMENT01","retired_at":` + retiredAt + `,"purposes":[` + purpose + `],"beneficiary":` + org +
			`,"owner":` + org + `,"credit_batch_size_total":{"credits":` + credits + `,"credit_kgs":` + kgs + `},"url":"u","notes":null}`
	}
	creditBatch := func(serial string, kg int, status ...string) string {
		st := "active"
		if len(status) > 0 {
			st = status[0]
		}
		return fmt.Sprintf(`{"id":"ctb_1DEMOBATCHA1B001","serial_number":%q,"status":%q,"size":{"credits":%g,"credit_kgs":%d},`+
			`"issued_at":"2024-01-01T00:00:00Z","retired_at":null,"delivered_at":null,"sequestered_on":"2024-01-01","country_of_issue":"GBR",`+
			`"supplier_id":"spl_1DEMOSUPPLIERA01","parent_id":null,"left_child_id":null,"right_child_id":null,"issuance_id":"iss_1DEMOISSUANCEA01",`+
			`"delivery_id":null,"beneficiary":null,"retirement_id":null,"removal_id":"rmv_1DEMOREMOVAL00001","owner":%s,`+
			`"project_id":"prj_1DEMOPROJECTA001","carbon_removal_data":null,"ccp_approved":false}`, serial, st, float64(kg)/1000, kg, org)
	}
	orgPage := func(n int, cursors string) string {
		nodes := strings.TrimSuffix(strings.Repeat(org+",", n), ",")
		return `{"nodes":[` + nodes + `],"total_count":5,"page_info":{"has_previous_page":false,"has_next_page":true,` + cursors + `}}`
	}
	const cursors = `"start_cursor":"a","end_cursor":"b"`
	const emptyPage = `{"nodes":[],"total_count":0,"page_info":{"has_previous_page":false,"start_cursor":null,"has_next_page":false,"end_cursor":null}}`
	cases := []struct {
		name            string
		method, path    string
		noAuth, noCS    bool
		reqBody         string
		status          int
		contentType     string
		respBody        string
		wantReqErr      bool
		wantRespErr     bool
		wantOperationID string
	}{
		{name: "valid GET", method: "GET", path: "/organisation", status: 200, respBody: org, wantOperationID: "current_organisation_organisation_get"},
		{name: "missing bearer", method: "GET", path: "/organisation", noAuth: true, status: 200, respBody: org, wantReqErr: true},
		{name: "missing client secret", method: "GET", path: "/organisation", noCS: true, status: 200, respBody: org, wantReqErr: true},
		{name: "response lacks required field", method: "GET", path: "/organisation", status: 200, respBody: `{"id":"org_1DEMOBUYER000001","name":"Buyer"}`, wantRespErr: true},
		{name: "response ID too short", method: "GET", path: "/organisation", status: 200, respBody: `{"id":"org_1","name":"Buyer","domain":null}`, wantRespErr: true},
		{name: "response wrong content type", method: "GET", path: "/organisation", status: 200, contentType: "text/plain", respBody: org, wantRespErr: true},
		{name: "undeclared success status", method: "GET", path: "/organisation", status: 201, respBody: org, wantRespErr: true},
		{name: "401 without detail", method: "GET", path: "/organisation", status: 401, respBody: `{"error":"no"}`, wantRespErr: true},
		{name: "401 not JSON", method: "GET", path: "/organisation", status: 401, contentType: "text/plain", respBody: `unauthorized`, wantRespErr: true},
		{name: "401 with detail", method: "GET", path: "/organisation", status: 401, respBody: `{"detail":"Invalid token"}`},
		{name: "null organisation", method: "GET", path: "/organisations/org_1DEMOSTRANGER001", status: 200, respBody: `null`, wantOperationID: "organisation_organisations__id__get"},
		{name: "first=51", method: "GET", path: "/projects?first=51", status: 200, respBody: emptyPage, wantReqErr: true},
		{name: "stripe price not decimal", method: "GET", path: "/stripe/configuration", status: 200, respBody: `{"id":"scf_1DEMOSTRIPECFG01","account_id":"acct","credit_product_price_per_tonne":"abc","verification_product_price_per_tonne":null,"currency":"usd","isometric_terms_and_conditions_url":"https://x"}`, wantRespErr: true},
		{name: "stripe price decimal", method: "GET", path: "/stripe/configuration", status: 200, respBody: `{"id":"scf_1DEMOSTRIPECFG01","account_id":"acct","credit_product_price_per_tonne":"250.00","verification_product_price_per_tonne":null,"currency":"usd","isometric_terms_and_conditions_url":"https://x"}`},
		{name: "valid POST", method: "POST", path: "/retirements", reqBody: retirementBody("1000"), status: 422, respBody: `{"detail":[{"loc":["body","x"],"msg":"m","type":"t"}]}`, wantOperationID: "create_retirement_retirements_post"},
		{name: "POST quantity 0", method: "POST", path: "/retirements", reqBody: retirementBody("0"), status: 422, respBody: `{"detail":[{"loc":["body"],"msg":"m","type":"t"}]}`, wantReqErr: true},
		{name: "422 loc not a list", method: "POST", path: "/retirements", reqBody: retirementBody("1"), status: 422, respBody: `{"detail":[{"loc":"body","msg":"m","type":"t"}]}`, wantRespErr: true},
		{name: "date-time format", method: "GET", path: "/retirements/ret_1DEMORETIREMENT01", status: 200, respBody: retirement(`"yesterday"`, `"other"`, `1`, `1000`), wantRespErr: true},
		{name: "enum value", method: "GET", path: "/retirements/ret_1DEMORETIREMENT01", status: 200, respBody: retirement(`"2024-01-01T00:00:00Z"`, `"bragging"`, `1`, `1000`), wantRespErr: true},
		{name: "fractional kg", method: "GET", path: "/retirements/ret_1DEMORETIREMENT01", status: 200, respBody: retirement(`"2024-01-01T00:00:00Z"`, `"other"`, `1.0005`, `1000.5`), wantRespErr: true},
		{name: "credits not kg/1000", method: "GET", path: "/retirements/ret_1DEMORETIREMENT01", status: 200, respBody: retirement(`"2024-01-01T00:00:00Z"`, `"other"`, `1.1`, `1000`), wantRespErr: true},
		{name: "valid retirement", method: "GET", path: "/retirements/ret_1DEMORETIREMENT01", status: 200, respBody: retirement(`"2024-01-01T00:00:00Z"`, `"other"`, `1.25`, `1250`)},
		{name: "serial range not the size", method: "GET", path: "/credit_batches/ctb_1DEMOBATCHA1B001", status: 200, respBody: creditBatch("ISO-1-X-GBR-F5X7-2024-100-5100", 5001), wantRespErr: true},
		{name: "valid credit batch", method: "GET", path: "/credit_batches/ctb_1DEMOBATCHA1B001", status: 200, respBody: creditBatch("ISO-1-X-GBR-F5X7-2024-100-5100", 5000)},
		{name: "split batch without children", method: "GET", path: "/credit_batches/ctb_1DEMOBATCHA1B001", status: 200, respBody: creditBatch("ISO-1-X-GBR-F5X7-2024-100-5100", 5000, "split"), wantRespErr: true},
		{name: "retired batch without retirement", method: "GET", path: "/credit_batches/ctb_1DEMOBATCHA1B001", status: 200, respBody: creditBatch("ISO-1-X-GBR-F5X7-2024-100-5100", 5000, "retired"), wantRespErr: true},
		{name: "unpaginated count mismatch", method: "GET", path: "/deliveries/dlv_1DEMODELIVERYA01/credit_batches", status: 200, respBody: `{"nodes":[],"total_count":1}`, wantRespErr: true},
		{name: "page larger than first", method: "GET", path: "/beneficiaries?first=1", status: 200, respBody: orgPage(2, cursors), wantRespErr: true},
		{name: "page larger than the default 10", method: "GET", path: "/beneficiaries", status: 200, respBody: strings.Replace(orgPage(11, cursors), `"total_count":5`, `"total_count":20`, 1), wantRespErr: true},
		{name: "page without cursors", method: "GET", path: "/beneficiaries?first=2", status: 200, respBody: orgPage(2, `"start_cursor":null,"end_cursor":null`), wantRespErr: true},
		{name: "valid page", method: "GET", path: "/beneficiaries?first=2", status: 200, respBody: orgPage(2, cursors)},
		{name: "undeclared query parameter", method: "GET", path: "/retirements?owner_organisation_id=org_1DEMOBUYER000001", status: 200, respBody: emptyPage, wantReqErr: true},
		{name: "undeclared body field", method: "POST", path: "/retirements", reqBody: strings.Replace(retirementBody("1"), `"notes":null`, `"note":null,"notes":null`, 1), status: 422, respBody: `{"detail":[]}`, wantReqErr: true},
		{name: "undeclared field in a oneOf body", method: "POST", path: "/beneficiary", reqBody: `{"beneficiary_name":"x","beneficiary_domain":"x.example","domain":"x"}`, status: 422, respBody: `{"detail":[]}`, wantReqErr: true},
		{name: "oneOf body", method: "POST", path: "/beneficiary", reqBody: `{"__typename":"CreateIndividualBeneficiary","beneficiary_name":"x","beneficiary_email":"x@x.example"}`, status: 200, respBody: org},
		{name: "unknown path", method: "GET", path: "/nothing", status: 200, respBody: `{}`, wantReqErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tc.method, base+tc.path, nil)
			var raw []byte
			if tc.reqBody != "" {
				raw = []byte(tc.reqBody)
				req.Header.Set("Content-Type", "application/json")
			}
			if !tc.noAuth {
				req.Header.Set("Authorization", "Bearer t")
			}
			if !tc.noCS {
				req.Header.Set("X-Client-Secret", "s")
			}
			sr, reqErr := s.validateRequest(req, raw)
			if (reqErr != nil) != tc.wantReqErr {
				t.Fatalf("request error = %v, want error: %v", reqErr, tc.wantReqErr)
			}
			if sr == nil {
				return
			}
			if tc.wantOperationID != "" && sr.operationID != tc.wantOperationID {
				t.Errorf("operation %q, want %q", sr.operationID, tc.wantOperationID)
			}
			h := http.Header{}
			ct := tc.contentType
			if ct == "" {
				ct = "application/json"
			}
			h.Set("Content-Type", ct)
			respErr := s.validateResponse(sr, tc.status, h, []byte(tc.respBody))
			t.Logf("request: %v; response: %v", reqErr, respErr)
			if (respErr != nil) != tc.wantRespErr {
				t.Errorf("response error = %v, want error: %v", respErr, tc.wantRespErr)
			}
		})
	}
}

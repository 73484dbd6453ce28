package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestBaseURLForEnvironment(t *testing.T) {
	for env, want := range map[string]string{"sandbox": SandboxURL, "": SandboxURL, "production": ProductionURL, "Production": ProductionURL} {
		got, err := BaseURLForEnvironment(env)
		if err != nil || got != want {
			t.Errorf("BaseURLForEnvironment(%q) = %q, %v; want %q", env, got, err, want)
		}
	}
	if _, err := BaseURLForEnvironment("staging"); err == nil || !strings.Contains(err.Error(), "sandbox") {
		t.Errorf("unknown environment: err = %v", err)
	}
}

func TestNewValidatesEndpointAndDefaults(t *testing.T) {
	for _, bad := range []string{"::", "ftp://x", "/relative", "http://"} {
		if _, err := New(Config{BaseURL: bad}); err == nil {
			t.Errorf("New(%q): no error", bad)
		}
	}
	c, err := New(Config{})
	if err != nil || c.BaseURL() != SandboxURL {
		t.Fatalf("default base = %v, %v", c, err)
	}
	c, _ = New(Config{BaseURL: "http://127.0.0.1:1/registry/v0/"})
	if c.BaseURL() != "http://127.0.0.1:1/registry/v0" {
		t.Errorf("trailing slash kept: %q", c.BaseURL())
	}
}

func TestHeaders(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, map[string]any{"id": "x", "name": "n", "domain": nil})
	})
	c, _ := newTestClient(t, rec, nil)
	ctx := context.Background()

	if _, err := c.CurrentOrganisation(ctx); err != nil {
		t.Fatal(err)
	}
	get := rec.last()
	if get.Header.Get("X-Client-Secret") != testSecret {
		t.Errorf("X-Client-Secret = %q", get.Header.Get("X-Client-Secret"))
	}
	if get.Header.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("Authorization = %q", get.Header.Get("Authorization"))
	}
	if get.Header.Get("User-Agent") != testUA {
		t.Errorf("User-Agent = %q", get.Header.Get("User-Agent"))
	}
	if get.Header.Get("Accept") != "application/json" {
		t.Errorf("Accept = %q", get.Header.Get("Accept"))
	}
	if get.Header.Get("Content-Type") != "" {
		t.Errorf("GET has Content-Type %q", get.Header.Get("Content-Type"))
	}

	if _, err := c.CreateBeneficiary(ctx, CreateBeneficiaryRequest{BeneficiaryName: "A", BeneficiaryDomain: "a.com"}); err != nil {
		t.Fatal(err)
	}
	post := rec.last()
	for h, want := range map[string]string{
		"X-Client-Secret": testSecret,
		"Authorization":   "Bearer " + testToken,
		"User-Agent":      testUA,
		"Content-Type":    "application/json",
		"Accept":          "application/json",
	} {
		if got := post.Header.Get(h); got != want {
			t.Errorf("POST %s = %q, want %q", h, got, want)
		}
	}

	// Default User-Agent.
	c2, _ := newTestClient(t, rec, func(c *Config) { c.UserAgent = "" })
	if _, err := c2.CurrentOrganisation(ctx); err != nil {
		t.Fatal(err)
	}
	if ua := rec.last().Header.Get("User-Agent"); ua != DefaultUserAgent {
		t.Errorf("default User-Agent = %q", ua)
	}
}

func TestEveryOperationURL(t *testing.T) {
	rec := newRecorder(t, universal)
	c, _ := newTestClient(t, rec, nil)
	ctx := context.Background()
	const id = "id/with space?&"
	esc := url.PathEscape(id)
	lo := &ListOptions{First: 5, After: "cur1"}
	loQ := "after=cur1&first=5"
	notes := "n"

	cases := []struct {
		name   string
		call   func() error
		method string
		path   string
		query  string
	}{
		{"CurrentOrganisation", func() error { _, e := c.CurrentOrganisation(ctx); return e }, "GET", "/organisation", ""},
		{"GetOrganisation", func() error { _, e := c.GetOrganisation(ctx, id); return e }, "GET", "/organisations/" + esc, ""},
		{"GetOrganisationCreditBalance", func() error { _, e := c.GetOrganisationCreditBalance(ctx, id); return e }, "GET", "/organisations/" + esc + "/credit_balance", ""},
		{"ListOrganisationCreditBatches", func() error { _, e := c.ListOrganisationCreditBatches(ctx, id, nil); return e }, "GET", "/organisations/" + esc + "/credit_batches", ""},
		{"ListOrganisationOrders", func() error { _, e := c.ListOrganisationOrders(ctx, id, lo); return e }, "GET", "/organisations/" + esc + "/orders", loQ},
		{"CurrentSupplier", func() error { _, e := c.CurrentSupplier(ctx); return e }, "GET", "/supplier", ""},
		{"GetSupplier", func() error { _, e := c.GetSupplier(ctx, id); return e }, "GET", "/suppliers/" + esc, ""},
		{"ListSuppliers", func() error { _, e := c.ListSuppliers(ctx, lo); return e }, "GET", "/suppliers", loQ},
		{"ListSupplierDeliveries", func() error { _, e := c.ListSupplierDeliveries(ctx, id, lo); return e }, "GET", "/suppliers/" + esc + "/deliveries", loQ},
		{"ListSupplierIssuances", func() error { _, e := c.ListSupplierIssuances(ctx, id, nil); return e }, "GET", "/suppliers/" + esc + "/issuances", ""},
		{"ListSupplierOrders", func() error { _, e := c.ListSupplierOrders(ctx, id, lo); return e }, "GET", "/suppliers/" + esc + "/orders", loQ},
		{"ListSupplierProjects", func() error { _, e := c.ListSupplierProjects(ctx, id, lo); return e }, "GET", "/suppliers/" + esc + "/projects", loQ},
		{"ListProjects", func() error { _, e := c.ListProjects(ctx, lo); return e }, "GET", "/projects", loQ},
		{"GetProject", func() error { _, e := c.GetProject(ctx, id); return e }, "GET", "/projects/" + esc, ""},
		{"ListProjectDocuments", func() error { _, e := c.ListProjectDocuments(ctx, id, lo); return e }, "GET", "/projects/" + esc + "/documents", loQ},
		{"GetCreditBatch", func() error { _, e := c.GetCreditBatch(ctx, id); return e }, "GET", "/credit_batches/" + esc, ""},
		{"ListIssuances", func() error { _, e := c.ListIssuances(ctx, lo); return e }, "GET", "/issuances", loQ},
		{"GetIssuance", func() error { _, e := c.GetIssuance(ctx, id); return e }, "GET", "/issuances/" + esc, ""},
		{"GetIssuanceCreditBatches", func() error { _, e := c.GetIssuanceCreditBatches(ctx, id); return e }, "GET", "/issuances/" + esc + "/credit_batches", ""},
		{"GetOrder", func() error { _, e := c.GetOrder(ctx, id); return e }, "GET", "/orders/" + esc, ""},
		{"ListOrderDeliveries", func() error { _, e := c.ListOrderDeliveries(ctx, id, lo); return e }, "GET", "/orders/" + esc + "/deliveries", loQ},
		{"ListDeliveries", func() error { _, e := c.ListDeliveries(ctx, nil); return e }, "GET", "/deliveries", ""},
		{"CreateDelivery", func() error {
			_, e := c.CreateDelivery(ctx, CreateDeliveryRequest{OrderID: "ord_1", Notes: &notes})
			return e
		}, "POST", "/deliveries", ""},
		{"GetDelivery", func() error { _, e := c.GetDelivery(ctx, id); return e }, "GET", "/deliveries/" + esc, ""},
		{"ListDeliveryCreditBatches", func() error { _, e := c.ListDeliveryCreditBatches(ctx, id); return e }, "GET", "/deliveries/" + esc + "/credit_batches", ""},
		{"ListTransfers", func() error { _, e := c.ListTransfers(ctx, nil); return e }, "GET", "/transfers", ""},
		{"CreateTransfer", func() error { _, e := c.CreateTransfer(ctx, CreateTransferRequest{}); return e }, "POST", "/transfers", ""},
		{"GetTransfer", func() error { _, e := c.GetTransfer(ctx, id); return e }, "GET", "/transfers/" + esc, ""},
		{"ListTransferCreditBatches", func() error { _, e := c.ListTransferCreditBatches(ctx, id); return e }, "GET", "/transfers/" + esc + "/credit_batches", ""},
		{"ListRetirements", func() error { _, e := c.ListRetirements(ctx, nil); return e }, "GET", "/retirements", ""},
		{"CreateRetirement", func() error { _, e := c.CreateRetirement(ctx, CreateRetirementByBatchRequest{}); return e }, "POST", "/retirements", ""},
		{"CreateRetirementFromOldestCredits", func() error {
			_, e := c.CreateRetirementFromOldestCredits(ctx, CreateRetirementOldestCreditsRequest{})
			return e
		}, "POST", "/retirements/from_oldest_credits", ""},
		{"GetRetirement", func() error { _, e := c.GetRetirement(ctx, id); return e }, "GET", "/retirements/" + esc, ""},
		{"ListRetirementCreditBatches", func() error { _, e := c.ListRetirementCreditBatches(ctx, id); return e }, "GET", "/retirements/" + esc + "/credit_batches", ""},
		{"GetRefund", func() error { _, e := c.GetRefund(ctx, id); return e }, "GET", "/refunds/" + esc, ""},
		{"ListRefundCreditBatches", func() error { _, e := c.ListRefundCreditBatches(ctx, id); return e }, "GET", "/refunds/" + esc + "/credit_batches", ""},
		{"ListBeneficiaries", func() error { _, e := c.ListBeneficiaries(ctx, lo); return e }, "GET", "/beneficiaries", loQ},
		{"CreateBeneficiary", func() error {
			_, e := c.CreateBeneficiary(ctx, CreateBeneficiaryRequest{BeneficiaryName: "J", BeneficiaryEmail: "j@x.com"})
			return e
		}, "POST", "/beneficiary", ""},
		{"ListTransferees", func() error { _, e := c.ListTransferees(ctx, lo); return e }, "GET", "/transferees", loQ},
		{"GetStripeConfiguration", func() error { _, e := c.GetStripeConfiguration(ctx); return e }, "GET", "/stripe/configuration", ""},
		{"CreateStripeCheckoutSession", func() error {
			_, e := c.CreateStripeCheckoutSession(ctx, CreateStripeCheckoutSessionRequest{QuantityKg: 1})
			return e
		}, "POST", "/stripe/checkout", ""},
	}
	if len(cases) != 41 {
		t.Fatalf("%d cases, the spec has 41 operations", len(cases))
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		if err := tc.call(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		got := rec.last()
		if got.Method != tc.method || got.Path != "/registry/v0"+tc.path || got.RawQuery != tc.query {
			t.Errorf("%s: sent %s %s?%s; want %s /registry/v0%s?%s", tc.name, got.Method, got.Path, got.RawQuery, tc.method, tc.path, tc.query)
		}
		seen[tc.method+" "+tc.path] = true
	}
	if len(seen) != 41 {
		t.Errorf("%d distinct operations", len(seen))
	}
}

func TestEmptyIDFailsWithoutRequest(t *testing.T) {
	rec := newRecorder(t, universal)
	c, _ := newTestClient(t, rec, nil)
	if _, err := c.GetRetirement(context.Background(), ""); err == nil {
		t.Fatal("no error for empty ID")
	}
	if rec.count.Load() != 0 {
		t.Errorf("a request was sent")
	}
}

func TestFilterQueries(t *testing.T) {
	rec := newRecorder(t, universal)
	c, _ := newTestClient(t, rec, nil)
	ctx := context.Background()

	_, err := c.ListOrganisationCreditBatches(ctx, "org_1", &CreditBatchListOptions{
		ListOptions:   ListOptions{First: 50, After: "a1", Last: 7, Before: "b1"},
		SupplierID:    "sup_1",
		ProjectID:     "prj_1",
		IssuanceID:    "iss_1",
		DeliveryID:    "dlv_1",
		OrderID:       "ord_1",
		RetirementID:  "ret_1",
		Status:        []CreditBatchStatus{CreditBatchStatusActive, CreditBatchStatusSplit},
		IssuedAfter:   "2024-01-01T00:00:00Z",
		IssuedBefore:  "2025-01-01T00:00:00+01:00",
		SortField:     CreditBatchSortFieldIssuedAt,
		SortDirection: SortDirectionAsc,
	})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(rec.last().RawQuery)
	want := url.Values{
		"first": {"50"}, "after": {"a1"}, "last": {"7"}, "before": {"b1"},
		"supplier_id": {"sup_1"}, "project_id": {"prj_1"}, "issuance_id": {"iss_1"}, "delivery_id": {"dlv_1"},
		"order_id": {"ord_1"}, "retirement_id": {"ret_1"}, "status": {"active", "split"},
		"issued_after": {"2024-01-01T00:00:00Z"}, "issued_before": {"2025-01-01T00:00:00+01:00"},
		"sort_field": {"issued_at"}, "sort_direction": {"asc"},
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("credit batch query = %v\nwant %v", q, want)
	}
	if !strings.Contains(rec.last().RawQuery, "status=active&status=split") {
		t.Errorf("status not repeated: %s", rec.last().RawQuery)
	}
	if !strings.Contains(rec.last().RawQuery, "issued_before=2025-01-01T00%3A00%3A00%2B01%3A00") {
		t.Errorf("issued_before not escaped: %s", rec.last().RawQuery)
	}

	// Zero-valued options send nothing.
	if _, err := c.ListOrganisationCreditBatches(ctx, "org_1", &CreditBatchListOptions{}); err != nil {
		t.Fatal(err)
	}
	if q := rec.last().RawQuery; q != "" {
		t.Errorf("empty options sent %q", q)
	}

	if _, err := c.ListDeliveries(ctx, &DeliveryListOptions{ListOptions: ListOptions{First: 3}, FromSupplierID: "sup_1", ToOrganisationID: "org_2"}); err != nil {
		t.Fatal(err)
	}
	if q := rec.last().RawQuery; q != "first=3&from_supplier_id=sup_1&to_organisation_id=org_2" {
		t.Errorf("deliveries query = %q", q)
	}
	if _, err := c.ListTransfers(ctx, &TransferListOptions{ListOptions: ListOptions{Before: "b"}, FromOrganisationID: "org_1", ToOrganisationID: "org_2"}); err != nil {
		t.Fatal(err)
	}
	if q := rec.last().RawQuery; q != "before=b&from_organisation_id=org_1&to_organisation_id=org_2" {
		t.Errorf("transfers query = %q", q)
	}
	if _, err := c.ListRetirements(ctx, &RetirementListOptions{ListOptions: ListOptions{Last: 2}, BeneficiaryOrgID: "org_b", OwnerOrgID: "org_o"}); err != nil {
		t.Fatal(err)
	}
	if q := rec.last().RawQuery; q != "beneficiary_org_id=org_b&last=2&owner_org_id=org_o" {
		t.Errorf("retirements query = %q", q)
	}
}

func TestRequestBodies(t *testing.T) {
	rec := newRecorder(t, universal)
	c, _ := newTestClient(t, rec, nil)
	ctx := context.Background()
	decode := func() map[string]any {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal([]byte(rec.last().Body), &m); err != nil {
			t.Fatalf("body %q: %v", rec.last().Body, err)
		}
		return m
	}

	// By batch, notes nil -> null; kg as integers.
	_, err := c.CreateRetirement(ctx, CreateRetirementByBatchRequest{
		BeneficiaryOrganisationID: "org_b",
		OwnerOrganisationID:       "org_o",
		SupplierID:                "sup_1",
		CreditBatchQuantities:     []CreditBatchQuantity{{CreditBatchID: "ctb_1", CreditQuantityKg: 9007199254740993}},
		RetirementPurposes:        []RetirementPurpose{RetirementPurposeCorporateTargets},
	})
	if err != nil {
		t.Fatal(err)
	}
	body := rec.last().Body
	if !strings.Contains(body, `"notes":null`) {
		t.Errorf("notes not null: %s", body)
	}
	if !strings.Contains(body, `"credit_quantity_kg":9007199254740993`) {
		t.Errorf("kg not an exact integer: %s", body)
	}
	m := decode()
	for _, k := range []string{"beneficiary_organisation_id", "owner_organisation_id", "supplier_id", "credit_batch_quantities", "retirement_purposes", "notes"} {
		if _, ok := m[k]; !ok {
			t.Errorf("by-batch body lacks %s: %s", k, body)
		}
	}

	// Oldest first: vintage and order_id omitted when nil.
	_, err = c.CreateRetirementFromOldestCredits(ctx, CreateRetirementOldestCreditsRequest{
		BeneficiaryOrganisationID: "org_b", OwnerOrganisationID: "org_o", SupplierID: "sup_1",
		CreditQuantityKg: 1500, RetirementPurposes: []RetirementPurpose{RetirementPurposeOther},
	})
	if err != nil {
		t.Fatal(err)
	}
	m = decode()
	if _, ok := m["vintage"]; ok {
		t.Errorf("vintage sent: %s", rec.last().Body)
	}
	if _, ok := m["order_id"]; ok {
		t.Errorf("order_id sent: %s", rec.last().Body)
	}
	if v, ok := m["notes"]; !ok || v != nil {
		t.Errorf("notes = %v, %v; want null", v, ok)
	}
	if m["credit_quantity_kg"] != float64(1500) {
		t.Errorf("credit_quantity_kg = %v", m["credit_quantity_kg"])
	}
	vintage := int64(2023)
	_, err = c.CreateRetirementFromOldestCredits(ctx, CreateRetirementOldestCreditsRequest{
		SupplierID: "sup_1", CreditQuantityKg: 1, Vintage: &vintage, OrderID: strp("ord_1"), Notes: strp("hello"),
	})
	if err != nil {
		t.Fatal(err)
	}
	m = decode()
	if m["vintage"] != float64(2023) || m["order_id"] != "ord_1" || m["notes"] != "hello" {
		t.Errorf("oldest-first body = %s", rec.last().Body)
	}
	if rp, ok := m["retirement_purposes"].([]any); !ok || len(rp) != 0 {
		t.Errorf("nil purposes not sent as []: %s", rec.last().Body)
	}

	// Transfer and delivery.
	if _, err := c.CreateTransfer(ctx, CreateTransferRequest{FromOrganisationID: "org_1", ToOrganisationID: "org_2", SupplierID: "sup_1",
		CreditBatchQuantities: []CreditBatchQuantity{{CreditBatchID: "ctb_1", CreditQuantityKg: 10}}}); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.last().Body, `{"credit_batch_quantities":[{"credit_batch_id":"ctb_1","credit_quantity_kg":10}],"from_organisation_id":"org_1","notes":null,"supplier_id":"sup_1","to_organisation_id":"org_2"}`; strings.TrimSpace(got) != want {
		t.Errorf("transfer body = %s\nwant %s", got, want)
	}
	if _, err := c.CreateDelivery(ctx, CreateDeliveryRequest{OrderID: "ord_1"}); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.last().Body, `{"credit_batch_quantities":[],"notes":null,"order_id":"ord_1"}`; strings.TrimSpace(got) != want {
		t.Errorf("delivery body = %s\nwant %s", got, want)
	}

	// Beneficiaries: discriminator from the field that is set.
	if _, err := c.CreateBeneficiary(ctx, CreateBeneficiaryRequest{BeneficiaryName: "Acme", BeneficiaryDomain: "acme.com"}); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.last().Body, `{"__typename":"CreateOrganizationBeneficiary","beneficiary_name":"Acme","beneficiary_domain":"acme.com"}`; strings.TrimSpace(got) != want {
		t.Errorf("org beneficiary body = %s", got)
	}
	if _, err := c.CreateBeneficiary(ctx, CreateBeneficiaryRequest{BeneficiaryName: "Jo", BeneficiaryEmail: "jo@x.com"}); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.last().Body, `{"__typename":"CreateIndividualBeneficiary","beneficiary_name":"Jo","beneficiary_email":"jo@x.com"}`; strings.TrimSpace(got) != want {
		t.Errorf("individual beneficiary body = %s", got)
	}
	n := rec.count.Load()
	if _, err := c.CreateBeneficiary(ctx, CreateBeneficiaryRequest{BeneficiaryName: "X", BeneficiaryDomain: "a", BeneficiaryEmail: "b"}); err == nil {
		t.Errorf("both domain and email accepted")
	}
	if _, err := c.CreateBeneficiary(ctx, CreateBeneficiaryRequest{BeneficiaryName: "X"}); err == nil {
		t.Errorf("neither domain nor email accepted")
	}
	if rec.count.Load() != n {
		t.Errorf("invalid beneficiary requests were sent")
	}

	// Stripe.
	if _, err := c.CreateStripeCheckoutSession(ctx, CreateStripeCheckoutSessionRequest{QuantityKg: 2000, Frequency: StripeSubscriptionFrequencyOneTime,
		SuccessURL: "https://s", CancelURL: "https://c", IsometricTermsAndConditionsAccepted: true, SupplierTermsAndConditionsAccepted: true}); err != nil {
		t.Fatal(err)
	}
	m = decode()
	if m["quantity_kg"] != float64(2000) || m["frequency"] != "one_time" {
		t.Errorf("stripe body = %s", rec.last().Body)
	}
	if _, ok := m["customer_email"]; ok {
		t.Errorf("customer_email sent when nil")
	}
}

func TestAllWalksPages(t *testing.T) {
	rec := pagedServer(t, 123)
	c, _ := newTestClient(t, rec, nil)
	ctx := context.Background()
	fetch := func(ctx context.Context, o ListOptions) (*Page[Organisation], error) {
		return c.ListBeneficiaries(ctx, &o)
	}

	all, err := All(ctx, fetch, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 123 || all[0].ID != "org_000" || all[122].ID != "org_122" {
		t.Fatalf("got %d items", len(all))
	}
	reqs := rec.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	wantQ := []string{"first=50", "after=cur50&first=50", "after=cur100&first=50"}
	for i, r := range reqs {
		if r.RawQuery != wantQ[i] {
			t.Errorf("page %d query = %q, want %q", i, r.RawQuery, wantQ[i])
		}
	}

	// Limit stops early.
	rec2 := pagedServer(t, 123)
	c2, _ := newTestClient(t, rec2, nil)
	some, err := All(ctx, func(ctx context.Context, o ListOptions) (*Page[Organisation], error) {
		return c2.ListBeneficiaries(ctx, &o)
	}, 60)
	if err != nil {
		t.Fatal(err)
	}
	if len(some) != 60 || some[59].ID != "org_059" {
		t.Errorf("limit: got %d", len(some))
	}
	if n := rec2.count.Load(); n != 2 {
		t.Errorf("limit: %d requests, want 2", n)
	}

	// With filters.
	rec3 := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, emptyPage()) })
	c3, _ := newTestClient(t, rec3, nil)
	filters := CreditBatchListOptions{SupplierID: "sup_1", Status: []CreditBatchStatus{CreditBatchStatusActive}}
	if _, err := All(ctx, func(ctx context.Context, o ListOptions) (*Page[CreditBatch], error) {
		opts := filters
		opts.ListOptions = o
		return c3.ListOrganisationCreditBatches(ctx, "org_1", &opts)
	}, 0); err != nil {
		t.Fatal(err)
	}
	if q := rec3.last().RawQuery; q != "first=50&status=active&supplier_id=sup_1" {
		t.Errorf("filtered All query = %q", q)
	}
}

func TestAllStopsOnBrokenCursor(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, map[string]any{"nodes": []any{orgJSON("org_1")}, "total_count": 9,
			"page_info": map[string]any{"has_next_page": true, "has_previous_page": false, "start_cursor": "same", "end_cursor": "same"}})
	})
	c, _ := newTestClient(t, rec, nil)
	_, err := All(context.Background(), func(ctx context.Context, o ListOptions) (*Page[Organisation], error) {
		return c.ListTransferees(ctx, &o)
	}, 0)
	if !errors.Is(err, ErrPaginationLoop) {
		t.Errorf("err = %v, want ErrPaginationLoop", err)
	}
	if n := rec.count.Load(); n != 2 {
		t.Errorf("%d requests", n)
	}
}

func TestLenientDecoding(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeRaw(w, 200, `{
		  "id": "ctb_1", "status": "frozen", "brand_new_field": {"x": [1,2,3]},
		  "size": {"credit_kgs": 9007199254740993, "credits": 9007199254740.993, "extra": true},
		  "owner": {"id": "org_1", "name": "Owner", "domain": null, "kind": "new"},
		  "issued_at": "2024-01-02T03:04:05Z", "sequestered_on": "2023-05-06",
		  "carbon_removal_data": null, "beneficiary": null
		}`)
	})
	c, _ := newTestClient(t, rec, nil)
	b, err := c.GetCreditBatch(context.Background(), "ctb_1")
	if err != nil {
		t.Fatalf("lenient decoding failed: %v", err)
	}
	if b.Status != CreditBatchStatus("frozen") || b.Size.CreditKgs != 9007199254740993 || b.Size.Credits.String() != "9007199254740.993" || b.Owner.ID != "org_1" {
		t.Errorf("decoded %+v", b)
	}

	rec2 := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeRaw(w, 200, `{"id":"prj_1","status":"archived_forever","pathway":"space_mirrors","location":{"country_code":"ISL","country_name":"Iceland","latitude":64.1,"longitude":-21.9,"altitude":3},"future":1}`)
	})
	c2, _ := newTestClient(t, rec2, nil)
	p, err := c2.GetProject(context.Background(), "prj_1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != "archived_forever" || p.Pathway != "space_mirrors" || p.Location.Latitude.String() != "64.1" {
		t.Errorf("decoded %+v", p)
	}
}

func TestNullBodyIsNotFound(t *testing.T) {
	rec := answering(t, 200, "null")
	c, sink := newTestClient(t, rec, nil)
	ctx := context.Background()
	calls := map[string]func() error{
		"GetOrganisation": func() error { _, e := c.GetOrganisation(ctx, "org_x"); return e },
		"GetProject":      func() error { _, e := c.GetProject(ctx, "prj_x"); return e },
		"GetSupplier":     func() error { _, e := c.GetSupplier(ctx, "sup_x"); return e },
	}
	for name, call := range calls {
		err := call()
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
		var ae *APIError
		if !errors.As(err, &ae) || ae.StatusCode != 200 {
			t.Errorf("%s: not an APIError with status 200: %#v", name, err)
		}
	}
	if n := rec.count.Load(); n != 3 {
		t.Errorf("null body retried: %d requests", n)
	}
	assertLogsClean(t, sink)
}

func TestResolveBaseURL(t *testing.T) {
	if u, err := ResolveBaseURL("production", "http://127.0.0.1:8080/registry/v0/"); err != nil || u != "http://127.0.0.1:8080/registry/v0" {
		t.Errorf("endpoint: %q %v", u, err)
	}
	if u, err := ResolveBaseURL("production", ""); err != nil || u != ProductionURL {
		t.Errorf("env: %q %v", u, err)
	}
	if _, err := ResolveBaseURL("moon", ""); err == nil {
		t.Errorf("bad env accepted")
	}
}

func TestPOSTUnreadableSuccessIsOutcomeUnknown(t *testing.T) {
	rec := answering(t, 200, `{"id": 12, "notes": [}`)
	c, _ := newTestClient(t, rec, nil)
	_, err := c.CreateRetirement(context.Background(), CreateRetirementByBatchRequest{})
	if !IsOutcomeUnknown(err) {
		t.Errorf("err = %T %v", err, err)
	}
	if n := rec.count.Load(); n != 1 {
		t.Errorf("%d requests", n)
	}
	// A GET with an unreadable body is a plain error, not retried.
	_, err = c.GetRetirement(context.Background(), "ret_1")
	if err == nil || IsOutcomeUnknown(err) {
		t.Errorf("GET err = %v", err)
	}
}

func TestValidateBaseURL(t *testing.T) {
	for _, ok := range []string{"https://api.sandbox.isometric.com/registry/v0", "http://127.0.0.1:8765/registry/v0/", " https://api.carbonregistry.com ", "HTTPS://x"} {
		if err := ValidateBaseURL(ok); err != nil {
			t.Errorf("ValidateBaseURL(%q) = %v", ok, err)
		}
	}
	for raw, want := range map[string]string{
		"::":                       `invalid base URL "::": missing protocol scheme`,
		"/relative":                `invalid base URL "/relative": it must be an absolute http:// or https:// URL`,
		"ftp://x":                  `invalid base URL "ftp://x": it must be an absolute http:// or https:// URL`,
		"http://":                  `invalid base URL "http://": it has no host`,
		"http://x/registry/v0?a=b": `invalid base URL "http://x/registry/v0?a=b": it must not have a query or a fragment`,
		"http://x/registry/v0?":    `invalid base URL "http://x/registry/v0?": it must not have a query or a fragment`,
		"http://x/registry/v0#f":   `invalid base URL "http://x/registry/v0#f": it must not have a query or a fragment`,
		"http://u:pw@x/v0":         "invalid base URL: it must not contain credentials (user:password@); the client sends its credentials as request headers",
	} {
		err := ValidateBaseURL(raw)
		if err == nil || err.Error() != want {
			t.Errorf("ValidateBaseURL(%q) = %v, want %q", raw, err, want)
			continue
		}
		// The constructors and ResolveBaseURL apply the same check.
		if _, err := New(Config{BaseURL: raw}); err == nil || err.Error() != want {
			t.Errorf("New(%q) = %v, want %q", raw, err, want)
		}
		if _, err := NewICR(ICRConfig{BaseURL: raw}); err == nil || err.Error() != want {
			t.Errorf("NewICR(%q) = %v, want %q", raw, err, want)
		}
		if _, err := ResolveBaseURL("sandbox", raw); err == nil || err.Error() != want {
			t.Errorf("ResolveBaseURL(sandbox, %q) = %v, want %q", raw, err, want)
		}
	}
}

func TestListOptionsValidation(t *testing.T) {
	rec := newRecorder(t, universal)
	c, _ := newTestClient(t, rec, nil)
	ctx := context.Background()
	batches := func(o CreditBatchListOptions) error {
		_, err := c.ListOrganisationCreditBatches(ctx, "org_1", &o)
		return err
	}
	bad := []struct {
		name string
		call func() error
		want string
	}{
		{"first 51", func() error { _, e := c.ListProjects(ctx, &ListOptions{First: MaxPageSize + 1}); return e },
			"GET /projects: invalid options: first must be between 1 and 50 (0 leaves it unset), got 51"},
		{"negative last", func() error { _, e := c.ListSuppliers(ctx, &ListOptions{Last: -1}); return e },
			"GET /suppliers: invalid options: last must be between 1 and 50 (0 leaves it unset), got -1"},
		{"embedded page size", func() error {
			_, e := c.ListDeliveries(ctx, &DeliveryListOptions{ListOptions: ListOptions{First: 100}})
			return e
		}, "GET /deliveries: invalid options: first must be between 1 and 50 (0 leaves it unset), got 100"},
		{"unknown status", func() error { return batches(CreditBatchListOptions{Status: []CreditBatchStatus{"frozen"}}) },
			`GET /organisations/org_1/credit_batches: invalid options: status "frozen" is not one of active, split, retired`},
		{"repeated status", func() error {
			return batches(CreditBatchListOptions{Status: []CreditBatchStatus{CreditBatchStatusActive, CreditBatchStatusActive}})
		}, `GET /organisations/org_1/credit_batches: invalid options: status "active" is given twice`},
		{"unknown sort field", func() error { return batches(CreditBatchListOptions{SortField: "size"}) },
			`GET /organisations/org_1/credit_batches: invalid options: sort_field "size" is not one of issued_at`},
		{"unknown sort direction", func() error { return batches(CreditBatchListOptions{SortDirection: "up"}) },
			`GET /organisations/org_1/credit_batches: invalid options: sort_direction "up" is not one of asc, desc`},
		{"credit batch page size", func() error { return batches(CreditBatchListOptions{ListOptions: ListOptions{Last: 51}}) },
			"GET /organisations/org_1/credit_batches: invalid options: last must be between 1 and 50 (0 leaves it unset), got 51"},
	}
	for _, tc := range bad {
		err := tc.call()
		if !errors.Is(err, ErrInvalidOptions) || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if n := rec.count.Load(); n != 0 {
		t.Errorf("%d requests sent with invalid options", n)
	}

	// The bounds themselves are valid, and so are nil options of every type.
	good := []func() error{
		func() error { _, e := c.ListProjects(ctx, &ListOptions{First: 1, Last: MaxPageSize}); return e },
		func() error {
			return batches(CreditBatchListOptions{Status: []CreditBatchStatus{CreditBatchStatusActive, CreditBatchStatusSplit, CreditBatchStatusRetired},
				SortField: CreditBatchSortFieldIssuedAt, SortDirection: SortDirectionDesc})
		},
		func() error { _, e := c.ListProjects(ctx, nil); return e },
		func() error { _, e := c.ListOrganisationCreditBatches(ctx, "org_1", nil); return e },
		func() error { _, e := c.ListDeliveries(ctx, nil); return e },
		func() error { _, e := c.ListTransfers(ctx, nil); return e },
		func() error { _, e := c.ListRetirements(ctx, nil); return e },
	}
	for i, call := range good {
		if err := call(); err != nil {
			t.Errorf("valid call %d: %v", i, err)
		}
	}
	if n := rec.count.Load(); n != int64(len(good)) {
		t.Errorf("%d requests for %d valid calls", n, len(good))
	}
}

// TestRequestLogQuery: the log line of a call holds its query string (filters, page size, cursor),
// with secrets redacted, and no query for a call without one.
func TestRequestLogQuery(t *testing.T) {
	rec := newRecorder(t, universal)
	c, sink := newTestClient(t, rec, nil)
	ctx := context.Background()
	if _, err := c.ListRetirements(ctx, &RetirementListOptions{ListOptions: ListOptions{First: 50, After: "cursor-1"}, OwnerOrgID: "org_1OWNER00000000001"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListRetirements(ctx, &RetirementListOptions{ListOptions: ListOptions{After: testToken}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetRetirement(ctx, "ret_1RETIREMENT000001"); err != nil {
		t.Fatal(err)
	}
	logs := sink.all()
	if len(logs) != 3 {
		t.Fatalf("%d log entries, want 3", len(logs))
	}
	if want := "after=cursor-1&first=50&owner_org_id=org_1OWNER00000000001"; logs[0].Query != want {
		t.Errorf("query logged %q, want %q", logs[0].Query, want)
	}
	if strings.Contains(logs[1].Query, testToken) || !strings.HasPrefix(logs[1].Query, "after=") {
		t.Errorf("a secret in the query must be redacted: %q", logs[1].Query)
	}
	if logs[2].Query != "" {
		t.Errorf("a call without query logs %q", logs[2].Query)
	}
}
